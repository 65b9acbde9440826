"""Putting a newly built folder in the place of site/ in one step, so that site/ is never missing or half made.

Where the system has it (Linux 3.15 or later with glibc 2.28 or later, on ext4, btrfs, xfs,
tmpfs, overlayfs and most other local file systems), the two folders trade places in one
`renameat2(RENAME_EXCHANGE)`: a process killed at any moment leaves either the old site/
or the new one, whole. Elsewhere (macOS, older systems, file systems without it), the
fallback is two renames, site/ to `.site-building-previous` and then the new folder to
site/; killed between them, site/ is missing until `recover`, the next build's first step,
moves the previous one back.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
from pathlib import Path

BUILDING_PREFIX = ".site-building-"  # every folder a build makes beside site/ starts so; git ignores them
_AT_FDCWD = -100  # <fcntl.h>: paths relative to the working folder
_RENAME_EXCHANGE = 2  # <linux/fs.h>
_UNSUPPORTED = (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP)


def previous_of(site: Path) -> Path:
    """Where the two-rename fallback keeps the old site/ between its renames."""
    return site.with_name(f"{BUILDING_PREFIX}previous")


def replace_folder(site: Path, built: Path) -> Path | None:
    """Put `built` at `site`; returns where the old site now is, for the caller to remove. OSError leaves `site` as it was."""
    if not os.path.lexists(site):
        built.rename(site)  # nothing to keep: one rename is already atomic
        return None
    if exchange(built, site):
        return built  # the old site, now under the build folder's name
    previous = previous_of(site)
    site.rename(previous)
    try:
        built.rename(site)
    except OSError:
        previous.rename(site)
        raise
    return previous


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False when this system or file system cannot."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def recover(site: Path) -> None:
    """Undo what a killed build left beside `site`: put a previous site back if site/ is missing, remove the rest."""
    previous = previous_of(site)
    if not os.path.lexists(site) and previous.is_dir() and not previous.is_symlink():
        previous.rename(site)
    for leftover in site.parent.glob(f"{BUILDING_PREFIX}*"):
        remove(leftover)


def remove(path: Path) -> None:
    """Remove a folder, file or link without following links; what is already gone is fine."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
