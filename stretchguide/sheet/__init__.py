"""Printable one-page sheets: a series, or a chosen list of exercises, as a PDF to pin beside a screen."""

from .build import SheetBuild, build_series_sheets, write_series_sheets
from .content import SheetContent, sheet_for_exercises, sheet_for_series
from .errors import SheetError
from .render import PAPERS, RenderedSheet, render_sheet, write_pdf

__all__ = [
    "PAPERS",
    "RenderedSheet",
    "SheetBuild",
    "SheetContent",
    "SheetError",
    "build_series_sheets",
    "render_sheet",
    "sheet_for_exercises",
    "sheet_for_series",
    "write_pdf",
    "write_series_sheets",
]
