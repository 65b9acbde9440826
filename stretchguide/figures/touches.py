"""What a body part rests on (a posture's floor contacts, `touches:` in a pose), and how far the drawing leaves it from there."""

from __future__ import annotations

import math
from collections.abc import Mapping

from .pose import SEAT_HEIGHT, Body
from .postures import POSTURES_BY_NAME
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
# Supports on the body itself: where a part touches them does not depend on where the body stands.
BODY_SUPPORTS = ("head", "knees", "left_knee", "right_knee")
TOUCH_TOLERANCE = 5.0  # cm of daylight between a part and what it rests on before we say so
KNEE_RADIUS = 6.0

# What each posture contact means: the pieces whose lowest edge rests on the floor.
CONTACT_PARTS = {
    "feet": (("left", "foot"), ("right", "foot")),
    "knees": (("left", "shin"), ("right", "shin")),
    "hands": (("left", "hand"), ("right", "hand")),
    "elbows": (("left", "forearm"), ("right", "forearm")),
}
# A contributor who moves one limb on purpose (a hand behind the head) frees it from its contact.
LIMB_JOINTS = {
    "foot": ("hip", "knee", "ankle"),
    "shin": ("hip", "knee"),
    "hand": ("shoulder", "elbow"),
    "forearm": ("shoulder", "elbow"),
}
WIDTHS = {"foot": 7.0, "shin": 10.0, "hand": 8.5, "forearm": 7.5}
# The piece a part of `touches:` rests with (an elbow rests with the forearm's elbow end).
TOUCH_PIECES = {
    "hands": "hand",
    "hand": "hand",
    "elbows": "forearm",
    "elbow": "forearm",
    "feet": "foot",
    "foot": "foot",
}
# Each piece in the words of a message.
PIECE_WORDS = {"shin": "knee"}


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


def moved_on_purpose(pose: Mapping, side: str, piece: str) -> bool:
    if pose.get("hips_roll") and "hip" in LIMB_JOINTS[piece]:
        return True  # the legs roll with the hips: the upper foot leaves the floor for the lower one
    angles = pose.get("angles") or {}
    return any(key.startswith(f"{side}_{joint}_") for key in angles for joint in LIMB_JOINTS[piece])


def lowest(body: Body, segment: str) -> float:
    """How far the lowest edge of a hand, foot, lower leg or forearm is above the floor."""
    placed = body.segments[segment]
    return min(placed.start[1], placed.end[1]) - WIDTHS[segment.split("_", 1)[1]] / 2


def resting(pose: Mapping) -> dict[tuple[str, str], str]:
    """What rests where in this pose, as (side, piece) -> support: the posture's floor contacts
    the contributor left alone, then the pose's own `touches:`."""
    rests: dict[tuple[str, str], str] = {}
    for contact in POSTURES_BY_NAME[pose["posture"]].contacts:
        for side, piece in CONTACT_PARTS.get(contact, ()):
            if not moved_on_purpose(pose, side, piece):
                rests[(side, piece)] = "floor"
    for part, support in (pose.get("touches") or {}).items():
        for side in PARTS[part]:
            rests[(side, TOUCH_PIECES[part.rsplit("_", 1)[-1]])] = support
    return rests


def touch_entry(pose: Mapping, side: str, piece: str) -> str | None:
    """The part of the pose's `touches:` that rests this side's piece somewhere, if one does."""
    for part in pose.get("touches") or {}:
        if side in PARTS[part] and TOUCH_PIECES[part.rsplit("_", 1)[-1]] == piece:
            return part
    return None


def rest_gap(body: Body, side: str, piece: str, support: str) -> float:
    """Centimetres between a resting piece and its support: on the floor its lowest edge, elsewhere as `gap`."""
    return lowest(body, f"{side}_{piece}") if support == "floor" else gap(body, side, piece, support)


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
