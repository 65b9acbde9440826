"""The pictures on a sheet: an exercise's start and end positions, and the QR code to the sheet's page.

A sheet carries only what its pictures are drawn from (the figure's data), and render.py
draws them in the worker that renders the PDF: a build whose sheets are all cached then
draws nothing, and its cache key stays cheap to compute.
"""

from __future__ import annotations

import base64
import functools
import importlib
import json
import re
from dataclasses import dataclass

import segno

from ..characters import quoted
from ..labels import label
from ..model import Exercise, frozen_json
from .errors import SheetError

# Longer addresses are refused rather than printed as a code nobody can scan: 122 bytes is
# what a version 7 code (45 x 45 modules) holds at level M, and at the sheet's 17 mm its
# modules are 0.38 mm, about the finest a phone camera reads from paper at arm's length.
QR_CODE_LONGEST_ADDRESS = 122


@dataclass(frozen=True)
class Picture:
    slug: str
    path: str  # the entry, to name it if the figure cannot be drawn
    alt: str
    figure: str | None  # the figure's data as JSON, or None for a placeholder
    placeholder: str  # words shown when there is no figure, e.g. "Seated · chair"


@dataclass(frozen=True)
class Drawing:
    start: str  # data: URIs
    end: str
    frame: tuple[float, float]  # width and height (cm) of the frame both share, chosen for the movement

    @property
    def shape(self) -> float:
        """Width over height: the sheet's box takes the drawing's own shape (a floor move's is wide)."""
        width, height = self.frame
        return round(width / height, 4)


def picture_for(exercise: Exercise) -> Picture:
    figure = exercise.figure
    return Picture(
        slug=exercise.slug,
        path=exercise.path,
        alt=str(figure.get("alt", exercise.title)) if figure else "",
        figure=frozen_json(figure, sort_keys=True) if figure else None,
        placeholder=_placeholder_words(exercise),
    )


@functools.lru_cache(maxsize=512)  # an exercise is on several sheets; `mkdocs serve` runs for hours
def draw(picture: Picture, widest: float | None = None) -> Drawing | None:
    """The start and end drawings, or None: no figure, or no figures module yet; `widest`: the widest
    shape (width over height) their frame may take, by default as wide as the figures' framing allows."""
    render_pose_svg = _pose_drawer()
    if picture.figure is None or render_pose_svg is None:
        return None
    figure = json.loads(picture.figure)
    shape = {} if widest is None else {"widest": widest}
    try:
        # Framed to the movement: the person as large as the picture allows, start and end alike.
        start, end = (
            render_pose_svg(figure, which, slug=picture.slug, framed=True, **shape) for which in ("start", "end")
        )
    except Exception as error:  # name the entry rather than fail the whole build with a traceback
        raise SheetError(f"{picture.path}: figure: could not be drawn for the sheet: {error}") from error
    return Drawing(svg_uri(start), svg_uri(end), _frame(end))


@functools.lru_cache(maxsize=512)
def qr_code_uri(url: str) -> str:
    """A QR code for `url` as an SVG data: URI, in the sheet's ink colour; SheetError if it is too long to scan."""
    if len(url.encode("utf-8")) > QR_CODE_LONGEST_ADDRESS:
        raise SheetError(
            f"the address {quoted(url)} is too long for the sheet's QR code: {len(url):,} characters, "
            f"and a code that can be scanned from paper holds at most {QR_CODE_LONGEST_ADDRESS}; use a shorter site address"
        )
    code = segno.make(url, error="m", micro=False)
    return code.svg_data_uri(scale=4, border=0, dark="#1f2933", xmldecl=False, nl=False)


def svg_uri(svg: str) -> str:
    # An <img> of a data: URI keeps the drawing's markup out of the sheet's own HTML.
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _frame(svg: str) -> tuple[float, float]:
    """The width and height of a drawing's viewBox: the frame its framing chose."""
    *_, width, height = (float(value) for value in re.search(r'viewBox="([^"]*)"', svg).group(1).split())
    return width, height


def _placeholder_words(exercise: Exercise) -> str:
    things = [item.replace("-", " ") for item in exercise.equipment if item != "none"]
    return " · ".join([label("position", exercise.position), *things[:2]])


def _figures_module():
    try:
        return importlib.import_module("stretchguide.figures")
    except ImportError:
        return None


def _pose_drawer():
    """`render_pose_svg` once the figures module exists; until then sheets show placeholders."""
    return getattr(_figures_module(), "render_pose_svg", None)
