"""Contributor SVGs on their own: what the check says of each attack, and what the build would publish of it anyway."""

from __future__ import annotations

import pytest

from stretchguide.images import svg_problems
from stretchguide.svgsafe import EMPTY_SVG, clean_svg, decode_css_escapes

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
PUBLISHED_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'


def svg(body: str) -> bytes:
    return f"{OPEN}{body}</svg>".encode()


# (the drawing's inside, what the check says, what the build publishes of the inside)
ATTACKS = [
    pytest.param(
        r'<style>@\69mport "https://evil.example/x.css";</style><rect width="4"/>',
        [
            "a <style> element imports an outside stylesheet (spelt with CSS escapes); keep styles inside the file",
        ],
        '<style/><rect width="4"/>',
        id="style-import-behind-escapes",
    ),
    pytest.param(
        r"<style>rect{fill:\75rl(https://evil.example/p.png)}</style>",
        [
            "a <style> element loads 'https://evil.example/p.png' (spelt with CSS escapes); "
            "an SVG may only use url(#id) of parts of itself"
        ],
        "<style/>",
        id="style-url-behind-escapes",
    ),
    pytest.param(
        "<rect style=\"fill:red;background:image-set('https://evil.example/p.png' 1x)\"/>",
        ["the style attribute of <rect> uses image-set(), which can load outside content; remove it"],
        "<rect/>",
        id="image-set-in-style-attribute",
    ),
    pytest.param(
        r"<rect style='fill:-webkit-im\61ge-set(\"https://evil.example/p.png\" 1x)'/>",
        [
            "the style attribute of <rect> uses image-set() (spelt with CSS escapes), which can load outside "
            "content; remove it"
        ],
        "<rect/>",
        id="image-set-behind-escapes",
    ),
    pytest.param(
        f'<img {XHTML} src="https://evil.example/p.png"/><circle r="2"/>',
        [
            "the SVG has an HTML <img> element inside it, which can load outside content or send the reader "
            "elsewhere; remove it"
        ],
        '<circle r="2"/>',
        id="xhtml-img",
    ),
    pytest.param(
        f'<meta {XHTML} http-equiv="refresh" content="0;url=https://evil.example/"/><rect width="1"/>',
        [
            "the SVG has an HTML <meta> element inside it, which can load outside content or send the reader "
            "elsewhere; remove it"
        ],
        '<rect width="1"/>',
        id="xhtml-meta-refresh",
    ),
    pytest.param(
        f'<foreignObject><div {XHTML}><img src="https://evil.example/p.png"/></div></foreignObject><rect width="1"/>',
        ["the SVG has a <foreignObject> element, which can embed other content; remove it"],
        '<rect width="1"/>',
        id="foreign-object",
    ),
    pytest.param(
        '<use xlink:href="https://evil.example/s.svg#a"/><use href="#c"/>',
        ["<use> refers to 'https://evil.example/s.svg#a'; an SVG may only refer to parts of itself (#id)"],
        '<use/><use href="#c"/>',
        id="xlink-href-to-http",
    ),
    pytest.param(
        '<script>alert(1)</script><rect onload="alert(1)" width="1"/>',
        [
            "the SVG has a <script> element, which runs scripts; remove it",
            "the SVG has an event handler (onload= on <rect>), which runs scripts; remove it",
        ],
        '<rect width="1"/>',
        id="script-and-handler",
    ),
    pytest.param(
        '<a href="#x"><set attributeName="href" to="javascript:alert(1)"/><text>go</text></a>',
        ["the SVG has a <set> element, which is not one of the plain drawing elements the guide publishes; remove it"],
        '<a href="#x"><text>go</text></a>',
        id="animation-rewriting-a-link",
    ),
    pytest.param(
        '<g xmlns:ink="http://www.inkscape.org/namespaces/inkscape" ink:label="Layer" ink:groupmode="layer">'
        '<ink:thing/><rect xml:base="https://evil.example/" target="_top" width="1"/></g>',
        [
            "the SVG has attributes from another namespace (http://www.inkscape.org/namespaces/inkscape), such as "
            "label= on <g>, which the guide does not publish; save it as plain SVG or remove them",
            "the SVG has a <thing> element from another namespace (http://www.inkscape.org/namespaces/inkscape), "
            "which the guide does not publish; save it as plain SVG or remove it",
            "the SVG has an xml:base= attribute on <rect>, which the guide does not publish; remove it",
            "the SVG has a target= attribute on <rect>, which is not one the guide publishes; remove it",
        ],
        '<g><rect width="1"/></g>',
        id="foreign-namespaces-and-unknown-attributes",
    ),
]


@pytest.mark.parametrize(("inside", "messages", "published"), ATTACKS)
def test_the_check_names_each_attack(inside, messages, published):
    assert svg_problems(svg(inside)) == messages


@pytest.mark.parametrize(("inside", "messages", "published"), ATTACKS)
def test_the_build_publishes_the_drawing_without_the_attack(inside, messages, published):
    assert clean_svg(svg(inside)) == f"{PUBLISHED_OPEN}{published}</svg>"


def test_a_plain_drawing_passes_and_is_published_as_it_means():
    drawing = (
        '<title>Cat-Cow</title><defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
        '<clipPath id="c"><rect width="5" height="5"/></clipPath></defs>'
        "<style>.a{fill:url(#g);stroke:#333}@media (prefers-color-scheme:dark){.a{stroke:#ccc}}</style>"
        '<g class="a" clip-path="url(#c)" transform="rotate(5)"><path d="M0 0L5 5" stroke-width="0.5"/>'
        '<circle id="head" cx="5" cy="2" r="1" data-name="head"/><use xlink:href="#head" x="1"/></g>'
        '<text x="1" y="9" font-family="Inter, sans-serif">A &lt; B &amp; "C"</text>'
    )
    assert svg_problems(svg(drawing)) == []
    assert clean_svg(svg(drawing)) == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
        f"{drawing}</svg>"
    )


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        b"<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
        b"<html><body><img src='https://evil.example/p.png'/></body></html>",
        b"\xff\xfe<\x00s\x00v\x00g\x00",
    ],
    ids=["declarations", "not-well-formed", "not-an-svg", "not-utf-8"],
)
def test_a_file_that_is_no_plain_drawing_is_published_as_an_empty_drawing(data):
    assert svg_problems(data)
    assert clean_svg(data) == EMPTY_SVG


def test_an_outside_stylesheet_instruction_is_named_and_left_out():
    data = b'<?xml-stylesheet href="https://evil.example/x.css"?>' + svg('<rect width="1"/>')
    assert svg_problems(data) == ["the SVG links an outside stylesheet; put the styles inside the file"]
    assert clean_svg(data) == f'{PUBLISHED_OPEN}<rect width="1"/></svg>'


@pytest.mark.parametrize(
    ("css", "decoded"),
    [
        (r"@\69mport", "@import"),
        (r"@\000069 mport", "@import"),
        (r"\75 rl(", "url("),
        (r"\u\r\l(", "url("),
        (r"a\0 b", "a\ufffdb"),
        ("a\\\nb", "ab"),
        ("a\\", "a\ufffd"),
    ],
)
def test_css_escapes_are_read_as_a_browser_reads_them(css, decoded):
    assert decode_css_escapes(css) == decoded


def test_an_editors_metadata_and_comments_pass_and_are_left_out():
    data = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!-- Created with Inkscape -->\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/" width="10"><metadata id="m"><rdf:RDF><dc:title>Pose'
        b'</dc:title></rdf:RDF></metadata><g id="layer1"><rect width="1"/></g></svg>'
    )
    assert svg_problems(data) == []
    assert (
        clean_svg(data)
        == '<svg xmlns="http://www.w3.org/2000/svg" width="10"><g id="layer1"><rect width="1"/></g></svg>'
    )
