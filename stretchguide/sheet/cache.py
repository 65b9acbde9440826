"""Rendered sheets kept in the build's cache, keyed on everything that shapes the PDF, so unchanged sheets are copied."""

from __future__ import annotations

import functools
from importlib.metadata import version

import segno

from ..cache import SHEETS, Cache, digest_files
from .content import SheetContent
from .paths import ASSETS, PACKAGE, TEMPLATES

KEEP = 256  # sheets kept in the cache; older ones go, so `mkdocs serve` edits do not pile up


class SheetCache:
    def __init__(self, cache: Cache):
        self.kind = cache.kind(SHEETS, _tooling(), ".pdf")
        self.used: set[str] = set()  # the keys of this build's sheets: pruning never removes them

    def key(self, sheet: SheetContent, paper: str) -> str:
        """A hash of the sheet's content (texts, figure data, address, date), the paper and the tools.

        The figures enter as their data plus the code that draws them, which together fix
        their SVG, so a key is computed without drawing anything.
        """
        key = self.kind.key(paper=paper, sheet=repr(sheet))
        self.used.add(key)
        return key

    def read(self, key: str) -> bytes | None:
        """The cached sheet if the cache holds a sound copy; None if it must be rendered."""
        return self.kind.read(key)

    def put(self, key: str, pdf: bytes) -> None:
        self.kind.write(key, pdf)

    def prune(self) -> None:
        """Keep this build's sheets and the most recently used others, up to KEEP in all."""
        self.kind.prune(self.used, spare=KEEP - len(self.used))


@functools.cache
def _tooling() -> str:
    """The templates, stylesheets, fonts, the sheet and figure code, and library versions, as one digest."""
    files = [
        *TEMPLATES.rglob("*"),
        *(ASSETS / "fonts").rglob("*"),
        *(PACKAGE / "sheet").glob("*.py"),
        *(PACKAGE / "figures").rglob("*.py"),
    ]
    return digest_files(files, PACKAGE, tools=f"weasyprint {version('weasyprint')}, segno {segno.__version__}")
