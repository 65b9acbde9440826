"""The movement from the start pose to the end pose, frame by frame, with one body part held still."""

from __future__ import annotations

import math
from collections.abc import Mapping

from .pose import Body, Underneath, place, resolve, shifted
from .settle import ankles_set, flatten_feet, free_sides, settle, shoulders_set
from .skeleton import SIDES


def ease(t: float) -> float:
    """Gentle start and stop."""
    return 0.5 - 0.5 * math.cos(math.pi * t)


def motion(figure: Mapping, steps: int, rests_on: Underneath | None = None) -> list[Body]:
    """The figure at `steps + 1` moments from start to end, anchored so the anchor part stays put."""
    start_posture, start = resolve(figure["start"])
    end_posture, end = resolve(figure["end"])
    start_free, end_free = free_sides(figure["start"]), free_sides(figure["end"])
    start_set, end_set = shoulders_set(figure["start"]), shoulders_set(figure["end"])
    start_ankles, end_ankles = ankles_set(figure["start"]), ankles_set(figure["end"])
    anchor = figure.get("anchor") or start_posture.anchor
    bodies = []
    for i in range(steps + 1):
        t = ease(i / steps) if steps else 0.0
        posture = start_posture if t < 0.5 else end_posture
        free = start_free | end_free if 0 < t < 1 else (start_free if t == 0 else end_free)
        set_shoulders = start_set | end_set if 0 < t < 1 else (start_set if t == 0 else end_set)
        blended = settle(start.blend(end, t), posture, free, rests_on, set_shoulders)
        blended = flatten_feet(blended, posture, set(SIDES) - (start_ankles | end_ankles))
        body = place(blended, posture, rests_on)
        # The anchor stays at the origin across the page; only its height may change.
        point = body.landmark(anchor)
        bodies.append(Body(shifted(body.segments, (-point[0], 0.0, -point[2]))))
    return bodies
