"""The date a sheet's content last changed: the same on every build of the same files."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..characters import quoted
from ..model import spoken_date
from .errors import SheetError

LAST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC: the last second a date can be written for


@dataclass(frozen=True)
class ContentDate:
    epoch: int  # seconds since 1970, UTC; also given to WeasyPrint as SOURCE_DATE_EPOCH

    @property
    def day(self) -> datetime:
        return datetime.fromtimestamp(self.epoch, UTC)

    def iso(self) -> str:
        return self.day.strftime("%Y-%m-%d")

    def spoken(self) -> str:
        """As a reader writes it, e.g. '3 March 2026'."""
        return spoken_date(self.day)


class ContentDates:
    """Dates of sets of entry files: SOURCE_DATE_EPOCH when set; else each file's last commit,
    or its modification time while it is not committed; the newest of them.

    One `git log` serves every sheet of a build, so a build with many series stays quick.
    """

    def __init__(self) -> None:
        self._commits: dict[Path, dict[Path, int]] = {}

    def of(self, files: Iterable[Path]) -> ContentDate:
        if (from_environment := source_date_epoch()) is not None:
            return ContentDate(from_environment)
        files = [Path(file).resolve() for file in files]
        commits = self._history(Path(os.path.commonpath(files)) if files else Path.cwd())
        return ContentDate(max((commits.get(file) or int(file.stat().st_mtime) for file in files), default=0))

    def _history(self, folder: Path) -> dict[Path, int]:
        """Each file under `folder` with the time of the last commit that touched it."""
        folder = folder if folder.is_dir() else folder.parent
        if folder not in self._commits:
            top = _git(folder, "rev-parse", "--show-toplevel")
            log = _git(folder, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", ".")
            commits: dict[Path, int] = {}
            if top and log:
                for commit in log.split("\0")[1:]:
                    epoch, *names = commit.split("\n")
                    for name in filter(None, names):
                        commits.setdefault(Path(top.strip(), name), int(epoch))  # newest commit first
            self._commits[folder] = commits
        return self._commits[folder]


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as seconds since 1970, None when unset or empty, SheetError when it is not such a number.

    Refused, not ignored: the reproducible-builds specification asks a build to fail on a
    malformed value, and a build that quietly used other dates would not be the one asked for.
    """
    text = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not text:
        return None  # WeasyPrint and fontTools treat an empty one as unset; so do we
    if re.fullmatch(r"[0-9]{1,12}", text) and int(text) <= LAST_EPOCH:
        return int(text)
    raise SheetError(
        f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, as `date +%s` prints it, "
        f"up to {LAST_EPOCH} (the year 9999); not {quoted(text)}"
    )


def _git(folder: Path, *arguments: str) -> str | None:
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None  # no git: file times will do
    return done.stdout if done.returncode == 0 else None
