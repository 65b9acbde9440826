"""Pose figures: golden SVGs, determinism, the schema, the semantic checks and the whole catalog.

Regenerate the golden files on purpose with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_figures.py`
and look at the result before committing it.
"""

from __future__ import annotations

import json
import math
import os
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from stretchguide.figures import figure_problems, render_figure_svg, render_pose_svg
from stretchguide.figures.checks import THROUGH_TOLERANCE, face_cover
from stretchguide.figures.geometry import distance_to_segment
from stretchguide.figures.movement import motion
from stretchguide.figures.projection import THREE_QUARTER, flatten, to_page
from stretchguide.figures.props import (
    BALL_LINE,
    HALF_CHEST,
    POST_FACE,
    PROP_LINE,
    ROWER_SEAT,
    THICK_LINE,
    MovingCircle,
    MovingLine,
    ball_centre,
    lay_out,
    lifts_body,
    roller_centre,
    rowing_seat_top,
)
from stretchguide.figures.schema import SCHEMA_PATH, figure_schema, schema_text
from stretchguide.figures.skeleton import HEAD_RADIUS, SEGMENTS_BY_NAME
from stretchguide.figures.svg import TRUNK_PARTS, behind_head, frames_of, limb_layers, near_arms_back_to_front
from stretchguide.figures.svgtext import num
from stretchguide.figures.touches import lowest
from stretchguide.figures.views import views_of

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "figures"
EXERCISES = sorted((REPO / "content" / "exercises").glob("*.md"))
SVG = "{http://www.w3.org/2000/svg}"

HANDS_BEHIND_HEAD = {
    "shoulder_raise_forward": 165,
    "shoulder_raise_sideways": 50,
    "elbow_bend": 140,
    "shoulder_turn_out": 90,
}
GOLDEN_FIGURES = {
    "standing-reach": {
        "alt": "Standing, the person raises both arms forward and up overhead.",
        "view": "side",
        "arrow": "left_hand",
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"shoulder_raise_forward": 170}},
    },
    "cat-cow": {
        "alt": "On hands and knees, the person arches the back, then rounds it up with the head hanging.",
        "props": ["mat"],
        "start": {"posture": "quadruped", "angles": {"lower_back_bend": -25, "upper_back_bend": -15, "neck_bend": -30}},
        "end": {"posture": "quadruped", "angles": {"lower_back_bend": 18, "upper_back_bend": 28, "neck_bend": 45}},
    },
    "seated-front-twist": {
        "alt": "Sitting on a chair with the arms crossed, the person turns the chest to the left.",
        "view": "front",
        "props": ["chair"],
        "start": {
            "posture": "seated_on_chair",
            "angles": {"shoulder_raise_forward": 45, "shoulder_turn_out": -85, "elbow_bend": 115},
        },
        "end": {
            "posture": "seated_on_chair",
            "angles": {
                "shoulder_raise_forward": 45,
                "shoulder_turn_out": -85,
                "elbow_bend": 115,
                "upper_back_turn": 40,
                "neck_turn": 25,
            },
        },
    },
    "open-book": {
        "alt": "Lying on the right side with the knees bent, the person opens the top arm across to the other side.",
        "view": "above",
        "props": ["mat"],
        "start": {"posture": "side-lying"},
        "end": {
            "posture": "side-lying",
            "angles": {"upper_back_turn": 60, "left_shoulder_raise_sideways": 80, "neck_turn": 50},
        },
    },
    "roller": {
        "alt": "Lying back over a foam roller with the knees bent, the person eases the upper back over it.",
        "props": ["foam_roller", "mat"],
        "start": {
            "posture": "supine_knees_bent",
            "trunk_lean": 28,
            "angles": {**HANDS_BEHIND_HEAD, "upper_back_bend": 10, "neck_bend": 20},
        },
        "end": {
            "posture": "supine_knees_bent",
            "trunk_lean": 28,
            "angles": {**HANDS_BEHIND_HEAD, "upper_back_bend": -30, "neck_bend": -10},
        },
    },
}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, block, _ = text.split("---\n", 2)
    return yaml.safe_load(block)


def renders(figure: dict, slug: str) -> dict[str, str]:
    return {
        "motion": render_figure_svg(figure, slug=slug),
        "start": render_pose_svg(figure, "start", slug=slug),
        "end": render_pose_svg(figure, "end", slug=slug),
        "movement": render_pose_svg(figure, "movement", slug=slug),
    }


@pytest.mark.parametrize("slug", sorted(GOLDEN_FIGURES))
def test_golden_figures_are_unchanged(slug):
    for kind, svg in renders(GOLDEN_FIGURES[slug], slug).items():
        golden = GOLDEN / f"{slug}.{kind}.svg"
        if os.environ.get("UPDATE_GOLDEN"):
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(svg, encoding="utf-8")
        assert golden.exists(), f"no golden file {golden.name}; run with UPDATE_GOLDEN=1 to write it"
        assert svg == golden.read_text(encoding="utf-8"), (
            f"{golden.name} changed; if on purpose, rerun with UPDATE_GOLDEN=1 and look at it"
        )


@pytest.mark.parametrize("slug", sorted(GOLDEN_FIGURES))
def test_the_same_figure_renders_to_the_same_bytes(slug):
    figure = GOLDEN_FIGURES[slug]
    assert renders(figure, slug) == renders(json.loads(json.dumps(figure)), slug)


def test_the_animated_svg_is_self_contained_accessible_and_pausable():
    svg = render_figure_svg(GOLDEN_FIGURES["cat-cow"], slug="cat-cow")
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == GOLDEN_FIGURES["cat-cow"]["alt"]
    assert root.get("aria-labelledby") == root.find(f"{SVG}title").get("id")
    style = root.find(f"{SVG}style").text
    assert "@keyframes cat-cow-motion-" in style
    assert "prefers-reduced-motion:reduce" in style
    assert ".is-paused #cat-cow-motion *" in style and "#cat-cow-motion.is-paused *" in style
    assert ":hover *" in style and ":focus *" in style
    # The page pauses with `.is-paused svg *`: no rule of ours may set the play state back to running.
    assert "animation:" not in style.replace("animation:none!important", "")
    assert "currentColor" in svg
    assert "href=" not in svg.replace('mask="url(#', "") and "<script" not in svg


def test_stills_do_not_move_and_all_ids_carry_the_slug():
    figure = GOLDEN_FIGURES["seated-front-twist"]
    for kind, svg in renders(figure, "seated-thoracic-rotation").items():
        root = ElementTree.fromstring(svg)
        ids = [element.get("id") for element in root.iter() if element.get("id")]
        assert ids and all(i.startswith("seated-thoracic-rotation-") for i in ids), kind
        assert len(ids) == len(set(ids))
        if kind != "motion":
            assert "@keyframes" not in svg and "animation" not in svg
    starts = renders(figure, "a")["end"]
    assert renders(figure, "b")["end"] != starts, "two figures on one page must not share ids"


def test_a_figure_can_be_passed_as_read_only_data():
    from types import MappingProxyType

    def freeze(value):
        if isinstance(value, dict):
            return MappingProxyType({k: freeze(v) for k, v in value.items()})
        if isinstance(value, list):
            return tuple(freeze(v) for v in value)
        return value

    figure = GOLDEN_FIGURES["cat-cow"]
    assert render_pose_svg(freeze(figure), "end", slug="x") == render_pose_svg(figure, "end", slug="x")


def test_which_pose_must_be_start_or_end():
    with pytest.raises(ValueError, match="start"):
        render_pose_svg(GOLDEN_FIGURES["cat-cow"], "middle", slug="x")


# -- the schema ------------------------------------------------------------------------


def test_the_figure_schema_is_valid_and_matches_the_pose_vocabulary():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert "$id" not in schema
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "figure.schema.json is stale: run .venv/bin/python -m stretchguide.figures.schema"
    )


def _every_property(node, path=()):
    if isinstance(node, dict):
        for name, prop in node.get("properties", {}).items():
            yield (*path, name), prop
        for key, value in node.items():
            yield from _every_property(value, (*path, key))


def test_every_figure_field_is_described_and_closed():
    schema = figure_schema()
    for path, prop in _every_property(schema):
        assert prop.get("description"), path
    for path, prop in _every_property(schema):
        if prop.get("type") == "object":
            assert prop.get("additionalProperties") is False, path
    assert schema["additionalProperties"] is False


def test_the_schema_refuses_unknown_postures_joints_and_angles_out_of_range():
    validator = Draft202012Validator(figure_schema())
    good = GOLDEN_FIGURES["cat-cow"]
    assert not list(validator.iter_errors(good))
    for broken in (
        {**good, "start": {"posture": "handstand"}},
        {**good, "start": {"posture": "quadruped", "angles": {"tail_wag": 10}}},
        {**good, "start": {"posture": "quadruped", "angles": {"knee_bend": 200}}},
        {**good, "start": {"posture": "quadruped", "hips_back": 90}},
        {**good, "props": ["trampoline"]},
        {**good, "colour": "red"},
        {k: v for k, v in good.items() if k != "alt"},
    ):
        assert list(validator.iter_errors(broken)), broken


# -- what the schema cannot say ---------------------------------------------------------


def problem_messages(figure) -> list[str]:
    return [message for _, message in figure_problems(figure)]


def test_a_sound_figure_has_no_problems():
    for figure in GOLDEN_FIGURES.values():
        assert figure_problems(figure) == []


def test_sitting_needs_a_chair():
    figure = {
        "alt": "Sitting tall on a chair.",
        "start": {"posture": "seated_on_chair"},
        "end": {"posture": "seated_on_chair", "trunk_lean": 30},
    }
    assert figure_problems(figure) == [
        (("start", "posture"), "sitting on a chair needs `chair` in props"),
        (("end", "posture"), "sitting on a chair needs `chair` in props"),
    ]


def test_a_massage_ball_needs_a_wall_and_places_need_their_prop():
    figure = {
        "alt": "Standing with a ball behind the back.",
        "props": ["massage_ball"],
        "places": {"chair": "in_front"},
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"knee_bend": 40}},
    }
    messages = problem_messages(figure)
    assert "says where the chair goes, but `props` does not list it" in messages
    assert "the massage ball is pressed between the back and a wall: add `wall` to props" in messages


def test_hands_through_the_floor_and_floating_feet_are_named():
    through = {
        "alt": "Sitting, folded forward with straight arms.",
        "props": ["chair"],
        "start": {"posture": "seated_on_chair"},
        "end": {
            "posture": "seated_on_chair",
            "trunk_lean": 80,
            "angles": {"shoulder_raise_forward": 60, "elbow_bend": 0},
        },
    }
    assert any(
        re.fullmatch(r"the (left|right) hand goes \d+ cm through the floor", m) for m in problem_messages(through)
    )
    floating = {
        "alt": "Sitting with the legs stretched out.",
        "props": ["chair"],
        "start": {"posture": "seated_on_chair"},
        "end": {"posture": "seated_on_chair", "angles": {"knee_bend": 20}},
    }
    assert any(m.startswith("the left foot floats") and "`seated_on_chair`" in m for m in problem_messages(floating))


def test_the_view_from_above_is_for_lying_down_and_draws_only_a_mat():
    figure = {
        "alt": "Standing, seen from above, holding a chair.",
        "view": "above",
        "props": ["mat", "chair"],
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"knee_bend": 30}},
    }
    assert (("props", 1), "seen from above only a mat is drawn, not a chair") in figure_problems(figure)
    assert (
        ("start", "posture"),
        "the view from above is for lying postures; use `side` or `front`",
    ) in figure_problems(figure)
    svg = render_pose_svg(GOLDEN_FIGURES["open-book"], "end", slug="open-book")
    assert 'class="floor"' not in svg


def test_a_figure_that_does_not_move_and_a_back_bent_too_far_are_named():
    still = {
        "alt": "Standing still, arms by the sides.",
        "start": {"posture": "standing"},
        "end": {"posture": "standing"},
    }
    assert figure_problems(still) == [
        (("end",), "the end pose is the same as the start pose, so the figure would not move")
    ]
    folded = {
        "alt": "Standing, bent double.",
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"lower_back_bend": 60, "upper_back_bend": 50}},
    }
    assert problem_messages(folded) == [
        "the lower and upper back bend add up to 110 degrees; a back goes from -55 to 100"
    ]


# -- the catalog ---------------------------------------------------------------------------


def test_the_catalog_has_exercises():
    assert EXERCISES, "content/exercises/ holds no exercise, so the checks below check nothing"


@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_every_exercise_has_a_picture(path):
    data = front_matter(path)
    assert data.get("figure") or data.get("image"), (
        f"{path.name} has neither figure: nor image: - every exercise needs a picture"
    )


@pytest.mark.parametrize("path", EXERCISES, ids=[p.stem for p in EXERCISES])
def test_every_catalog_figure_is_valid_sound_and_renders(path):
    figure = front_matter(path).get("figure")
    assert figure is not None, f"{path.name} has no figure"
    assert not list(Draft202012Validator(figure_schema()).iter_errors(figure))
    assert figure_problems(figure) == []
    for kind, svg in renders(figure, path.stem).items():
        root = ElementTree.fromstring(svg)
        assert root.find(f"{SVG}title").text.endswith(figure["alt"]), kind


def test_the_contributor_guide_names_every_posture_angle_prop_and_place():
    from stretchguide.figures.postures import POSTURES
    from stretchguide.figures.projection import VIEWS
    from stretchguide.figures.props import PLACES
    from stretchguide.figures.skeleton import JOINTS

    guide = (REPO / "docs" / "pictures.md").read_text(encoding="utf-8")
    names = [p.name for p in POSTURES] + list(VIEWS) + list(PLACES)
    names += [place for places in PLACES.values() for place in places]
    names += [f"{joint.name}_{motion.name}" for joint in JOINTS for motion in joint.motions]
    missing = [name for name in names if f"`{name}`" not in guide]
    assert not missing, f"docs/pictures.md does not explain: {missing}"


def test_the_preview_command_writes_a_page_and_reports_problems(tmp_path, capsys):
    from stretchguide.figures.__main__ import main

    entry = tmp_path / "wobbly.md"
    entry.write_text(
        "---\ntitle: Wobbly\nfigure:\n  alt: Sitting on a chair with the legs out straight.\n  props: [chair]\n"
        "  start: {posture: seated_on_chair}\n  end: {posture: seated_on_chair, angles: {knee_bend: 10}}\n---\n",
        encoding="utf-8",
    )
    out = tmp_path / "preview.html"
    assert main([str(entry), "--out", str(out)]) == 1
    assert "figure.end.angles: the left foot floats" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").count('<svg xmlns="http://www.w3.org/2000/svg"') == 6  # six pictures


def test_the_preview_goes_to_the_ignored_cache_folder_and_says_where(tmp_path, capsys, monkeypatch):
    from stretchguide.figures.__main__ import main

    entry = tmp_path / "seated.md"
    entry.write_text(
        "---\ntitle: Seated\nfigure:\n  alt: Sitting on a chair, then turning the head.\n  props: [chair]\n"
        "  start: {posture: seated_on_chair}\n  end: {posture: seated_on_chair}\n---\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    main([str(entry)])
    assert (tmp_path / ".cache" / "figure-preview.html").is_file()
    assert not (tmp_path / "figure-preview.html").exists()
    assert "wrote .cache/figure-preview.html" in capsys.readouterr().out


def test_an_upper_arm_or_the_head_through_the_floor_is_named():
    folded = {
        "alt": "Sitting, the person folds right down with the arms overhead.",
        "props": ["chair"],
        "start": {"posture": "seated_on_chair"},
        "end": {
            "posture": "seated_on_chair",
            "trunk_lean": 60,
            "angles": {"lower_back_bend": 50, "upper_back_bend": 45, "neck_bend": 60, "shoulder_raise_forward": 170},
        },
    }
    messages = problem_messages(folded)
    assert "the left upper arm goes 14 cm through the floor" in messages
    assert "the head goes 6 cm through the floor" in messages


def test_a_face_down_nose_through_the_mat_is_named_and_a_forehead_on_it_is_not():
    def folded(**angles):
        return {
            "alt": "On hands and knees, the person sits back onto the heels and rests the forehead on the mat.",
            "props": ["mat"],
            "start": {"posture": "quadruped"},
            "end": {
                "posture": "quadruped",
                "hips_back": 70,
                "angles": {"shoulder_raise_forward": 180, "elbow_bend": 0, **angles},
                "touches": {"hands": "floor"},
            },
        }

    # The head's circle clears the mat, but the nose, drawn outside it, pokes through.
    nose_down = [m for m in problem_messages(folded(neck_bend=-20)) if m.startswith("the face goes")]
    assert len(nose_down) == 1 and re.fullmatch(r"the face goes \d+ cm through the floor; .*neck_bend.*", nose_down[0])
    assert not any("through the floor" in m for m in problem_messages(folded(neck_bend=-30, upper_back_bend=10)))


def test_an_arm_through_the_foam_roller_is_named():
    hanging = {
        "alt": "Lying back on a foam roller, the person lets the straight arms hang to the floor.",
        "props": ["foam_roller", "mat"],
        "start": {"posture": "supine_knees_bent", "trunk_lean": 28},
        "end": {
            "posture": "supine_knees_bent",
            "trunk_lean": 28,
            "angles": {"shoulder_raise_forward": -40, "elbow_bend": 0},
        },
    }
    assert "the left upper arm goes 7 cm into the foam roller" in problem_messages(hanging)


def test_a_movement_too_small_to_see_in_its_view_names_the_view_that_shows_it():
    head_turn = {
        "alt": "Standing, the person turns the head to look left.",
        "view": "side",
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"neck_turn": 30}},
    }
    assert figure_problems(head_turn) == [
        (
            ("end",),
            "seen from the `side` view nothing moves more than 2 cm between start and end, too little to see; "
            "try `view: front`, where it moves 7 cm",
        )
    ]
    assert figure_problems({**head_turn, "view": "front"}) == []


HANDS_ON_HEAD = {
    "shoulder_raise_forward": 25,
    "shoulder_raise_sideways": 140,
    "shoulder_turn_out": 100,
    "elbow_bend": 130,
}


def test_a_hand_that_should_rest_on_the_head_but_is_off_it_is_named():
    reaching = {
        "alt": "Sitting on a chair, the person lifts the hands toward the head.",
        "props": ["chair"],
        "start": {"posture": "seated_on_chair"},
        "end": {
            "posture": "seated_on_chair",
            "angles": {**HANDS_ON_HEAD, "elbow_bend": 60},
            "touches": {"left_hand": "head"},
        },
    }
    assert figure_problems(reaching) == [
        (
            ("end", "touches", "left_hand"),
            "the left hand is 30 cm off the head it should rest on; change the angles that carry it",
        )
    ]
    resting = {**reaching, "end": {**reaching["end"], "angles": HANDS_ON_HEAD}}
    assert figure_problems(resting) == []


def test_elbows_that_should_rest_on_the_chair_seat_but_float_above_it_are_named():
    kneeling = {
        "alt": "Kneeling in front of a chair, the person rests the elbows on its seat.",
        "props": ["chair", "mat"],
        "places": {"chair": "in_front"},
        "start": {
            "posture": "kneeling",
            "trunk_lean": 88,
            "angles": {"shoulder_raise_forward": 172, "elbow_bend": 130},
            "touches": {"elbows": "chair"},
        },
        "end": {
            "posture": "kneeling",
            "trunk_lean": 95,
            "angles": {
                "hip_bend": 22,
                "knee_bend": 112,
                "shoulder_raise_forward": 165,
                "elbow_bend": 130,
                "upper_back_bend": -25,
                "neck_bend": -10,
            },
            "touches": {"elbows": "chair"},
        },
    }
    assert problem_messages(kneeling) == [
        "the left elbow is 7 cm off the chair seat it should rest on; change the angles that carry it",
        "the right elbow is 7 cm off the chair seat it should rest on; change the angles that carry it",
    ]


SITTING_BACK = {
    "alt": "Kneeling upright, the person sits the hips back toward the heels.",
    "props": ["mat"],
    "start": {"posture": "kneeling"},
    "end": {"posture": "kneeling", "hips_back": 30},
}


def test_sitting_the_hips_back_tips_the_thighs_about_the_knees_and_leaves_the_shins_and_trunk_as_they_were():
    start, *_, end = frames_of(SITTING_BACK)
    hip, knee = end.segments["left_thigh"].start, end.segments["left_thigh"].end
    assert knee == pytest.approx(start.segments["left_thigh"].end)
    assert math.degrees(math.atan2(knee[0] - hip[0], hip[1] - knee[1])) == pytest.approx(30)
    before, after = (body.segments["left_shin"] for body in (start, end))
    assert (*after.start, *after.end) == pytest.approx((*before.start, *before.end))
    assert lowest(end, "left_shin") == pytest.approx(lowest(start, "left_shin"))
    trunk = [b.segments["lower_back"] for b in (start, end)]
    assert [math.atan2(t.end[0] - t.start[0], t.end[1] - t.start[1]) for t in trunk] == pytest.approx([0, 0], abs=1e-9)
    assert figure_problems(SITTING_BACK) == []


def test_the_hips_sit_back_no_further_than_the_knees_bend():
    on_heels = {**SITTING_BACK, "end": {"posture": "kneeling_on_heels", "hips_back": 20}}
    assert figure_problems(on_heels) == [
        (("end", "hips_back"), "sitting back this far bends the knees to 175 degrees; a knee bends from 0 to 160")
    ]


def on_hands_and_knees(**pose) -> dict:
    """On hands and knees, from the back arched as Cat-Cow's cow, with `pose`'s fields, to a flat back."""
    return {
        "alt": "On hands and knees, the person lets the belly drop and lifts the chest, then flattens the back.",
        "view": "side",
        "props": ["mat"],
        "start": {"posture": "quadruped", **pose, "angles": {"lower_back_bend": -30, "upper_back_bend": -25}},
        "end": {"posture": "quadruped"},
    }


def slope(placed) -> float:
    """Degrees a trunk piece rises (+) or falls (-) from where it starts, toward the head."""
    return math.degrees(math.atan2(placed.end[1] - placed.start[1], placed.end[0] - placed.start[0]))


def test_a_pelvis_tipped_forward_drops_the_lower_back_below_the_hips_and_keeps_the_thighs_hands_and_knees():
    # An arched back alone leaves the lower back level with the hips: the trunk settles at the hips
    # until the hands are down, so only the bend between the lower and the upper back shows.
    flat, cow = (frames_of(on_hands_and_knees(**tilt))[0] for tilt in ({}, {"pelvis_tilt": 15}))
    assert slope(flat.segments["lower_back"]) > -1
    # Tipped forward, the lower back goes down from the hips, the waist clearly below them, and the
    # upper back rises steeply to the shoulders: a back that sags.
    hips, waist = cow.segments["lower_back"].start, cow.segments["lower_back"].end
    assert slope(cow.segments["lower_back"]) < -10
    assert waist[1] < hips[1] - 4
    assert slope(cow.segments["upper_back"]) > slope(flat.segments["upper_back"]) + 10
    for side in ("left", "right"):
        # The thighs stay where they were, upright over the knees.
        before, after = (body.segments[f"{side}_thigh"] for body in (flat, cow))
        assert (*after.start, *after.end) == pytest.approx((*before.start, *before.end), abs=1e-6)
        assert after.start[0] == pytest.approx(after.end[0], abs=0.5)
        # The hands stay on the floor, under the shoulders.
        shoulder, wrist = cow.segments[f"{side}_upper_arm"].start, cow.segments[f"{side}_forearm"].end
        assert wrist[0] == pytest.approx(shoulder[0], abs=0.5)
        assert lowest(cow, f"{side}_hand") == pytest.approx(lowest(flat, f"{side}_hand"), abs=0.5)
    assert figure_problems(on_hands_and_knees(pelvis_tilt=15)) == []


def test_a_pelvis_tucked_under_lifts_the_lower_back_and_brings_the_chest_down():
    flat, cat = (frames_of(on_hands_and_knees(**tilt))[0] for tilt in ({}, {"pelvis_tilt": -15}))
    assert slope(cat.segments["lower_back"]) > slope(flat.segments["lower_back"]) + 10
    assert slope(cat.segments["upper_back"]) < slope(flat.segments["upper_back"]) - 10
    for side in ("left", "right"):
        assert lowest(cat, f"{side}_hand") == pytest.approx(lowest(flat, f"{side}_hand"), abs=0.5)


def test_cat_cow_sags_in_the_cow_and_rounds_up_in_the_cat_with_the_hands_down_all_the_way():
    figure = front_matter(REPO / "content" / "exercises" / "cat-cow.md")["figure"]
    bodies = frames_of(figure)
    cow, cat = bodies[0], bodies[-1]
    assert cow.segments["lower_back"].end[1] < cow.segments["lower_back"].start[1] - 4  # the belly drops
    assert cow.landmark("head")[1] > cow.segments["upper_back"].end[1]  # the head comes up
    # The cat's back is highest between the hips and the shoulders, the head hanging below them.
    waist, shoulders = cat.segments["lower_back"].end, cat.segments["upper_back"].end
    assert waist[1] > cat.segments["lower_back"].start[1] + 10 and waist[1] > shoulders[1]
    assert cat.landmark("head")[1] < shoulders[1]
    for body in bodies:  # on the mat, as the knees are
        for side in ("left", "right"):
            assert lowest(body, f"{side}_hand") == pytest.approx(lowest(body, f"{side}_shin"), abs=0.5)


KNEES_DROPPED = {
    "alt": "Lying on the back with the knees bent, the person lets both knees drop to the left.",
    "view": "front",
    "props": ["mat"],
    "start": {"posture": "supine_knees_bent"},
    "end": {"posture": "supine_knees_bent", "hips_roll": 70},
}


@pytest.mark.parametrize(("roll", "toward"), [(70, 1.0), (-70, -1.0)])
def test_rolling_the_hips_drops_both_bent_knees_toward_that_side_and_leaves_the_chest_flat(roll, toward):
    figure = {**KNEES_DROPPED, "end": {**KNEES_DROPPED["end"], "hips_roll": roll}}
    start, *_, end = frames_of(figure)
    knees = [[body.segments[f"{side}_thigh"].end for body in (start, end)] for side in ("left", "right")]
    for before, after in knees:
        assert (after[2] - before[2]) * toward > 25  # toward the person's left (+z) or right
    drops = sorted(before[1] - after[1] for before, after in knees)
    assert drops[0] > 10 and drops[1] > 25  # and down: the upper knee on the lower, the lower nearly on the floor
    # The chest stays flat: both shoulders at one height, its sideways axis level.
    left, right = (end.segments[f"{side}_collarbone"].end[1] for side in ("left", "right"))
    assert left == pytest.approx(right, abs=0.5)
    assert end.segments["upper_back"].frame[1][2] == pytest.approx(0.0, abs=0.01)
    assert figure_problems(figure) == []


@pytest.mark.parametrize(
    ("figure", "field", "message"),
    [
        (
            {**SITTING_BACK, "end": {"posture": "standing", "hips_back": 20}},
            "hips_back",
            "the hips sit back over shins on the floor; use a kneeling posture: `kneeling`, `kneeling_on_heels`, `quadruped`",
        ),
        (
            {**SITTING_BACK, "end": {"posture": "kneeling", "pelvis_tilt": 10}},
            "pelvis_tilt",
            "the pelvis tips between thighs and hands that stay on the floor; use `quadruped`",
        ),
        (
            {**KNEES_DROPPED, "start": {"posture": "prone"}, "end": {"posture": "prone", "hips_roll": 30}},
            "hips_roll",
            "the hips roll to one side lying on the back; use `supine` or `supine_knees_bent`",
        ),
    ],
    ids=["hips_back", "pelvis_tilt", "hips_roll"],
)
def test_a_pose_field_only_some_postures_take_is_refused_in_another(figure, field, message):
    assert figure_problems(figure) == [(("end", field), message)]


SAT_BACK = {
    "alt": "Sitting back on a chair, the person arches the upper back over the top of the backrest.",
    "view": "side",
    "props": ["chair"],
    "places": {"chair": "against_back"},
    "start": {"posture": "seated_on_chair"},
    "end": {"posture": "seated_on_chair", "angles": {"upper_back_bend": -28}},
}


def test_sat_back_the_backrest_meets_the_back_and_ends_at_its_middle_where_the_upper_back_arches_over_it():
    bodies = frames_of(SAT_BACK)
    chair = "".join(lay_out(SAT_BACK, "side", bodies).back)
    top_x, top_y, rear = (float(n) for n in re.search(r'd="M(-?[\d.]+) (-?[\d.]+)L(-?[\d.]+) ', chair).groups())
    middle = flatten(bodies[0], "side").pieces["lower_back"].end
    assert top_y == pytest.approx(middle[1], abs=0.01)
    assert middle[0] - top_x == pytest.approx(HALF_CHEST + 0.5, abs=0.01)  # just behind the back
    assert rear <= flatten(bodies[0], "side").pieces["lower_back"].start[0] - 10.0  # clear of the lower back
    for body in bodies:
        upper = flatten(body, "side").pieces["upper_back"]
        # The upper back turns over the backrest's top: it stays on it, pressing in no more than a soft back would.
        on_top = distance_to_segment((top_x, top_y), upper.start, upper.end)
        assert HALF_CHEST - THROUGH_TOLERANCE <= on_top <= HALF_CHEST + 0.5
    assert figure_problems(SAT_BACK) == []


def test_feet_that_should_stay_on_the_floor_while_the_knees_drop_are_named_when_they_lift():
    knees_dropped = {
        "shoulder_raise_sideways": 80,
        "left_hip_spread": 32,
        "left_hip_turn_out": 45,
        "right_hip_spread": -30,
        "right_hip_turn_out": -40,
    }
    figure = {
        "alt": "Lying on the back with the knees bent, the person lets both knees drop to one side.",
        "view": "front",
        "props": ["mat"],
        "start": {"posture": "supine_knees_bent"},
        "end": {"posture": "supine_knees_bent", "angles": knees_dropped, "touches": {"feet": "floor"}},
    }
    assert figure_problems(figure) == [
        (
            ("end", "touches", "feet"),
            "the left foot is 21 cm off the floor it should rest on; change the angles that carry it",
        ),
        (
            ("end", "touches", "feet"),
            "the right foot is 18 cm off the floor it should rest on; change the angles that carry it",
        ),
    ]
    flatter = {**knees_dropped, "hip_bend": 30, "knee_bend": 110}
    assert figure_problems({**figure, "end": {**figure["end"], "angles": flatter}}) == []


def test_resting_on_the_chair_needs_a_chair():
    figure = {
        "alt": "Standing, the person rests a hand on a chair seat.",
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"knee_bend": 40}, "touches": {"right_hand": "chair"}},
    }
    assert figure_problems(figure) == [
        (("end", "touches", "right_hand"), "rests on the chair, but `props` does not list `chair`")
    ]


def test_an_arrow_on_a_part_that_hardly_moves_is_named_not_silently_dropped():
    figure = {**GOLDEN_FIGURES["standing-reach"], "arrow": "left_foot"}
    assert figure_problems(figure) == [
        (
            ("arrow",),
            "`arrow: left_foot` is not drawn: seen from the `side` view the left foot travels only 0 cm, "
            "and an arrow needs 6; point it at a part that moves more, or leave it out",
        )
    ]


def test_an_arrow_with_no_room_beside_its_path_is_named_not_silently_dropped():
    from stretchguide.figures import arrows

    # The elbow swings up close beside the head, so every place beside its path meets the body.
    figure = {**GOLDEN_FIGURES["standing-reach"], "arrow": "left_elbow"}
    assert problem_messages(figure) == [
        f"`arrow: left_elbow` is not drawn: within {arrows.OFFSETS[-1]:.0f} cm of the left elbow's path there is no room "
        "that keeps clear of the body; point it at a part that moves in the open, or leave it out"
    ]


def test_the_preview_labels_start_end_and_moving_and_names_the_view(tmp_path):
    from stretchguide.figures.__main__ import main

    entry = tmp_path / "reach.md"
    entry.write_text(
        "---\ntitle: Reach\nfigure:\n  alt: Standing, the person raises both arms forward and up overhead.\n"
        "  view: three_quarter\n  start: {posture: standing}\n"
        "  end: {posture: standing, angles: {shoulder_raise_forward: 170}}\n---\n",
        encoding="utf-8",
    )
    out = tmp_path / "preview.html"
    assert main([str(entry), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    captions = re.findall(r"<figure><svg.*?</svg>\s*<figcaption>(\w+)</figcaption></figure>", page, flags=re.S)
    assert captions == ["start", "end", "moving"] * 2
    assert "<h2>reach, seen from the three quarter view (light)</h2>" in page


@pytest.mark.parametrize("view", ["side", "other_side", "three_quarter", "front", "above"])
def test_every_view_is_a_true_projection_square_to_where_the_reader_looks_from(view):
    # A page axis that is not square to the camera shears the body: an arm reaching toward the
    # reader would slide across the page as if it reached forward.
    from stretchguide.figures.projection import ACROSS, CAMERA, DOWN

    def dot(a, b):
        return sum(x * y for x, y in zip(a, b, strict=True))

    assert abs(dot(ACROSS[view], CAMERA[view])) < 1e-9
    assert abs(dot(DOWN[view], CAMERA[view])) < 1e-9
    assert abs(dot(ACROSS[view], DOWN[view])) < 1e-9


ROWING = {
    "alt": "Sitting on a rowing machine, the person pushes the legs straight and pulls the hands to the ribs.",
    "props": ["rowing_machine"],
    "anchor": "feet",
    "start": {"posture": "supine", "trunk_lean": 100, "angles": {"hip_bend": 20, "knee_bend": 110}},
    "end": {"posture": "supine", "trunk_lean": 80, "angles": {"knee_bend": 5, "elbow_bend": 120}},
}


def test_on_a_rowing_machine_the_pelvis_stays_on_the_seat_while_the_legs_push_straight():
    for body in motion(ROWING, 4, lifts_body(ROWING)):
        assert rowing_seat_top(body) == pytest.approx(ROWER_SEAT)


def test_an_arrow_on_the_upper_back_starts_between_the_shoulder_blades_not_at_the_neck():
    body = motion(GOLDEN_FIGURES["cat-cow"], 0)[0]
    upper = body.segments["upper_back"]
    middle = tuple((a + b) / 2 for a, b in zip(upper.start, upper.end, strict=True))
    assert body.landmark("upper_back") == pytest.approx(middle)
    assert body.landmark("chest") == pytest.approx(upper.end)


def test_a_band_anchored_in_front_lies_over_the_arms_that_hold_it_and_passes_behind_the_trunk_and_head():
    figure = {
        "alt": "Standing, the person pulls a band from a high anchor toward the face.",
        "view": "three_quarter",
        "props": ["resistance_band"],
        "start": {"posture": "standing", "angles": {"shoulder_raise_forward": 120}},
        "end": {"posture": "standing", "angles": {"shoulder_raise_sideways": 70, "elbow_bend": 115}},
    }
    layout = lay_out(figure, "three_quarter", frames_of(figure))
    strands = [line for line in layout.moving_front if isinstance(line, MovingLine)]
    assert [(line.css, line.held_in) for line in strands] == [("band elastic", "right"), ("band elastic", "left")]
    assert not [line for line in layout.moving_back if isinstance(line, MovingLine)]
    svg = render_pose_svg(figure, "end", slug="pull")
    masks = dict(re.findall(r'<mask id="pull-end-strand-(\w+)".*?>(.*?)</mask>', svg))
    head = f'r="{HEAD_RADIUS}"'
    # Both strands pass behind the head; only the near one is seen over its own hand.
    assert head in masks["left"] and head in masks["right"]
    assert 'fill="#fff" stroke="#fff"' in masks["left"]
    assert 'fill="#fff" stroke="#fff"' not in masks["right"]
    assert re.search(r'<g mask="url\(#pull-end-strand-right\)"><g [^>]*class="band elastic far-band"', svg)
    assert re.search(r'<g mask="url\(#pull-end-strand-left\)"><g [^>]*class="band elastic"', svg)


def test_a_chair_in_front_stands_clear_of_the_head_hanging_between_the_arms():
    figure = {
        "alt": "Kneeling in front of a chair, the person rests the elbows on its seat.",
        "props": ["chair", "mat"],
        "places": {"chair": "in_front"},
        "start": {
            "posture": "kneeling",
            "trunk_lean": 84,
            "angles": {"shoulder_raise_forward": 165, "elbow_bend": 130, "shoulder_blade_lift": 30},
        },
        "end": {
            "posture": "kneeling",
            "trunk_lean": 84,
            "angles": {"shoulder_raise_forward": 165, "elbow_bend": 130, "shoulder_blade_lift": 30},
        },
    }
    bodies = frames_of(figure)
    chair = lay_out(figure, "side", bodies).back[-1]
    front_leg = float(re.findall(r"M(-?[\d.]+) -?[\d.]+V0", chair)[-1])
    head_front = max(to_page("side", body.landmark("head"))[0] for body in bodies) + HEAD_RADIUS
    assert front_leg > head_front


def test_the_foam_roller_stays_put_while_the_upper_back_arches_over_it():
    figure = GOLDEN_FIGURES["roller"]
    bodies = frames_of(figure)
    start, end = (to_page("side", roller_centre(body))[0] for body in (bodies[0], bodies[-1]))
    assert abs(end - start) < 4.0


THREAD_THE_NEEDLE = {
    "alt": "On hands and knees, the person slides the right arm under the chest across to the left.",
    "view": "three_quarter",
    "props": ["mat"],
    "start": {"posture": "quadruped"},
    "end": {
        "posture": "quadruped",
        "trunk_lean": 20,
        "angles": {
            "upper_back_turn": 40,
            "lower_back_turn": 15,
            "neck_turn": 70,
            "right_shoulder_raise_forward": 92,
            "right_shoulder_raise_sideways": -32,
            "right_elbow_bend": 0,
            "left_shoulder_raise_forward": 125,
            "left_shoulder_raise_sideways": 25,
            "left_elbow_bend": 85,
        },
    },
}


def test_an_arm_threaded_under_the_chest_toward_the_reader_is_drawn_in_front_keeping_its_far_shade():
    start, end = (render_pose_svg(THREAD_THE_NEEDLE, which, slug="thread") for which in ("start", "end"))
    # At the start the right arm hangs behind the trunk; at the end it comes out in front of the near knee.
    assert start.rindex('class="far"') < start.index('class="trunk"')
    assert end.rindex('class="far"') > end.index('class="trunk"')


def test_in_the_loop_the_threaded_arm_comes_in_front_only_once_it_is_out():
    svg = render_figure_svg(THREAD_THE_NEEDLE, slug="thread")
    frames = re.search(r"@keyframes thread-motion-out\{(.*?)\}\}", svg).group(1)
    opacities = re.findall(r"opacity:(\d)", frames)
    assert opacities[0] == "0"
    assert opacities[len(opacities) // 2] == "1"  # the middle of the loop is the end pose


ELBOW_TO_THE_CEILING = {
    "alt": "On hands and knees with one hand behind the head, the person turns the chest and lifts that elbow up.",
    "view": "three_quarter",
    "props": ["mat"],
    "start": {
        "posture": "quadruped",
        "angles": {
            "upper_back_turn": -25,
            "left_shoulder_raise_forward": 0,
            "left_shoulder_raise_sideways": 140,
            "left_shoulder_turn_out": 100,
            "left_elbow_bend": 120,
            "right_shoulder_raise_sideways": -25,
        },
        "touches": {"left_hand": "head", "right_hand": "floor"},
    },
    "end": {
        "posture": "quadruped",
        "angles": {
            "upper_back_turn": 45,
            "lower_back_turn": 5,
            "neck_turn": 40,
            "left_shoulder_blade_lift": 30,
            "left_shoulder_raise_forward": 63,
            "left_shoulder_raise_sideways": 168,
            "left_shoulder_turn_out": 100,
            "left_elbow_bend": 123,
            "right_shoulder_raise_sideways": 46,
        },
        "touches": {"left_hand": "head", "right_hand": "floor"},
    },
}


def test_a_near_hand_on_the_back_of_a_turned_head_is_drawn_under_the_head_not_over_the_face():
    # Turned toward the reader, the head is nearer than the hand behind it: the hand lies about a
    # head's radius behind the head's centre, so the head is drawn over it and the face shows.
    end = frames_of(ELBOW_TO_THE_CEILING)[-1]
    flat = flatten(end, "three_quarter")
    assert {"left_hand", "left_forearm"} <= behind_head(flat, {"left_arm"})
    assert face_cover(ELBOW_TO_THE_CEILING, "end") is None
    body = render_pose_svg(ELBOW_TO_THE_CEILING, "end", slug="turn").split('class="body"', 1)[1]
    # The last thing drawn is the head, after every piece of a limb.
    assert body.rindex(f'r="{num(HEAD_RADIUS)}"') > body.rindex("<path")
    # On a sheet too (framed, printed without masks), the head comes last.
    sheet = render_pose_svg(ELBOW_TO_THE_CEILING, "end", slug="turn", framed=True).split('class="body"', 1)[1]
    assert sheet.rindex(f'r="{num(HEAD_RADIUS)}"') > sheet.rindex("<path")


def test_a_hand_on_the_near_side_of_the_head_stays_drawn_over_it():
    start = frames_of(ELBOW_TO_THE_CEILING)[0]
    assert behind_head(flatten(start, "three_quarter"), {"left_arm"}) == set()
    assert "behind-head" not in render_pose_svg(ELBOW_TO_THE_CEILING, "start", slug="turn")


def crossed_arms(**angles):
    return {
        "alt": "Standing, the person crosses the forearms in front of the chest.",
        "view": "front",
        "start": {"posture": "standing"},
        "end": {
            "posture": "standing",
            "angles": {"shoulder_raise_forward": 45, "shoulder_turn_out": -85, "elbow_bend": 115, **angles},
        },
    }


def near_arms_in_drawing_order(figure):
    flats = [flatten(body, "front") for body in frames_of(figure)]
    return near_arms_back_to_front(flats, limb_layers(flats, "front"))


@pytest.mark.parametrize(("ahead", "behind"), [("right", "left"), ("left", "right")])
def test_where_two_near_arms_cross_the_one_nearer_the_reader_is_drawn_over_the_other(ahead, behind):
    # The forearm held further from the chest crosses in front of the other, so it comes last,
    # cutting its gap into the arm behind: crossed arms read as two arms, not one black knot.
    figure = crossed_arms(**{f"{ahead}_shoulder_raise_forward": 70})
    assert near_arms_in_drawing_order(figure) == [f"{behind}_arm", f"{ahead}_arm"]
    body = render_pose_svg(figure, "end", slug="crossed").split('class="body"', 1)[1]
    # The trunk, the legs, then each arm: every layer after the first cuts its own gap.
    assert body.count('mask="url(#crossed-end-gap-') == 3


def test_near_arms_that_never_overlap_keep_one_layer_order_whatever_their_depth():
    figure = {
        "alt": "Standing, the person reaches one arm forward and lets the other hang.",
        "view": "front",
        "start": {"posture": "standing"},
        "end": {"posture": "standing", "angles": {"right_shoulder_raise_forward": 90}},
    }
    assert near_arms_in_drawing_order(figure) == ["left_arm", "right_arm"]


def test_a_hanging_head_in_cat_pose_shows_between_the_arms_in_three_quarter_view():
    figure = GOLDEN_FIGURES["cat-cow"]
    assert face_cover({**figure, "view": "side"}, "end") == "left_upper_arm"
    assert face_cover({**figure, "view": "three_quarter"}, "end") is None


def test_arms_reaching_to_a_high_anchor_pass_above_the_face_at_shoulder_height_not_across_it():
    def reaching(degrees):
        return {
            "alt": "Standing, the person pulls a band from a high anchor toward the face.",
            "view": "three_quarter",
            "props": ["resistance_band"],
            "start": {"posture": "standing", "angles": {"shoulder_raise_forward": degrees, "elbow_bend": 0}},
            "end": {"posture": "standing", "angles": {"shoulder_raise_sideways": 90, "elbow_bend": 110}},
        }

    assert face_cover(reaching(122), "start") == "left_upper_arm"
    assert face_cover(reaching(108), "start") is None


def test_a_hand_drawing_the_other_arm_across_comes_from_its_own_shoulder_and_holds_above_the_elbow():
    figure = {
        "alt": "Standing, the person draws the right arm across the chest with the left hand.",
        "view": "front",
        "start": {"posture": "standing"},
        "end": {
            "posture": "standing",
            "angles": {
                "right_shoulder_raise_forward": 90,
                "right_shoulder_raise_sideways": -45,
                "right_elbow_bend": 5,
                "left_shoulder_raise_forward": 30,
                "left_shoulder_raise_sideways": 0,
                "left_shoulder_turn_out": -30,
                "left_elbow_bend": 135,
            },
        },
    }
    end = frames_of(figure)[-1]
    helping = flatten(end, "front").pieces["left_upper_arm"]
    # The left arm is on the page's right in front view: its elbow stays on that side, below the shoulder.
    assert helping.end[0] > 0
    assert helping.length > 20
    held = end.segments["right_upper_arm"]
    above_elbow = tuple(a + 0.75 * (b - a) for a, b in zip(held.start, held.end, strict=True))
    hand = end.segments["left_hand"]
    grip = tuple((a + b) / 2 for a, b in zip(hand.start, hand.end, strict=True))
    assert math.dist(grip, above_elbow) < 10


def test_the_rowing_seat_sits_on_its_rail_all_the_way_along():
    layout = lay_out(ROWING, "side", frames_of(ROWING))
    rail = float(re.search(r"V(-?[\d.]+)H", layout.back[0]).group(1))
    seat = next(line for line in layout.moving_back if isinstance(line, MovingLine) and "thick" in line.css)
    rail_top = rail - PROP_LINE / 2
    for y in (start[1] for start in seat.starts):
        assert y + THICK_LINE / 2 == pytest.approx(rail_top, abs=0.3)


def test_knees_dropping_to_one_side_hide_the_face_from_the_feet_but_not_from_above():
    figure = {
        "alt": "Lying on the back with the knees bent, the person lets both knees drop to one side.",
        "props": ["mat"],
        "start": {"posture": "supine_knees_bent", "angles": {"shoulder_raise_sideways": 80, "hip_spread": 12}},
        "end": {
            "posture": "supine_knees_bent",
            "angles": {
                "shoulder_raise_sideways": 80,
                "left_hip_spread": 50,
                "left_hip_turn_out": 50,
                "right_hip_spread": -30,
                "right_hip_turn_out": -45,
            },
        },
    }
    assert face_cover({**figure, "view": "front"}, "end") == "right_thigh"
    assert face_cover({**figure, "view": "above"}, "end") is None
    # From above the knees visibly swing across while the hands, out on the floor, stay put.
    start, end = (flatten(body, "above") for body in (frames_of(figure)[0], frames_of(figure)[-1]))
    assert math.dist(start.pieces["left_thigh"].end, end.pieces["left_thigh"].end) > 20
    assert math.dist(start.pieces["left_hand"].end, end.pieces["left_hand"].end) < 1


def test_the_foam_roller_rests_on_the_same_spot_of_the_upper_back_while_it_arches():
    bodies = frames_of(GOLDEN_FIGURES["roller"])
    spots = [math.dist(roller_centre(b)[:2], b.segments["upper_back"].end[:2]) for b in bodies]
    assert max(spots) - min(spots) < 4.0
    assert all(spot < SEGMENTS_BY_NAME["upper_back"].rest[1] for spot in spots)


def test_a_shrug_lifts_the_shoulder_line_drawn_with_the_trunk_not_only_the_arms():
    figure = {
        "alt": "Standing with the arms hanging, the person lifts both shoulders toward the ears.",
        "view": "front",
        "start": {"posture": "standing", "angles": {"shoulder_blade_lift": -10}},
        "end": {"posture": "standing", "angles": {"shoulder_blade_lift": 30}},
    }

    def shoulder_tops(body) -> float:
        # The drawn tops of the shoulders, at the shoulder joints: on the page, up is smaller.
        pieces = flatten(body, "front").pieces
        return min(pieces[name].end[1] - pieces[name].width / 2 for name in TRUNK_PARTS if name.endswith("collarbone"))

    start, *_, end = frames_of(figure)
    assert {"left_collarbone", "right_collarbone"} <= TRUNK_PARTS
    assert shoulder_tops(start) - shoulder_tops(end) > 5.0


BALL_AGAINST_A_WALL = {
    "alt": "Leaning back on a massage ball against a wall, the person bends the knees to roll it.",
    "view": "side",
    "props": ["massage_ball", "wall"],
    "start": {"posture": "standing", "angles": {"hip_bend": 18, "knee_bend": 6}},
    "end": {"posture": "standing", "angles": {"hip_bend": 42, "knee_bend": 50}},
}


def test_the_massage_ball_is_a_7_cm_ball_outside_the_back_drawn_apart_from_the_body():
    figure = BALL_AGAINST_A_WALL
    bodies = frames_of(figure)
    ball = next(shape for shape in lay_out(figure, "side", bodies).moving_front if isinstance(shape, MovingCircle))
    assert ball.r * 2 == pytest.approx(7.0)
    assert ball.css == "ball"
    for body in bodies:
        upper = body.segments["upper_back"]
        spine = distance_to_segment(ball_centre(body)[:2], upper.start[:2], upper.end[:2])
        # Touching the back, at most half a centimetre into it: the whole ball shows.
        assert HALF_CHEST + ball.r - 0.5 <= spine <= HALF_CHEST + ball.r
    assert re.search(r"\.ball\{fill:#[0-9a-f]{6};stroke:currentColor", render_pose_svg(figure, "end", slug="ball"))


def test_the_massage_ball_stays_on_the_wall_while_the_back_rolls_over_it():
    figure = BALL_AGAINST_A_WALL
    bodies = frames_of(figure)
    ball = next(shape for shape in lay_out(figure, "side", bodies).moving_front if isinstance(shape, MovingCircle))
    assert len(set(ball.centres)) == 1
    x, y = ball.centres[0]
    for body in bodies:
        upper = flatten(body, "side").pieces["upper_back"]
        # Between the back and the wall in every frame: touching, or less than a centimetre off.
        assert (
            HALF_CHEST + ball.r - 0.5
            <= distance_to_segment((x, y), upper.start, upper.end)
            <= HALF_CHEST + ball.r + 1.0
        )
    assert bodies[0].point("head")[1] - bodies[-1].point("head")[1] > 5.0  # while the body moves down


def test_the_wall_behind_a_massage_ball_touches_its_outline_without_running_through_it():
    figure = BALL_AGAINST_A_WALL
    layout = lay_out(figure, "side", frames_of(figure))
    ball = next(shape for shape in layout.moving_front if isinstance(shape, MovingCircle))
    wall = float(re.search(r'<path d="M(-?[\d.]+) 0V[^"]+" class="prop"/>', "".join(layout.back)).group(1))
    # Both lines drawn as thick as they are: the wall's ends where the ball's outline begins.
    ball_edge = ball.centres[0][0] - ball.r - BALL_LINE / 2
    assert wall + PROP_LINE / 2 == pytest.approx(ball_edge, abs=0.05)


def doorway_lean(start_arms: dict, end_arms: dict) -> dict:
    return {
        "alt": "Standing in a doorway with the forearms on the frame, the person leans the chest through.",
        "view": "three_quarter",
        "props": ["doorway"],
        "anchor": "hands",
        "start": {"posture": "standing", "angles": start_arms},
        "end": {"posture": "standing", "trunk_lean": 16, "angles": end_arms},
    }


def test_turned_toward_the_reader_each_forearm_rests_on_its_own_door_post():
    forearms_on_the_frame = {"shoulder_raise_sideways": 85, "shoulder_turn_out": 85, "elbow_bend": 90}
    figure = doorway_lean(forearms_on_the_frame, forearms_on_the_frame)
    bodies = frames_of(figure)
    back = "".join(lay_out(figure, "three_quarter", bodies).back)
    # Turned, each post shows the depth of the jamb (a shaded side face) beside its front face.
    depth_faces = re.findall(r'<path d="([^"]+)" class="prop-fill"/>', back)
    assert len(depth_faces) == 2
    front = math.sin(THREE_QUARTER) * POST_FACE
    posts = []
    for d in depth_faces:
        xs = [float(x) for x in re.findall(r"[ML](-?[\d.]+) ", d)]
        posts.append((min(xs), max(xs) + front))
    for side in ("left", "right"):
        forearm = flatten(bodies[0], "three_quarter").pieces[f"{side}_forearm"]
        middle = (forearm.start[0] + forearm.end[0]) / 2
        assert any(left - 2.0 <= middle <= right + 2.0 for left, right in posts), side


def test_at_the_end_of_a_face_pull_the_band_passes_above_the_head_and_the_far_hand_is_off_the_face():
    figure = {
        "alt": "Standing, the person pulls a band from a high anchor toward the face, elbows high and wide.",
        "view": "three_quarter",
        "props": ["resistance_band"],
        "start": {"posture": "standing", "angles": {"shoulder_raise_forward": 108, "elbow_bend": 0}},
        "end": {
            "posture": "standing",
            "angles": {"shoulder_raise_sideways": 105, "shoulder_turn_out": 80, "elbow_bend": 90},
        },
    }
    bodies = frames_of(figure)
    end = flatten(bodies[-1], "three_quarter")
    bands = [line for line in lay_out(figure, "three_quarter", bodies).moving_front if isinstance(line, MovingLine)]
    for band in bands:
        assert distance_to_segment(end.head, band.starts[-1], band.ends[-1]) > HEAD_RADIUS + 2.0
        assert band.starts[-1][1] < end.head[1] - HEAD_RADIUS  # above the head, not beside the face
    hand = end.pieces["right_hand"]
    grip = ((hand.start[0] + hand.end[0]) / 2, (hand.start[1] + hand.end[1]) / 2)
    assert math.dist(grip, end.nose) > 2 * HEAD_RADIUS
    assert face_cover(figure, "start") is None
    assert face_cover(figure, "end") is None


BANDED = [path for path in EXERCISES if "resistance_band" in (front_matter(path).get("figure") or {}).get("props", ())]
DRAWN_BAND = re.compile(
    r'<g transform="translate\((?P<x>[-\d.]+) (?P<y>[-\d.]+)\) rotate\((?P<turn>[-\d.]+)\) scale\((?P<scale>[\d.]+) 1\)"'
    r' class="(?P<css>[^"]*\bband\b[^"]*)"><line x2="(?P<length>[\d.]+)"/></g>'
)
BAND_MOVED = re.compile(
    r"translate\((?P<x>[-\d.]+)px,(?P<y>[-\d.]+)px\) rotate\((?P<turn>[-\d.]+)deg\) scaleX\((?P<scale>[\d.]+)\)"
)


def band_ends(placed: re.Match, length: float) -> tuple[tuple[float, float], tuple[float, float]]:
    start = (float(placed["x"]), float(placed["y"]))
    reach, turn = length * float(placed["scale"]), math.radians(float(placed["turn"]))
    return start, (start[0] + reach * math.cos(turn), start[1] + reach * math.sin(turn))


def drawn_bands(svg: str, frames: int) -> list[list[tuple[tuple[float, float], tuple[float, float]]]]:
    """Each band line's two ends as the SVG draws them, frame by frame (from its keyframes where it moves)."""
    bands = []
    for drawn in DRAWN_BAND.finditer(svg):
        length = float(drawn["length"])
        moving = re.search(r"\ba-(\S+)", drawn["css"])
        if not moving:
            bands.append([band_ends(drawn, length)] * frames)
            continue
        rules = re.search(r"@keyframes \S+?-" + re.escape(moving[1]) + r"\{(.*?)\}\}", svg)[1]
        values = {}
        for offsets, value in re.findall(r"([\d.%,]+)\{([^}]*)", rules):
            for offset in offsets.split(","):
                values[offset] = BAND_MOVED.search(value)
        bands.append([band_ends(values[f"{num(12 + 32 * i / (frames - 1))}%"], length) for i in range(frames)])
    return bands


def grips(body, view: str) -> list[tuple[float, float]]:
    """The middle of each hand on the page."""
    flat = flatten(body, view)
    return [
        tuple(
            (a + b) / 2 for a, b in zip(flat.pieces[f"{side}_hand"].start, flat.pieces[f"{side}_hand"].end, strict=True)
        )
        for side in ("left", "right")
    ]


def test_the_catalog_has_figures_with_a_band():
    assert {path.stem for path in BANDED} >= {"face-pull", "shoulder-external-rotation", "band-row"}


@pytest.mark.parametrize("path", BANDED, ids=[p.stem for p in BANDED])
def test_a_band_is_drawn_to_the_hands_that_hold_it_in_every_view_and_frame(path):
    figure = front_matter(path)["figure"]
    bodies = frames_of(figure)
    for view in views_of(figure):
        moving, _, held_start = render_figure_svg(figure, slug=path.stem, view=view).partition('class="held-start"')
        drawings = [(drawn_bands(moving, len(bodies)), bodies), (drawn_bands(held_start, 1), bodies[:1])]
        for which in ("start", "end"):
            still = render_pose_svg(figure, which, slug=path.stem, view=view, framed=True)
            drawings.append((drawn_bands(still, 1), [bodies[0 if which == "start" else -1]]))
        for bands, shown in drawings:
            assert len(bands) in (1, 2), view
            for i, body in enumerate(shown):
                hands = sorted(grips(body, view))
                ends = [end for band in bands for end in band[i]]
                at_hands = sorted(end for end in ends if min(math.dist(end, hand) for hand in hands) < 5.0)
                assert at_hands == [pytest.approx(hand, abs=0.1) for hand in hands], (view, i)


@pytest.mark.parametrize("path", BANDED, ids=[p.stem for p in BANDED])
def test_in_the_start_and_end_pictures_a_band_passes_clear_of_the_head(path):
    # A printed sheet shows these two, and its renderer ignores the masks that hide a strand
    # behind the head, so there a strand across the head would be drawn across the face.
    figure = front_matter(path)["figure"]
    bodies = frames_of(figure)
    for view in views_of(figure):
        for which, body in (("start", bodies[0]), ("end", bodies[-1])):
            head = flatten(body, view).head
            for ((start, end),) in drawn_bands(render_pose_svg(figure, which, slug=path.stem, view=view), 1):
                assert distance_to_segment(head, start, end) > HEAD_RADIUS, (view, which)


@pytest.mark.parametrize("path", BANDED, ids=[p.stem for p in BANDED])
def test_a_hand_holding_a_band_is_never_hidden_behind_the_head(path):
    figure = front_matter(path)["figure"]
    for view in views_of(figure):
        for i, body in enumerate(frames_of(figure)):
            head = flatten(body, view).head
            for hand in grips(body, view):
                assert math.dist(hand, head) > HEAD_RADIUS, (view, i)


def test_hands_behind_the_head_on_a_chair_hold_both_elbows_out_to_the_sides_clear_of_the_face():
    hands_behind_head = {"shoulder_raise_sideways": 110, "shoulder_turn_out": 90, "elbow_bend": 150}
    figure = {
        "alt": "Sitting on a chair with the hands behind the neck, the person arches the upper back.",
        "view": ["side", "front"],
        "props": ["chair"],
        "start": {"posture": "seated_on_chair", "angles": hands_behind_head, "touches": {"hands": "head"}},
        "end": {
            "posture": "seated_on_chair",
            "angles": {**hands_behind_head, "upper_back_bend": -22, "neck_bend": -20},
            "touches": {"hands": "head"},
        },
    }
    assert figure_problems(figure) == []
    for body in frames_of(figure):
        for side in ("left", "right"):
            arm = body.segments[f"{side}_upper_arm"]
            back, _, out = (b - a for a, b in zip(arm.start, arm.end, strict=True))
            assert abs(out) > 2 * abs(back), side  # out to the side, not pointing back
    for view in ("side", "front"):
        assert face_cover({**figure, "view": view}, "start") is None
        assert face_cover({**figure, "view": view}, "end") is None


def test_knees_dropping_to_one_side_from_above_go_together_with_the_feet_together_near_the_middle():
    figure = {
        "alt": "Lying on the back with the knees bent, the person lets both knees drop to one side.",
        "view": "above",
        "props": ["mat"],
        "start": {"posture": "supine_knees_bent", "angles": {"shoulder_raise_sideways": 80, "hip_spread": 5}},
        "end": {
            "posture": "supine_knees_bent",
            "angles": {
                "shoulder_raise_sideways": 80,
                "left_hip_spread": 20,
                "left_hip_turn_out": 30,
                "right_hip_spread": -30,
                "right_hip_turn_out": -15,
            },
        },
    }
    assert figure_problems(figure) == []
    assert not list(Draft202012Validator(figure_schema()).iter_errors(figure))
    start, end = (flatten(body, "above") for body in (frames_of(figure)[0], frames_of(figure)[-1]))
    middle = (start.pieces["left_thigh"].start[1] + start.pieces["right_thigh"].start[1]) / 2
    knees = [end.pieces[f"{side}_thigh"].end for side in ("left", "right")]
    feet = [
        tuple(
            (a + b) / 2 for a, b in zip(end.pieces[f"{side}_foot"].start, end.pieces[f"{side}_foot"].end, strict=True)
        )
        for side in ("left", "right")
    ]
    # One knee on the other, both well over to the same side: one bent leg's shape, not two.
    assert math.dist(*knees) < 12
    assert all(knee[1] - middle > 10 for knee in knees) or all(middle - knee[1] > 10 for knee in knees)
    # The feet stay together where they were, near the body's middle line.
    assert math.dist(*feet) < 12
    assert all(abs(foot[1] - middle) < 10 for foot in feet)


def test_a_head_tipped_toward_the_shoulder_in_front_view_keeps_both_eyes_to_the_reader_and_the_hand_off_the_face():
    figure = {
        "alt": "Sitting on a chair, the person tips the right ear toward the right shoulder, right hand resting on the head.",
        "view": "front",
        "props": ["chair"],
        "start": {"posture": "seated_on_chair"},
        "end": {
            "posture": "seated_on_chair",
            "angles": {
                "neck_side_bend": -45,
                "right_shoulder_raise_sideways": 140,
                "right_shoulder_turn_out": 60,
                "right_elbow_bend": 110,
            },
            "touches": {"right_hand": "head"},
        },
    }
    assert figure_problems(figure) == []
    end = flatten(frames_of(figure)[-1], "front")
    assert all(eye is not None for eye in end.eyes)
    (x1, y1), (x2, y2) = end.eyes
    assert math.degrees(math.atan2(abs(y2 - y1), abs(x2 - x1))) > 20  # tipped, not level
    assert face_cover(figure, "end") is None


def test_forearms_that_stay_upright_on_the_door_frame_as_the_chest_leans_through_pass():
    level = {"shoulder_raise_forward": 90, "elbow_bend": 90}
    figure = doorway_lean(
        {**level, "shoulder_raise_sideways": 80},
        {
            **level,
            "shoulder_raise_forward": 95,
            "shoulder_raise_sideways": 103,
            "shoulder_turn_out": 11,
            "elbow_bend": 85,
        },
    )
    assert figure_problems(figure) == []


def test_forearms_that_lean_with_the_chest_leave_the_door_frame_and_the_check_says_how_far():
    # The same arms at the end as at the start: tipped with the trunk, the forearms lean forward off the frame.
    arms = {"shoulder_raise_forward": 90, "shoulder_raise_sideways": 80, "elbow_bend": 90}
    advice = (
        "cm off the door frame, which stands at the forearms of the start pose; keep both forearms upright, "
        "level with each other and in the same place, the arms sweeping back as the chest leans through"
    )
    assert figure_problems(doorway_lean(arms, arms)) == [
        (("end", "angles"), f"at the end the left forearm and hand are 8 {advice}"),
        (("end", "angles"), f"at the end the right forearm and hand are 8 {advice}"),
    ]
