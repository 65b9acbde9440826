"""Writes every series' sheet on every paper size, in parallel, copying unchanged ones from the cache."""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .. import addresses
from ..cache import Cache
from ..model import Catalog, Series
from .cache import SheetCache
from .content import SheetContent, sheet_for_series
from .dates import ContentDates
from .errors import SheetError
from .paths import PAPERS

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


@dataclass
class SheetBuild:
    paths: list[Path] = field(default_factory=list)
    rendered: int = 0
    from_cache: int = 0


@dataclass(frozen=True)
class TooLong:
    """A series whose sheet does not fit its paper, and the line that says what to shorten."""

    series: Series
    paper: str
    message: str


@dataclass
class _Sheets:
    pdfs: dict[tuple[str, str], bytes] = field(default_factory=dict)  # by series slug and paper
    failures: list[TooLong] = field(default_factory=list)
    rendered: int = 0
    from_cache: int = 0


def write_series_sheets(
    catalog: Catalog, downloads_dir: Path, *, site_url: str, cache: Cache, root: Path | None = None
) -> list[Path]:
    """`downloads_dir/<slug>-a4.pdf` and `<slug>-letter.pdf` for every series; SheetError names any that fail.

    `root` is the folder the catalog's entry paths are relative to; by default the working
    folder, or the one holding the cache.
    """
    return build_series_sheets(catalog, downloads_dir, site_url=site_url, cache=cache, root=root).paths


def build_series_sheets(
    catalog: Catalog, downloads_dir: Path, *, site_url: str, cache: Cache, root: Path | None = None
) -> SheetBuild:
    sheets = _series_sheets(catalog, site_url=site_url, cache=cache, root=root)
    if sheets.failures:
        raise SheetError("\n".join(failure.message for failure in sheets.failures))
    build = SheetBuild(rendered=sheets.rendered, from_cache=sheets.from_cache)
    for slug in catalog.series:
        for paper in PAPERS:
            target = Path(downloads_dir) / addresses.sheet_name(slug, paper)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(sheets.pdfs[slug, paper])
            build.paths.append(target)
    log.info(f"Printable sheets: {build.rendered} rendered, {build.from_cache} unchanged and copied from the cache")
    return build


def sheets_too_long(catalog: Catalog, *, site_url: str, cache: Cache, root: Path | None = None) -> list[TooLong]:
    """The series whose sheet would not fit one page, found by laying every sheet out as the build will.

    The sheets go into the cache, so the build that follows copies them instead of rendering again.
    """
    return _series_sheets(catalog, site_url=site_url, cache=cache, root=root).failures


def _series_sheets(catalog: Catalog, *, site_url: str, cache: Cache, root: Path | None) -> _Sheets:
    sheets, dates, result = SheetCache(cache), ContentDates(), _Sheets()
    to_render: list[tuple[Series, str, SheetContent, str]] = []
    for series in catalog.series.values():
        sheet = sheet_for_series(series, site_url=site_url, root=root or _root(series.path, cache.folder), dates=dates)
        for paper in PAPERS:
            key = sheets.key(sheet, paper)
            pdf = sheets.read(key)
            if pdf is None:
                to_render.append((series, paper, sheet, key))
            else:
                result.pdfs[series.slug, paper] = pdf
                result.from_cache += 1
    outcomes = _render_all([(sheet, paper) for _, paper, sheet, _ in to_render])
    for (series, paper, _, key), outcome in zip(to_render, outcomes, strict=True):
        if isinstance(outcome, SheetError):
            result.failures.append(TooLong(series, paper, str(outcome)))
            continue
        sheets.put(key, outcome)
        result.pdfs[series.slug, paper] = outcome
        result.rendered += 1
    if not result.failures:
        sheets.prune()
    return result


def _render_all(jobs: list[tuple[SheetContent, str]]) -> list[bytes | SheetError]:
    if not jobs:  # every sheet came from the cache: no need for WeasyPrint at all
        return []
    from . import render  # noqa: F401  WeasyPrint loads only when a sheet must be rendered, once, before forking

    workers = min(len(jobs), _cores())
    if workers <= 1:
        return [_render_one(job) for job in jobs]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_start_method()) as pool:
            return list(pool.map(_render_one, jobs))
    except BrokenProcessPool as error:
        raise SheetError(
            f"a sheet worker stopped unexpectedly ({error}); build_pdf.py SLUG shows one sheet's error"
        ) from None


def _cores() -> int:
    """The cores this process may use, which in a container can be fewer than the machine has."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _start_method() -> multiprocessing.context.BaseContext:
    """fork when this process runs no other thread: quickest, and workers start warm.

    Forking a process that runs threads (`mkdocs serve` does) can deadlock, so then a
    fork server, which has imported WeasyPrint once, starts each worker.
    """
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _render_one(job: tuple[SheetContent, str]) -> bytes | SheetError:
    from .render import render_sheet

    sheet, paper = job
    try:
        return render_sheet(sheet, paper).pdf
    except SheetError as error:  # returned, not raised, so every failing sheet is reported at once
        return error


def _root(path: str, cache_dir: Path) -> Path:
    """The project folder entry paths are relative to: the working folder, or one holding the cache."""
    for folder in (Path.cwd(), *Path(cache_dir).resolve().parents):
        if (folder / path).is_file():
            return folder
    raise SheetError(f"cannot find {path} from {Path.cwd()} or above {cache_dir}")
