"""Printable one-page sheets: a series, or a chosen list of exercises, as a PDF to pin beside a screen."""

from .build import SheetBuild, TooLong, build_series_sheets, sheets_too_long, write_series_sheets
from .content import SheetContent, sheet_for_exercises, sheet_for_series
from .errors import SheetError
from .paths import PAPERS


def __getattr__(name: str):
    # The renderer, and WeasyPrint with it, loads on first use: a build that only copies
    # cached sheets never needs it.
    if name in ("RenderedSheet", "render_sheet", "write_pdf"):
        from . import render

        return getattr(render, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "PAPERS",
    "RenderedSheet",
    "SheetBuild",
    "SheetContent",
    "SheetError",
    "TooLong",
    "build_series_sheets",
    "render_sheet",
    "sheet_for_exercises",
    "sheet_for_series",
    "sheets_too_long",
    "write_pdf",
    "write_series_sheets",
]
