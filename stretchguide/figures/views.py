"""Which view a figure is drawn in: the entry's own `view`, or the readable view that shows the most movement."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from typing import cast

from ..model import frozen_json
from .geometry import Vec, along_segment, distance_to_segment, lerp
from .movement import motion
from .pose import Body, radius_along
from .projection import CAMERA, Flat, depth, flatten
from .props import lifts_body
from .skeleton import SEGMENTS

# The views the drawing may choose, the clearest first: a tie goes to the earlier one. The side
# view reads bends best and is the one readers know; the three-quarter view foreshortens
# everything a little, so it wins only when it shows clearly more. `other_side` is the side view
# mirrored (it never shows more), and `above` is for lying figures only: an entry asks for them.
CHOOSABLE = ("side", "front", "three_quarter")
TIE = 0.05  # a view must show this much more (a share of the most) to win over a clearer one
SIDE_ONLY_PROPS = ("rowing_machine",)  # drawn only from the side (see props.draw_rowing_machine)
TRUNK = ("lower_back", "upper_back")
MOST_VIEWS = 2  # one view, or two when one cannot show the movement (turns)


def views_of(figure: Mapping) -> tuple[str, ...]:
    """The views to draw, the first for cards, thumbnails and sheets: the entry's `view`
    (one name, or a list of two), else the one the drawing chooses."""
    return asked_views(figure) or (chosen_view(figure),)


def asked_views(figure: Mapping) -> tuple[str, ...]:
    """The views the entry names itself: none, one, or two."""
    view = figure.get("view")
    if view is None:
        return ()
    return (view,) if isinstance(view, str) else tuple(view)


def view_problems(figure: Mapping) -> list[tuple[tuple, str]]:
    """What the schema cannot say about the views an entry asks for."""
    if {"side", "other_side"} <= set(asked_views(figure)):
        return [
            (
                ("view",),
                "`side` and `other_side` show the same movement, mirrored; for a second view take `front` or `three_quarter`",
            )
        ]
    return []


def chosen_view(figure: Mapping) -> str:
    """Among the readable views, the one where the start and end differ most; the same entry
    always gets the same view."""
    return _chosen(frozen_json(figure, sort_keys=True))


def differences(figure: Mapping) -> dict[str, float]:
    """Per choosable view that can draw the figure's props: how much differs between the start
    and the end on the page, in cm (every visible part's travel, added up)."""
    start, end = motion(figure, 1, lifts_body(figure))
    props = set(figure.get("props") or ())
    readable = [v for v in CHOOSABLE if v == "side" or not props & set(SIDE_ONLY_PROPS)]
    return {view: sum(_moves(start, end, view)) for view in readable}


def travel(start: Body, end: Body, view: str) -> float:
    """How far, on the page, the part that moves most travels from start to end in `view`, in cm."""
    return max(_moves(start, end, view))


def _moves(start: Body, end: Body, view: str) -> list[float]:
    """How far each visible part travels on the page (the face counts: a head turn shows as the
    nose moving across the head). A part hidden behind the trunk in both poses does not count:
    the reader cannot see it move."""
    a, b = flatten(start, view), flatten(end, view)
    hidden = _behind_trunk(start, a, view) & _behind_trunk(end, b, view)
    moves = [
        math.dist(a.pieces[s.name].end, b.pieces[s.name].end) for s in SEGMENTS if s.drawn and s.name not in hidden
    ]
    return [*moves, math.dist(a.head, b.head), math.dist(a.nose, b.nose)]


def _behind_trunk(body: Body, flat: Flat, view: str) -> set[str]:
    """The limb joints that the trunk covers in this view: behind it, and inside its outline on the page."""
    hidden = set()
    for segment in SEGMENTS:
        if not segment.drawn or segment.limb in ("trunk", "head"):
            continue
        point = body.segments[segment.name].end
        on_page = flat.pieces[segment.name].end
        for name in TRUNK:
            piece, placed = flat.pieces[name], body.segments[name]
            # The trunk's axis at the height of the point, and its back surface seen from the camera.
            along = along_segment(on_page, piece.start, piece.end)
            axis = cast(Vec, tuple(lerp(p, q, along) for p, q in zip(placed.start, placed.end, strict=True)))
            back = depth(view, axis) - radius_along(name, placed, CAMERA[view])
            covered = distance_to_segment(on_page, piece.start, piece.end) < piece.width / 2
            if covered and depth(view, point) < back:
                hidden.add(segment.name)
    return hidden


@lru_cache(maxsize=512)
def _chosen(key: str) -> str:
    found = differences(json.loads(key))
    most = max(found.values())
    return next(view for view in found if found[view] >= most * (1 - TIE))
