"""Starts a new exercise entry from a template that names every field."""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import unicodedata
from pathlib import Path

from .loader import EXERCISE_SUFFIXES, names_in
from .names import name_key, slugify
from .schema import schema

TEMPLATE = """\
---
# yaml-language-server: $schema=../../stretchguide/schemas/exercise.schema.json
# Fill in every field, then run: make check
# Quote any text YAML could misread, e.g. "No", "2024-01-02", or text with ": ".
title: {title}
# Other names people search for (optional), e.g. [Open book, Side-lying rotation]
aliases: []
# One sentence: what it does and where you feel it.
summary: ""
# stretch | mobility | strength | release
type:
# standing | seated | kneeling | quadruped | prone | supine | side-lying
position:
# none, chair, mat, wall, doorway, foam-roller, massage-ball, resistance-band,
# rowing-machine, dumbbell, desk, towel, yoga-block
equipment: []
# neck, upper-trapezius, shoulders, rotator-cuff, chest, rhomboids,
# middle-trapezius, lower-trapezius, lats, serratus-anterior, thoracic-spine,
# spinal-extensors, obliques, lower-back, hips (most important first)
targets: []
# beginner | intermediate | advanced
level:
# How much: at least one of hold_seconds, breaths, reps; optional sets and
# per_side (true when the dose is for each side). How often: times_per_day or
# days_per_week (strengthening moves: usually 2 or 3 days a week). Add
# our_suggestion: true when no source gives the dose.
dose: {{}}
# 2 to 8 short sentences in the imperative, in order. A printed sheet shows
# the first four, so put what matters most first.
steps: []
# What to pay attention to (optional); the first is printed on the sheet.
cues: []
# Common mistakes (optional).
mistakes: []
# At least one safety note.
cautions:
  - Move only within a range that stays free of pain; stop if you feel pain, numbness or tingling.
# Conditions under which to skip it or ask a professional first (optional).
avoid_if: []
# Slugs of related exercises in content/exercises/ (optional).
related: []
# Where the facts come from: the title, and optionally publisher and an https url.
sources:
  - title: ""
# The day you last checked the entry against its sources, in quotes.
reviewed: "{today}"
# A picture. Describe the start and end pose and the project draws the person
# for you: postures, joint angles and props are listed in docs/pictures.md.
# Preview it with: .venv/bin/python -m stretchguide.figures THIS_FILE
# (Or use image: with your own picture and its licence instead; see there too.)
figure:
  # What the picture shows, for people who cannot see it.
  alt: ""
  view: side
  props: []
  start:
    posture: standing
  end:
    posture: standing
    angles: {{}}
---
Optional: a few sentences in your own words on why this helps, and easier or
harder variations. Plain Markdown; no HTML.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_exercise.py", description="Start a new exercise entry.")
    parser.add_argument(
        "title",
        nargs="?",
        help='the exercise\'s name, e.g. "Doorway Chest Stretch" (default: the TITLE environment variable, '
        "which `make new` sets without passing it through the shell)",
    )
    parser.add_argument("--content-dir", default="content", help="the content folder (default: content)")
    parser.add_argument(
        "--yaml", action="store_true", help="write a pure-YAML entry (.yml, no prose; best editor completion)"
    )
    args = parser.parse_args(argv)
    given = args.title if args.title is not None else os.environ.get("TITLE", "")
    title = " ".join(given.split())
    if not title:
        print('new_exercise.py: say which exercise: make new TITLE="Doorway Chest Stretch"', file=sys.stderr)
        return 2
    control = next((character for character in title if unicodedata.category(character) == "Cc"), None)
    if control:
        print(
            f"new_exercise.py: the title holds a control character ({control!r}); type the title again without it",
            file=sys.stderr,
        )
        return 2
    longest = schema("exercise.schema.json")["properties"]["title"]["maxLength"]
    if len(title) > longest:
        print(
            f"new_exercise.py: the title is {len(title)} characters; a title may have at most {longest}",
            file=sys.stderr,
        )
        return 2
    slug = slugify(title)
    if not slug:
        print(f"new_exercise.py: cannot make a file name from {title!r}; use letters or digits", file=sys.stderr)
        return 2
    folder = Path(args.content_dir) / "exercises"
    existing = [folder / f"{slug}{suffix}" for suffix in EXERCISE_SUFFIXES if (folder / f"{slug}{suffix}").exists()]
    if existing:
        print(f"new_exercise.py: {existing[0]} already exists; nothing was written", file=sys.stderr)
        return 1
    same = next((name for name in names_in(Path(args.content_dir)) if name_key(name.text) == name_key(title)), None)
    if same:
        print(f"new_exercise.py: '{title}' is already an exercise: improve {same.path} instead", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{slug}{'.yml' if args.yaml else '.md'}"
    text = TEMPLATE.format(title=_yaml_text(title), today=datetime.date.today().isoformat())
    if args.yaml:
        text = text.removeprefix("---\n").partition("\n---\n")[0] + "\n"
    with target.open("x", encoding="utf-8") as file:  # "x": never overwrite, even in a race
        file.write(text)
    print(f"Wrote {target}")
    print("Next:")
    print(f"  1. Open {target} and fill in every field (the comments say what goes where).")
    print("  2. Run `make check` and fix what it reports (each line says file:line:column: field: problem).")
    print(f"  3. Run `make serve` and open http://127.0.0.1:8000/exercises/{slug}/ to preview.")
    return 0


def _yaml_text(text: str) -> str:
    """Always quote the title, so `No` or `Yes, Please` stay text."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
