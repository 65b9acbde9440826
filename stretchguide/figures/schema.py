"""The `figure:` JSON Schema, built from the pose vocabulary so the two cannot drift apart.

Regenerate the file after changing postures, joints or props:
`.venv/bin/python -m stretchguide.figures.schema`
"""

from __future__ import annotations

import json
from pathlib import Path

from .arrows import PATHS
from .pose import LANDMARKS
from .postures import ANCHORS, KNEELING, ON_BACK, ON_HANDS_AND_KNEES, POSTURES
from .projection import VIEWS
from .props import PLACES, PROP_NAMES
from .skeleton import JOINTS, SIDES
from .touches import ONE, PARTS, SUPPORTS
from .views import MOST_VIEWS

PLURAL_PARTS = set(ONE)  # "the feet rest on", "the left foot rests on"
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "figure.schema.json"

PROP_WORDS = {
    "mat": "an exercise mat on the floor under the body",
    "chair": "a sturdy chair, 44 cm seat",
    "wall": "a wall",
    "doorway": "a door frame",
    "foam_roller": "a foam roller, 15 cm across",
    "massage_ball": "a massage ball, 7 cm across",
    "resistance_band": "a resistance band",
    "dumbbell": "a dumbbell",
    "yoga_block": "a yoga block",
    "rowing_machine": "a rowing machine: a low sliding seat, a foot plate and the handle's chain",
}

PLACE_WORDS = {
    "under_body": "on the floor under the body",
    "under_pelvis": "the person sits on it",
    "against_back": "the person sits back on it, the top of the backrest at the middle of the back, which can arch over it",
    "in_front": "in front of the person",
    "behind": "behind the person's back",
    "at_forearms": "the forearms rest on the frame",
    "under_upper_back": "across the back, just below the shoulder blades",
    "behind_shoulder_blade": "between the shoulder blade and a wall",
    "anchored_in_front": "tied to a post in front, in line with the arms at the start",
    "between_hands": "held between the hands",
    "in_hands": "one in each hand",
    "in_left_hand": "in the left hand",
    "in_right_hand": "in the right hand",
    "under_head": "under the forehead",
}


def _angle_properties() -> dict:
    properties = {}
    for joint in JOINTS:
        for motion in joint.motions:
            base = f"{joint.name}_{motion.name}"
            names = [(base, "both sides" if joint.sided else "")]
            if joint.sided:
                names += [(f"{side}_{base}", f"{side} side only") for side in SIDES]
            for name, which in names:
                words = f"Degrees: {motion.meaning}" + (f"; {which}." if which else ".")
                properties[name] = {
                    "type": "integer",
                    "minimum": motion.low,
                    "maximum": motion.high,
                    "description": words,
                }
    return properties


def figure_schema() -> dict:
    posture_words = " ".join(f"`{p.name}`: {p.description}" for p in POSTURES)
    places = {
        name: {
            "enum": list(PLACES[name]),
            "description": f"Where the {name.replace('_', ' ')} goes: "
            + "; ".join(f"`{place}` {PLACE_WORDS[place]}" for place in PLACES[name])
            + f" (default `{PLACES[name][0]}`).",
        }
        for name in PROP_NAMES
    }
    pose = {
        "type": "object",
        "description": "One key position: a named posture, then only the angles that differ from it.",
        "additionalProperties": False,
        "required": ["posture"],
        "properties": {
            "posture": {
                "enum": [p.name for p in POSTURES],
                "description": f"The base posture to start from. {posture_words}",
            },
            "trunk_lean": {
                "type": "integer",
                "minimum": -60,
                "maximum": 110,
                "description": "Degrees to tip the whole trunk forward (+) or back (-) at the hips, on top of the posture; the legs stay where they are.",
            },
            "hips_back": {
                "type": "integer",
                "minimum": -30,
                "maximum": 70,
                "description": "Kneeling on the shins ("
                + ", ".join(f"`{name}`" for name in KNEELING)
                + "): degrees to sit the hips back toward the heels (+) or bring them forward (-). The thighs tip about the knees, the shins stay on the floor and the trunk keeps its angle.",
            },
            "hips_roll": {
                "type": "integer",
                "minimum": -80,
                "maximum": 80,
                "description": "Lying on the back ("
                + ", ".join(f"`{name}`" for name in ON_BACK)
                + "): degrees to roll the hips toward the person's left (+) or right (-), the legs going with them, so bent knees drop to that side. The back turns the other way, so the chest and shoulders stay flat.",
            },
            "pelvis_tilt": {
                "type": "integer",
                "minimum": -25,
                "maximum": 25,
                "description": "On hands and knees ("
                + ", ".join(f"`{name}`" for name in ON_HANDS_AND_KNEES)
                + "): degrees to tip the pelvis forward, the tailbone up (+), or tuck it under (-), about the hip joints. The thighs stay upright and the back bends at the waist to keep the hands on the floor: tipped forward, the lower back drops below the hips and the chest rises (cow); tucked, the lower back rises and the chest comes down (cat).",
            },
            "angles": {
                "type": "object",
                "description": "Joint angles in degrees that replace the posture's own. A name without `left_` or `right_` sets both sides; a one-sided name wins over it.",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": _angle_properties(),
            },
            "touches": {
                "type": "object",
                "description": "What a hand, an elbow or a foot rests on in this position, e.g. `{hands: head}`, or `{feet: floor}` for feet that stay down while the hips and knees move; the check says when the drawing leaves it off.",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    part: {
                        "enum": list(SUPPORTS),
                        "description": f"What the {part.replace('_', ' ')} rest{'' if part in PLURAL_PARTS else 's'} on: "
                        + "; ".join(f"`{name}` {words}" for name, words in SUPPORTS.items())
                        + ".",
                    }
                    for part in PARTS
                },
            },
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Pose figure",
        "description": "A drawing of a person in the start and end positions of the exercise, made by the project from this description.",
        "type": "object",
        "additionalProperties": False,
        "required": ["alt", "start", "end"],
        "properties": {
            "alt": {
                "type": "string",
                "minLength": 15,
                "maxLength": 400,
                "description": "Words for readers who cannot see the picture: who does what, from which position to which, e.g. 'Seated on a chair, the person turns the chest to the right, hands on the chair back.'",
            },
            "view": {
                # One view as a word, or a list of them: each case has its own rules, so a
                # mistake is named by what it is (an unknown view, one listed twice, too many).
                "if": {"type": "array"},
                "then": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": MOST_VIEWS,
                    "uniqueItems": True,
                    "items": {"enum": list(VIEWS)},
                },
                "else": {"enum": list(VIEWS)},
                "description": "Where the reader looks from: `side` (the person faces right, their left side nearer), `other_side` (the person faces left, their right side nearer), `three_quarter` (from the side and a little in front, the person facing right: shows turns and arms across the body), `front` (the person faces the reader), `back` (the person's back faces the reader: shows the shoulder blades, drawn on the back; the entry asks for it, the drawing never chooses it) or `above` (looking down at someone lying on the floor, e.g. on their side). "
                "Leave it out and the drawing chooses, of `side`, `front` and `three_quarter`, the one that shows the most movement. "
                "When one view cannot show the movement (a turn), list two, e.g. `[front, side]`: the page shows both, cards and sheets the first.",
            },
            "props": {
                "type": "array",
                "uniqueItems": True,
                "maxItems": 4,
                "items": {"enum": list(PROP_NAMES)},
                "description": "Things drawn with the person. "
                + "; ".join(f"`{n}`: {PROP_WORDS[n]}" for n in PROP_NAMES)
                + ".",
            },
            "places": {
                "type": "object",
                "additionalProperties": False,
                "minProperties": 1,
                "properties": places,
                "description": "Where a prop goes when not in its usual place, e.g. `chair: in_front`.",
            },
            "anchor": {
                "enum": list(ANCHORS),
                "description": "The body part that stays put while the figure moves. Default: the posture's own (feet when standing, pelvis when sitting or lying, knees when kneeling).",
            },
            "arrow": {
                # A part's name, or the part and how the arrow goes: each form has its own rules,
                # so a mistake is named by what it is (an unknown part, an unknown path).
                "if": {"type": "object"},
                "then": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["part"],
                    "properties": {
                        "part": {"enum": sorted(LANDMARKS), "description": "The body part the arrow goes with."},
                        "path": {
                            "enum": list(PATHS),
                            "description": "`follow` (the usual) traces the part's way from the start; `circle` draws a near-full circle beside it, going over the top the way the part moves from start to end, for a roll.",
                        },
                    },
                },
                "else": {"enum": sorted(LANDMARKS)},
                "description": "Draw a curved arrow beside this body part on the end pose, tracing its path from the start, e.g. `arrow: left_hand`. "
                "Seen from the `back`, a shoulder blade's arrow (`left_shoulder_blade`, `right_shoulder_blade`, or `shoulder_blades` for one under each) "
                "lies on the back just below the blade, pointing the way it goes: toward the spine for a squeeze. "
                "For a roll or a circle write the part and `path: circle`, e.g. `arrow: {part: left_shoulder, path: circle}`: "
                "a near-full circle beside the part, going over the top the way the part moves from start to end "
                "(from the side, a shoulder that ends further back rolls up, back and down). "
                f"Parts: {', '.join(f'`{name}`' for name in sorted(LANDMARKS))}.",
            },
            "start": {**pose, "description": "The starting position."},
            "end": {
                **pose,
                "description": "The position at the end of the movement (the stretch or the top of the lift).",
            },
        },
    }


def schema_text() -> str:
    return json.dumps(figure_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
