"""A curved arrow that traces how one body part travels from the start to the end pose, or a loop for a roll.

The arrow runs beside the path, not on it: it is pushed sideways, to whichever side
first leaves it clear of the body in the end pose, so it never hides inside the trunk.
A loop (`path: circle`) is placed the same way, beside the part, clear of the body.
Seen from behind, a shoulder blade's arrow is the exception: it lies on the back, just below
the blade, pointing the way the blade goes (toward the spine for a squeeze); `shoulder_blades`
gets one under each blade. The picture cuts it out of the back, so it shows in the page's own colour.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise

from .geometry import distance_to_segment
from .pose import BLADES, Body
from .projection import Point, flatten, to_page
from .skeleton import BLADE_CORNERS, HEAD_RADIUS, SEGMENTS_BY_NAME, shoulder_blade_point
from .svgtext import num

OFFSETS = (10.0, 16.0, 22.0, 30.0, 38.0)  # how far beside the path to try, nearest first
CLEARANCE = 3.0  # space between the arrow and the body
SHORTEST = 6.0  # movements shorter than this get no arrow
HEAD_SIZE = 6.0  # length of an arrow's head
LOOP_HEAD = 9.0  # a loop's head, larger: round a small circle a plain head hardly shows which way it points
TIP = 1.5  # how far the head's point reaches past the path's last point
# How an arrow goes: along the part's way from start to end (the usual), or round in a loop (a roll).
PATHS = ("follow", "circle")
LOOP_RADIUS = 12.0  # nearly the head's size: large enough to read as a circle on a card
LOOP_TURN = 300.0  # degrees a loop goes round; the gap is at the bottom, where a roll starts by lifting
LOOP_STEP = 10.0  # degrees between the loop's points
SIDEWAYS = 2.0  # a loop needs the part to travel this far across the picture, or its direction is a guess
TRUNK = ("lower_back", "upper_back")
BLADE_VIEWS = ("back",)  # the views that draw the shoulder blades on the back, and their arrows on it
BELOW_BLADE = 4.5  # how far below a shoulder blade's bottom tip its arrow on the back runs
# An arrow on the back goes with a blade the reader sees move, so it only has to say which way: it
# is drawn at least this long (its tail reaching back past where the blade starts) for a blade that
# travels at least BLADE_SHORTEST.
BACK_ARROW = 8.0
BLADE_SHORTEST = 3.0
INSIDE = 1.5  # how far inside the back's outline an arrow on it stays


@dataclass(frozen=True)
class Asked:
    """The arrow an entry asks for: `arrow: left_hand`, or `arrow: {part: left_shoulder, path: circle}`."""

    part: str
    path: str = "follow"

    @property
    def words(self) -> str:
        return self.part.replace("_", " ")

    @property
    def written(self) -> str:
        """The field as a contributor writes it, for messages."""
        return f"arrow: {self.part}" if self.path == "follow" else f"arrow: {{part: {self.part}, path: {self.path}}}"


def asked_arrow(figure: Mapping) -> Asked | None:
    hint = figure.get("arrow")
    if not hint:
        return None
    if isinstance(hint, str):
        return Asked(hint)
    return Asked(hint["part"], hint.get("path", "follow"))


def arrow_svg(figure: Mapping, bodies: list[Body], view: str) -> str:
    """The arrow drawn over the picture; an arrow on the back is cut out of it instead (`arrow_cut_svg`)."""
    if on_back(figure, view):
        return ""
    paths, _ = arrow_paths(figure, bodies, view)
    return "".join(_draw(path, head_size(figure)) for path in paths)


def arrow_cut_svg(figure: Mapping, bodies: list[Body], view: str) -> str:
    """The arrows on the back, as shapes for the picture to cut out of it (drawn in the colour of the
    group they are put in), or nothing."""
    if not on_back(figure, view):
        return ""
    paths, _ = arrow_paths(figure, bodies, view)
    return "".join(_draw(path, head_size(figure), cut=True) for path in paths)


def on_back(figure: Mapping, view: str) -> bool:
    """Whether the figure's arrow lies on the back: a shoulder blade's, seen from behind."""
    asked = asked_arrow(figure)
    return bool(asked and asked.path == "follow" and asked.part in BLADES and view in BLADE_VIEWS)


def head_size(figure: Mapping) -> float:
    """How long the head of the figure's arrow is drawn."""
    asked = asked_arrow(figure)
    return LOOP_HEAD if asked and asked.path == "circle" else HEAD_SIZE


def arrow_problem(figure: Mapping, bodies: list[Body], view: str) -> str | None:
    """Why the arrow the figure asks for is not drawn, in a contributor's words, or None."""
    path, why = arrow_path(figure, bodies, view)
    return None if path or not figure.get("arrow") else why


def arrow_path(figure: Mapping, bodies: list[Body], view: str) -> tuple[list[Point] | None, str]:
    """The arrow's points beside the path of `figure["arrow"]` (the first, where there are two), or None
    and the reason it has none."""
    paths, why = arrow_paths(figure, bodies, view)
    return (paths[0] if paths else None), why


def arrow_paths(figure: Mapping, bodies: list[Body], view: str) -> tuple[list[list[Point]], str]:
    """The points of each arrow the figure asks for (one, or one per shoulder blade on the back), or
    none and the reason."""
    asked = asked_arrow(figure)
    if asked is None:
        return [], ""
    if on_back(figure, view):
        return _on_back(asked, bodies, view)
    path, why = _beside(asked, bodies, view)
    return ([path] if path else []), why


def _on_back(asked: Asked, bodies: list[Body], view: str) -> tuple[list[list[Point]], str]:
    """Under each shoulder blade asked for, on the back: the path of its bottom tip, a little lower,
    its tail drawn out to `BACK_ARROW`."""
    out, up = BLADE_CORNERS[-1]
    paths = []
    for side in BLADES[asked.part]:
        tip = [to_page(view, shoulder_blade_point(body.segments, side, out, up)) for body in bodies]
        path = [(x, y + BELOW_BLADE) for x, y in tip]
        travel = sum(math.dist(a, b) for a, b in pairwise(path))
        if travel < BLADE_SHORTEST:
            return [], _too_short(asked, view, travel, BLADE_SHORTEST, "make the movement larger")
        (x0, y0), (x1, y1) = path[0], path[-1]
        longer = max(BACK_ARROW - travel, 0.0) / math.dist(path[0], path[-1])
        paths.append([(x0 + (x0 - x1) * longer, y0 + (y0 - y1) * longer), *path])
    outline = [(p.start, p.end, p.width / 2) for p in (flatten(bodies[-1], view).pieces[n] for n in TRUNK)]
    if not all(any(distance_to_segment(q, a, b) < r - INSIDE for a, b, r in outline) for p in paths for q in p):
        return [], (
            f"`{asked.written}` is not drawn: below the shoulder blades it would leave the back; "
            "leave it out, or draw it from the side"
        )
    return paths, ""


def _too_short(asked: Asked, view: str, travel: float, shortest: float, instead: str) -> str:
    return (
        f"`{asked.written}` is not drawn: seen from the `{view}` view the {asked.words} travels only "
        f"{travel:.0f} cm, and an arrow needs {shortest:.0f}; {instead}, or leave it out"
    )


def _beside(asked: Asked, bodies: list[Body], view: str) -> tuple[list[Point] | None, str]:
    """The arrow's points beside the part's path, clear of the body, or None and the reason."""
    path = [to_page(view, body.landmark(asked.part)) for body in bodies]
    travel = sum(math.dist(a, b) for a, b in pairwise(path))
    if travel < SHORTEST:
        return None, _too_short(asked, view, travel, SHORTEST, "point it at a part that moves more")
    if asked.path == "circle":
        return _loop(asked, path, bodies[-1], view)
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
    return None, _no_room(asked)


def _no_room(asked: Asked) -> str:
    return (
        f"`{asked.written}` is not drawn: within {OFFSETS[-1]:.0f} cm of the {_possessive(asked.words)} path there is no room "
        "that keeps clear of the body; point it at a part that moves in the open, or leave it out"
    )


def _loop(asked: Asked, path: list[Point], end: Body, view: str) -> tuple[list[Point] | None, str]:
    """A near-full circle beside the part, going over the top the way the part travels from start to
    end: a backward shoulder roll, seen from the side, goes up, back and down."""
    across = path[-1][0] - path[0][0]
    if abs(across) < SIDEWAYS:
        return None, (
            f"`{asked.written}` is not drawn: seen from the `{view}` view the {asked.words} moves only "
            f"{abs(across):.0f} cm across the picture, so a circle cannot show which way it rolls; "
            "draw it from the side (`view: side`), or leave out `path: circle`"
        )
    ahead = -1.0 if across < 0 else 1.0
    # Angles as the reader sees them, counterclockwise from the right (the page's y grows down): they
    # grow on a loop that goes over the top toward the left. The gap is at the bottom (-90 degrees).
    turn = -ahead
    # The head is aimed along the path's last straight piece, which spans the head's own length round
    # the circle: so the head sits on the curve instead of sticking out of it.
    head = math.degrees(LOOP_HEAD / LOOP_RADIUS)
    count = round(LOOP_TURN / LOOP_STEP)
    steps = [step for step in (LOOP_TURN * i / count for i in range(count)) if step <= LOOP_TURN - head]
    angles = [-90.0 + turn * (180.0 - LOOP_TURN / 2 + step) for step in [*steps, LOOP_TURN]]
    middle = ((path[0][0] + path[-1][0]) / 2, (path[0][1] + path[-1][1]) / 2)
    obstacles = _body_outline(end, view)
    # Beside the part where it is going (behind the back for a backward roll), then above it, then behind it.
    directions = [(ahead, 0.0), (ahead * 0.7, -0.7), (0.0, -1.0), (-ahead * 0.7, -0.7), (-ahead, 0.0)]
    for offset in OFFSETS:
        for dx, dy in directions:
            reach = offset + LOOP_RADIUS
            centre = (middle[0] + dx * reach, middle[1] + dy * reach)
            loop = [
                (
                    centre[0] + LOOP_RADIUS * math.cos(math.radians(a)),
                    centre[1] - LOOP_RADIUS * math.sin(math.radians(a)),
                )
                for a in angles
            ]
            if all(_clear(point, obstacles) for point in loop):
                return loop, ""
    return None, _no_room(asked)


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


def _draw(points: list[Point], size: float, cut: bool = False) -> str:
    """The arrow's line and head; `cut`: without the arrow's own style, to be cut out of the picture."""
    d = "M" + "L".join(f"{num(x)} {num(y)}" for x, y in points)
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    left = (x2 - size * math.cos(angle - 0.5), y2 - size * math.sin(angle - 0.5))
    right = (x2 - size * math.cos(angle + 0.5), y2 - size * math.sin(angle + 0.5))
    tip = (x2 + TIP * math.cos(angle), y2 + TIP * math.sin(angle))
    head = f"M{num(tip[0])} {num(tip[1])}L{num(left[0])} {num(left[1])}L{num(right[0])} {num(right[1])}Z"
    if cut:
        return f'<path d="{d}" fill="none" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/><path d="{head}" stroke="none"/>'
    return f'<path class="arrow" d="{d}"/><path class="arrow-head" d="{head}"/>'
