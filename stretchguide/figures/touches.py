"""What a hand or an elbow rests on (`touches:` in a pose), and how far the drawing leaves it from there."""

from __future__ import annotations

import math
from collections.abc import Mapping

from .pose import SEAT_HEIGHT, Body
from .skeleton import HEAD_RADIUS, SEGMENTS_BY_NAME, SIDES

# The parts a contributor can rest somewhere, and the sides each one names.
PARTS = {
    "hands": SIDES,
    "left_hand": ("left",),
    "right_hand": ("right",),
    "elbows": SIDES,
    "left_elbow": ("left",),
    "right_elbow": ("right",),
    # Feet say where they stay even when the hips and knees move them (knees dropping to one side).
    "feet": SIDES,
    "left_foot": ("left",),
    "right_foot": ("right",),
}
# Each part in the words of a message, one side at a time.
ONE = {"hands": "hand", "elbows": "elbow", "feet": "foot"}
# Each support in the words of a message: "the left hand is 9 cm off the head".
SUPPORTS = {
    "head": "the head",
    "floor": "the floor",
    "chair": "the chair seat",
    "knees": "its own knee",
    "left_knee": "the left knee",
    "right_knee": "the right knee",
}
TOUCH_TOLERANCE = 5.0  # cm of daylight between a part and what it rests on before we say so
KNEE_RADIUS = 6.0


def _spot(body: Body, side: str, part: str) -> tuple[tuple[float, float, float], float]:
    """Where the part is and how thick: the middle of the hand or the foot, or the point of the elbow."""
    for piece in ("hand", "foot"):
        if piece in part or (piece == "foot" and part == "feet"):
            segment = body.segments[f"{side}_{piece}"]
            middle = tuple((a + b) / 2 for a, b in zip(segment.start, segment.end, strict=True))
            return middle, SEGMENTS_BY_NAME[f"{side}_{piece}"].width / 2  # type: ignore[return-value]
    return body.segments[f"{side}_upper_arm"].end, SEGMENTS_BY_NAME[f"{side}_forearm"].width / 2


def gap(body: Body, side: str, part: str, support: str) -> float:
    """Centimetres of daylight between one side's part and its support (negative: pressed into it)."""
    point, radius = _spot(body, side, part)
    if support == "head":
        return math.dist(point, body.point("head")) - HEAD_RADIUS - radius
    if support == "floor":
        return point[1] - radius
    if support == "chair":
        return abs(point[1] - radius - SEAT_HEIGHT)
    knee_side = side if support == "knees" else support.split("_")[0]
    return math.dist(point, body.segments[f"{knee_side}_thigh"].end) - KNEE_RADIUS - radius


def touch_problems(pose: Mapping, body: Body, which: str, props: set[str]) -> list[tuple[tuple, str]]:
    problems = []
    for part, support in (pose.get("touches") or {}).items():
        where = (which, "touches", part)
        if support == "chair" and "chair" not in props:
            problems.append((where, "rests on the chair, but `props` does not list `chair`"))
            continue
        for side in PARTS[part]:
            name = part.rsplit("_", 1)[-1]
            words = f"{side} {ONE.get(name, name)}"
            off = gap(body, side, part, support)
            if off > TOUCH_TOLERANCE:
                problems.append(
                    (
                        where,
                        f"the {words} is {off:.0f} cm off {SUPPORTS[support]} it should rest on; "
                        "change the angles that carry it",
                    )
                )
    return problems
