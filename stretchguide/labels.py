"""The reader's words for the catalog's field values, e.g. 'quadruped' -> 'On hands and knees'."""

from __future__ import annotations

from .schema import schema

# The facets an exercise can be filtered by: (field in the data, URL parameter, heading).
# The URL parameter is singular because a link names one value: ?equipment=chair.
FACETS: tuple[tuple[str, str, str], ...] = (
    ("type", "type", "Type"),
    ("position", "position", "Position"),
    ("equipment", "equipment", "Equipment"),
    ("targets", "target", "Works on"),
    ("level", "level", "Level"),
)

LABELS: dict[str, dict[str, str]] = {
    "type": {
        "stretch": "Stretch",
        "mobility": "Mobility",
        "strength": "Strength",
        "release": "Release",
    },
    "position": {
        "standing": "Standing",
        "seated": "Seated",
        "kneeling": "Kneeling",
        "quadruped": "On hands and knees",
        "prone": "Lying face down",
        "supine": "Lying on your back",
        "side-lying": "Lying on your side",
    },
    "equipment": {
        "none": "No equipment",
        "chair": "Chair",
        "mat": "Mat",
        "wall": "Wall",
        "doorway": "Doorway",
        "foam-roller": "Foam roller",
        "massage-ball": "Massage ball",
        "resistance-band": "Resistance band",
        "rowing-machine": "Rowing machine",
        "dumbbell": "Dumbbell",
        "desk": "Desk",
        "towel": "Towel",
        "yoga-block": "Yoga block",
    },
    "targets": {
        "neck": "Neck",
        "upper-trapezius": "Top of the shoulders",
        "shoulders": "Shoulders",
        "rotator-cuff": "Rotator cuff",
        "chest": "Chest",
        "rhomboids": "Between the shoulder blades",
        "middle-trapezius": "Middle trapezius",
        "lower-trapezius": "Lower trapezius",
        "lats": "Sides of the back (lats)",
        "serratus-anterior": "Serratus (side ribs)",
        "thoracic-spine": "Upper back (thoracic spine)",
        "spinal-extensors": "Back extensors",
        "obliques": "Obliques",
        "lower-back": "Lower back",
        "hips": "Hips",
    },
    "level": {
        "beginner": "Beginner",
        "intermediate": "Intermediate",
        "advanced": "Advanced",
    },
}


def label(field: str, value: str) -> str:
    """The reader's word for one value; an unknown value shows as written, never fails a build."""
    return LABELS[field].get(value, value.replace("-", " ").capitalize())


def schema_values(field: str) -> list[str]:
    """Every value the content contract allows for a field, in the contract's order."""
    spec = schema("exercise.schema.json")["properties"][field]
    return list(spec.get("enum") or spec["items"]["enum"])
