"""Pose figures: a person drawn from a start and an end pose, as SVG for pages, cards and sheets."""

from __future__ import annotations

from collections.abc import Mapping

from .checks import figure_problems
from .svg import render_motion, render_still

__all__ = ["figure_problems", "render_figure_svg", "render_pose_svg"]


def render_figure_svg(figure: Mapping, *, slug: str) -> str:
    """Animated SVG for the exercise page: the figure moves gently between start and end."""
    return render_motion(figure, slug)


def render_pose_svg(figure: Mapping, which: str, *, slug: str) -> str:
    """A still SVG of the "start" or "end" pose, for printable sheets, or of the whole "movement"
    (the end pose over the start, faint, with the arrow), for cards and for readers who see no animation."""
    if which not in ("start", "end", "movement"):
        raise ValueError(f"which must be 'start', 'end' or 'movement', not {which!r}")
    return render_still(figure, which, slug)
