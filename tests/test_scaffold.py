"""The scaffold: a new entry from a template, never over an existing file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

from stretchguide.check import main as check
from stretchguide.scaffold import main as new_exercise
from stretchguide.scaffold import slugify
from tests.conftest import REPO


def test_titles_become_slugs():
    assert slugify("Child's Pose (Wide Knees)") == "childs-pose-wide-knees"
    assert slugify("  Épaule  roll ") == "epaule-roll"


def test_the_scaffold_writes_a_template_with_every_field_and_a_schema_modeline(content, capsys):
    assert new_exercise(["Doorway Chest Stretch"]) == 0
    written = content.dir / "exercises" / "doorway-chest-stretch.md"
    text = written.read_text()
    assert text.startswith("---\n# yaml-language-server: $schema=../../stretchguide/schemas/exercise.schema.json\n")
    for field in ("title", "aliases", "summary", "type", "position", "equipment", "targets", "level", "dose", "steps"):
        assert re.search(rf"^{field}:", text, re.MULTILINE), field
    assert "Wrote content/exercises/doorway-chest-stretch.md" in capsys.readouterr().out


def test_an_unfilled_template_fails_the_check_with_a_line_per_field(content, capsys):
    content.with_pictures()
    new_exercise(["Doorway Chest Stretch"])
    capsys.readouterr()
    assert check(["content"]) == 1
    errors = capsys.readouterr().err.splitlines()
    fields = [line.split(": ")[1] for line in errors[:-1]]
    assert fields == [
        "summary",
        "type",
        "position",
        "equipment",
        "targets",
        "level",
        "dose",
        "dose",
        "steps",
        "sources[1].title",
        "figure.alt",
        "figure.end.angles",
    ]


def test_a_filled_template_passes(content, capsys):
    content.with_pictures()
    new_exercise(["Doorway Chest Stretch"])
    written = content.dir / "exercises" / "doorway-chest-stretch.md"
    filled = (
        written.read_text()
        .replace('summary: ""', "summary: Open the front of the chest in a doorway.")
        .replace("type:\n", "type: stretch\n")
        .replace("position:\n", "position: standing\n")
        .replace("equipment: []", "equipment: [doorway]")
        .replace("targets: []", "targets: [chest, shoulders]")
        .replace("level:\n", "level: beginner\n")
        .replace("dose: {}", "dose: {hold_seconds: 20, per_side: true, times_per_day: 1}")
        .replace("steps: []", "steps: [Stand in a doorway., Lean forward gently.]")
        .replace('  - title: ""', "  - title: Effective Stretches to Ease Upper Back Tightness")
        .replace('  alt: ""', "  alt: Standing, the person raises both arms forward to shoulder height.")
        .replace("    angles: {}", "    angles: {shoulder_raise_forward: 90}")
    )
    written.write_text(filled)
    assert check(["content"]) == 0
    assert capsys.readouterr().out.endswith("4 exercises, 1 series: OK\n")


def test_the_scaffold_never_overwrites(content, capsys):
    existing = content.dir / "exercises" / "chin-tucks.md"
    before = existing.read_bytes()
    assert new_exercise(["Chin Tucks"]) == 1
    assert existing.read_bytes() == before
    assert (
        capsys.readouterr().err
        == "new_exercise.py: content/exercises/chin-tucks.md already exists; nothing was written\n"
    )


def test_the_scaffold_refuses_a_slug_taken_by_a_yaml_entry(content, capsys):
    (content.dir / "exercises" / "wall-angel.yml").write_text("title: x\n")
    assert new_exercise(["Wall Angel"]) == 1
    assert not (content.dir / "exercises" / "wall-angel.md").exists()


def test_the_scaffold_can_write_a_pure_yaml_entry_for_editor_completion(content):
    assert new_exercise(["Wall Angel", "--yaml"]) == 0
    text = (content.dir / "exercises" / "wall-angel.yml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../stretchguide/schemas/exercise.schema.json\n")
    assert "---" not in text
    assert text.endswith("    angles: {}\n")


def test_the_scaffold_refuses_a_title_that_is_already_an_exercise_s_title_or_alias(content, capsys):
    assert new_exercise(["Seated Twists"]) == 1
    assert capsys.readouterr().err == (
        "new_exercise.py: 'Seated Twists' is already an exercise: "
        "improve content/exercises/seated-thoracic-rotation.md instead\n"
    )
    assert not (content.dir / "exercises" / "seated-twists.md").exists()


def test_the_scaffold_refuses_a_title_longer_than_the_schema_allows_in_one_line(content, capsys):
    assert new_exercise(["Stretch " * 40]) == 2
    assert capsys.readouterr().err == "new_exercise.py: the title is 319 characters; a title may have at most 80\n"
    assert sorted(path.name for path in (content.dir / "exercises").iterdir()) == [
        "chin-tucks.md",
        "seated-thoracic-rotation.md",
        "shoulder-rolls.md",
    ]


def test_the_scaffold_takes_the_title_from_the_environment(content, monkeypatch):
    monkeypatch.setenv("TITLE", "Wall Angel")
    assert new_exercise([]) == 0
    assert 'title: "Wall Angel"\n' in (content.dir / "exercises" / "wall-angel.md").read_text()


def test_make_new_without_a_title_says_which_exercise(content, capsys, monkeypatch):
    monkeypatch.delenv("TITLE", raising=False)
    assert new_exercise([]) == 2
    assert capsys.readouterr().err == 'new_exercise.py: say which exercise: make new TITLE="Doorway Chest Stretch"\n'


def test_make_new_passes_the_title_to_python_without_a_shell_or_make_expanding_it(content):
    # The real Makefile and scripts, in a project whose content is the test's.
    shutil.copy(REPO / "Makefile", content.root / "Makefile")
    (content.root / "scripts").symlink_to(REPO / "scripts")
    (content.root / ".venv").symlink_to(REPO / ".venv")
    shutil.copy(REPO / "pyproject.toml", content.root / "pyproject.toml")
    os.utime(content.root / "pyproject.toml", (0, 0))  # the environment is up to date: make installs nothing
    title = "Wall `touch ran-backticks` $(touch ran-dollar) $(shell touch ran-make) Slide"
    made = subprocess.run(
        ["make", "--no-print-directory", "new", f"TITLE={title}"],
        cwd=content.root,
        capture_output=True,
        text=True,
        env={**os.environ, "MAKEFLAGS": ""},
    )
    assert made.returncode == 0, made.stderr
    assert not list(content.root.glob("ran-*"))
    written = content.dir / "exercises" / "wall-touch-ran-backticks-touch-ran-dollar-shell-touch-ran-make-slide.md"
    assert f'title: "{title}"\n' in written.read_text()


def test_the_scaffold_refuses_a_title_with_a_control_character_in_one_line(content, capsys):
    assert new_exercise(["Wall\x1b[2J Angel"]) == 2
    assert capsys.readouterr().err == (
        "new_exercise.py: the title holds a control character ('\\x1b'); type the title again without it\n"
    )
    assert not list((content.dir / "exercises").glob("wall*"))
