"""One pose: a posture and its angles resolved, the body placed by forward kinematics and set on the floor."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .geometry import Mat, Vec, lerp, matmul, rot_y, rot_z, scale
from .postures import POSTURES_BY_NAME, Posture
from .skeleton import (
    HEAD_RADIUS,
    JOINTS,
    SEGMENTS,
    SEGMENTS_BY_NAME,
    SIDES,
    Placed,
    forward_kinematics,
    shoulder_blade,
)

SEAT_HEIGHT = 44.0
SEAT_BELOW_HIP = 9.0  # from the hip joints down to the seat, through the buttocks


@dataclass(frozen=True)
class Underneath:
    """A prop the body rests on (a foam roller, a rowing seat), which lifts it off the floor."""

    lowest: Callable[[Body], float]  # how far below the floor the prop would reach under this body
    lies_back_on: bool = False  # a roller: the trunk tips until the pelvis and the prop both touch
    sits_on: bool = False  # a seat: the pelvis stays on it, wherever the feet are


@dataclass(frozen=True)
class Angles:
    """Everything that fixes a pose: trunk orientation plus every joint angle, per side."""

    pitch: float
    roll: float
    joints: dict[str, float]
    # On hands and knees, degrees the pelvis tips forward (+, tailbone up) or tucks (-) about the hip
    # joints from where the trunk settles; the back bends at the waist to keep the hands down (`settle`).
    pelvis_tilt: float = 0.0

    def blend(self, other: Angles, t: float) -> Angles:
        keys = sorted(set(self.joints) | set(other.joints))
        return Angles(
            lerp(self.pitch, other.pitch, t),
            lerp(self.roll, other.roll, t),
            {k: lerp(self.joints.get(k, 0.0), other.joints.get(k, 0.0), t) for k in keys},
            lerp(self.pelvis_tilt, other.pelvis_tilt, t),
        )


def _expand(angles: Mapping[str, float], sided: bool) -> dict[str, float]:
    """Spread angles written without a side to both sides; `sided` picks which kind to take."""
    out: dict[str, float] = {}
    sided_joints = {j.name for j in JOINTS if j.sided}
    for key, value in angles.items():
        has_side = key.split("_")[0] in SIDES
        if has_side != sided:
            continue
        if has_side:
            out[key] = float(value)
        elif any(key.startswith(name + "_") for name in sided_joints):
            for side in SIDES:
                out[f"{side}_{key}"] = float(value)
        else:
            out[key] = float(value)
    return out


def resolve(pose: Mapping) -> tuple[Posture, Angles]:
    """The posture's angles, then the pose's own (both-sides first, then one side), then the lean, the sit back
    and the roll of the hips; the pelvis's tilt is kept for `settle`, which tips it once the trunk is down."""
    posture = POSTURES_BY_NAME[pose["posture"]]
    own = pose.get("angles", {}) or {}
    joints: dict[str, float] = {}
    for layer in (posture.angles, own):
        joints.update(_expand(layer, sided=False))
        joints.update(_expand(layer, sided=True))
    lean = float(pose.get("trunk_lean", 0))
    back = float(pose.get("hips_back", 0))
    for side in SIDES:
        # The lean tips the trunk at the hips, the thighs keeping their place in the world. Sitting
        # back tips the thighs about the knees: the hip bends as far as the knee, so the shins stay
        # where they lie and the trunk keeps its angle.
        for joint, by in (("hip_bend", lean + back), ("knee_bend", back)):
            if by:
                joints[f"{side}_{joint}"] = joints.get(f"{side}_{joint}", 0.0) + by
    # Lying on the back, the hips roll about the body's long axis, the legs with them, and the back
    # turns the other way, half low and half high, so the chest stays flat: the knees drop to one side.
    roll = float(pose.get("hips_roll", 0))
    if roll:
        for name in ("lower_back_turn", "upper_back_turn"):
            joints[name] = joints.get(name, 0.0) - roll / 2
    tilt = float(pose.get("pelvis_tilt", 0))
    return posture, Angles(posture.pitch + lean, posture.roll - roll, joints, tilt)


def pelvis_frame(angles: Angles) -> Mat:
    return matmul(rot_z(-angles.pitch), rot_y(angles.roll))


@dataclass(frozen=True)
class Body:
    """One moment of the figure: every segment placed, floor at y = 0."""

    segments: dict[str, Placed]

    def point(self, name: str) -> Vec:
        return self.segments[name].end

    def landmark(self, name: str) -> Vec:
        """A named body part, as contributors write it (e.g. `left_hand`, `head`, `knees`)."""
        if name in BLADES:
            # A shoulder blade is found at the middle of its corners; both, between the two.
            corners = [corner for side in BLADES[name] for corner in shoulder_blade(self.segments, side)]
            return scale(tuple(sum(c) for c in zip(*corners, strict=True)), 1.0 / len(corners))  # type: ignore[arg-type]
        if name in LANDMARKS:
            parts = [self.segments[s] for s in LANDMARKS[name]]
            points = [
                # A hand, a foot and the upper back are found at their middle; the rest at a joint.
                _mid(p.start, p.end) if s.endswith(("hand", "foot")) or name == "upper_back" else p.end
                for s, p in zip(LANDMARKS[name], parts, strict=False)
            ]
            return scale(tuple(sum(c) for c in zip(*points, strict=False)), 1.0 / len(points))  # type: ignore[arg-type]
        raise KeyError(name)


def _mid(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


LANDMARKS: dict[str, tuple[str, ...]] = {
    "head": ("head",),
    "chest": ("upper_back",),
    "upper_back": ("upper_back",),
    "pelvis": ("left_pelvis", "right_pelvis"),
    "left_hand": ("left_hand",),
    "right_hand": ("right_hand",),
    "hands": ("left_hand", "right_hand"),
    "left_elbow": ("left_upper_arm",),
    "right_elbow": ("right_upper_arm",),
    "elbows": ("left_upper_arm", "right_upper_arm"),
    "left_knee": ("left_thigh",),
    "right_knee": ("right_thigh",),
    "knees": ("left_thigh", "right_thigh"),
    "left_foot": ("left_foot",),
    "right_foot": ("right_foot",),
    "feet": ("left_foot", "right_foot"),
    "left_shoulder": ("left_collarbone",),
    "right_shoulder": ("right_collarbone",),
    "shoulders": ("left_collarbone", "right_collarbone"),
    # The shoulder blades, carried by the collarbones' joints (see `Body.landmark`).
    "left_shoulder_blade": ("left_collarbone",),
    "right_shoulder_blade": ("right_collarbone",),
    "shoulder_blades": ("left_collarbone", "right_collarbone"),
}
BLADES: dict[str, tuple[str, ...]] = {
    "left_shoulder_blade": ("left",),
    "right_shoulder_blade": ("right",),
    "shoulder_blades": SIDES,
}


def radius_along(segment_name: str, placed: Placed, direction: Vec) -> float:
    """Half the segment's thickness seen along `direction` (torso pieces are oval, limbs round)."""
    segment = SEGMENTS_BY_NAME[segment_name]
    if not segment.front_width:
        return segment.width / 2
    frame = placed.frame
    forward = (frame[0][0], frame[1][0], frame[2][0])
    sideways = (frame[0][2], frame[1][2], frame[2][2])
    a = sum(f * d for f, d in zip(forward, direction, strict=False)) * segment.width / 2
    b = sum(s * d for s, d in zip(sideways, direction, strict=False)) * segment.front_width / 2
    return math.sqrt(a * a + b * b)


def lowest_point(segments: Mapping[str, Placed]) -> float:
    down = (0.0, -1.0, 0.0)
    lowest = math.inf
    for segment in SEGMENTS:
        placed = segments[segment.name]
        if not segment.drawn:
            continue
        r = radius_along(segment.name, placed, down)
        lowest = min(lowest, placed.start[1] - r, placed.end[1] - r)
    lowest = min(lowest, segments["head"].end[1] - HEAD_RADIUS)
    return lowest


def place(pose_angles: Angles, posture: Posture, rests_on: Underneath | None = None) -> Body:
    """Forward kinematics, then drop the body onto the floor, the chair seat or a roller.

    `rests_on` gives the lowest point of a prop the body lies or sits on, so the
    body is lifted until that prop, not the body, touches the floor.
    """
    segments = forward_kinematics(pelvis_frame(pose_angles), pose_angles.joints)
    if posture.seated:
        lift = SEAT_HEIGHT + SEAT_BELOW_HIP
    else:
        lowest = lowest_point(segments)
        if rests_on is not None:
            under = rests_on.lowest(Body(segments))
            lowest = under if rests_on.sits_on else min(lowest, under)
        lift = -lowest
    return Body(shifted(segments, (0.0, lift, 0.0)))


def shifted(segments: Mapping[str, Placed], by: Vec) -> dict[str, Placed]:
    def move(p: Vec) -> Vec:
        return (p[0] + by[0], p[1] + by[1], p[2] + by[2])

    return {name: Placed(move(p.start), move(p.end), p.frame) for name, p in segments.items()}
