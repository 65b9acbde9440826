"""Fits a sheet on one page: measures how far a layout overflows and picks a smaller type and picture size.

Fitting costs few layouts. The first is at full size. If it overflows, the lines of every
paragraph say how tall the sheet will be at a smaller scale, so the second layout usually
fits. If it does not, a third uses a bound that cannot miss: the type and the pictures
shrink together, and no paragraph gains lines when its letters shrink and its column
widens, so every scaled part shrinks at least in proportion.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from weasyprint.document import Document
from weasyprint.formatting_structure.boxes import LineBox

from .errors import SheetError

BODY_PT = 9.5  # body text at scale 1; the sizes in sheet.css are for scale 1 too
SMALLEST_BODY_PT = 7.5  # below this a sheet pinned beside a screen is hard to read
SMALLEST_SCALE = math.ceil(SMALLEST_BODY_PT / BODY_PT * 1000) / 1000  # scales have three decimals
PX_PER_MM = 96 / 25.4
CLEARANCE_PX = 3 * PX_PER_MM  # keep 3 mm between the last exercise and the safety box
FILL = 0.95  # how full a wrapped line is, on average, before the next word no longer fits


@dataclass(frozen=True)
class Scale:
    type: float = 1.0
    picture: float = 1.0

    @property
    def closing(self) -> float:
        """The safety box and footer shrink with the type but do not grow with it."""
        return min(self.type, 1.0)

    def shrunk(self, ratio: float) -> Scale:
        """Type and pictures `ratio` times as large, but the type never below SMALLEST_SCALE."""
        type_scale = max(_down(self.type * ratio), SMALLEST_SCALE)
        return Scale(type_scale, _down(self.picture * type_scale / self.type))


def _down(scale: float) -> float:
    return math.floor(scale * 1000) / 1000  # rounded down, so a rounded scale still fits


def full_size(exercises: int) -> Scale:
    """The size a sheet starts at: fewer exercises get larger type and pictures, to fill the page."""
    if exercises <= 3:
        return Scale(type=round(10.5 / BODY_PT, 3), picture=1.6)
    if exercises == 4:
        return Scale(type=round(10 / BODY_PT, 3), picture=1.25)
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
    closing: float  # safety box and footer, pinned to the bottom; counted as if it never shrank

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
    """A one-page layout of `sheet`, as large as fits but never below SMALLEST_SCALE; at most three layouts."""
    scale, layouts = full_size(len(sheet.blocks)), 1
    document = lay_out(scale)
    measure = measure_layout(document)
    for next_ratio in (Measure.estimated_ratio, Measure.safe_ratio):
        if _fits(document, measure) or scale.type <= SMALLEST_SCALE:
            break
        scale = scale.shrunk(min(next_ratio(measure), 0.995))
        document, layouts = lay_out(scale), layouts + 1
        measure = measure_layout(document)
    if not _fits(document, measure):
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
        header=next(_with_class(boxes, "title-band")).margin_height(),
        rows=tuple(rows),
        closing=next(_with_class(boxes, "closing")).margin_height(),
    )


def _fits(document: Document, measure: Measure) -> bool:
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
    longest = max(sheet.blocks, key=lambda block: block.printed_length())
    missing_mm = max(1, round(measure.overflow() / PX_PER_MM))
    return (
        f"{sheet.name} does not fit on one {'A4' if paper == 'a4' else 'Letter'} page, "
        f"even with {SMALLEST_BODY_PT:g} pt text: it is about {missing_mm} mm too long; "
        f"the longest exercise is '{longest.title}' ({longest.printed_length()} characters of steps, tip and note), "
        "so shorten its steps or split the sheet"
    )


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
