"""Fits a sheet on one page: measures how far a layout overflows and picks a smaller type and picture size.

Fitting costs few layouts. The first is at full size. If it overflows, the lines of every
paragraph say how tall the sheet will be at a smaller scale, so the second layout usually
fits. If it does not, a third uses a bound that cannot miss: the type and the pictures
shrink together, and no paragraph gains lines when its letters shrink and its column
widens, so every scaled part shrinks at least in proportion. Neither shrinks below what a
reader can follow (10 pt steps, 30 mm pictures); a sheet that does not fit then is refused,
naming the exercises to shorten and by about how many characters.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import LineBox

from ..figures.svg import HEIGHT, WIDTH
from .errors import SheetError

BODY_PT = 12.0  # the steps at scale 1, as in patient leaflets; the sizes in sheet.css are for scale 1 too
SMALLEST_BODY_PT = 10.0  # below this a sheet pinned beside a screen is hard to read
SMALLEST_SCALE = math.ceil(SMALLEST_BODY_PT / BODY_PT * 1000) / 1000  # scales have three decimals
PICTURE_MM = 40.0  # an exercise's picture is this tall at picture scale 1
SMALLEST_PICTURE_MM = 30.5  # 30 mm at least, so the pose reads at arm's length; the half for rounding
SMALLEST_PICTURE_SCALE = math.ceil(SMALLEST_PICTURE_MM / PICTURE_MM * 1000) / 1000
PX_PER_MM = 96 / 25.4
CLEARANCE_PX = 3 * PX_PER_MM  # keep 3 mm between the last exercise and the safety box
FILL = 0.95  # how full a wrapped line is, on average, before the next word no longer fits
SCENE_SHAPE = WIDTH / HEIGHT  # a picture's width over its height in the scene every figure shares


@dataclass(frozen=True)
class Scale:
    type: float = 1.0
    picture: float = 1.0
    widest: float = SCENE_SHAPE  # the widest a picture may be for its height; widen.py widens floor moves'

    @property
    def picture_mm(self) -> float:
        return round(PICTURE_MM * self.picture, 2)

    @property
    def smallest(self) -> bool:
        return self.type <= SMALLEST_SCALE and self.picture <= SMALLEST_PICTURE_SCALE

    def shrunk(self, ratio: float) -> Scale:
        """Type and pictures `ratio` times as large, but never below the smallest a reader can follow."""
        return Scale(
            max(round_down(self.type * ratio), SMALLEST_SCALE),
            max(round_down(self.picture * ratio), SMALLEST_PICTURE_SCALE),
        )


def round_down(scale: float) -> float:
    return math.floor(scale * 1000) / 1000  # rounded down, so a rounded scale still fits


def full_size(exercises: int) -> Scale:
    """The size a sheet starts at: fewer exercises get larger pictures, to fill the page."""
    if exercises <= 3:
        return Scale(picture=1.3)
    if exercises == 4:
        return Scale(picture=1.12)
    return Scale()


@dataclass(frozen=True)
class Paragraph:
    lines: int
    line_height: float
    used_width: float  # the widths of its lines' contents added up
    width: float  # the width its lines may take
    spacing: float  # its margins, borders and padding, above and below

    def height(self, ratio: float, wider_by: float) -> float:
        lines = max(1, math.ceil(self.used_width * ratio / ((self.width + wider_by) * FILL)))
        return (min(lines, self.lines) * self.line_height + self.spacing) * ratio


@dataclass(frozen=True)
class Row:
    picture_height: float
    picture_width: float
    paragraphs: tuple[Paragraph, ...]
    text_height: float
    padding: float

    def height(self, ratio: float) -> float:
        """Its height when type and pictures are `ratio` times their size in the measured layout."""
        wider_by = self.picture_width * (1 - ratio)  # the text column gains what the pictures lose
        text = sum(paragraph.height(ratio, wider_by) for paragraph in self.paragraphs)
        return max(self.picture_height * ratio, text) + self.padding * ratio


@dataclass(frozen=True)
class Measure:
    """Heights in CSS px from one layout."""

    page: float  # the page area
    header: float
    rows: tuple[Row, ...]
    closing: float  # safety box and footer, pinned to the bottom; the same size on every sheet

    def overflow(self) -> float:
        return self._scaled() + CLEARANCE_PX + self.closing - self.page

    def estimated_ratio(self) -> float:
        """How much smaller to make everything so that every paragraph, re-wrapped, fits: usually right."""

        def height(ratio: float) -> float:
            return self.header * ratio + sum(row.height(ratio) for row in self.rows) + CLEARANCE_PX + self.closing

        low, high = 0.0, 1.0
        for _ in range(20):
            middle = (low + high) / 2
            low, high = (middle, high) if height(middle) <= self.page else (low, middle)
        return low

    def safe_ratio(self) -> float:
        """How much smaller surely fits: everything that scales shrinks at least in proportion."""
        return (self.page - CLEARANCE_PX - self.closing) / self._scaled()

    def _scaled(self) -> float:
        return self.header + sum(max(row.picture_height, row.text_height) + row.padding for row in self.rows)


def fit_to_page(sheet, paper: str, lay_out: Callable[[Scale], Document]) -> tuple[Document, Scale, int]:
    """A one-page layout of `sheet`, as large as fits but never below the smallest scales; at most four layouts.

    The fourth, at the smallest scales, comes only when a floor kept the third from shrinking in proportion.
    """
    scale, layouts = full_size(len(sheet.blocks)), 1
    document = lay_out(scale)
    measure = measure_layout(document)
    for next_ratio in (Measure.estimated_ratio, Measure.safe_ratio, lambda _: 0.0):
        if fits(document, measure) or scale.smallest:
            break
        scale = scale.shrunk(min(next_ratio(measure), 0.995))
        document, layouts = lay_out(scale), layouts + 1
        measure = measure_layout(document)
    if not fits(document, measure):
        raise SheetError(_too_long(sheet, paper, measure))
    return document, scale, layouts


def measure_layout(document: Document) -> Measure:
    boxes = [box for page in document.pages for box in _descendants(page._page_box)]
    rows = []
    for row in _with_class(boxes, "exercise"):
        picture = next(_with_class(_descendants(row), "picture"))
        text = next(_with_class(_descendants(row), "text"))
        inner = max(picture.margin_height(), text.margin_height())
        rows.append(
            Row(
                picture_height=picture.margin_height(),
                picture_width=picture.margin_width(),
                paragraphs=tuple(_paragraphs(text)),
                text_height=text.margin_height(),
                padding=row.margin_height() - inner,
            )
        )
    return Measure(
        page=document.pages[0]._page_box.height,
        header=sum(box.margin_height() for name in ("title-band", "legend") for box in _with_class(boxes, name)),
        rows=tuple(rows),
        closing=next(_with_class(boxes, "closing")).margin_height(),
    )


def fits(document: Document, measure: Measure) -> bool:
    return len(document.pages) == 1 and measure.overflow() <= 0


def _paragraphs(box) -> Iterator[Paragraph]:
    """Every block of lines inside `box`, in order."""
    lines = [child for child in box.children if isinstance(child, LineBox)]
    if lines:
        yield Paragraph(
            lines=len(lines),
            line_height=sum(line.height for line in lines) / len(lines),
            used_width=sum(_used_width(line) for line in lines),
            width=box.width,
            spacing=box.margin_height() - box.height,
        )
        return
    for child in getattr(box, "children", ()):
        if not child.element_tag.endswith("::marker"):  # list numbers sit beside their lines, not above
            yield from _paragraphs(child)


def _used_width(line) -> float:
    children = line.children
    return (children[-1].position_x + children[-1].margin_width() - children[0].position_x) if children else 0.0


def _too_long(sheet, paper: str, measure: Measure) -> str:
    missing_mm = max(1, round(measure.overflow() / PX_PER_MM))
    return (
        f"{sheet.name} does not fit on one {'A4' if paper == 'a4' else 'Letter'} page, even with "
        f"{SMALLEST_BODY_PT:g} pt steps and {math.floor(SMALLEST_PICTURE_MM)} mm pictures: it is about {missing_mm} mm too long; "
        + _cuts(sheet.blocks, measure)
    )


def _cuts(blocks, measure: Measure) -> str:
    """What to shorten, most helpful first: only an exercise whose text is taller than its picture gets shorter."""
    missing, cuts = measure.overflow(), []
    rows = sorted(
        zip(blocks, measure.rows, strict=True), key=lambda pair: round(pair[1].picture_height - pair[1].text_height)
    )
    for block, row in rows:
        saving = min(row.text_height - row.picture_height, missing)
        lines = [paragraph for paragraph in row.paragraphs[1:] if paragraph.lines]  # not the title
        if saving <= 0 or not lines or not block.texts:
            break
        line_height = sum(paragraph.line_height for paragraph in lines) / len(lines)
        per_line = block.printed_length() / sum(paragraph.lines for paragraph in lines)
        characters = max(10, int(round(math.ceil(saving / line_height) * per_line, -1)))
        where, text = max(block.texts, key=lambda pair: len(pair[1]))
        cuts.append(
            f"'{block.title}' by about {characters} characters (its longest text is {where}, {len(text)} characters)"
        )
        missing -= saving
    if missing > 0:
        return (f"shorten {', '.join(cuts)}; even then " if cuts else "") + (
            "the pictures need more room than the page has, so take out an exercise or split the sheet"
        )
    return f"shorten {', '.join(cuts)}, or split the sheet"


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _with_class(boxes: Iterable, name: str) -> Iterator:
    seen = set()
    for box in boxes:
        element = box.element
        if element is None or id(element) in seen or name not in (element.get("class") or "").split():
            continue
        seen.add(id(element))  # an element split over two pages is measured by its first part
        yield box
