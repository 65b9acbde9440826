"""Pose figures: a person drawn from a start and an end pose, as SVG for pages, cards and sheets."""

from __future__ import annotations

from collections.abc import Mapping

from .checks import figure_problems
from .svg import FRAME_WIDEST, pose_fragment, render_motion, render_still
from .views import views_of

__all__ = ["figure_problems", "pose_fragment", "render_figure_svg", "render_pose_svg", "views_of"]


def render_figure_svg(figure: Mapping, *, slug: str, view: str | None = None) -> str:
    """Animated SVG for the exercise page: the figure moves gently between start and end.

    `view` is one of the figure's views (`views_of`); by default the first, which cards and sheets show."""
    return render_motion(figure, view or views_of(figure)[0], slug)


def render_pose_svg(
    figure: Mapping,
    which: str,
    *,
    slug: str,
    view: str | None = None,
    framed: bool = False,
    widest: float = FRAME_WIDEST,
) -> str:
    """A still SVG of the "start" or "end" pose, for printable sheets, or of the whole "movement"
    (the end pose over the start, faint, with the arrow), for cards and for readers who see no animation.

    `framed` (the sheets): framed to the movement, body, props and arrow, rather than to the scene
    every figure shares, so the person is drawn as large as the picture allows; every pose of one
    figure gets the same frame, so start and end laid over each other line up. The frame takes the
    movement's own shape, from the scene's up to `widest` (width over height): a floor move's is wide."""
    if which not in ("start", "end", "movement"):
        raise ValueError(f"which must be 'start', 'end' or 'movement', not {which!r}")
    return render_still(figure, view or views_of(figure)[0], which, slug, framed=framed, widest=widest)
