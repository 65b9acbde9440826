"""What a reader of a printed sheet gets: one page, each exercise's picture at least 30 mm tall, steps in 10 pt or larger."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from stretchguide.cache import Cache
from stretchguide.loader import load_catalog
from stretchguide.sheet import PAPERS, build_series_sheets
from stretchguide.sheet.content import exercise_url
from stretchguide.sheet.printed import PRINTED_STEPS
from stretchguide.sheet.render import write_pdf
from tests.conftest import REPO, Content
from tests.test_sheet import _inflated

SITE = "https://guide.example.org/"
SMALLEST_PICTURE_MM = 30
SMALLEST_STEP_PT = 10
MM_PER_PT = 25.4 / 72
SHORT_STEPS = """steps:
  - Sit tall with both feet flat on the floor.
  - Breathe in and lift your chest a little.
  - Breathe out and let your shoulders drop.
"""


@pytest.fixture(scope="module")
def test_catalog(tmp_path_factory):
    """A small catalog of figures: the fixture's series, and one of the most exercises a series may have."""
    content = Content(tmp_path_factory.mktemp("catalog")).with_pictures()
    slugs = [path.stem for path in sorted((content.dir / "exercises").glob("*.md"))]
    for number in range(1, 7 - len(slugs)):
        text = (content.dir / "exercises" / f"{slugs[0]}.md").read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", f"title: Copy {number}", text, count=1, flags=re.M)
        text = re.sub(r"^steps:\n(  - .*\n)+", SHORT_STEPS, text, count=1, flags=re.M)
        content.exercise(f"copy-{number}", text)
        slugs.append(f"copy-{number}")
    items = "".join(f"  - exercise: {slug}\n" for slug in slugs)
    content.series(
        "six-moves",
        f'title: Six Moves\nsummary: Six moves for a full sheet.\nexercises:\n{items}reviewed: "2026-11-01"\n',
    )
    return content.root


def sheets_of(root: Path, folder: Path) -> list[tuple[object, str, Path]]:
    """(series, paper, PDF) for every series of the catalog under `root`, built as the site build does."""
    catalog = load_catalog(root / "content", root=root)
    build_series_sheets(catalog, folder / "downloads", site_url=SITE, cache=Cache(folder / "cache"), root=root)
    return [
        (series, paper, folder / "downloads" / f"{series.slug}-{paper}.pdf")
        for series in catalog.series.values()
        for paper in PAPERS
    ]


@pytest.fixture(scope="module", params=["test catalog", "real content"])
def sheets(request, test_catalog, tmp_path_factory):
    root = test_catalog if request.param == "test catalog" else REPO
    return sheets_of(root, tmp_path_factory.mktemp("sheets"))


def pages(pdf: Path) -> int:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", output, re.M).group(1))


def picture_heights_mm(pdf: Path) -> dict[str, float]:
    """Link address -> height in mm of the tallest area linking there: each exercise's picture links to its page."""
    heights: dict[str, float] = {}
    pattern = rb"/Rect \[([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)\][^\n]*?/URI \(([^)]*)\)"
    for match in re.finditer(pattern, _inflated(pdf.read_bytes())):
        _, low, _, high, url = match.groups()
        height = abs(float(high) - float(low)) * MM_PER_PT
        heights[url.decode()] = max(height, heights.get(url.decode(), 0.0))
    return heights


def word_lines(pdf: Path) -> list[tuple[str, float]]:
    """Each line of text on the page with the height of its tallest word box, in pt."""
    layout = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", layout.stdout))
    lines = []
    for line in root.iter("{http://www.w3.org/1999/xhtml}line"):
        words = list(line.iter("{http://www.w3.org/1999/xhtml}word"))
        text = " ".join(word.text or "" for word in words)
        lines.append((text, max(float(word.get("yMax")) - float(word.get("yMin")) for word in words)))
    return lines


@pytest.fixture(scope="module")
def ten_point_height(tmp_path_factory) -> float:
    """How tall pdftotext finds a word set in 10 pt of the sheet's own font, to compare the steps with."""
    pdf = tmp_path_factory.mktemp("calibration") / "ten-point.pdf"
    html = '<link rel="stylesheet" href="sheet.css"><p style="font-size: 10pt">Sit tall with both feet flat.</p>'
    pdf.write_bytes(write_pdf(html))
    [(_, height)] = word_lines(pdf)
    return height


def test_every_sheet_is_exactly_one_page(sheets):
    for series, paper, pdf in sheets:
        assert pages(pdf) == 1, f"{series.slug} on {paper}"


def test_every_exercise_has_a_picture_at_least_30_mm_tall(sheets):
    for series, paper, pdf in sheets:
        heights = picture_heights_mm(pdf)
        for item in series.items:
            height = heights.get(exercise_url(SITE, item.exercise.slug), 0.0)
            assert height >= SMALLEST_PICTURE_MM, f"{series.slug} on {paper}: {item.exercise.slug} is {height:.1f} mm"


def test_every_step_is_printed_in_10_pt_or_larger(sheets, ten_point_height):
    for series, paper, pdf in sheets:
        lines = word_lines(pdf)
        for item in series.items:
            for step in item.exercise.steps[:PRINTED_STEPS]:
                first_lines = [
                    height for text, height in lines if len(text) > 12 and step.startswith(re.sub(r"^\d+\. ", "", text))
                ]
                assert first_lines, f"{series.slug} on {paper}: step not found: {step}"
                assert min(first_lines) >= ten_point_height * 0.99, f"{series.slug} on {paper}: {step}"
