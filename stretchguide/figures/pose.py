"""Turn a pose description (posture + angles) into placed body segments resting on the floor."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .geometry import Mat, Vec, lerp, matmul, rot_y, rot_z, scale
from .postures import POSTURES_BY_NAME, Posture
from .skeleton import HEAD_RADIUS, JOINTS, SEGMENTS, SEGMENTS_BY_NAME, SIDES, Placed, forward_kinematics

SEAT_HEIGHT = 44.0
SEAT_BELOW_HIP = 9.0  # from the hip joints down to the seat, through the buttocks


@dataclass(frozen=True)
class Angles:
    """Everything that fixes a pose: trunk orientation plus every joint angle, per side."""

    pitch: float
    roll: float
    joints: dict[str, float]

    def blend(self, other: Angles, t: float) -> Angles:
        keys = sorted(set(self.joints) | set(other.joints))
        return Angles(
            lerp(self.pitch, other.pitch, t),
            lerp(self.roll, other.roll, t),
            {k: lerp(self.joints.get(k, 0.0), other.joints.get(k, 0.0), t) for k in keys},
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
    """The posture's angles, then the pose's own (both-sides first, then one side), then the lean."""
    posture = POSTURES_BY_NAME[pose["posture"]]
    own = pose.get("angles", {}) or {}
    joints: dict[str, float] = {}
    for layer in (posture.angles, own):
        joints.update(_expand(layer, sided=False))
        joints.update(_expand(layer, sided=True))
    lean = float(pose.get("trunk_lean", 0))
    if lean:
        # Tip the trunk at the hips; the thighs keep their place in the world.
        for side in SIDES:
            joints[f"{side}_hip_bend"] = joints.get(f"{side}_hip_bend", 0.0) + lean
    return posture, Angles(posture.pitch + lean, posture.roll, joints)


def pelvis_frame(angles: Angles) -> Mat:
    return matmul(rot_z(-angles.pitch), rot_y(angles.roll))


@dataclass(frozen=True)
class Body:
    """One moment of the figure: every segment placed, floor at y = 0."""

    segments: dict[str, Placed]
    seated: bool

    def point(self, name: str) -> Vec:
        return self.segments[name].end

    def landmark(self, name: str) -> Vec:
        """A named body part, as contributors write it (e.g. `left_hand`, `head`, `knees`)."""
        if name in LANDMARKS:
            parts = [self.segments[s] for s in LANDMARKS[name]]
            points = [
                _mid(p.start, p.end) if s.endswith(("hand", "foot")) else p.end
                for s, p in zip(LANDMARKS[name], parts, strict=False)
            ]
            return scale(tuple(sum(c) for c in zip(*points, strict=False)), 1.0 / len(points))  # type: ignore[arg-type]
        raise KeyError(name)


def _mid(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


LANDMARKS: dict[str, tuple[str, ...]] = {
    "head": ("head",),
    "chest": ("upper_back",),
    "pelvis": ("lower_back",),  # uses the end of lower_back; corrected below
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
}
LANDMARKS["pelvis"] = ("left_pelvis", "right_pelvis")


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


def tipped(angles: Angles, degrees: float) -> Angles:
    """The trunk tipped forward at the hips by `degrees`; the thighs keep their place."""
    joints = dict(angles.joints)
    for side in SIDES:
        joints[f"{side}_hip_bend"] = joints.get(f"{side}_hip_bend", 0.0) + degrees
    return Angles(angles.pitch + degrees, angles.roll, joints)


SUPPORT_PARTS = {
    "hands": ("left_hand", "right_hand"),
    "knees": ("left_shin", "right_shin"),
    "elbows": ("left_forearm", "right_forearm"),
    "pelvis": ("lower_back",),
}


def _support_height(segments: Mapping[str, Placed], part: str, free: set[str]) -> float | None:
    down = (0.0, -1.0, 0.0)
    if part == "upper_body":
        return min(
            [segments["head"].end[1] - HEAD_RADIUS]
            + [
                min(segments[s.name].start[1], segments[s.name].end[1]) - radius_along(s.name, segments[s.name], down)
                for s in SEGMENTS
                if s.drawn and s.limb in ("trunk", "head", "left_arm", "right_arm") and s.name != "lower_back"
            ]
        )
    heights = []
    for name in SUPPORT_PARTS[part]:
        if name.split("_")[0] in free:
            continue
        placed = segments[name]
        r = radius_along(name, placed, down)
        end = placed.start if part == "pelvis" else None
        points = [end] if end else [placed.start, placed.end]
        heights.append(min(p[1] for p in points) - r)
    return min(heights) if heights else None


def plumb(angles: Angles, posture: Posture, sides: set[str]) -> Angles:
    """Swing each named side's upper arm forward or back until it hangs straight down."""
    if not sides:
        return angles
    joints = dict(angles.joints)
    for _ in range(3):  # the shoulder blades tilt the arm a little, so refine twice
        segments = forward_kinematics(pelvis_frame(angles), joints)
        for side in sides:
            arm = segments[f"{side}_upper_arm"]
            dx, dy = arm.end[0] - arm.start[0], arm.end[1] - arm.start[1]
            joints[f"{side}_shoulder_raise_forward"] = joints.get(f"{side}_shoulder_raise_forward", 0.0) - math.degrees(
                math.atan2(dx, -dy)
            )
    return Angles(angles.pitch, angles.roll, joints)


def flatten_feet(angles: Angles, posture: Posture, sides: set[str]) -> Angles:
    """Turn each named side's ankle until the foot lies level."""
    if not sides or not posture.flat_feet:
        return angles
    joints = dict(angles.joints)
    for _ in range(3):
        segments = forward_kinematics(pelvis_frame(angles), joints)
        for side in sides:
            foot = segments[f"{side}_foot"]
            dx, dy = foot.end[0] - foot.start[0], foot.end[1] - foot.start[1]
            tilt = math.degrees(math.atan2(dy, abs(dx)))
            toes_back = dx < 0
            if toes_back:
                # Kneeling: the top of the foot lies on the floor, sloping down from the
                # ankle until the toes reach the floor the shin rests on.
                shin = segments[f"{side}_shin"]
                floor = min(shin.start[1], shin.end[1]) - 5.0
                drop = max(-1.0, min(1.0, (floor + 3.5 - foot.start[1]) / 17.0))
                tilt -= math.degrees(math.asin(drop))
            joints[f"{side}_ankle_bend"] = joints.get(f"{side}_ankle_bend", 0.0) + (tilt if toes_back else -tilt)
    return Angles(angles.pitch, angles.roll, joints)


def ankles_set(pose: Mapping) -> set[str]:
    angles = pose.get("angles") or {}
    if "ankle_bend" in angles:
        return set(SIDES)
    return {side for side in SIDES if f"{side}_ankle_bend" in angles}


def settle(
    angles: Angles,
    posture: Posture,
    free: set[str],
    rests_on: Callable[[Body], float] | None,
    set_shoulders: set[str] = frozenset(),
) -> Angles:
    """Tip the trunk until both of the posture's supports touch the floor.

    `free` names sides (`left`, `right`) whose arm the contributor moved on purpose, so
    that hand no longer counts as a support. With a roller under the back, the pelvis
    and the roller are the two supports.
    """
    plumbed = {side for side in SIDES if side not in set_shoulders} if posture.plumb_arms else set()
    pair = posture.settle
    if rests_on is not None and posture.name.startswith("supine"):
        pair = ("pelvis", "roller")
    if pair is None:
        return plumb(angles, posture, plumbed)

    def mismatch(degrees: float) -> float | None:
        trial = plumb(tipped(angles, degrees), posture, plumbed)
        segments = forward_kinematics(pelvis_frame(trial), trial.joints)
        heights = []
        for part in pair:
            if part == "roller":
                heights.append(rests_on(Body(segments, False)) if rests_on else None)
            else:
                heights.append(_support_height(segments, part, free if part in ("hands", "elbows") else set()))
        if None in heights:
            return None
        return heights[0] - heights[1]

    if posture.settle_up_only:
        now = mismatch(0.0)
        if now is None or now >= 0:
            return plumb(angles, posture, plumbed)
    low, high = -50.0, 50.0
    f_low, f_high = mismatch(low), mismatch(high)
    if f_low is None or f_high is None:
        return plumb(angles, posture, plumbed)
    if f_low * f_high > 0:
        return plumb(tipped(angles, low if abs(f_low) < abs(f_high) else high), posture, plumbed)
    for _ in range(20):  # to within 0.0001 degree
        mid = (low + high) / 2
        f_mid = mismatch(mid)
        if f_mid is None:
            return plumb(angles, posture, plumbed)
        if f_mid * f_low > 0:
            low, f_low = mid, f_mid
        else:
            high = mid
    return plumb(tipped(angles, (low + high) / 2), posture, plumbed)


def shoulders_set(pose: Mapping) -> set[str]:
    """Sides whose shoulder forward angle the contributor wrote (so it is not made plumb)."""
    angles = pose.get("angles") or {}
    if "shoulder_raise_forward" in angles:
        return set(SIDES)
    return {side for side in SIDES if f"{side}_shoulder_raise_forward" in angles}


def free_sides(pose: Mapping) -> set[str]:
    """Sides whose arm the contributor placed on purpose (it no longer props the body up)."""
    angles = pose.get("angles") or {}
    return {side for side in SIDES if any(k.startswith((f"{side}_shoulder_", f"{side}_elbow_")) for k in angles)}


def place(pose_angles: Angles, posture: Posture, rests_on: Callable[[Body], float] | None = None) -> Body:
    """Forward kinematics, then drop the body onto the floor, the chair seat or a roller.

    `rests_on` gives the lowest point of a prop the body lies on (a foam roller), so the
    body is lifted until that prop, not the body, touches the floor.
    """
    segments = forward_kinematics(pelvis_frame(pose_angles), pose_angles.joints)
    if posture.seated:
        lift = SEAT_HEIGHT + SEAT_BELOW_HIP
    else:
        lowest = lowest_point(segments)
        if rests_on is not None:
            lowest = min(lowest, rests_on(Body(segments, False)))
        lift = -lowest
    return Body(_shift(segments, (0.0, lift, 0.0)), posture.seated)


def _shift(segments: Mapping[str, Placed], by: Vec) -> dict[str, Placed]:
    def move(p: Vec) -> Vec:
        return (p[0] + by[0], p[1] + by[1], p[2] + by[2])

    return {name: Placed(move(p.start), move(p.end), p.frame) for name, p in segments.items()}


def shift_body(body: Body, by: Vec) -> Body:
    return Body(_shift(body.segments, by), body.seated)


def ease(t: float) -> float:
    """Gentle start and stop."""
    return 0.5 - 0.5 * math.cos(math.pi * t)


def motion(figure: Mapping, steps: int, rests_on: Callable[[Body], float] | None = None) -> list[Body]:
    """The figure at `steps + 1` moments from start to end, anchored so the anchor part stays put."""
    start_posture, start = resolve(figure["start"])
    end_posture, end = resolve(figure["end"])
    start_free, end_free = free_sides(figure["start"]), free_sides(figure["end"])
    start_set, end_set = shoulders_set(figure["start"]), shoulders_set(figure["end"])
    start_ankles, end_ankles = ankles_set(figure["start"]), ankles_set(figure["end"])
    anchor = figure.get("anchor") or start_posture.anchor
    bodies = []
    reference: Vec | None = None
    for i in range(steps + 1):
        t = ease(i / steps) if steps else 0.0
        posture = start_posture if t < 0.5 else end_posture
        free = start_free | end_free if 0 < t < 1 else (start_free if t == 0 else end_free)
        set_shoulders = start_set | end_set if 0 < t < 1 else (start_set if t == 0 else end_set)
        blended = settle(start.blend(end, t), posture, free, rests_on, set_shoulders)
        blended = flatten_feet(blended, posture, set(SIDES) - (start_ankles | end_ankles))
        body = place(blended, posture, rests_on)
        point = body.landmark(anchor)
        reference = reference or (0.0, 0.0, 0.0)
        body = shift_body(body, (reference[0] - point[0], 0.0, reference[2] - point[2]))
        bodies.append(body)
    return bodies


def pose_body(figure: Mapping, which: str, rests_on: Callable[[Body], float] | None = None) -> Body:
    """The start or the end pose on its own, placed the same way as in the motion."""
    bodies = motion(figure, 1, rests_on)
    return bodies[0] if which == "start" else bodies[-1]
