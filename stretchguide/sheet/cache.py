"""Rendered sheets kept on disk, keyed on everything that shapes the PDF, so unchanged sheets are copied."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from importlib.metadata import version
from pathlib import Path

import segno

from .content import SheetContent
from .paths import ASSETS, PACKAGE, TEMPLATES

KEEP = 256  # sheets kept in the cache; older ones go, so `mkdocs serve` edits do not pile up


class SheetCache:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def key(self, sheet: SheetContent, paper: str) -> str:
        """A hash of the sheet's content (texts, figure data, address, date), the paper and the tools.

        The figures enter as their data plus the code that draws them, which together fix
        their SVG, so a key is computed without drawing anything.
        """
        return hashlib.sha256(f"{_tooling()}\n{paper}\n{sheet!r}".encode()).hexdigest()

    def copy(self, key: str, target: Path) -> bool:
        cached = self.folder / f"{key}.pdf"
        if not cached.is_file():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        os.utime(cached)  # recently used sheets survive pruning
        return True

    def put(self, key: str, pdf: bytes) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = self.folder / f"{key}.{os.getpid()}.part"
        partial.write_bytes(pdf)
        partial.replace(self.folder / f"{key}.pdf")  # whole or absent, even if two builds race

    def prune(self, keep: int = 0) -> None:
        """Remove all but the KEEP (or `keep`, if more) most recently used sheets."""
        sheets = sorted(self.folder.glob("*.pdf"), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in sheets[max(keep, KEEP) :]:
            old.unlink(missing_ok=True)


@functools.cache
def _tooling() -> str:
    """The templates, stylesheets, fonts, the sheet and figure code, and library versions, as one digest."""
    digest = hashlib.sha256(f"weasyprint {version('weasyprint')}, segno {segno.__version__}".encode())
    files = [
        *TEMPLATES.rglob("*"),
        *(ASSETS / "fonts").rglob("*"),
        *(PACKAGE / "sheet").glob("*.py"),
        *(PACKAGE / "figures").rglob("*.py"),
    ]
    for file in sorted(path for path in files if path.is_file()):
        digest.update(file.relative_to(PACKAGE).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()
