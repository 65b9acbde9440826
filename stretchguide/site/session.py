"""What the guided session reads: a series' exercises with the series' doses and pictures, and its paces."""

from __future__ import annotations

from ..model import (
    GET_READY_SECONDS,
    SECONDS_BETWEEN_EXERCISES,
    SECONDS_BETWEEN_SETS,
    SECONDS_PER_BREATH,
    SECONDS_PER_REP,
    Catalog,
    Exercise,
    Series,
)
from . import opendata, pictures

# What session.js reads of an open-data record; a series page carries only these, to stay light on a phone.
SESSION_FIELDS = ("slug", "url", "title", "dose", "steps", "cues")

# Every timing the session uses that the doses do not give, in seconds, said here once.
TIMING = {
    "rep": SECONDS_PER_REP,
    "breath": SECONDS_PER_BREATH,
    "get_ready": GET_READY_SECONDS,
    "between_sets": SECONDS_BETWEEN_SETS,
    "between_exercises": SECONDS_BETWEEN_EXERCISES,
}


def picture(exercise: Exercise) -> dict[str, str] | None:
    """The picture the session shows, relative to the site root: the moving figure, else the photo, else none."""
    if pictures.can_draw(exercise):
        return {"src": pictures.figure_url(exercise.slug), "alt": exercise.figure.get("alt", "")}
    found = pictures.photo(exercise)
    return {"src": found.url, "alt": found.alt} if found else None


def series_session(series: Series, site_url: str) -> str:
    """The data a series page carries for its session, as inert JSON: open-data records with the series' doses."""
    exercises = []
    for item in series.items:
        entry = opendata.exercise_entry(item.exercise.slug, item.exercise, site_url)
        record = {field: entry[field] for field in SESSION_FIELDS if field in entry}
        record["dose"] = item.dose.without_frequency().as_data()
        if item.note:
            record["note"] = item.note
        record["picture"] = picture(item.exercise)
        exercises.append(record)
    return opendata.inert_json(
        {"title": series.title, "minutes": series.minutes(), "timing": TIMING, "exercises": exercises}
    )


def session_file(catalog: Catalog) -> str:
    """session.json: the paces and each exercise's picture, which exercises.json leaves out."""
    pictured = {slug: picture(exercise) for slug, exercise in catalog.exercises.items()}
    return opendata.inert_json({"timing": TIMING, "pictures": pictured}) + "\n"
