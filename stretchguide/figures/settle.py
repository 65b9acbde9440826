"""Small corrections that keep a pose physically believable without the contributor's help:
supporting arms hang plumb, feet lie flat, and the trunk tips at the hips until both of a
posture's supports (hands and knees, forearms and pelvis, pelvis and roller) touch the floor.
An angle the contributor wrote is theirs: it is never corrected in the start or the end pose;
on the way between them, hands that rest somewhere at both ends are kept there (`fold`, `reach`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import replace

from .pose import Angles, Body, Underneath, pelvis_frame, radius_along
from .postures import Posture
from .skeleton import HEAD_RADIUS, JOINTS_BY_NAME, SEGMENTS, SIDES, Placed, forward_kinematics
from .touches import gap


def tipped(angles: Angles, degrees: float) -> Angles:
    """The trunk tipped forward at the hips by `degrees`; the thighs keep their place."""
    joints = dict(angles.joints)
    for side in SIDES:
        joints[f"{side}_hip_bend"] = joints.get(f"{side}_hip_bend", 0.0) + degrees
    return replace(angles, pitch=angles.pitch + degrees, joints=joints)


def bent_at_waist(angles: Angles, degrees: float) -> Angles:
    """Everything above the waist tipped forward by `degrees` (the upper back rounds, or arches when
    negative); the pelvis and the lower back keep their place."""
    joints = dict(angles.joints)
    joints["upper_back_bend"] = joints.get("upper_back_bend", 0.0) + degrees
    return replace(angles, joints=joints)


ELBOW_MOST = JOINTS_BY_NAME["elbow"].motions[0].high
REACH_SLACK = 1.5  # cm a hand resting on the body may drift from its way between start and end
REACH_STIFFNESS = 0.002  # what a degree of change costs, squared, against a centimetre off the way, squared
REACH_TRIES = 300  # steps downhill at most
# The angles that carry a hand to a support on the body, each with its range.
ARM_MOTIONS = {
    f"{joint}_{motion.name}": motion for joint in ("elbow", "shoulder") for motion in JOINTS_BY_NAME[joint].motions
}

SUPPORT_PARTS = {
    "hands": ("left_hand", "right_hand"),
    "knees": ("left_shin", "right_shin"),
    "elbows": ("left_forearm", "right_forearm"),
    "pelvis": ("lower_back",),
}


def _lowest_edge(segments: Mapping[str, Placed], name: str) -> float:
    placed = segments[name]
    return min(placed.start[1], placed.end[1]) - radius_along(name, placed, (0.0, -1.0, 0.0))


def _arm_lowest(segments: Mapping[str, Placed], side: str) -> float:
    return min(_lowest_edge(segments, s.name) for s in SEGMENTS if s.drawn and s.limb == f"{side}_arm")


def support_height(
    segments: Mapping[str, Placed], part: str, free: set[str], resting_hands: frozenset[str] = frozenset()
) -> float | None:
    if part == "upper_body":
        # An arm whose hand rests on the floor at both start and end stands on it on the way
        # too: the body comes down onto the highest such arm (the others fold, see `fold`),
        # so a threading arm swinging low under the chest cannot hold the supporting hand up.
        rigid = [segments["head"].end[1] - HEAD_RADIUS] + [
            _lowest_edge(segments, s.name)
            for s in SEGMENTS
            if s.drawn
            and s.limb in ("trunk", "head", "left_arm", "right_arm")
            and s.name != "lower_back"
            and s.limb.split("_")[0] not in resting_hands
        ]
        standing_on = [_arm_lowest(segments, side) for side in resting_hands]
        return min(rigid + ([max(standing_on)] if standing_on else []))
    heights = []
    for name in SUPPORT_PARTS[part]:
        if name.split("_")[0] in free:
            continue
        placed = segments[name]
        r = radius_along(name, placed, (0.0, -1.0, 0.0))
        end = placed.start if part == "pelvis" else None
        points = [end] if end else [placed.start, placed.end]
        heights.append(min(p[1] for p in points) - r)
    return min(heights) if heights else None


def fold(angles: Angles, sides: frozenset[str], floor: float) -> Angles:
    """Bend each named side's elbow, no more than needed, until that arm is no lower than the floor."""
    joints = dict(angles.joints)
    frame = pelvis_frame(angles)
    for side in sides:
        key = f"{side}_elbow_bend"

        def height(bend: float, key: str = key, side: str = side) -> float:
            return _arm_lowest(forward_kinematics(frame, {**joints, key: bend}), side) - floor

        low = joints.get(key, 0.0)
        if height(low) >= -0.05:
            continue
        high = low
        while high < ELBOW_MOST and height(high) < 0:
            low, high = high, min(ELBOW_MOST, high + 5.0)
        for _ in range(12):  # halving 5 degrees twelve times: a thousandth of a degree
            middle = (low + high) / 2
            low, high = (middle, high) if height(middle) < 0 else (low, middle)
        joints[key] = high
    return replace(angles, joints=joints)


def plumb(angles: Angles, posture: Posture, sides: set[str]) -> Angles:
    """Swing each named side's upper arm forward or back until it hangs straight down."""
    if not sides:
        return angles
    joints = dict(angles.joints)
    for _ in range(3):  # twists and shoulder blades tilt the arm a little, so refine
        segments = forward_kinematics(pelvis_frame(angles), joints)
        worst = 0.0
        for side in sides:
            arm = segments[f"{side}_upper_arm"]
            dx, dy = arm.end[0] - arm.start[0], arm.end[1] - arm.start[1]
            off = math.degrees(math.atan2(dx, -dy))
            joints[f"{side}_shoulder_raise_forward"] = joints.get(f"{side}_shoulder_raise_forward", 0.0) - off
            worst = max(worst, abs(off))
        if worst < 0.05:
            break
    return replace(angles, joints=joints)


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
    return replace(angles, joints=joints)


def ankles_set(pose: Mapping) -> set[str]:
    angles = pose.get("angles") or {}
    if "ankle_bend" in angles:
        return set(SIDES)
    return {side for side in SIDES if f"{side}_ankle_bend" in angles}


def settle(
    angles: Angles,
    posture: Posture,
    free: set[str],
    rests_on: Underneath | None,
    set_shoulders: set[str] = frozenset(),
    resting_hands: frozenset[str] = frozenset(),
) -> Angles:
    """Tip the trunk until both of the posture's supports touch the floor.

    `free` names sides (`left`, `right`) whose arm the contributor moved on purpose, so
    that hand no longer counts as a support. With a roller under the back, the pelvis
    and the roller are the two supports. `resting_hands` names sides whose hand rests on
    the floor at both start and end (asked for on the way between them): the trunk tips
    until the highest of those arms touches, and the others bend their elbow to lie on the floor.

    On hands and knees a `pelvis_tilt` then tips the pelvis about the hip joints, the thighs
    staying where they are, and the back bends at the waist until the hands are down again: a
    pelvis tipped forward drops the lower back below the hips and the chest rises (a cow), one
    tucked under lifts the lower back and the chest comes down (a cat).
    """
    pair = posture.settle
    settled = _tip(angles, posture, free, rests_on, set_shoulders, resting_hands)
    if angles.pelvis_tilt and pair == ("upper_body", "knees"):
        tilted = replace(tipped(settled, angles.pelvis_tilt), pelvis_tilt=0.0)
        settled = _tip(tilted, posture, free, rests_on, set_shoulders, resting_hands, tip=bent_at_waist)
    if not resting_hands or pair is None or pair[0] != "upper_body":
        return settled
    segments = forward_kinematics(pelvis_frame(settled), settled.joints)
    floor = support_height(segments, pair[1], set())
    return settled if floor is None else fold(settled, resting_hands, floor)


def _tip(
    angles: Angles,
    posture: Posture,
    free: set[str],
    rests_on: Underneath | None,
    set_shoulders: set[str],
    resting_hands: frozenset[str],
    tip: Callable[[Angles, float], Angles] = tipped,
) -> Angles:
    """Tip the trunk (at the hips, or with `tip` at another joint) until the posture's two supports are level."""
    plumbed = {side for side in SIDES if side not in set_shoulders} if posture.plumb_arms else set()
    pair = posture.settle
    if rests_on is not None and rests_on.lies_back_on and posture.name.startswith("supine"):
        pair = ("pelvis", "roller")
    if pair is None:
        return plumb(angles, posture, plumbed)

    def mismatch(degrees: float) -> float | None:
        trial = plumb(tip(angles, degrees), posture, plumbed)
        segments = forward_kinematics(pelvis_frame(trial), trial.joints)
        heights = []
        for part in pair:
            if part == "roller":
                heights.append(rests_on.lowest(Body(segments)) if rests_on else None)
            else:
                heights.append(
                    support_height(segments, part, free if part in ("hands", "elbows") else set(), resting_hands)
                )
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
        return plumb(tip(angles, low if abs(f_low) < abs(f_high) else high), posture, plumbed)
    # Regula falsi (Illinois): a few steps find the tilt to within a tenth of a millimetre.
    tilt, stale = high, 0
    for _ in range(30):
        tilt = (low * f_high - high * f_low) / (f_high - f_low)
        f_tilt = mismatch(tilt)
        if f_tilt is None:
            return plumb(angles, posture, plumbed)
        if abs(f_tilt) < 0.01:
            break
        if f_tilt * f_high > 0:
            high, f_high = tilt, f_tilt
            f_low, stale = (f_low / 2, -1) if stale == -1 else (f_low, -1)
        else:
            low, f_low = tilt, f_tilt
            f_high, stale = (f_high / 2, 1) if stale == 1 else (f_high, 1)
    return plumb(tip(angles, tilt), posture, plumbed)


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


def reach(angles: Angles, side: str, support: str, target: float) -> Angles:
    """Turn one side's arm until that hand is within `REACH_SLACK` of `target` cm from a support on
    the body itself (the head, a knee): a hand laced behind the head stays on it while the elbows
    swing from in front to wide, instead of lifting off on the way. Of the arms that do, the one
    least changed from the angles given: found by small steps downhill, so a hand already on its
    way is left alone (`movement.shoulder_turned` sets the arm on its way)."""
    frame = pelvis_frame(angles)
    keys = [f"{side}_{name}" for name in ARM_MOTIONS]
    blended = [angles.joints.get(key, 0.0) for key in keys]

    def arm(values: list[float]) -> dict[str, float]:
        return {**angles.joints, **dict(zip(keys, values, strict=True))}

    def cost(values: list[float]) -> float:
        off = gap(Body(forward_kinematics(frame, arm(values))), side, "hand", support)
        change = sum((v - b) ** 2 for v, b in zip(values, blended, strict=True))
        return max(0.0, abs(off - target) - REACH_SLACK) ** 2 + REACH_STIFFNESS * change

    values, now, step = list(blended), cost(blended), 1.0
    if now == 0.0:
        return angles
    for _ in range(REACH_TRIES):
        slopes = [(cost([*values[:i], v + 0.5, *values[i + 1 :]]) - now) / 0.5 for i, v in enumerate(values)]
        length = math.hypot(*slopes) or 1.0
        trial = [v - step * slope / length for v, slope in zip(values, slopes, strict=True)]
        trial = [min(max(v, m.low), m.high) for v, m in zip(trial, ARM_MOTIONS.values(), strict=True)]
        if (after := cost(trial)) < now:
            values, now, step = trial, after, step * 1.2
        elif (step := step / 2) < 1e-3:
            break
    return replace(angles, joints=arm(values))
