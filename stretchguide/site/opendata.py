"""The catalog as open data for other apps: exercises.json and series.json."""

from __future__ import annotations

from .. import addresses
from ..addresses import absolute
from ..model import Catalog, Exercise, Review, frozen_json
from .pictures import thumbnail_url

SCHEMA_VERSION = 1  # raise it when a field changes meaning or goes away


def exercises_json(catalog: Catalog, site_url: str) -> str:
    entries = [exercise_entry(slug, exercise, site_url) for slug, exercise in catalog.exercises.items()]
    return _document("exercises", entries, absolute(site_url, addresses.schema("exercise.schema.json")))


def exercise_entry(slug: str, exercise: Exercise, site_url: str) -> dict:
    """One exercise as exercises.json lists it."""
    url = absolute(site_url, addresses.exercise_page(slug))
    # dose_text: the dose in the guide's words, so a page built in the browser (My routine) need not word it again;
    # picture: its still, from the site's root (on this site, whatever its address), or none.
    data = {**exercise.data, "dose_text": exercise.dose.describe(), "picture": thumbnail_url(exercise)}
    return {"slug": slug, "url": url, **data, **_review(exercise.review)}


def series_json(catalog: Catalog, site_url: str) -> str:
    entries = [
        {"slug": slug, "url": absolute(site_url, addresses.series_page(slug)), **series.data, **_review(series.review)}
        for slug, series in catalog.series.items()
    ]
    return _document("series", entries, absolute(site_url, addresses.schema("series.schema.json")))


def _review(review: Review | None) -> dict[str, str]:
    """The next review date beside the entry's own `reviewed`, so apps need not know the cycle."""
    return {"next_review": review.next_due.isoformat()} if review else {}


def _document(name: str, entries: list[dict], schema_url: str) -> str:
    document = {"schema_version": SCHEMA_VERSION, "entry_schema": schema_url, name: entries}
    return inert_json(document) + "\n"


def inert_json(document: object) -> str:
    """`document` as JSON on one line, with <, > and & escaped, so it stays inert even if pasted into HTML."""
    # On one line: indenting is ten times slower at a thousand entries.
    text = frozen_json(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
