"""The picture of an exercise: the project's drawn figure, a contributor's photo, or nothing yet.

Drawn figures are published as files beside the exercise page rather than inlined (the animated one
alone is larger than a whole page should be, and a file is fetched once and cached): figure.svg,
animated, which also holds its stills at fragments (figure.svg#…-movement, -start, -end), so the
exercise page, its print and its script need no other file; and end.svg, the still (the end pose
over the start, faint, with the arrow) for cards, the gallery and series pages: a card loads a
third of the animated figure's weight, and styles no animation. Drawing is the slow part of a build, so each drawing is kept
in the build's cache, keyed by the figure, the slug and the figures code, and reused while none
changes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType

from .. import addresses
from ..cache import FIGURES, Cache, digest_files
from ..model import Exercise, frozen_json

IMAGES_URL = f"{addresses.EXERCISES}images/"  # contributor photos, as in content/exercises/images/


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


def figure_url(slug: str, view: str | None = None) -> str:
    """The animated figure, which the page's script plays in place of the still; `view` names a second view's file."""
    return f"{addresses.exercise_page(slug)}figure{_suffix(view)}.svg"


def pose_url(slug: str, which: str, view: str | None = None) -> str:
    """The animated figure at an address that holds it still: in the "start" or the "end" pose alone
    (an exercise page prints the two side by side), or as the "movement"."""
    return f"{figure_url(slug, view)}#{_figures_function('pose_fragment')(drawing_slug(slug, view), which)}"


def still_url(slug: str, view: str | None = None) -> str:
    """The still that reads as a movement without any script, as a file of its own: cards, gallery, series pages."""
    return f"{addresses.exercise_page(slug)}end{_suffix(view)}.svg"


def drawing_slug(slug: str, view: str | None = None) -> str:
    """What a drawing's SVG ids start with: a second view's carry its name, so two on one page never clash."""
    return f"{slug}-{view}" if view else slug


def _suffix(view: str | None) -> str:
    return f"-{view.replace('_', '-')}" if view else ""


# What the page says above each picture when it shows the movement from two sides.
VIEW_LABELS = {
    "side": "Seen from the side",
    "other_side": "Seen from the other side",
    "three_quarter": "Seen from the side, a little in front",
    "front": "Seen from the front",
    "back": "Seen from behind",
    "above": "Seen from above",
}


@dataclass(frozen=True)
class View:
    """One view of a drawn figure on the exercise page: the first is the one cards and sheets show."""

    name: str
    label: str
    figure_url: str
    still_url: str  # the still's own file, which the build publishes
    page_still_url: str  # what the page shows until its script plays the figure: the same file, held still
    second: bool  # its files and SVG ids carry the view's name, so two on one page never clash


def views(exercise: Exercise) -> list[View]:
    """The views the exercise page draws: one, or two when the entry asks for them; none without a drawing."""
    if not can_draw(exercise):
        return []
    names = _figures_function("views_of")(exercise.figure)
    return [
        View(
            name,
            view_label(exercise.figure, name),
            figure_url(exercise.slug, name if index else None),
            still_url(exercise.slug, name if index else None),
            pose_url(exercise.slug, "movement", name if index else None),
            bool(index),
        )
        for index, name in enumerate(names)
    ]


def view_label(figure: dict, name: str) -> str:
    """What the page says above a view: a figure lying on its back is seen from its feet, not its front."""
    if name == "front" and figure["start"]["posture"] in _figures_module().postures.ON_BACK:
        return "Seen from the feet"  # the front view looks along a body lying on its back
    return VIEW_LABELS.get(name, name)


def thumbnail_url(exercise: Exercise) -> str | None:
    """The small picture for cards: the end pose, else the photo, else None (a placeholder)."""
    if can_draw(exercise):
        return still_url(exercise.slug)
    found = photo(exercise)
    return found.url if found else None


class Drawings:
    """The SVG files of every drawn figure, from the cache when a sound copy is there, else drawn and kept."""

    def __init__(self, cache: Cache):
        self.kind = cache.kind(FIGURES, _figures_code_version(), ".svg")
        self.used: set[str] = set()  # the keys handed out in this build: what pruning keeps
        self.copies = cache.copies(".svg")  # what the site's drawings link to

    def files(self, exercise: Exercise) -> dict[str, Drawing]:
        """{site path: drawing} for one exercise: the animated figure and the still of each view.

        Nothing is drawn or read yet: each file is made when it is published, so a build
        never holds thousands of drawings in memory at once."""
        if not can_draw(exercise):
            return {}
        figure = frozen_json(exercise.figure, sort_keys=True)
        drawings = {}
        for view in views(exercise):
            for path, kind in ((view.figure_url, "figure"), (view.still_url, "movement")):
                key = self.kind.key(drawing=kind, slug=exercise.slug, figure=figure, view=view.name)
                self.used.add(key)
                drawings[path] = Drawing(self, exercise, kind, key, view)
        return drawings

    def svg(self, drawing: Drawing) -> bytes:
        """The drawing's bytes: the cached copy if it passes its check, else drawn again (and kept)."""
        found = self.kind.read(drawing.key)
        if found is None:
            exercise, view = drawing.exercise, drawing.view
            slug = drawing_slug(exercise.slug, view.name if view.second else None)
            if drawing.kind == "figure":
                svg = _figures_function("render_figure_svg")(exercise.figure, slug=slug, view=view.name)
            else:
                svg = _figures_function("render_pose_svg")(exercise.figure, drawing.kind, slug=slug, view=view.name)
            found = svg.encode("utf-8")
            self.kind.write(drawing.key, found)
        return found

    def prune(self) -> None:
        """Forget the drawings this build did not ask for: those of removed or changed figures."""
        self.kind.prune(self.used)

    def keep(self) -> None:
        """Forget the published copies this build did not publish; call it when the build is done."""
        self.copies.prune()


@dataclass(frozen=True)
class Drawing:
    """One published SVG file of an exercise's view: "figure" (animated) or "movement" (the still)."""

    drawings: Drawings
    exercise: Exercise
    kind: str
    key: str
    view: View

    def svg(self) -> bytes:
        return self.drawings.svg(self)

    def publish(self, svg: bytes, destination: str) -> None:
        """Put `svg` (this drawing's, or what another plugin made of it) at `destination` in the site."""
        self.drawings.copies.publish(svg, destination)


@cache
def _figures_code_version() -> str:
    """A digest of the figures code, so a change to how figures are drawn redraws them all."""
    module = _figures_module()
    folder = Path(module.__file__).parent if module and module.__file__ else None
    return digest_files(folder.rglob("*.py"), folder) if folder else ""


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
