"""Named base postures: how the pelvis lies in the world and the joint angles to start from.

A contributor names a posture and lists only the angles that differ. Angles without
`left_`/`right_` apply to both sides. `anchor` is the body part that stays in place while
the figure moves; `contacts` are the parts that must rest on the floor (or seat).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Posture:
    name: str
    description: str
    pitch: float = 0.0  # trunk tipped forward (+) or back (-) from upright, degrees
    roll: float = 0.0  # trunk turned about its own long axis (lying on the side)
    angles: dict[str, float] = field(default_factory=dict)
    anchor: str = "feet"  # feet, knees, pelvis or hands
    contacts: tuple[str, ...] = ()
    seated: bool = False  # sits on a chair seat
    # Two parts that must both touch the floor: the trunk tips at the hips until they do
    # (so a rounded back on hands and knees keeps the hands down).
    settle: tuple[str, str] | None = None
    settle_up_only: bool = False  # only tip back up when the first part would sink lower
    # Supporting arms hang plumb from the shoulders (hands under shoulders, elbows under
    # shoulders) unless the contributor sets the shoulder angle.
    plumb_arms: bool = False
    # Feet lie flat on the floor (soles, or the tops of the feet when kneeling) unless
    # the contributor sets the ankle angle.
    flat_feet: bool = True


POSTURES: tuple[Posture, ...] = (
    Posture(
        "standing",
        "Standing upright, arms hanging by the sides.",
        angles={"shoulder_raise_sideways": 4, "elbow_bend": 8, "knee_bend": 2},
        anchor="feet",
        contacts=("feet",),
    ),
    Posture(
        "seated_on_chair",
        "Sitting tall on a chair, feet flat on the floor, hands resting on the thighs.",
        angles={
            "hip_bend": 86,
            "knee_bend": 86,
            "shoulder_raise_forward": 10,
            "elbow_bend": 55,
            "hip_spread": 6,
        },
        anchor="pelvis",
        contacts=("feet",),
        seated=True,
    ),
    Posture(
        "kneeling",
        "Kneeling upright on both knees, hips over the knees, tops of the feet on the floor.",
        angles={"knee_bend": 90, "ankle_bend": -80, "shoulder_raise_sideways": 4, "elbow_bend": 8},
        anchor="knees",
        contacts=("knees", "feet"),
        settle=("upper_body", "knees"),
        settle_up_only=True,
    ),
    Posture(
        "kneeling_on_heels",
        "Kneeling and sitting back on the heels, trunk upright, hands on the thighs.",
        pitch=8,
        angles={
            "hip_bend": 73,
            "knee_bend": 155,
            "ankle_bend": -80,
            "shoulder_raise_forward": 20,
            "elbow_bend": 40,
        },
        anchor="knees",
        contacts=("knees", "feet"),
        settle=("upper_body", "knees"),
        settle_up_only=True,
    ),
    Posture(
        "quadruped",
        "On hands and knees: hands under the shoulders, knees under the hips, back flat.",
        pitch=75,
        angles={
            "hip_bend": 75,
            "knee_bend": 90,
            "ankle_bend": -80,
            "shoulder_raise_forward": 75,
            "wrist_bend_back": 90,
            "neck_bend": -10,
        },
        anchor="knees",
        contacts=("knees", "hands"),
        settle=("upper_body", "knees"),
        plumb_arms=True,
    ),
    Posture(
        "prone",
        "Lying face down, arms along the sides.",
        pitch=90,
        angles={"ankle_bend": -75, "neck_bend": -30, "hip_bend": 2},
        anchor="pelvis",
        contacts=("pelvis",),
        flat_feet=False,
    ),
    Posture(
        "prone_on_elbows",
        "Lying face down, propped up on the forearms, elbows under the shoulders.",
        pitch=90,
        angles={
            "lower_back_bend": -26,
            "upper_back_bend": -12,
            "shoulder_raise_forward": 52,
            "elbow_bend": 90,
            "neck_bend": -15,
            "ankle_bend": -60,
            "hip_bend": 2,
        },
        anchor="pelvis",
        contacts=("pelvis", "elbows"),
        settle=("elbows", "pelvis"),
        plumb_arms=True,
        flat_feet=False,
    ),
    Posture(
        "supine",
        "Lying on the back, legs long, arms by the sides.",
        pitch=-90,
        angles={"ankle_bend": -30, "hip_bend": -2, "shoulder_raise_sideways": 8},
        anchor="pelvis",
        contacts=("pelvis",),
        flat_feet=False,
    ),
    Posture(
        "supine_knees_bent",
        "Lying on the back with the knees bent and the feet flat on the floor.",
        pitch=-90,
        angles={"hip_bend": 50, "knee_bend": 100, "ankle_bend": -8},
        anchor="pelvis",
        contacts=("pelvis", "feet"),
    ),
    Posture(
        "side-lying",
        "Lying on the right side, knees bent, arms reaching forward along the floor; best seen from above.",
        pitch=-90,
        roll=90,
        angles={"hip_bend": 80, "knee_bend": 90, "shoulder_raise_forward": 90},
        anchor="pelvis",
        contacts=("pelvis",),
        flat_feet=False,
    ),
)

POSTURES_BY_NAME = {posture.name: posture for posture in POSTURES}
ANCHORS = ("feet", "knees", "pelvis", "hands")
# Postures that kneel on the shins, whose hips can sit back (`hips_back`) with the shins staying down.
KNEELING = tuple(posture.name for posture in POSTURES if "knees" in posture.contacts)
# Postures lying on the back, whose hips can roll to one side (`hips_roll`) with the chest staying flat.
ON_BACK = tuple(posture.name for posture in POSTURES if posture.pitch == -90 and not posture.roll)
# Postures on hands and knees, whose pelvis can tip forward or tuck (`pelvis_tilt`) with the hands and knees staying down.
ON_HANDS_AND_KNEES = tuple(
    posture.name for posture in POSTURES if posture.settle == ("upper_body", "knees") and not posture.settle_up_only
)
