"""Synthetic catalogs of any size, made from the real entries so pages cost what real ones cost.

Exercise number i, and series number k, are the same files whatever the catalog's
size: an exercise relates only to earlier exercises, and a series picks from its own
block of 20 exercises. So a larger catalog holds the smaller one, and sizes compare
entry for entry. Each synthetic
exercise starts from a real one, the template, and keeps what belongs to its pose
(position, equipment, steps, figure), so a drawn figure is reused exactly as it was
checked; the other fields are varied or mixed in from other entries.
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from stretchguide.loader import load_catalog
from stretchguide.scaffold import slugify
from stretchguide.schema import schema

EXERCISES_PER_SERIES = 20  # a catalog of N exercises has N/20 series
EXERCISE_LINK = re.compile(r"\[([^\]]*)\]\((?!\.\./)[^)]*\.md(?:#[^)]*)?\)")  # [text](band-row.md), not ../safety.md
RELATED_WINDOW = 50  # an exercise relates to some of the 50 before it
# Sheets print the date their content last changed, read from file times outside git:
# one fixed time makes the same catalog print the same sheets whenever it is written.
WRITTEN_AT = 1_767_225_600  # 2026-01-01 00:00 UTC
TITLE_VARIANTS = (
    "Slow",
    "Gentle",
    "Supported",
    "Paused",
    "Deep",
    "Tempo",
    "Reaching",
    "Easy",
    "Long-Hold",
    "Morning",
    "Evening",
    "Office",
    "Breathing",
    "Mini",
    "Strong",
    "Soft",
    "Steady",
    "Flowing",
    "Wide",
    "Narrow",
)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: 2,000 files write quickly
SERIES_NAMES = ("Desk Reset", "Morning Wake-Up", "Evening Unwind", "Posture Builder", "Quick Break", "Floor Flow")


@dataclass(frozen=True)
class Templates:
    """What synthetic entries are made of: the real entries' fields, as plain data."""

    exercises: tuple[Mapping[str, Any], ...]  # front matter, each with its "body"
    series: tuple[Mapping[str, Any], ...]

    @classmethod
    def from_content(cls, content_dir: Path) -> Templates:
        catalog = load_catalog(content_dir)
        exercises = tuple({**_thawed(one.data), "body": one.body} for one in catalog.exercises.values())
        series = tuple(_thawed(one.data) for one in catalog.series.values())
        if not exercises or not series:
            raise ValueError(f"{content_dir} needs at least one exercise and one series to copy from")
        return cls(exercises, series)

    def pool(self, field: str) -> list:
        """Every value of a list field across the real exercises, e.g. all cues."""
        return [item for exercise in self.exercises for item in exercise.get(field, ())]


def write_catalog(content_dir: Path, count: int, templates: Templates) -> list[str]:
    """Write `count` exercises and count/20 series into `content_dir`; returns the exercise slugs in order."""
    if count < 3:
        raise ValueError("a synthetic catalog needs at least 3 exercises, as a series has 3 to 6")
    exercises_dir, series_dir = content_dir / "exercises", content_dir / "series"
    exercises_dir.mkdir(parents=True, exist_ok=True)
    series_dir.mkdir(parents=True, exist_ok=True)
    slugs = [exercise_slug(number, templates) for number in range(count)]
    for number, slug in enumerate(slugs):
        front_matter, body = synthetic_exercise(number, slugs, templates)
        _write(exercises_dir / f"{slug}.md", _markdown_file(front_matter, body))
    for number in range(max(1, count // EXERCISES_PER_SERIES)):
        _write(series_dir / f"routine-{number + 1}.yml", _yaml(synthetic_series(number, slugs, templates)))
    return slugs


def _write(file: Path, text: str) -> None:
    file.write_text(text, encoding="utf-8")
    os.utime(file, (WRITTEN_AT, WRITTEN_AT))


def exercise_title(number: int, templates: Templates) -> str:
    template = templates.exercises[number % len(templates.exercises)]
    round_, variant = divmod(number // len(templates.exercises), len(TITLE_VARIANTS))
    title = f"{TITLE_VARIANTS[variant]} {template['title']}"
    return f"{title} {round_ + 1}" if round_ else title


def exercise_slug(number: int, templates: Templates) -> str:
    return slugify(exercise_title(number, templates))


def synthetic_exercise(number: int, slugs: list[str], templates: Templates) -> tuple[dict[str, Any], str]:
    """Front matter and body of exercise `number`."""
    choose = random.Random(f"exercise-{number}")
    template = templates.exercises[number % len(templates.exercises)]
    enums = _exercise_enums()
    earlier = slugs[max(0, number - RELATED_WINDOW) : number]
    fields: dict[str, Any] = {
        "title": exercise_title(number, templates),
        "aliases": [f"{alias} ({number + 1})" for alias in template.get("aliases", ())[: choose.randint(0, 3)]],
        "summary": template["summary"],
        "type": choose.choice(enums["type"]),
        "position": template["position"],
        "equipment": list(template["equipment"]),
        "targets": _some_targets(choose, template["targets"], enums["targets"]),
        "level": choose.choice(enums["level"]),
        "dose": _some_dose(choose),
        "steps": list(template["steps"]),
        "cues": choose.sample(templates.pool("cues"), min(choose.randint(0, 4), len(templates.pool("cues")))),
        "mistakes": choose.sample(
            templates.pool("mistakes"), min(choose.randint(0, 3), len(templates.pool("mistakes")))
        ),
        "cautions": list(template["cautions"]),
        "avoid_if": list(template.get("avoid_if", ()))[: choose.randint(0, 2)],
        "related": choose.sample(earlier, min(choose.randint(0, 4), len(earlier))),
        "sources": list(template["sources"]),
        "reviewed": template["reviewed"],
    }
    # A drawn figure is reused as is; a photo is not, as its file belongs to the real entry only.
    if "figure" in template:
        fields["figure"] = template["figure"]
    return {key: value for key, value in fields.items() if value != []}, _unlinked(template.get("body", ""))


def synthetic_series(number: int, slugs: list[str], templates: Templates) -> dict[str, Any]:
    choose = random.Random(f"series-{number}")
    template = templates.series[number % len(templates.series)]
    block = slugs[number * EXERCISES_PER_SERIES : (number + 1) * EXERCISES_PER_SERIES] or slugs
    # Three or four: five of the longest entries may not fit one Letter page even with pictures of
    # 30 mm and steps of 10 pt, and `make check` then refuses the series, as it should.
    picked = choose.sample(block, min(choose.randint(3, 4), len(block)))
    items = []
    for slug in picked:
        item: dict[str, Any] = {"exercise": slug}
        if choose.random() < 0.4:
            item["dose"] = {"reps": choose.randint(3, 12)}
        if choose.random() < 0.6:
            item["note"] = choose.choice(
                [one.get("note") for one in template["exercises"] if one.get("note")] or ["Go slowly."]
            )
        items.append(item)
    fields = {
        "title": f"{SERIES_NAMES[number % len(SERIES_NAMES)]} {number + 1}",
        "summary": template["summary"],
        "when": template.get("when"),
        "exercises": items,
        "sources": template.get("sources"),
        "reviewed": template["reviewed"],
    }
    return {key: value for key, value in fields.items() if value}


def _unlinked(body: str) -> str:
    """The body with its links to other exercises made plain text: those slugs are not in a synthetic catalog."""
    return EXERCISE_LINK.sub(r"\1", body)


def _some_targets(choose: random.Random, real: list[str], allowed: list[str]) -> list[str]:
    extra = choose.sample([target for target in allowed if target not in real], choose.randint(0, 2))
    return [*real[: choose.randint(1, len(real))], *extra]


def _some_dose(choose: random.Random) -> dict[str, Any]:
    shape = choose.choice(("hold", "reps", "breaths", "hold-reps"))
    dose: dict[str, Any] = {}
    if shape in ("hold", "hold-reps"):
        dose["hold_seconds"] = choose.choice((5, 10, 20, 30, 45, 60))
    if shape in ("reps", "hold-reps"):
        dose["reps"] = choose.randint(3, 15)
    if shape == "breaths":
        dose["breaths"] = choose.randint(3, 10)
    if choose.random() < 0.3:
        dose["sets"] = choose.randint(2, 3)
    if choose.random() < 0.4:
        dose["per_side"] = True
    if choose.random() < 0.3:
        dose["days_per_week"] = choose.randint(2, 3)
    else:
        dose["times_per_day"] = choose.randint(1, 3)
    return dose


def _exercise_enums() -> dict[str, list[str]]:
    properties = schema("exercise.schema.json")["properties"]
    return {
        "type": properties["type"]["enum"],
        "level": properties["level"]["enum"],
        "targets": properties["targets"]["items"]["enum"],
    }


def _markdown_file(front_matter: Mapping[str, Any], body: str) -> str:
    return f"---\n{_yaml(front_matter)}---\n{body}\n" if body else f"---\n{_yaml(front_matter)}---\n"


def _yaml(data: Mapping[str, Any]) -> str:
    return yaml.dump(dict(data), Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1000)


def _thawed(value: Any) -> Any:
    """Plain dicts and lists from the loader's read-only copies, so YAML can write them."""
    if isinstance(value, Mapping):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_thawed(item) for item in value]
    return value


def change_exercise(file: Path) -> None:
    """Edit one exercise as a contributor would: a new summary and first step, which its sheets print."""
    _, front_matter, body = file.read_text(encoding="utf-8").split("---\n", 2)
    fields = yaml.safe_load(front_matter)
    fields["summary"] = "A summary rewritten to time a rebuild after one change."
    fields["steps"][0] = "Start as before, with this step reworded to time a rebuild."
    file.write_text(_markdown_file(fields, body.rstrip("\n")), encoding="utf-8")
