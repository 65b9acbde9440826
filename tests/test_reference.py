"""The contributor field reference is generated from the schemas and must not go stale."""

from __future__ import annotations

from stretchguide.reference import END, START, field_reference, with_reference
from stretchguide.schema import schema
from tests.conftest import REPO


def test_contributing_holds_the_current_field_reference():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert with_reference(text) == text, "The field reference is stale: run `make reference`"


def test_the_reference_names_every_exercise_field_and_its_choices():
    reference = field_reference()
    for name in schema("exercise.schema.json")["properties"]:
        assert f"| `{name}` |" in reference
    assert "`side-lying`" in reference


def test_regenerating_keeps_the_rest_of_the_document():
    document = f"# Title\n\nBefore.\n\n{START}\nstale text\n{END}\n\nAfter.\n"
    regenerated = with_reference(document)
    assert regenerated.startswith("# Title\n\nBefore.\n\n")
    assert regenerated.endswith(f"{END}\n\nAfter.\n")
    assert "stale text" not in regenerated
