"""One problem, one line: whatever a file name, key or value holds, a message cannot print a second line."""

from __future__ import annotations

import pytest

from stretchguide.check import annotation
from stretchguide.check import main as check
from stretchguide.loader import load_catalog
from stretchguide.problems import ContentError, Problem
from tests.conftest import exercise_text


def test_newlines_controls_and_bidi_marks_in_a_problem_are_escaped():
    problem = Problem("content/a\nb.md", 2, 3, "title\r", "'x\n::error::y\x1b[2J\x85\x7f\u202e\u2066\u2028\t'")
    assert str(problem) == (
        "content/a\\nb.md:2:3: title\\r: 'x\\n::error::y\\u001b[2J\\u0085\\u007f\\u202e\\u2066\\u2028\\t'"
    )


def test_a_long_field_name_is_shortened():
    problem = Problem("content/exercises/a.md", 1, 1, "k" * 100, "unknown field")
    assert str(problem) == f"content/exercises/a.md:1:1: {'k' * 59}…: unknown field"


def test_each_problem_of_a_content_error_is_one_line():
    error = ContentError([Problem("a.md", 1, 1, "x\ny", "one\ntwo"), Problem("b.md", 1, 1, "z", "three")])
    assert str(error).splitlines() == ["a.md:1:1: x\\ny: one\\ntwo", "b.md:1:1: z: three"]


def test_a_long_value_quoted_into_a_message_is_shortened(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: " + "expert" * 30))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    [problem] = raised.value.problems
    assert str(problem) == (
        f"content/exercises/chin-tucks.md:9:8: level: '{('expert' * 10)[:59]}…' is not one of: "
        "beginner, intermediate, advanced"
    )


def test_an_annotation_escapes_its_data_and_properties_as_github_asks():
    problem = Problem("content/a,b:c%.md", 4, 2, "title", "100% sure\n::error::x %0A")
    assert annotation(problem) == (
        "::error file=content/a%2Cb%3Ac%25.md,line=4,col=2::title: 100%25 sure\\n::error::x %250A"
    )


def test_a_forged_annotation_in_a_key_stays_inside_one_annotation(content, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    forged = 'level: beginner\n"x\\n::error file=README.md,line=1::forged": 1'
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level=forged))
    assert check(["content"]) == 1
    [line] = [line for line in capsys.readouterr().out.splitlines() if "forged" in line]
    assert line.startswith(
        "::error file=content/exercises/chin-tucks.md,line=10,col=1::x\\n::error file=README.md,line=1::forged: "
        "unknown field;"
    )
