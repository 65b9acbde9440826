"""What the printable sheets cost: which ones a build rendered, and one sheet against a bare WeasyPrint render.

Whether a build rendered a sheet is read from the sheet cache on disk, not guessed
from timings: a render writes a new cache file, named for its content; a reuse copies
one and only touches its modification time. So a build that adds or replaces no cache
file rendered nothing.
"""

from __future__ import annotations

import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from stretchguide.cache import FOLDER, SHEETS
from stretchguide.model import Catalog

SHEET_CACHE = f"{FOLDER}/{SHEETS}"  # where the plugin keeps rendered sheets, relative to mkdocs.yml
SHEET_FOLDER = "downloads"  # where the plugin writes them in the site
SAMPLE_SERIES = 3

Snapshot = dict[str, tuple[int, int]]  # cache file -> (inode, size); a rewrite makes a new inode
_LOGGED = re.compile(r"Printable sheets: (\d+) rendered, (\d+) unchanged")


def cache_snapshot(project: Path) -> Snapshot:
    cache = project / SHEET_CACHE
    if not cache.is_dir():
        return {}
    return {
        file.relative_to(cache).as_posix(): (file.stat().st_ino, file.stat().st_size)
        for file in cache.rglob("*")
        if file.is_file()
    }


def rendered_between(before: Snapshot, after: Snapshot) -> list[str]:
    """PDFs the cache gained or rewrote between two snapshots: the sheets rendered meanwhile."""
    changed = [name for name, stamp in after.items() if before.get(name) != stamp]
    return sorted(name for name in changed if name.endswith(".pdf")) or sorted(changed)


def logged_renders(log: Path) -> int | None:
    """How many sheets the build says it rendered, or None when it does not say."""
    found = _LOGGED.search(log.read_text(encoding="utf-8", errors="replace"))
    return int(found.group(1)) if found else None


def sheets_written(project: Path, site_dir: str) -> list[Path]:
    return sorted((project / site_dir / SHEET_FOLDER).rglob("*.pdf"))


@dataclass(frozen=True)
class SheetCost:
    sheets: int
    sheet_seconds: float  # median of render_sheet: fitting to one page, then the PDF
    bare_seconds: float  # median of WeasyPrint alone on the same final HTML
    worst_ratio: float

    @property
    def ratio(self) -> float:
        return self.sheet_seconds / self.bare_seconds


def sheet_cost(catalog: Catalog, root: Path, *, site_url: str = "https://example.org/") -> SheetCost:
    """Render a few series' sheets on every paper, each timed against a bare render of its final HTML."""
    from stretchguide.sheet import (  # WeasyPrint loads only when needed
        PAPERS,
        render_sheet,
        sheet_for_series,
        write_pdf,
    )

    samples = [
        (sheet_for_series(series, site_url=site_url, root=root), paper)
        for series in list(catalog.series.values())[:SAMPLE_SERIES]
        for paper in PAPERS
    ]
    render_sheet(*samples[0])  # the first render loads fonts and warms caches; it is not a sheet's cost
    pairs = []
    for content, paper in samples:
        started = time.perf_counter()
        rendered = render_sheet(content, paper)
        sheet_seconds = time.perf_counter() - started
        started = time.perf_counter()
        write_pdf(rendered.html)
        pairs.append((sheet_seconds, time.perf_counter() - started))
    return SheetCost(
        sheets=len(pairs),
        sheet_seconds=statistics.median(sheet for sheet, _ in pairs),
        bare_seconds=statistics.median(bare for _, bare in pairs),
        worst_ratio=max(sheet / bare for sheet, bare in pairs),
    )
