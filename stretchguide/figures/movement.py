"""The movement from the start pose to the end pose, frame by frame, with one body part held still."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from .geometry import lerp, turned_between
from .pose import Angles, Body, Underneath, place, resolve, shifted
from .settle import ankles_set, flatten_feet, free_sides, reach, settle, shoulders_set
from .skeleton import SIDES, joint_angles, joint_rotation
from .touches import BODY_SUPPORTS, gap, resting


def ease(t: float) -> float:
    """Gentle start and stop."""
    return 0.5 - 0.5 * math.cos(math.pi * t)


def held(figure: Mapping) -> dict[tuple[str, str], str]:
    """The parts that rest on the same support at the start and at the end, (side, piece) -> support:
    on the way between they rest there too."""
    start, end = resting(figure["start"]), resting(figure["end"])
    return {part: support for part, support in start.items() if end.get(part) == support}


def shoulder_turned(start: Angles, end: Angles, blended: Angles, side: str, t: float) -> Angles:
    """`blended` with one side's upper arm turned a share `t` of the way from its start to its end
    about one axis, as an arm moves: blended angle by angle, an arm whose hand rests on the head
    swings wide of it on the way, and the nearest arm that keeps the hand there can be on the other
    side of the head from one frame to the next (the elbows jumped from in front to wide)."""
    key = f"{side}_shoulder"
    turned = turned_between(joint_rotation(key, start.joints), joint_rotation(key, end.joints), t)
    return replace(blended, joints={**blended.joints, **joint_angles(key, turned, blended.joints)})


def motion(figure: Mapping, steps: int, rests_on: Underneath | None = None) -> list[Body]:
    """The figure at `steps + 1` moments from start to end, anchored so the anchor part stays put.

    The angles are blended from start to end, so on the way a part that rests somewhere at
    both ends would drift off it (a supporting hand lifted off the mat by the other arm
    swinging low under the chest). So each frame between keeps them there, changing what the
    contributor left free: a hand on the head or a knee bends its elbow to stay on it, and a
    hand on the floor is stood on (see `settle`). Start and end are drawn as written."""
    start_posture, start = resolve(figure["start"])
    end_posture, end = resolve(figure["end"])
    start_free, end_free = free_sides(figure["start"]), free_sides(figure["end"])
    start_set, end_set = shoulders_set(figure["start"]), shoulders_set(figure["end"])
    start_ankles, end_ankles = ankles_set(figure["start"]), ankles_set(figure["end"])
    anchor = figure.get("anchor") or start_posture.anchor
    kept = held(figure)
    floor_hands = frozenset(side for (side, piece), support in kept.items() if piece == "hand" and support == "floor")
    on_body = {side: support for (side, piece), support in kept.items() if piece == "hand" and support in BODY_SUPPORTS}
    ends = {0.0: start, 1.0: end}

    def frame(t: float, targets: Mapping[str, float]) -> Body:
        between = 0 < t < 1
        posture = start_posture if t < 0.5 else end_posture
        free = start_free | end_free if between else (start_free if t == 0 else end_free)
        set_shoulders = start_set | end_set if between else (start_set if t == 0 else end_set)
        blended = ends[t] if not between else start.blend(end, t)
        for side, target in targets.items():
            blended = reach(shoulder_turned(start, end, blended, side, t), side, on_body[side], target)
        blended = settle(blended, posture, free, rests_on, set_shoulders, floor_hands if between else frozenset())
        blended = flatten_feet(blended, posture, set(SIDES) - (start_ankles | end_ankles))
        return place(blended, posture, rests_on)

    first, last = frame(0.0, {}), frame(1.0, {})
    # How far each hand on the body is from its support at the start and the end, to ease between.
    on_body_gaps = {side: (gap(first, side, "hand", s), gap(last, side, "hand", s)) for side, s in on_body.items()}
    bodies = []
    for i in range(steps + 1):
        t = ease(i / steps) if steps else 0.0
        if t in (0.0, 1.0):
            body = first if t == 0.0 else last
        else:
            body = frame(t, {side: lerp(a, b, t) for side, (a, b) in on_body_gaps.items()})
        # The anchor stays at the origin across the page; only its height may change.
        point = body.landmark(anchor)
        bodies.append(Body(shifted(body.segments, (-point[0], 0.0, -point[2]))))
    return bodies
