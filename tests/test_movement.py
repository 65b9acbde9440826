"""The movement between start and end: parts that rest somewhere at both ends rest there on the way."""

from __future__ import annotations

import math
import random
from itertools import pairwise

import pytest

from stretchguide.figures import figure_problems
from stretchguide.figures.geometry import turned_between
from stretchguide.figures.movement import motion
from stretchguide.figures.skeleton import joint_angles, joint_rotation
from stretchguide.figures.svg import frames_of
from stretchguide.figures.touches import rest_gap

# On hands and knees, the right arm slides under the chest across to the left and the right
# shoulder goes down to the mat; the left hand stays where it was, on the floor.
THREADING = {
    "alt": "On hands and knees, the right arm slides under the chest and the right shoulder goes to the mat.",
    "view": "side",
    "props": ["mat"],
    "start": {"posture": "quadruped"},
    "end": {
        "posture": "quadruped",
        "trunk_lean": 20,
        "angles": {
            "upper_back_turn": 40,
            "lower_back_turn": 15,
            "neck_turn": 70,
            "right_shoulder_raise_forward": 80,
            "right_shoulder_raise_sideways": -25,
            "right_elbow_bend": 0,
            "right_wrist_bend_back": 0,
            "left_shoulder_raise_forward": 85,
            "left_shoulder_turn_out": 30,
            "left_elbow_bend": 20,
            "left_wrist_bend_back": 60,
        },
        "touches": {"hands": "floor"},
    },
}

# Sitting with the fingers laced on the back of the head, the elbows go from pointing forward to wide and back.
ELBOWS_BACK = {
    "alt": "Sitting with the hands on the back of the head, the person takes the elbows from forward to wide.",
    "view": "side",
    "props": ["chair"],
    "start": {
        "posture": "seated_on_chair",
        "angles": {
            "shoulder_raise_forward": 110,
            "shoulder_raise_sideways": 30,
            "elbow_bend": 160,
            "shoulder_blade_squeeze": -20,
        },
        "touches": {"hands": "head"},
    },
    "end": {
        "posture": "seated_on_chair",
        "angles": {
            "shoulder_raise_forward": 30,
            "shoulder_raise_sideways": 120,
            "shoulder_turn_out": 50,
            "elbow_bend": 140,
            "shoulder_blade_squeeze": 20,
        },
        "touches": {"hands": "head"},
    },
}

# Folded forward on a chair, the straight arms sweep the hands along the floor from beside the
# feet to under the seat: blended, the arms hang lower than either end, through the floor.
SWEEP = {
    "alt": "Folded forward on a chair, the person sweeps the hands along the floor back under the seat.",
    "props": ["chair"],
    "start": {
        "posture": "seated_on_chair",
        "trunk_lean": 80,
        "angles": {"shoulder_raise_forward": 50, "elbow_bend": 0},
        "touches": {"hands": "floor"},
    },
    "end": {
        "posture": "seated_on_chair",
        "trunk_lean": 80,
        "angles": {"shoulder_raise_forward": 110, "elbow_bend": 0},
        "touches": {"hands": "floor"},
    },
}


def test_the_supporting_hand_stays_on_the_floor_while_the_other_arm_threads_under_the_chest():
    for body in frames_of(THREADING):
        assert rest_gap(body, "left", "hand", "floor") < 2.5
        assert rest_gap(body, "left", "shin", "floor") < 2.5


def test_the_threading_arm_slides_along_the_floor_instead_of_going_through_it():
    for body in frames_of(THREADING):
        assert -1.5 < rest_gap(body, "right", "hand", "floor") < 2.5


def test_hands_laced_on_the_head_stay_on_it_while_the_elbows_swing_from_forward_to_wide():
    for body in frames_of(ELBOWS_BACK):
        for side in ("left", "right"):
            assert -2.0 < rest_gap(body, side, "hand", "head") < 4.5


def test_the_elbows_swing_round_the_head_without_a_jump_between_frames():
    bodies = motion(ELBOWS_BACK, 40)
    for side in ("left", "right"):
        elbows = [body.point(f"{side}_upper_arm") for body in bodies]
        # The whole swing is about 50 cm; one fortieth of it never jumps (it jumped 24 cm from in front to wide).
        assert max(math.dist(a, b) for a, b in pairwise(elbows)) < 3.0


@pytest.mark.parametrize(
    "joint",
    [("left_shoulder", ("turn_out", "raise_sideways", "raise_forward")), ("right_hip", ("turn_out", "spread", "bend"))],
)
def test_a_joints_angles_come_back_from_its_rotation(joint):
    key, motions = joint
    shuffle = random.Random(7)
    for _ in range(50):
        angles = {f"{key}_{name}": shuffle.uniform(-170.0, 170.0) for name in motions}
        assert joint_angles(key, joint_rotation(key, angles), angles) == pytest.approx(angles)


def test_halfway_from_one_rotation_to_another_is_half_the_turn():
    start = joint_rotation("left_shoulder", {"left_shoulder_raise_forward": 20})
    end = joint_rotation("left_shoulder", {"left_shoulder_raise_forward": 100})
    halfway = joint_angles("left_shoulder", turned_between(start, end, 0.5), {})
    assert halfway == pytest.approx(
        {"left_shoulder_turn_out": 0.0, "left_shoulder_raise_sideways": 0.0, "left_shoulder_raise_forward": 60.0}
    )


def test_the_start_and_the_end_are_drawn_as_written():
    for figure in (THREADING, ELBOWS_BACK):
        written = motion(figure, 1)
        played = frames_of(figure)
        assert played[0] == written[0]
        assert played[-1] == written[-1]


def test_a_sound_movement_has_no_problem_on_the_way():
    assert figure_problems(THREADING) == []
    assert figure_problems(ELBOWS_BACK) == []


def test_a_hand_that_goes_through_its_support_on_the_way_is_named_at_the_end_touches():
    message = (
        "on the way from start to end the {} hand goes 8 cm through the floor it rests on at both; "
        "change the end angles so it can stay there as the figure moves"
    )
    assert figure_problems(SWEEP) == [
        (("end", "touches", "hands"), message.format("left")),
        (("end", "touches", "hands"), message.format("right")),
    ]


def test_a_part_that_leaves_its_support_on_the_way_is_one_line_at_its_place_in_the_entry(content):
    figure = """\
figure:
  alt: Folded forward on a chair, the person sweeps the hands along the floor back under the seat.
  props: [chair]
  start:
    posture: seated_on_chair
    trunk_lean: 80
    angles: {shoulder_raise_forward: 50, elbow_bend: 0}
    touches: {hands: floor}
  end:
    posture: seated_on_chair
    trunk_lean: 80
    angles: {shoulder_raise_forward: 110, elbow_bend: 0}
    touches: {hands: floor}"""
    assert content.problems_with_figure(figure) == [
        f"content/exercises/chin-tucks.md:22:22: figure.end.touches.hands: on the way from start to end the {side} "
        "hand goes 8 cm through the floor it rests on at both; change the end angles so it can stay there as the "
        "figure moves"
        for side in ("left", "right")
    ]
