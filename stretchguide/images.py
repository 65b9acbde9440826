"""Checks on a contributor's own picture (`image:`): where the file is, what it really is, and
that an SVG cannot run code or fetch anything when a reader's browser shows it."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .characters import quoted, shown
from .files import NotAFile, read_file, refusal
from .svgsafe import inspect_svg

MAX_BYTES = 1024 * 1024  # 1 MiB: a clear photo or drawing of a pose fits easily

# What the first bytes of each kind of file must be.
RASTER_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}

# Licences that let anyone publish the picture, change it and reuse the guide, even
# commercially: Creative Commons Zero, Attribution and Attribution-ShareAlike, and the
# public domain, marked as Creative Commons' Public Domain Mark or plainly.
LICENCES = (
    "CC0-1.0",
    "CC-BY-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-3.0",
    "CC-BY-SA-3.0",
    "CC-BY-2.5",
    "CC-BY-SA-2.5",
    "CC-BY-2.0",
    "CC-BY-SA-2.0",
    "CC-PDM-1.0",
    "public-domain",
)
_SUGGESTED = "CC-BY-4.0, CC-BY-SA-4.0 or CC0-1.0"
_RESTRICTIONS = (  # (words in the licence's name, what it forbids, what that would mean for the guide)
    (r"\bNC\b|NON-?COMMERCIAL", "commercial use", "the guide could not be reused"),
    (r"\bND\b|NO-?DERIV", "changes", "the picture could not be cropped or adapted"),
)

Problem = tuple[tuple, str]


def image_problems(image: Mapping, images_dir: Path) -> list[Problem]:
    """Every reason to refuse this picture; an empty list when it can be published."""
    licence = licence_problem(str(image.get("license", "")))
    return ([(("license",), licence)] if licence else []) + _file_problems(str(image.get("file", "")), Path(images_dir))


def _file_problems(name: str, images_dir: Path) -> list[Problem]:
    path_problem = _path_problem(name)
    if path_problem:
        return [(("file",), path_problem)]
    # Each step from the images folder down is looked at, not followed: with no link on the
    # way, the file is inside the folder, and what a link points to is never read.
    places = [images_dir]
    for part in PurePosixPath(name).parts:
        places.append(places[-1] / part)
    for place in places:
        try:
            mode = os.lstat(place).st_mode
        except OSError:
            return [(("file",), f"there is no file {name} in content/exercises/images/")]
        if refused := refusal(mode):
            return [(("file",), f"{_shown_from(images_dir, place)} {refused}")]
    try:
        data = read_file(place, MAX_BYTES)
    except NotAFile as refused:
        return [(("file",), f"{name} {refused}")]
    if len(data) > MAX_BYTES:
        size = os.lstat(place).st_size
        return [
            (("file",), f"{name} is {size / 1024 / 1024:.1f} MiB; pictures may be at most 1 MiB, so make it smaller")
        ]
    suffix = PurePosixPath(name).suffix
    if suffix == ".svg":
        return [(("file",), problem) for problem in svg_problems(data)]
    if not _is(suffix, data):
        return [
            (
                ("file",),
                f"{name} is not really a {KINDS[suffix]} file; save it again as {KINDS[suffix]} or fix the extension",
            )
        ]
    return []


def _shown_from(images_dir: Path, place: Path) -> str:
    return place.relative_to(images_dir).as_posix() if place != images_dir else "content/exercises/images/"


def licence_problem(licence: str) -> str | None:
    """Why the guide may not publish a picture under `licence`, or None when it may."""
    if licence in LICENCES:
        return None
    spelled = {known.casefold(): known for known in LICENCES}.get(licence.casefold())
    if spelled:
        return f"write the licence's SPDX name exactly: {spelled}"
    words = licence.upper()
    found = [(what, meaning) for pattern, what, meaning in _RESTRICTIONS if re.search(pattern, words)]
    if found:
        forbidden, meanings = zip(*found, strict=True)
        return f"{shown(licence)} forbids {' and '.join(forbidden)}, so {' and '.join(meanings)}; choose {_SUGGESTED}"
    return (
        f"{quoted(licence)} is not one of the licences the guide accepts (they allow sharing, changes and "
        f"commercial reuse); choose {_SUGGESTED}, or another listed in CONTRIBUTING.md"
    )


def _path_problem(name: str) -> str | None:
    if not name:
        return "name the picture file, e.g. file: cat-cow.png"
    if "\\" in name or name.startswith("/") or re.match(r"^[a-zA-Z]:", name):
        return (
            "give the file name relative to content/exercises/images/, with forward slashes and no drive or leading /"
        )
    if any(part in ("..", ".") for part in PurePosixPath(name).parts) or "//" in name:
        return "the file must be inside content/exercises/images/; `..` is not allowed"
    suffix = PurePosixPath(name).suffix
    if suffix not in KINDS:
        shown = ", ".join(sorted({k for k in KINDS if k != ".jpeg"}))
        return f"pictures must be {shown} files (lowercase extension), not {suffix or 'a file without an extension'}"
    return None


def _is(suffix: str, data: bytes) -> bool:
    if suffix == ".webp":
        return len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return any(data.startswith(magic) for magic in RASTER_MAGIC[suffix])


def svg_problems(data: bytes) -> list[str]:
    """Why this SVG is unsafe or not an SVG at all; empty when it is a plain drawing, published as it is.

    The same walk makes the file the build publishes, so whatever the check lets through is exactly
    what a reader gets."""
    return inspect_svg(data).problems
