"""The body: segment lengths, joint motions and forward kinematics, all in centimetres.

The world has x pointing where a standing person faces, y up and z to the person's
left. A person is 175 cm tall; the head is about 1/7.5 of that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .geometry import IDENTITY, Mat, Vec, add, apply, matmul, rot_x, rot_y, rot_z, scale, transpose

HEAD_RADIUS = 11.5
HEIGHT = 175.0


@dataclass(frozen=True)
class Motion:
    """One way a joint can move: which axis, which way is positive, how far it naturally goes."""

    name: str
    axis: str  # "x", "y" or "z" of the parent segment's frame
    sign: int  # sign for the person's left side (the right side mirrors x and y)
    low: int
    high: int
    meaning: str


@dataclass(frozen=True)
class Joint:
    name: str
    sided: bool
    motions: tuple[Motion, ...]


# Rotations are applied in the order listed (first = about the limb's own axis).
JOINTS: tuple[Joint, ...] = (
    Joint(
        "lower_back",
        False,
        (
            Motion("turn", "y", -1, -45, 45, "turns the trunk toward the person's left (+) or right (-)"),
            Motion("side_bend", "x", 1, -30, 30, "bends the trunk sideways toward the person's left (+) or right (-)"),
            Motion("bend", "z", -1, -30, 60, "rounds the lower back forward (+) or arches it back (-)"),
        ),
    ),
    Joint(
        "upper_back",
        False,
        (
            Motion("turn", "y", -1, -50, 50, "turns the chest toward the person's left (+) or right (-)"),
            Motion(
                "side_bend", "x", 1, -30, 30, "bends the upper back sideways toward the person's left (+) or right (-)"
            ),
            Motion("bend", "z", -1, -35, 50, "rounds the upper back forward (+) or arches it back (-)"),
        ),
    ),
    Joint(
        "neck",
        False,
        (
            Motion("turn", "y", -1, -80, 80, "turns the head to look left (+) or right (-)"),
            Motion(
                "side_bend",
                "x",
                1,
                -45,
                45,
                "tips the left ear toward the left shoulder (+) or the right ear to the right (-)",
            ),
            Motion("bend", "z", -1, -50, 60, "drops the chin toward the chest (+) or tips the head back (-)"),
        ),
    ),
    Joint(
        "head",
        False,
        (Motion("nod", "z", -1, -30, 30, "nods the chin down (+) or up (-) without moving the neck"),),
    ),
    Joint(
        "shoulder_blade",
        True,
        (
            Motion(
                "squeeze",
                "y",
                -1,
                -25,
                25,
                "draws the shoulder blade back toward the spine (+) or forward and apart (-)",
            ),
            Motion("lift", "x", -1, -10, 30, "lifts the shoulder toward the ear (+) or sets it down (-)"),
        ),
    ),
    Joint(
        "shoulder",
        True,
        (
            Motion(
                "turn_out", "y", -1, -90, 100, "turns the upper arm so a bent forearm swings outward (+) or inward (-)"
            ),
            Motion("raise_sideways", "x", -1, -100, 180, "lifts the arm out to the side (+) or across the body (-)"),
            Motion("raise_forward", "z", 1, -60, 180, "lifts the arm forward and up (+) or back behind the body (-)"),
        ),
    ),
    Joint("elbow", True, (Motion("bend", "z", 1, 0, 160, "bends the elbow (0 is a straight arm)"),)),
    Joint(
        "wrist",
        True,
        (
            Motion(
                "bend_back",
                "z",
                1,
                -80,
                100,
                "bends the hand back, as when the palm rests flat on the floor (+), or curls it (-)",
            ),
        ),
    ),
    Joint(
        "hip",
        True,
        (
            Motion("turn_out", "y", -1, -45, 60, "turns the thigh so the knee points outward (+) or inward (-)"),
            Motion("spread", "x", -1, -30, 60, "moves the leg out to the side (+) or across (-)"),
            Motion("bend", "z", 1, -30, 150, "lifts the thigh forward (+) or takes it back (-)"),
        ),
    ),
    Joint("knee", True, (Motion("bend", "z", -1, 0, 160, "bends the knee (0 is a straight leg)"),)),
    Joint(
        "ankle",
        True,
        (Motion("bend", "z", 1, -70, 40, "lifts the toes toward the shin (+) or points them (-)"),),
    ),
)

JOINTS_BY_NAME = {joint.name: joint for joint in JOINTS}
SIDES = ("left", "right")


def angle_names() -> list[str]:
    """Every adjustable angle as a contributor writes it: `knee_bend`, `left_knee_bend`, ..."""
    names = []
    for joint in JOINTS:
        for motion in joint.motions:
            base = f"{joint.name}_{motion.name}"
            names.append(base)
            if joint.sided:
                names.extend(f"{side}_{base}" for side in SIDES)
    return names


@dataclass(frozen=True)
class Segment:
    """A rigid piece of the body, starting at the end of its parent and turned by its joint."""

    name: str
    parent: str | None
    joint: str | None  # joint name, with side prefix for sided joints
    rest: Vec  # the segment vector in its own frame at zero angles (length included)
    width: float  # drawn thickness; torso pieces give their side-view depth here
    front_width: float = 0.0  # torso pieces: thickness seen from the front
    limb: str = "trunk"  # which chain it belongs to, for drawing near and far limbs
    drawn: bool = True
    # The segment whose frame it turns from, when not its parent's: the shoulder blade moves
    # the shoulder up, down, forward and back, but a hanging arm still hangs.
    turns_from: str | None = None


def _sided(side: str) -> list[Segment]:
    z = 1.0 if side == "left" else -1.0
    arm, leg = f"{side}_arm", f"{side}_leg"
    return [
        Segment(
            f"{side}_collarbone",
            "upper_back",
            f"{side}_shoulder_blade",
            (1.0, -5.0, 17.0 * z),
            11.0,
            limb=arm,
            drawn=False,
        ),
        Segment(
            f"{side}_upper_arm",
            f"{side}_collarbone",
            f"{side}_shoulder",
            (0.0, -30.0, 0.0),
            9.0,
            limb=arm,
            turns_from="upper_back",
        ),
        Segment(f"{side}_forearm", f"{side}_upper_arm", f"{side}_elbow", (0.0, -25.5, 0.0), 7.5, limb=arm),
        Segment(f"{side}_hand", f"{side}_forearm", f"{side}_wrist", (0.0, -9.0, 0.0), 8.5, limb=arm),
        Segment(f"{side}_pelvis", "pelvis", None, (0.0, 0.0, 8.5 * z), 14.0, limb=leg, drawn=False),
        Segment(f"{side}_thigh", f"{side}_pelvis", f"{side}_hip", (0.0, -43.0, 0.0), 13.0, limb=leg),
        Segment(f"{side}_shin", f"{side}_thigh", f"{side}_knee", (0.0, -43.0, 0.0), 10.0, limb=leg),
        Segment(f"{side}_heel", f"{side}_shin", f"{side}_ankle", (-1.0, -3.5, 0.0), 7.0, limb=leg, drawn=False),
        Segment(f"{side}_foot", f"{side}_heel", None, (17.0, 0.0, 0.0), 7.0, limb=leg),
    ]


# Parents always come before their children.
SEGMENTS: tuple[Segment, ...] = (
    Segment("pelvis", None, None, (0.0, 0.0, 0.0), 0.0, drawn=False),
    Segment("lower_back", "pelvis", "lower_back", (0.0, 24.0, 0.0), 20.0, front_width=27.0),
    Segment("upper_back", "lower_back", "upper_back", (0.0, 32.0, 0.0), 22.0, front_width=30.0),
    Segment("neck", "upper_back", "neck", (2.5, 9.5, 0.0), 9.0, limb="head"),
    Segment("head", "neck", "head", (1.0, 5.0, 0.0), 0.0, limb="head", drawn=False),
    *_sided("right"),
    *_sided("left"),
)

SEGMENTS_BY_NAME = {segment.name: segment for segment in SEGMENTS}

_AXES = {"x": rot_x, "y": rot_y, "z": rot_z}


def joint_rotation(joint_key: str, angles: Mapping[str, float]) -> Mat:
    """The rotation a joint adds, from angles keyed like `left_knee_bend`."""
    side, _, name = joint_key.partition("_") if joint_key.split("_")[0] in SIDES else ("", "", joint_key)
    joint = JOINTS_BY_NAME[name]
    mirror = -1 if side == "right" else 1
    rotation = IDENTITY
    for motion in joint.motions:
        degrees = angles.get(f"{joint_key}_{motion.name}", 0.0)
        if not degrees:
            continue
        sign = motion.sign * (mirror if motion.axis in ("x", "y") else 1)
        rotation = matmul(_AXES[motion.axis](sign * degrees), rotation)
    return rotation


def joint_angles(joint_key: str, rotation: Mat, near: Mapping[str, float]) -> dict[str, float]:
    """The angles, keyed as `joint_rotation` reads them, that give a joint of three motions (about
    its own y, then x, then z axis: a shoulder, a hip, the back) the `rotation`. Two sets of angles
    do, and each angle also does a whole turn more or less: the one nearest the angles `near`."""
    side, _, name = joint_key.partition("_") if joint_key.split("_")[0] in SIDES else ("", "", joint_key)
    joint = JOINTS_BY_NAME[name]
    mirror = -1 if side == "right" else 1
    signs = [motion.sign * (mirror if motion.axis in ("x", "y") else 1) for motion in joint.motions]
    keys = [f"{joint_key}_{motion.name}" for motion in joint.motions]
    guess = [near.get(key, 0.0) for key in keys]
    # rotation = rot_z(z) @ rot_x(x) @ rot_y(y): its bottom row's middle is sin(x).
    first = math.degrees(math.asin(max(-1.0, min(1.0, rotation[2][1]))))
    found = []
    for x in (first, 180.0 - first):
        upright = math.cos(math.radians(x))
        if abs(upright) < 1e-9:  # the y and z axes line up: any z will do, the y turn takes the rest
            z = signs[2] * guess[2]
        else:
            z = math.degrees(math.atan2(-rotation[0][1] * upright, rotation[1][1] * upright))
        rest = matmul(transpose(matmul(rot_z(z), rot_x(x))), rotation)  # what is left is rot_y(y)
        y = math.degrees(math.atan2(rest[0][2], rest[0][0]))
        values = [_nearest_turn(angle * sign, g) for angle, sign, g in zip((y, x, z), signs, guess, strict=True)]
        found.append(values)
    best = min(found, key=lambda values: sum((v - g) ** 2 for v, g in zip(values, guess, strict=True)))
    return dict(zip(keys, best, strict=True))


def _nearest_turn(degrees: float, near: float) -> float:
    return degrees + 360.0 * round((near - degrees) / 360.0)


@dataclass(frozen=True)
class Placed:
    """Where a segment ended up: start and end points and its frame."""

    start: Vec
    end: Vec
    frame: Mat


def forward_kinematics(pelvis_frame: Mat, angles: Mapping[str, float]) -> dict[str, Placed]:
    """Place every segment, the pelvis centre at the origin."""
    placed: dict[str, Placed] = {}
    for segment in SEGMENTS:
        if segment.parent is None:
            placed[segment.name] = Placed((0.0, 0.0, 0.0), (0.0, 0.0, 0.0), pelvis_frame)
            continue
        parent = placed[segment.parent]
        frame = placed[segment.turns_from or segment.parent].frame
        if segment.joint:
            frame = matmul(frame, joint_rotation(segment.joint, angles))
        start = parent.end
        placed[segment.name] = Placed(start, add(start, apply(frame, segment.rest)), frame)
    return placed


def head_centre(placed: Mapping[str, Placed]) -> Vec:
    return placed["head"].end


def nose(placed: Mapping[str, Placed]) -> Vec:
    """A point on the face, so the reader sees which way the head points."""
    head = placed["head"]
    return add(head.end, apply(head.frame, scale((1.0, -0.12, 0.0), HEAD_RADIUS)))


# A shoulder blade as drawn from behind: a flat, rounded triangle on the upper back. Its corners,
# in cm out from the spine (toward its own side) and up from the top of the spine: the top corner
# by the spine, the top outer corner below the shoulder, and the bottom tip. Its shoulder blade
# joint carries it: the joint's frame (the collarbone's) turns its width, which lies this far
# behind the spine's line, so `shoulder_blade_squeeze` slides it in toward the spine (+) or out (-)
# and `shoulder_blade_lift` raises or lowers it with the shoulder; it hangs upright along the back.
BLADE_CORNERS: tuple[tuple[float, float], ...] = ((6.0, -3.5), (14.0, -5.0), (7.5, -20.0))
BLADE_DEPTH = 7.0


def shoulder_blade_point(placed: Mapping[str, Placed], side: str, out: float, up: float) -> Vec:
    """A point on the `side` shoulder blade, `out` cm from the spine toward its side and `up` cm up
    (as `BLADE_CORNERS`), where the shoulder blade joint carries it."""
    collarbone, back = placed[f"{side}_collarbone"], placed["upper_back"]
    z = 1.0 if side == "left" else -1.0
    across = apply(collarbone.frame, (-BLADE_DEPTH, 0.0, out * z))
    return add(add(collarbone.start, across), apply(back.frame, (0.0, up, 0.0)))


def shoulder_blade(placed: Mapping[str, Placed], side: str) -> tuple[Vec, ...]:
    """The corners of the `side` shoulder blade, as `BLADE_CORNERS`."""
    return tuple(shoulder_blade_point(placed, side, out, up) for out, up in BLADE_CORNERS)


def eyes(placed: Mapping[str, Placed]) -> tuple[Vec, Vec]:
    """The left and right eye on the face, so the head's turn reads from the front too."""
    head = placed["head"]
    return tuple(add(head.end, apply(head.frame, scale((0.78, 0.18, 0.42 * z), HEAD_RADIUS))) for z in (1.0, -1.0))  # type: ignore[return-value]
