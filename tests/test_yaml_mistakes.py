"""YAML mistakes a newcomer makes, each said in plain words at the line to fix."""

from __future__ import annotations

import pytest

from tests.conftest import exercise_text
from tests.test_content_check import problems

# (what the contributor wrote instead of a line of the valid entry, the one line the check prints)
MISTAKES = {
    "an unquoted colon in a field's text": (
        ("summary: Sit tall and turn", "summary: Tuck: the chin: in. Sit tall and turn"),
        "4:10: yaml: the text of 'summary' has ': ' in it, which YAML reads as a new field; put this text in quotes",
    ),
    "an unquoted colon in a step": (
        ("  - Cross your arms over", "  - Cross your arms: over"),
        "17:5: steps[2]: this text has ': ' in it, which YAML reads as a new field; put this text in quotes",
    ),
    "a tab in the indentation": (
        ("  per_side: true", "\tper_side: true"),
        "13:1: yaml: line 13 is indented with a tab; use spaces",
    ),
    "a line indented too far": (
        ("  hold_seconds: 3", "   hold_seconds: 3"),
        "12:1: yaml: this line is indented 3 spaces; line 11 above uses 2: line up the fields that belong together",
    ),
    "a field not indented under its parent, named rather than the line below it": (
        ("  reps: 8", "reps: 8"),
        "11:1: yaml: this line is indented 0 spaces, like line 10 above; "
        "indent it 2 spaces, like line 12 below, to put it under 'dose:'",
    ),
    "a top-level field indented by mistake": (
        ("sources:", " sources:"),
        "22:1: yaml: this line is indented 1 space; line 21 above uses 2 and line 20 uses 0: "
        "line it up with the one it belongs with",
    ),
    "a field after a list, indented like its items": (
        ("cautions:", "  cautions:"),
        "20:1: yaml: this line is indented 2 spaces, like the list item on line 19 above; line 15 uses 0: "
        "line it up with the one it belongs with",
    ),
    "a step indented too far, which YAML would merge into the step above": (
        ("  - Cross your arms", "    - Cross your arms"),
        "17:5: yaml: this looks like a new step indented too far; start it with '- ' lined up with the step above",
    ),
    "yes for a true-or-false field": (
        ("per_side: true", "per_side: yes"),
        "13:13: dose.per_side: write true or false, not yes",
    ),
    "a quote never closed": (
        ("summary: Sit", 'summary: "Sit'),
        '4:10: yaml: this quote (") is never closed; end the text with " too',
    ),
    "a field name without its colon": (
        ("type: mobility", "type mobility"),
        "5:1: yaml: this line has no ':' after its field name; write 'name: value'",
    ),
}


@pytest.mark.parametrize(("change", "line"), MISTAKES.values(), ids=MISTAKES.keys())
def test_a_yaml_mistake_is_said_in_plain_words_at_the_line_to_fix(content, change, line):
    written, instead = change
    text = exercise_text("Chin Tucks")
    assert written in text
    content.exercise("chin-tucks", text.replace(written, instead, 1))
    assert problems(content) == [f"content/exercises/chin-tucks.md:{line}"]
