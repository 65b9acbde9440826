"""The picture of an exercise: the project's drawn figure, a contributor's photo, or nothing yet.

Drawn figures are published as files beside the exercise page (figure.svg, animated; end.svg,
the still: the end pose over the start, faint, with the arrow) rather than inlined: the animated one alone is larger than a whole page should be, and a
file is fetched once and cached. Drawing is the slow part of a build, so each drawing is kept
in .cache/figures/, keyed by the figure, the slug and the figures code, and reused while none
changes.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from ..model import Exercise, frozen_json

IMAGES_URL = "exercises/images/"  # contributor photos, as in content/exercises/images/


@dataclass(frozen=True)
class Photo:
    """A contributor's own picture with what its licence asks us to show."""

    url: str  # relative to the site root
    alt: str
    author: str | None
    license: str | None
    source: str | None

    @property
    def source_is_link(self) -> bool:
        return bool(self.source) and self.source.startswith("https://")


def photo(exercise: Exercise) -> Photo | None:
    image = exercise.image
    if not image or not image.get("file"):
        return None
    return Photo(
        url=IMAGES_URL + image["file"],
        alt=image.get("alt", ""),
        author=image.get("author"),
        license=image.get("license"),
        source=image.get("source"),
    )


def can_draw(exercise: Exercise) -> bool:
    """True when the exercise has a figure and the figures module is there to draw it."""
    return exercise.figure is not None and _figures_function("render_figure_svg") is not None


def figure_url(slug: str) -> str:
    """The animated figure, which the page's script plays in place of the still."""
    return f"exercises/{slug}/figure.svg"


def still_url(slug: str) -> str:
    """The still that reads as a movement without any script: cards, gallery, and the page before it plays."""
    return f"exercises/{slug}/end.svg"


def thumbnail_url(exercise: Exercise) -> str | None:
    """The small picture for cards: the end pose, else the photo, else None (a placeholder)."""
    if can_draw(exercise):
        return still_url(exercise.slug)
    found = photo(exercise)
    return found.url if found else None


class Drawings:
    """The SVG files of every drawn figure, drawn into the cache folder unless already there."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = Path(cache_dir)

    def files(self, exercise: Exercise) -> dict[str, Path]:
        """{site path: drawn file} for one exercise: the animated figure and the still end pose.

        The files are published as they lie in the cache: a build never holds thousands of
        drawings in memory at once."""
        if not can_draw(exercise):
            return {}
        figure, slug = exercise.figure, exercise.slug
        described = _described(figure, slug)
        return {
            figure_url(slug): self._drawn("figure", figure, slug, described),
            still_url(slug): self._drawn("movement", figure, slug, described),
        }

    def _drawn(self, kind: str, figure, slug: str, described: str) -> Path:
        key = hashlib.sha256(f"{kind}\n{described}".encode()).hexdigest()
        cached = self.cache_dir / key[:2] / f"{key}.svg"
        if cached.is_file():
            return cached
        if kind == "figure":
            svg = _figures_function("render_figure_svg")(figure, slug=slug)
        else:
            svg = _figures_function("render_pose_svg")(figure, kind, slug=slug)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(svg, encoding="utf-8")
        partial.replace(cached)  # whole or not at all, even with two builds at once
        return cached


def _described(figure, slug: str) -> str:
    """What fixes an exercise's drawings, but for their kind: the figures code, the slug and the figure."""
    return f"{_figures_code_version()}\n{slug}\n{frozen_json(figure, sort_keys=True)}"


@cache
def _figures_code_version() -> str:
    """A digest of the figures code, so a change to how figures are drawn redraws them all."""
    module = _figures_module()
    folder = Path(module.__file__).parent if module and module.__file__ else None
    digest = hashlib.sha256()
    for source in sorted(folder.rglob("*.py")) if folder else ():
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _figures_function(name: str) -> Callable | None:
    return getattr(_figures_module(), name, None)


@cache
def _figures_module() -> ModuleType | None:
    # Optional while it is being written: until its functions exist, every exercise
    # shows the placeholder. A module that exists but fails to import is a bug and
    # must fail loudly.
    try:
        return importlib.import_module("stretchguide.figures")
    except ModuleNotFoundError as error:
        if error.name != "stretchguide.figures":
            raise
        return None
