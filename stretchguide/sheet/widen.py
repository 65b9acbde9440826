"""Widens a fitted sheet's pictures of wide movements (floor moves) toward their own shape, as far as the page holds.

A person lying down is about 3.4 times as long as tall: in the scene's near-square box they
are drawn a third as tall as one standing. fit.py finds the sheet's sizes with every picture
in the scene's shape; here the wide ones get wider boxes, and their steps a narrower column,
where the page has room. The steps keep their size, and so do the pictures of standing and
seated moves; a sheet of wide pictures only may give up some of its pictures' height (never
below the smallest) when that draws every person on it larger. The lines of the fitted
layout say how wide; one layout confirms it, or, if it overflows, its own lines choose a second.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace

from weasyprint.document import Document

from .fit import (
    CLEARANCE_PX,
    FILL,
    SCENE_SHAPE,
    SMALLEST_PICTURE_SCALE,
    Measure,
    Paragraph,
    Row,
    Scale,
    fits,
    measure_layout,
    round_down,
)
from .pictures import Drawing, draw

STEPS = 24  # widths tried between the scene's shape and the widest picture's own
ATTEMPTS = 2  # layouts tried
# Widened only when every wide picture's person is drawn at least this much larger: less is
# hardly seen from across a desk, and not worth narrower steps or a shorter box.
ENLARGED = 1.1
NO_WIDER = 0.005  # shapes this close are the same box


def widened(
    sheet, document: Document, scale: Scale, layouts: int, lay_out: Callable[[Scale], Document]
) -> tuple[Document, Scale, int]:
    """The fitted `document` at `scale` again with its wide pictures widened, if the page holds them.

    One layout more, or two when the first overflows: the second is chosen from the first's lines."""
    drawings = [draw(block.picture) for block in sheet.blocks]  # each framed as wide as its movement asks
    if not any(drawing and drawing.shape > scale.widest + NO_WIDER for drawing in drawings):
        return document, scale, layouts
    measured, at = document, scale
    for _ in range(ATTEMPTS):
        choice = _widest(measure_layout(measured), at, drawings, scale)
        if choice is None:
            break
        attempt = lay_out(choice)
        layouts += 1
        if fits(attempt, measure_layout(attempt)):
            return attempt, choice, layouts
        measured, at = attempt, choice
    return document, scale, layouts


def _widest(measure: Measure, at: Scale, drawings: Sequence[Drawing | None], fitted: Scale) -> Scale | None:
    """From a layout `measure`d at `at`: the widest shape, and the picture size, that draw the least
    enlarged wide picture's person largest against the `fitted` sheet, and still fit, as the lines say."""
    shapes = [drawing.shape if drawing else SCENE_SHAPE for drawing in drawings]
    wide = [drawing for drawing in drawings if drawing and drawing.shape > SCENE_SHAPE + NO_WIDER]
    # Pictures in the scene's shape (standing, seated, placeholders) keep their size.
    lowest = fitted.picture if len(wide) < len(drawings) else min(fitted.picture, SMALLEST_PICTURE_SCALE)
    best, best_gain = None, ENLARGED
    for step in range(1, STEPS + 1):
        widest = round_down(SCENE_SHAPE + (max(shapes) - SCENE_SHAPE) * step / STEPS)
        picture = _tallest(measure, shapes, widest, lowest / at.picture, fitted.picture / at.picture)
        if picture is None:
            break  # wider still fits less
        size = max(round_down(at.picture * picture), lowest)
        gain = min(size / fitted.picture * _drawn(drawing, widest) / _drawn(drawing, SCENE_SHAPE) for drawing in wide)
        if gain > best_gain:
            best, best_gain = replace(fitted, widest=widest, picture=size), gain
    return best if best != at else None


def _drawn(drawing: Drawing, widest: float) -> float:
    """How large the person is drawn, per cm of box height, when the box is at most `widest` for its height.

    The drawing's own frame is as wide as its framing allows; a narrower limit makes the frame as
    tall as the same width needs, so the person is drawn smaller, never cut."""
    width, height = drawing.frame
    return 1 / max(height, width / min(widest, drawing.shape))


def _tallest(measure: Measure, shapes: Sequence[float], widest: float, low: float, high: float) -> float | None:
    """The largest picture ratio between `low` and `high` at which pictures at most `widest` still fit; None if none."""

    def fit(picture: float) -> bool:
        rows = sum(
            _row_height(row, min(shape, widest), picture) for row, shape in zip(measure.rows, shapes, strict=True)
        )
        return measure.header + rows + CLEARANCE_PX + measure.closing <= measure.page

    if fit(high):
        return high
    if not fit(low):
        return None
    for _ in range(12):
        middle = (low + high) / 2
        low, high = (middle, high) if fit(middle) else (low, middle)
    return low


def _row_height(row: Row, shape: float, picture: float) -> float:
    """A row's height with the type as measured and its picture `picture` times as tall, `shape` wide for its height."""
    height = row.picture_height * picture
    wider_by = row.picture_width - height * shape  # what the text column gains, or loses when negative
    text = row.text_height + sum(
        _more_lines(paragraph, wider_by) * paragraph.line_height for paragraph in row.paragraphs
    )
    return max(height, text) + row.padding


def _more_lines(paragraph: Paragraph, wider_by: float) -> int:
    """How many lines the paragraph gains (or, when negative, loses) when its column is `wider_by` wider.

    Narrower, it takes at least the lines its words fill edge to edge; wider, it loses no more
    than fitting expects of an average line (FILL). Either way a layout confirms it."""
    if wider_by < 0:
        return max(0, math.ceil(paragraph.used_width / (paragraph.width + wider_by)) - paragraph.lines)
    return min(0, math.ceil(paragraph.used_width / ((paragraph.width + wider_by) * FILL)) - paragraph.lines)
