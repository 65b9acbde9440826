"""Checks on a contributor's own picture (`image:`): where the file is, what it really is, and
that an SVG cannot run code or fetch anything when a reader's browser shows it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from .svgsafe import inspect_svg

MAX_BYTES = 1024 * 1024  # 1 MiB: a clear photo or drawing of a pose fits easily

# What the first bytes of each kind of file must be.
RASTER_MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
KINDS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP", ".svg": "SVG"}

Problem = tuple[tuple, str]


def image_problems(image: Mapping, images_dir: Path) -> list[Problem]:
    """Every reason to refuse this picture; an empty list when it can be published."""
    name = str(image.get("file", ""))
    path_problem = _path_problem(name)
    if path_problem:
        return [(("file",), path_problem)]
    root = Path(images_dir).resolve()
    path = Path(images_dir) / name
    try:
        real = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        return [(("file",), f"there is no file {name} in content/exercises/images/")]
    if not real.is_relative_to(root):
        return [
            (("file",), f"{name} points outside content/exercises/images/ (through a link); put the file itself there")
        ]
    if not real.is_file():
        return [(("file",), f"{name} is not a file")]
    data = real.read_bytes()
    if len(data) > MAX_BYTES:
        return [
            (
                ("file",),
                f"{name} is {len(data) / 1024 / 1024:.1f} MiB; pictures may be at most 1 MiB, so make it smaller",
            )
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
