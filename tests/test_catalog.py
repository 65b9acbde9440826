"""The real catalog in content/: complete, valid, and crediting every source article."""

from __future__ import annotations

import json

from jsonschema import Draft202012Validator

from stretchguide import schema
from stretchguide.loader import load_catalog
from tests.conftest import REPO

SOURCE_ARTICLES = [
    "Sore and Tight Upper Back? My Favorite Stretches and Exercises To Find Relief",
    "4 Feel-Good Stretches For A Tight Upper Back",
    "Upper Back Stretches",
    "Effective Stretches to Ease Upper Back Tightness",
    "2 Effective Upper Back Stretches to Relieve Pain and Boost Strength and Mobility",
]


def test_every_schema_is_valid_draft_2020_12():
    for name in schema.SCHEMA_FILES:
        Draft202012Validator.check_schema(json.loads(schema.schema_text(name)))


def test_the_catalog_loads_every_entry_in_content():
    catalog = load_catalog(REPO / "content", root=REPO)
    assert sorted(catalog.exercises) == sorted(path.stem for path in (REPO / "content" / "exercises").glob("*.md"))
    assert sorted(catalog.series) == sorted(path.stem for path in (REPO / "content" / "series").glob("*.yml"))


def test_each_source_article_is_cited_by_an_entry():
    catalog = load_catalog(REPO / "content", root=REPO)
    cited = {source.title for exercise in catalog.exercises.values() for source in exercise.sources}
    assert [title for title in SOURCE_ARTICLES if title not in cited] == []


def test_every_exercise_has_a_pain_free_caution():
    catalog = load_catalog(REPO / "content", root=REPO)
    careless = [
        slug for slug, exercise in catalog.exercises.items() if "pain" not in " ".join(exercise.cautions).lower()
    ]
    assert careless == []
