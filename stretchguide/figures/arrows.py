"""A curved arrow that traces how one body part travels from the start to the end pose.

The arrow runs beside the path, not on it: it is pushed sideways, to whichever side
first leaves it clear of the body in the end pose, so it never hides inside the trunk.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import pairwise

from .geometry import distance_to_segment
from .pose import Body
from .projection import Point, flatten, to_page
from .skeleton import HEAD_RADIUS, SEGMENTS_BY_NAME
from .svgtext import num

OFFSETS = (10.0, 16.0, 22.0, 30.0, 38.0)  # how far beside the path to try, nearest first
CLEARANCE = 3.0  # space between the arrow and the body
SHORTEST = 6.0  # movements shorter than this get no arrow


def arrow_svg(figure: Mapping, bodies: list[Body], view: str) -> str:
    path, _ = arrow_path(figure, bodies, view)
    return _draw(path) if path else ""


def arrow_problem(figure: Mapping, bodies: list[Body], view: str) -> str | None:
    """Why the arrow the figure asks for is not drawn, in a contributor's words, or None."""
    path, why = arrow_path(figure, bodies, view)
    return None if path or not figure.get("arrow") else why


def arrow_path(figure: Mapping, bodies: list[Body], view: str) -> tuple[list[Point] | None, str]:
    """The arrow's points beside the path of `figure["arrow"]`, or None and the reason it has none."""
    hint = figure.get("arrow")
    if not hint:
        return None, ""
    words = hint.replace("_", " ")
    path = [to_page(view, body.landmark(hint)) for body in bodies]
    travel = sum(math.dist(a, b) for a, b in pairwise(path))
    if travel < SHORTEST:
        return None, (
            f"`arrow: {hint}` is not drawn: seen from the `{view}` view the {words} travels only "
            f"{travel:.0f} cm, and an arrow needs {SHORTEST:.0f}; point it at a part that moves more, or leave it out"
        )
    normals = [_normal(path, i) for i in range(len(path))]
    dx, dy = path[-1][0] - path[0][0], path[-1][1] - path[0][1]
    ahead = (dx / (math.hypot(dx, dy) or 1.0), dy / (math.hypot(dx, dy) or 1.0))
    obstacles = _body_outline(bodies[-1], view)
    for offset in OFFSETS:
        # Beside the path on either side, or moved on ahead of the movement (a shoulder
        # squeezed back gets its arrow just behind the back).
        candidates = [
            [(p[0] + n[0] * offset * side, p[1] + n[1] * offset * side) for p, n in zip(path, normals, strict=True)]
            for side in (1.0, -1.0)
        ]
        candidates.append([(p[0] + ahead[0] * offset, p[1] + ahead[1] * offset) for p in path])
        for shifted in candidates:
            if all(_clear(point, obstacles) for point in shifted):
                return shifted, ""
    return None, (
        f"`arrow: {hint}` is not drawn: within {OFFSETS[-1]:.0f} cm of the {_possessive(words)} path there is no room "
        "that keeps clear of the body; point it at a part that moves in the open, or leave it out"
    )


def _possessive(words: str) -> str:
    return f"{words}'" if words.endswith("s") else f"{words}'s"


def _normal(path: list[Point], i: int) -> Point:
    a, b = path[max(i - 1, 0)], path[min(i + 1, len(path) - 1)]
    dx, dy = b[0] - a[0], b[1] - a[1]
    norm = math.hypot(dx, dy) or 1.0
    return (-dy / norm, dx / norm)


def _body_outline(body: Body, view: str) -> list[tuple[Point, Point, float]]:
    """The drawn pieces of the end pose as (start, end, half thickness)."""
    flat = flatten(body, view)
    pieces = [(p.start, p.end, p.width / 2) for name, p in flat.pieces.items() if SEGMENTS_BY_NAME[name].drawn]
    return [*pieces, (flat.head, flat.head, HEAD_RADIUS)]


def _clear(point: Point, obstacles: list[tuple[Point, Point, float]]) -> bool:
    return all(distance_to_segment(point, a, b) > r + CLEARANCE for a, b, r in obstacles)


def _draw(points: list[Point]) -> str:
    d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points)
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    size = 6.0
    left = (x2 - size * math.cos(angle - 0.5), y2 - size * math.sin(angle - 0.5))
    right = (x2 - size * math.cos(angle + 0.5), y2 - size * math.sin(angle + 0.5))
    tip = (x2 + 1.5 * math.cos(angle), y2 + 1.5 * math.sin(angle))
    head = f"M{num(tip[0])} {num(tip[1])}L{num(left[0])} {num(left[1])}L{num(right[0])} {num(right[1])}Z"
    return f'<path class="arrow" d="{d}"/><path class="arrow-head" d="{head}"/>'
