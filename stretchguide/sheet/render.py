"""Turns a sheet's content into HTML and then into a one-page, tagged, reproducible PDF."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import jinja2
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from .content import SheetContent
from .errors import SheetError
from .fetcher import TEMPLATES, FetchRefused, SheetFetcher
from .fit import Scale, fit_to_page, full_size
from .paths import PAPERS
from .pictures import draw, qr_code_uri
from .widen import widened

# PDF/UA-1 makes WeasyPrint tag the structure and write the title and language into
# the metadata, so screen readers and search tools read the sheet as a document.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

_TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # contributor text is untrusted, and every template here is HTML
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["address"] = lambda url: url.split("://", 1)[-1]  # printed without https://

Result = TypeVar("Result")


@dataclass(frozen=True)
class RenderedSheet:
    pdf: bytes
    html: str  # the final HTML: `write_pdf(html)` renders the same PDF, e.g. to time WeasyPrint alone
    scale: Scale
    layouts: int  # how many times WeasyPrint laid the sheet out


def sheet_html(sheet: SheetContent, paper: str, scale: Scale | None = None, *, linked: bool = True) -> str:
    """The sheet as HTML; `linked=False` leaves out the stylesheet links for `_lay_out`, which brings them parsed."""
    if paper not in PAPERS:
        raise SheetError(f"no paper size '{paper}'; choose one of {', '.join(PAPERS)}")
    scale = scale or full_size(len(sheet.blocks))
    return _TEMPLATES.get_template("sheet.html").render(
        sheet=sheet, paper=paper, scale=scale, linked=linked, draw=draw, qr_code=qr_code_uri(sheet.online_url)
    )


def render_sheet(sheet: SheetContent, paper: str) -> RenderedSheet:
    """The sheet on exactly one page of `paper`, shrunk to fit if it must be, its floor moves' pictures
    widened where the page holds them, or SheetError."""
    images: dict = {}  # the figures and QR code, decoded by the first layout and reused by the next
    with source_date_epoch(sheet.date.epoch):

        def lay_out(scale: Scale) -> Document:
            return _lay_out(sheet_html(sheet, paper, scale, linked=False), paper, images)

        document, scale, layouts = widened(sheet, *fit_to_page(sheet, paper, lay_out), lay_out)
        pdf = _refusing(lambda: document.write_pdf(**PDF_OPTIONS))
    return RenderedSheet(pdf, sheet_html(sheet, paper, scale), scale, layouts)


def write_pdf(html: str) -> bytes:
    """WeasyPrint alone, from the final HTML to PDF bytes, with the sheet's fetcher and options."""
    return _refusing(lambda: _document(html).write_pdf(**PDF_OPTIONS))


@contextlib.contextmanager
def source_date_epoch(epoch: int) -> Iterator[None]:
    """Dates inside the PDF (fonts subset by fontTools) come from the content, not the clock.

    Set deliberately: an empty SOURCE_DATE_EPOCH in the environment makes fontTools crash.
    """
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _lay_out(html: str, paper: str, images: dict) -> Document:
    # The stylesheets and fonts are parsed once per process, not once per layout: fitting
    # lays a sheet out up to three times, and a build renders many sheets in each worker.
    return _refusing(
        lambda: _document(html).render(
            font_config=_fonts(), stylesheets=_stylesheets(paper), cache=images, **PDF_OPTIONS
        )
    )


def _document(html: str) -> HTML:
    return HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=SheetFetcher())


@functools.cache
def _fonts() -> FontConfiguration:
    return FontConfiguration()


@functools.cache
def _stylesheets(paper: str) -> list[CSS]:
    return [
        CSS(filename=TEMPLATES / name, url_fetcher=SheetFetcher(), font_config=_fonts())
        for name in ("sheet.css", f"{paper}.css")
    ]


def _refusing(step: Callable[[], Result]) -> Result:
    try:
        return step()
    except FetchRefused as refused:
        raise SheetError(str(refused)) from None
