"""Text and number fields: controls refused, whole numbers whole, licences reusable, and every accepted character printable."""

from __future__ import annotations

import re
import subprocess
from html import escape
from pathlib import Path

import pytest

from stretchguide.characters import CONTROL
from stretchguide.images import LICENCES, image_problems
from stretchguide.loader import load_catalog
from stretchguide.problems import ContentError
from stretchguide.schema import SCHEMA_FILES, schema, validator
from stretchguide.sheet import render_sheet, sheet_for_series, write_pdf
from stretchguide.sheet.glyphs import _printable
from tests.conftest import exercise_text

SITE = "https://guide.example.org/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def problems(content) -> list[str]:
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    return [str(problem) for problem in raised.value.problems]


# Control characters


@pytest.mark.parametrize(
    "code", ["0000", "0008", "000b", "000d", "001f", "007f", "0080", "0085", "009f", "202a", "202e", "2066", "2069"]
)
def test_a_control_or_bidi_character_in_a_field_is_refused_by_name(content, code):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", summary=f'summary: "Tuck the chin\\u{code} in."'))
    shown = "\\r" if code == "000d" else f"\\u{code}"  # as escaped in every message
    assert problems(content) == [
        f"content/exercises/chin-tucks.md:4:10: summary: contains a control character ({shown}); remove it"
    ]


def test_a_control_character_in_the_body_is_refused_where_it_stands(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose", "Optional\x1b[8m prose"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:26:9: file: contains a control character (\\u001b); remove it"
    ]


def test_tabs_newlines_and_other_invisible_but_harmless_characters_are_accepted(content):
    text = 'summary: "Tuck\\tthe chin\\nin, then\\u00a0rest."'
    content.exercise("chin-tucks", exercise_text("Chin Tucks", summary=text))
    assert load_catalog(content.dir).exercises["chin-tucks"].summary == "Tuck\tthe chin\nin, then\u00a0rest."


# Whole numbers


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_every_schema_counts_only_whole_numbers_written_without_a_point_as_integers(name):
    checker = validator(name)
    assert checker.is_type(5, "integer")
    assert not checker.is_type(5.0, "integer")
    assert not checker.is_type(True, "integer")


def test_a_fraction_in_a_whole_number_field_is_still_named_as_a_number(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("reps: 8", "reps: 5.5"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:11:9: dose.reps: must be a whole number such as 30, not the number 5.5"
    ]


# Licences


@pytest.mark.parametrize("licence", LICENCES)
def test_each_licence_that_allows_reuse_is_accepted(tmp_path, licence):
    (tmp_path / "pose.png").write_bytes(PNG)
    image = {"file": "pose.png", "alt": "Kneeling.", "license": licence, "author": "A. B.", "source": "own work"}
    assert image_problems(image, tmp_path) == []


def test_the_field_reference_names_every_accepted_licence():
    description = schema("image.schema.json")["properties"]["license"]["description"]
    assert re.findall(r"`([^`]+)`", description) == list(LICENCES)


def test_a_licence_in_other_letters_is_asked_for_by_its_spdx_name(tmp_path):
    (tmp_path / "pose.png").write_bytes(PNG)
    image = {"file": "pose.png", "alt": "Kneeling.", "license": "cc-by-sa-4.0", "author": "A. B.", "source": "own work"}
    assert image_problems(image, tmp_path) == [(("license",), "write the licence's SPDX name exactly: CC-BY-SA-4.0")]


def test_a_licence_forbidding_changes_says_why_it_is_refused(tmp_path):
    (tmp_path / "pose.png").write_bytes(PNG)
    image = {"file": "pose.png", "alt": "Kneeling.", "license": "CC-BY-ND-4.0", "author": "A. B.", "source": "own work"}
    assert image_problems(image, tmp_path) == [
        (
            ("license",),
            "CC-BY-ND-4.0 forbids changes, so the picture could not be cropped or adapted; "
            "choose CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0",
        )
    ]


# The sheet's font

AWKWARD = "Café naïve e\u0301 ẞ Ł Ж Ω – — “quoted” ‘x’ … ½ ⅓ ° × → € ™ © − 1\u00a0000 soft\u00adhyphen zero\u200bwidth"


INTER = re.compile(r"[A-Z]{6}\+Inter(-[A-Za-z-]+)?")  # a subset of a bundled face, as pdffonts names it


def fonts(pdf: bytes, tmp_path: Path) -> set[str]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return {row.split()[0] for row in rows[2:]}


def test_awkward_but_accepted_characters_in_printed_fields_print_in_inter(content, tmp_path):
    content.with_pictures()
    path = content.dir / "exercises" / "chin-tucks.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("Chin Tucks", f"Chin Tucks {AWKWARD[:20]}", 1)
        .replace("- Cross your arms over your chest.", f"- Cross your arms {AWKWARD}"),
        encoding="utf-8",
    )
    catalog = load_catalog(content.dir, root=content.root, require_pictures=True)
    rendered = render_sheet(sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=content.root), "a4")
    assert all(INTER.fullmatch(name) for name in fonts(rendered.pdf, tmp_path))


def test_a_step_with_a_line_break_is_accepted_and_can_be_printed(content):
    step = "- |\n    Cross your arms\n    over your chest."
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("- Cross your arms over your chest.", step))
    catalog = load_catalog(content.dir, root=content.root)
    sheet = sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=content.root)
    assert "Cross your arms\nover your chest.\n" in sheet.blocks[2].steps


def test_every_character_the_check_accepts_prints_in_the_sheet_font(content, tmp_path):
    content.with_pictures()
    catalog = load_catalog(content.dir, root=content.root)
    html = render_sheet(sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=content.root), "a4").html
    accepted = "".join(chr(code) for code in sorted(_printable()) if not CONTROL.match(chr(code)))
    pdf = write_pdf(html.replace("</h1>", f"</h1><p>{escape(accepted)}</p>", 1))
    assert all(INTER.fullmatch(name) for name in fonts(pdf, tmp_path))
