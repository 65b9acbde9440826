"""Contributor pictures: files stay in the images folder, are what they say, and SVGs stay inert."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from stretchguide.images import MAX_BYTES, image_problems

SCHEMA = Path(__file__).resolve().parent.parent / "stretchguide" / "schemas" / "image.schema.json"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 64
WEBP = b"RIFF\x10\0\0\0WEBPVP8 " + b"\0" * 64
CLEAN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    '<defs><linearGradient id="g"/></defs><style>.a{fill:url(#g)}</style>'
    '<circle id="c" class="a" r="4"/><use xlink:href="#c"/><use href="#c" style="fill:url(#g)"/></svg>'
)


def picture(**changes):
    return {
        "file": "pose.png",
        "alt": "Kneeling, the person sits back on the heels.",
        "license": "CC-BY-4.0",
        "author": "A. Contributor",
        "source": "own work",
        **changes,
    }


@pytest.fixture
def images(tmp_path) -> Path:
    folder = tmp_path / "content" / "exercises" / "images"
    folder.mkdir(parents=True)
    return folder


def messages(problems) -> str:
    return " | ".join(message for _, message in problems)


@pytest.mark.parametrize(
    ("name", "data"),
    [("pose.png", PNG), ("pose.jpg", JPEG), ("pose.jpeg", JPEG), ("pose.webp", WEBP), ("pose.svg", CLEAN_SVG.encode())],
)
def test_real_files_of_each_kind_pass(images, name, data):
    (images / name).write_bytes(data)
    assert image_problems(picture(file=name), images) == []


def test_a_file_in_a_subfolder_passes(images):
    (images / "cat-cow").mkdir()
    (images / "cat-cow" / "start.png").write_bytes(PNG)
    assert image_problems(picture(file="cat-cow/start.png"), images) == []


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("pose.png", JPEG, "PNG"), ("pose.jpg", PNG, "JPEG"), ("pose.webp", PNG, "WebP"), ("pose.png", b"<svg/>", "PNG")],
)
def test_a_file_that_is_not_what_its_extension_says_is_refused(images, name, data, kind):
    (images / name).write_bytes(data)
    problems = image_problems(picture(file=name), images)
    assert problems == [
        (("file",), f"{name} is not really a {kind} file; save it again as {kind} or fix the extension")
    ]


def test_a_file_over_the_size_cap_is_refused(images):
    (images / "big.jpg").write_bytes(JPEG + b"\0" * MAX_BYTES)
    assert "at most 1 MiB" in messages(image_problems(picture(file="big.jpg"), images))


def test_a_missing_file_is_named(images):
    assert image_problems(picture(file="nowhere.png"), images) == [
        (("file",), "there is no file nowhere.png in content/exercises/images/")
    ]


@pytest.mark.parametrize(
    "name", ["../secret.png", "a/../../secret.png", "/etc/passwd.png", "C:/x.png", "a\\b.png", "./pose.png"]
)
def test_a_path_that_leaves_the_folder_is_refused(images, name):
    (images.parent / "secret.png").write_bytes(PNG)
    problems = image_problems(picture(file=name), images)
    assert problems and problems[0][0] == ("file",)
    assert "content/exercises/images/" in problems[0][1]


def test_a_symlink_that_escapes_the_folder_is_refused(images):
    outside = images.parent / "outside.png"
    outside.write_bytes(PNG)
    (images / "link.png").symlink_to(outside)
    assert image_problems(picture(file="link.png"), images) == [
        (("file",), "link.png is a symbolic link; commit the file itself")
    ]


def test_a_folder_on_the_way_that_is_a_link_is_refused_unfollowed(images):
    (images / "poses").symlink_to("/etc")
    assert image_problems(picture(file="poses/passwd.png"), images) == [
        (("file",), "poses is a symbolic link; commit the file itself")
    ]


def test_other_kinds_of_files_are_refused(images):
    (images / "pose.gif").write_bytes(b"GIF89a")
    assert "must be .jpg, .png, .svg, .webp files" in messages(image_problems(picture(file="pose.gif"), images))


def svg(body: str, extra: str = "") -> bytes:
    return f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"{extra}>{body}</svg>'.encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (svg("<script>alert(1)</script>"), "the SVG has a <script> element, which runs scripts; remove it"),
        (
            svg('<circle r="1"/>', ' onload="alert(1)"'),
            "the SVG has an event handler (onload= on <svg>), which runs scripts; remove it",
        ),
        (
            svg('<rect onClick="x()"/>'),
            "the SVG has an event handler (onClick= on <rect>), which runs scripts; remove it",
        ),
        (
            svg('<image href="https://example.org/a.png"/>'),
            "<image> refers to 'https://example.org/a.png'; an SVG may only refer to parts of itself (#id)",
        ),
        (
            svg('<use xlink:href="other.svg#a"/>'),
            "<use> refers to 'other.svg#a'; an SVG may only refer to parts of itself (#id)",
        ),
        (
            svg('<a href="javascript:alert(1)"><text>x</text></a>'),
            "<a> refers to 'javascript:alert(1)'; an SVG may only refer to parts of itself (#id)",
        ),
        (
            svg('<rect style="fill:url(https://example.org/p.svg#g)"/>'),
            "the style attribute of <rect> loads 'https://example.org/p.svg#g'; an SVG may only use url(#id) of parts of itself",
        ),
        (
            svg("<style>@import 'https://example.org/x.css';</style>"),
            "a <style> element imports an outside stylesheet; keep styles inside the file",
        ),
        (
            svg("<style>rect{fill:url('data:image/png;base64,AAAA')}</style>"),
            "a <style> element loads 'data:image/png;base64,AAAA'; an SVG may only use url(#id) of parts of itself",
        ),
        (
            svg("<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>hi</div></foreignObject>"),
            "the SVG has a <foreignObject> element, which can embed other content; remove it",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "the SVG has a DOCTYPE or ENTITY declaration; remove it (plain SVG needs neither)",
        ),
        (
            b'<?xml-stylesheet href="https://example.org/x.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            "the SVG links an outside stylesheet; put the styles inside the file",
        ),
        (
            b"<html><body>not a drawing</body></html>",
            "the file is not an SVG drawing (its outer element must be <svg> in the SVG namespace)",
        ),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>", "the SVG is not well-formed XML"),
    ],
)
def test_an_unsafe_or_broken_svg_is_refused_with_a_clear_message(images, data, expected):
    (images / "pose.svg").write_bytes(data)
    problems = image_problems(picture(file="pose.svg"), images)
    assert problems, "the SVG should have been refused"
    assert all(path == ("file",) for path, _ in problems)
    assert any(message.startswith(expected) for _, message in problems), messages(problems)


def test_the_image_schema_is_a_valid_draft_2020_12_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert "$id" not in schema


def test_the_image_schema_asks_for_alt_text_licence_author_and_source():
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert not list(validator.iter_errors(picture()))
    assert not list(validator.iter_errors(picture(source="https://commons.wikimedia.org/wiki/File:x.png")))
    for field in ("alt", "license", "author", "source"):
        broken = picture()
        del broken[field]
        assert list(validator.iter_errors(broken)), field
    assert list(validator.iter_errors(picture(file="../x.png")))
    assert list(validator.iter_errors(picture(source="http://example.org/x")))
    assert list(validator.iter_errors(picture(colour="red")))


def test_every_property_has_a_description():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert all(prop.get("description") for prop in schema["properties"].values())
