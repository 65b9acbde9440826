"""What a reader of a printed sheet gets: one page, each exercise's picture at least 30 mm tall, steps in 10 pt or larger."""

from __future__ import annotations

import base64
import json
import math
import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

import stretchguide.sheet.render
from stretchguide.cache import Cache
from stretchguide.figures import render_pose_svg
from stretchguide.loader import load_catalog
from stretchguide.sheet import PAPERS, build_series_sheets
from stretchguide.sheet.content import exercise_url, sheet_for_exercises
from stretchguide.sheet.fit import SCENE_SHAPE
from stretchguide.sheet.pictures import Picture, draw
from stretchguide.sheet.printed import PRINTED_STEPS
from stretchguide.sheet.render import render_sheet, write_pdf
from tests.conftest import REPO, Content
from tests.test_figures import EXERCISES, GOLDEN_FIGURES, SVG, front_matter
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


def lying_down(text: str) -> str:
    """An exercise's text with its figure replaced by one lying back over a foam roller: a floor move."""
    figure = yaml.safe_dump({"figure": GOLDEN_FIGURES["roller"]}, sort_keys=False)
    return re.sub(r"^figure:\n(  .*\n)+", figure, text, count=1, flags=re.M)


@pytest.fixture(scope="module")
def test_catalog(tmp_path_factory):
    """A small catalog of figures: the fixture's series, and one of the most exercises a series may
    have, with a floor move among them."""
    content = Content(tmp_path_factory.mktemp("catalog")).with_pictures()
    slugs = [path.stem for path in sorted((content.dir / "exercises").glob("*.md"))]
    for number in range(1, 7 - len(slugs)):
        text = (content.dir / "exercises" / f"{slugs[0]}.md").read_text(encoding="utf-8")
        text = re.sub(r"^title: .*$", f"title: Copy {number}", text, count=1, flags=re.M)
        text = re.sub(r"^steps:\n(  - .*\n)+", SHORT_STEPS, text, count=1, flags=re.M)
        content.exercise(f"copy-{number}", lying_down(text) if number == 1 else text)
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


# -- the drawings on a sheet, from their SVG numbers ---------------------------------------------
NOT_DRAWN = {f"{SVG}{tag}" for tag in ("defs", "mask", "title", "style")}
THICKEST_LINE = 4.0  # no line of a drawing is thicker than this, unless it says so itself


def sheet_drawing(figure: dict, slug: str = "move", widest: float | None = None) -> dict[str, str]:
    """The start and end pictures a sheet shows for `figure`, as SVG documents; `widest` as the sheet may ask."""
    picture = Picture(slug=slug, path=f"{slug}.md", alt=figure["alt"], figure=json.dumps(figure), placeholder="")
    drawing = draw(picture, widest)
    return {which: base64.b64decode(getattr(drawing, which).partition(",")[2]).decode() for which in ("start", "end")}


def view_box(svg: str) -> tuple[float, float, float, float]:
    x, y, width, height = (float(v) for v in ElementTree.fromstring(svg).get("viewBox").split())
    return x, y, width, height


def _combined(outer: tuple, inner: tuple) -> tuple:
    """The affine map (a, b, c, d, e, f) that applies `inner`, then `outer`."""
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (a * p + c * q, b * p + d * q, a * r + c * s, b * r + d * s, a * t + c * u + e, b * t + d * u + f)


def _transform(text: str) -> tuple:
    matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for name, args in re.findall(r"(\w+)\(([^)]*)\)", text or ""):
        v = [float(n) for n in args.replace(",", " ").split()]
        if name == "translate":
            step = (1.0, 0.0, 0.0, 1.0, v[0], v[1] if len(v) > 1 else 0.0)
        elif name == "rotate":
            turn = math.radians(v[0])
            step = (math.cos(turn), math.sin(turn), -math.sin(turn), math.cos(turn), 0.0, 0.0)
        else:  # scale
            step = (v[0], 0.0, 0.0, v[1] if len(v) > 1 else v[0], 0.0, 0.0)
        matrix = _combined(matrix, step)
    return matrix


def _path_points(d: str) -> list[tuple[float, float]]:
    """The corners of a path of straight lines (M, L, H, V, l, Z: all the drawings use)."""
    points, x, y = [], 0.0, 0.0
    for command, args in re.findall(r"([MLHVZl])([^MLHVZl]*)", d):
        v = [float(n) for n in re.findall(r"-?[\d.]+(?:e-?\d+)?", args)]
        if command in "ML":
            x, y = v[-2], v[-1]
        elif command == "l":
            x, y = x + v[-2], y + v[-1]
        elif command == "H":
            x = v[-1]
        elif command == "V":
            y = v[-1]
        points.append((x, y))
    return points


def drawn_extent(svg: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of everything drawn, in the picture's own (viewBox) units:
    lines and outlines with their thickness, circles with their radius."""
    spans: list[tuple[float, float, float]] = []  # x, y, reach around the point

    def visit(element, matrix):
        if element.tag in NOT_DRAWN:
            return
        matrix = _combined(matrix, _transform(element.get("transform")))
        a, b, c, d, e, f = matrix
        grows = math.sqrt(abs(a * d - b * c)) or 1.0
        stroke = element.get("stroke-width")
        reach = 0.0 if element.get("stroke") == "none" else (float(stroke) if stroke else THICKEST_LINE) / 2
        tag = element.tag.removeprefix(SVG)
        get = lambda name: float(element.get(name, 0))  # noqa: E731
        points: list[tuple[float, float]] = []
        if tag == "line":
            points = [(get("x1"), get("y1")), (get("x2"), get("y2"))]
        elif tag == "circle":
            points, reach = [(get("cx"), get("cy"))], reach + get("r")
        elif tag == "rect":
            x, y, w, h = get("x"), get("y"), get("width"), get("height")
            points = [(x, y), (x + w, y + h), (x + w, y), (x, y + h)]
        elif tag == "path":
            points = _path_points(element.get("d"))
        spans.extend((a * x + c * y + e, b * x + d * y + f, reach * grows) for x, y in points)
        for child in element:
            visit(child, matrix)

    visit(ElementTree.fromstring(svg), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return (
        min(x - r for x, _, r in spans),
        min(y - r for _, y, r in spans),
        max(x + r for x, _, r in spans),
        max(y + r for _, y, r in spans),
    )


def test_a_floor_move_is_drawn_larger_on_the_sheet_than_on_the_page():
    roller = GOLDEN_FIGURES["roller"]  # lying back over a foam roller
    _, _, page_width, page_height = view_box(render_pose_svg(roller, "end", slug="roller"))
    _, _, width, height = view_box(sheet_drawing(roller)["end"])
    assert width / height > page_width / page_height + 0.2  # a wider frame than the page's scene
    assert page_height / height >= 1.3  # and closer: larger in a box of the same height


def drawn_size(svg: str) -> tuple[float, float]:
    """How long and how tall the drawing is, for each unit of its picture's height (the sheet's box height)."""
    left, top, right, bottom = drawn_extent(svg)
    *_, height = view_box(svg)
    return (right - left) / height, (bottom - top) / height


def test_a_floor_move_is_drawn_longer_in_its_wide_frame_than_in_the_scenes_shape():
    roller = GOLDEN_FIGURES["roller"]  # lying back over a foam roller: longer than tall
    wide = drawn_size(sheet_drawing(roller)["end"])
    in_scene_shape = drawn_size(sheet_drawing(roller, widest=SCENE_SHAPE)["end"])
    assert wide[0] >= 1.3 * in_scene_shape[0]


def test_a_standing_figure_keeps_its_frame_in_the_scenes_shape():
    standing = GOLDEN_FIGURES["standing-reach"]
    drawing = sheet_drawing(standing)
    assert view_box(drawing["end"]) == view_box(sheet_drawing(standing, widest=SCENE_SHAPE)["end"])
    *_, width, height = view_box(drawing["end"])
    assert width / height == pytest.approx(SCENE_SHAPE, rel=1e-3)


def link_boxes_mm(pdf: Path) -> dict[str, tuple[float, float]]:
    """Link address -> (width, height) in mm of the largest area linking there: each picture links to its exercise."""
    boxes: dict[str, tuple[float, float]] = {}
    pattern = rb"/Rect \[([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)\][^\n]*?/URI \(([^)]*)\)"
    for match in re.finditer(pattern, _inflated(pdf.read_bytes())):
        left, low, right, high, url = match.groups()
        box = (abs(float(right) - float(left)) * MM_PER_PT, abs(float(high) - float(low)) * MM_PER_PT)
        boxes[url.decode()] = max(box, boxes.get(url.decode(), (0.0, 0.0)))
    return boxes


@pytest.fixture(scope="module")
def floor_and_chair(test_catalog):
    """A short sheet of a floor move and a seated one, with room to spare."""
    catalog = load_catalog(test_catalog / "content", root=test_catalog)
    chair = next(slug for slug in catalog.exercises if not slug.startswith("copy-"))
    return sheet_for_exercises(catalog, ["copy-1", chair], "Floor and chair", site_url=SITE, root=test_catalog), chair


@pytest.mark.parametrize("paper", PAPERS)
def test_a_floor_moves_box_on_the_sheet_is_wider_than_a_seated_moves_and_as_tall(floor_and_chair, paper, tmp_path):
    sheet, chair = floor_and_chair
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(render_sheet(sheet, paper).pdf)
    boxes = link_boxes_mm(pdf)
    floor_width, floor_height = boxes[exercise_url(SITE, "copy-1")]
    chair_width, chair_height = boxes[exercise_url(SITE, chair)]
    assert floor_height == pytest.approx(chair_height, abs=0.1)
    assert chair_width / chair_height == pytest.approx(SCENE_SHAPE, abs=0.01)
    assert floor_width / floor_height > SCENE_SHAPE + 0.2


@pytest.mark.parametrize("paper", PAPERS)
def test_widening_a_floor_moves_picture_keeps_the_steps_and_the_other_pictures_as_large(
    test_catalog, paper, monkeypatch
):
    catalog = load_catalog(test_catalog / "content", root=test_catalog)
    sheet = sheet_for_exercises(catalog, sorted(catalog.exercises), "Every move", site_url=SITE, root=test_catalog)
    widened = render_sheet(sheet, paper).scale
    monkeypatch.setattr(stretchguide.sheet.render, "widened", lambda sheet, *fitted: fitted[:-1])  # as fitted
    in_scene_shape = render_sheet(sheet, paper).scale
    assert (widened.type, widened.picture) == (in_scene_shape.type, in_scene_shape.picture)
    assert widened.widest >= in_scene_shape.widest


def test_a_sheet_pictures_start_and_end_share_one_frame():
    drawing = sheet_drawing(GOLDEN_FIGURES["standing-reach"])  # the arms rise overhead: the end is taller
    assert view_box(drawing["start"]) == view_box(drawing["end"])
    assert view_box(drawing["start"]) != (0.0, 0.0, 260.0, 240.0)


FIGURES = {**GOLDEN_FIGURES, **{path.stem: front_matter(path).get("figure") for path in EXERCISES}}


@pytest.mark.parametrize("widest", [None, 1.4, SCENE_SHAPE])
@pytest.mark.parametrize("slug", [slug for slug, figure in FIGURES.items() if figure])
def test_no_part_of_a_sheet_picture_falls_outside_its_frame(slug, widest):
    for which, svg in sheet_drawing(FIGURES[slug], slug, widest).items():
        x, y, width, height = view_box(svg)
        left, top, right, bottom = drawn_extent(svg)
        assert left >= x and top >= y, f"{which}: drawn from {left:.1f}, {top:.1f}; frame from {x:.1f}, {y:.1f}"
        assert right <= x + width and bottom <= y + height, (
            f"{which}: drawn to {right:.1f}, {bottom:.1f}; frame to {x + width:.1f}, {y + height:.1f}"
        )


SEATED_FROM_BEHIND = {
    "alt": "Sitting on a chair, seen from behind, the person draws the shoulder blades together.",
    "view": "back",
    "props": ["chair"],
    "start": {"posture": "seated_on_chair", "angles": {"shoulder_blade_squeeze": -15}},
    "end": {"posture": "seated_on_chair", "angles": {"shoulder_blade_squeeze": 25}},
}


def printed_pixels(svg: str, tmp_path: Path, name: str):
    """The picture as WeasyPrint prints it (no masks), as an RGB image at 12 pixels a millimetre."""
    from PIL import Image

    data = base64.b64encode(svg.encode()).decode()
    html = f'<style>@page{{size:60mm 60mm;margin:0}}body{{margin:0}}</style><img style="width:60mm;height:60mm" src="data:image/svg+xml;base64,{data}">'
    (tmp_path / f"{name}.pdf").write_bytes(write_pdf(html))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "305", "-singlefile", tmp_path / f"{name}.pdf", tmp_path / name], check=True
    )
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


def _restyled(svg: str, change) -> str:
    """`svg` with `change(element, classes)` applied to each element."""
    ElementTree.register_namespace("", SVG.strip("{}"))
    root = ElementTree.fromstring(svg)
    for parent in list(root.iter()):
        for element in list(parent):
            if change(element, element.get("class", "").split()) == "remove":
                parent.remove(element)
    return ElementTree.tostring(root, encoding="unicode")


def test_on_a_printed_sheet_nothing_behind_the_trunk_shows_through_it(tmp_path):
    # Print has no masks, and the trunk is not quite opaque: the chair's rails and the legs seen
    # from behind would show through the back. Compare the print with one where nothing lies behind.
    from PIL import ImageChops, ImageFilter

    def behind_removed(element, classes):
        if "prop" in classes or "far" in classes:
            return "remove"

    def trunk_in_red(element, classes):
        if "trunk" in classes:
            element.set("style", "fill:#f00;stroke:#f00;opacity:1")

    svg = sheet_drawing(SEATED_FROM_BEHIND)["end"]
    printed = printed_pixels(svg, tmp_path, "printed")
    alone = printed_pixels(_restyled(svg, behind_removed), tmp_path, "alone")
    red = printed_pixels(_restyled(svg, trunk_in_red), tmp_path, "red")
    r, g, _ = red.split()
    inside = ImageChops.multiply(r.point(lambda v: 255 if v > 200 else 0), g.point(lambda v: 255 if v < 60 else 0))
    inside = inside.filter(ImageFilter.MinFilter(9))  # well inside the trunk, clear of its antialiased edge
    assert inside.getbbox() is not None, "the test found no trunk to look at"
    changed = ImageChops.difference(printed, alone).convert("L").point(lambda v: 255 if v > 24 else 0)
    assert ImageChops.multiply(changed, inside).getbbox() is None
