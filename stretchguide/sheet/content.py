"""What a sheet says: texts and pictures taken from a series or from a chosen list of exercises."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import addresses
from ..model import Catalog, Exercise, Review, Series, SeriesItem
from ..problems import field_name
from .dates import ContentDate, ContentDates
from .errors import SheetError
from .glyphs import font_message, unprintable
from .pictures import Picture, picture_for
from .printed import PRINTED_STEPS, printed_fields


@dataclass(frozen=True)
class ExerciseBlock:
    number: int
    title: str
    picture: Picture
    steps: tuple[str, ...]
    dose: str
    cue: str | None
    note: str | None
    texts: tuple[tuple[str, str], ...]  # (where it is written, e.g. "content/exercises/x.md: steps[2]", text)
    online_url: str  # the exercise's page, where its picture moves

    def printed_length(self) -> int:
        """Characters of printed text, to say how much to shorten when a sheet is too long."""
        return sum(len(text) for _, text in self.texts)


@dataclass(frozen=True)
class SheetContent:
    """Plain values only: a sheet travels to a worker process, and its repr is its cache key."""

    name: str  # how errors name it: "series 'desk-break'" or "sheet 'My desk break'"
    slug: str
    title: str
    purpose: str
    when: str | None
    how_often: str | None  # the series' own, when it says; otherwise each exercise's dose says
    minutes: int
    review: str | None  # when the printed entries were last checked, the oldest of them
    blocks: tuple[ExerciseBlock, ...]
    sources: tuple[str, ...]
    online_url: str
    date: ContentDate


def series_url(site_url: str, slug: str) -> str:
    return f"{site_url.rstrip('/')}/{addresses.series_page(slug)}"


def exercise_url(site_url: str, slug: str) -> str:
    return f"{site_url.rstrip('/')}/{addresses.exercise_page(slug)}"


def sheet_for_series(series: Series, *, site_url: str, root: Path, dates: ContentDates | None = None) -> SheetContent:
    return _sheet(
        name=f"series '{series.slug}'",
        series=series,
        site_url=site_url,
        online_url=series_url(site_url, series.slug),
        files=[root / series.path, *(root / item.exercise.path for item in series.items)],
        dates=dates or ContentDates(),
    )


def sheet_for_exercises(
    catalog: Catalog, slugs: Sequence[str], title: str, *, site_url: str, root: Path
) -> SheetContent:
    """A custom sheet of the exercises named by `slugs`, in that order, each with its own dose."""
    exercises = [_exercise(catalog, slug) for slug in slugs]
    if not exercises:
        raise SheetError("name at least one exercise, e.g. --exercises shoulder-rolls,cat-cow")
    if len({exercise.slug for exercise in exercises}) < len(exercises):
        raise SheetError("each exercise may appear only once on a sheet")
    title = " ".join(title.split())
    if not title:
        raise SheetError('give the sheet a title, e.g. --title "My desk break"')
    count = len(exercises)
    series = Series(
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "sheet",
        path="",
        title=title,
        summary=f"{count} {'exercise' if count == 1 else 'exercises'} chosen from the stretch guide.",
        items=tuple(SeriesItem(exercise, exercise.dose) for exercise in exercises),
    )
    return _sheet(
        name=f"sheet '{title}'",
        series=series,
        site_url=site_url,
        online_url=site_url,
        files=[root / exercise.path for exercise in exercises],
        dates=ContentDates(),
    )


def _sheet(
    *, name: str, series: Series, site_url: str, online_url: str, files: Iterable[Path], dates: ContentDates
) -> SheetContent:
    problems = list(_unprintable_texts(series))
    if problems:
        raise SheetError("\n".join(problems))
    return SheetContent(
        name=name,
        slug=series.slug,
        title=series.title,
        purpose=series.summary,
        when=series.when,
        how_often=series.how_often() or None,
        minutes=series.minutes(),
        review=_oldest_review(series),
        blocks=tuple(_block(number, item, series.path, site_url) for number, item in enumerate(series.items, start=1)),
        sources=_credits(series),
        online_url=online_url,
        date=dates.of(files),
    )


def _unprintable_texts(series: Series) -> Iterator[str]:
    """Each printed text with a character the sheet's font lacks, as `file: field: message`."""
    for path, field, text in _printed_texts(series):
        if missing := unprintable(text):
            yield f"{path}: {field}: {font_message(missing)}"


def _printed_texts(series: Series) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) for everything the sheet prints from the entries."""
    if series.path:
        yield from ((series.path, field_name(at), text) for at, text in printed_fields("series", series.data))
    else:
        yield "--title", "title", series.title  # a custom sheet's own text is its title
    for item in series.items:
        exercise = item.exercise
        yield from ((exercise.path, field_name(at), text) for at, text in printed_fields("exercise", exercise.data))


def _block(number: int, item: SeriesItem, series_path: str, site_url: str) -> ExerciseBlock:
    exercise = item.exercise
    steps = exercise.steps[:PRINTED_STEPS]
    cue = exercise.cues[0] if exercise.cues else None
    texts = [(f"{exercise.path}: {field_name(('steps', index))}", step) for index, step in enumerate(steps)]
    if cue:
        texts.append((f"{exercise.path}: {field_name(('cues', 0))}", cue))
    if item.note:
        texts.append((f"{series_path}: {field_name(('exercises', number - 1, 'note'))}", item.note))
    return ExerciseBlock(
        number=number,
        title=exercise.title,
        picture=picture_for(exercise),
        steps=steps,
        dose=item.dose.describe(),
        cue=cue,
        note=item.note,
        texts=tuple(texts),
        online_url=exercise_url(site_url, exercise.slug),
    )


def _oldest_review(series: Series) -> str | None:
    """The sheet is only as fresh as its least recently checked entry."""
    reviews = [entry.review for entry in (series, *(item.exercise for item in series.items)) if entry.review]
    if not reviews:
        return None
    oldest = min(reviews, key=lambda review: review.checked)
    return Review(oldest.checked).describe()


def _credits(series: Series) -> tuple[str, ...]:
    """Each source once, the series' own first, as 'Title (Publisher)'."""
    publishers: dict[str, str | None] = {}
    for source in [*series.sources, *(source for item in series.items for source in item.exercise.sources)]:
        publishers[source.title] = publishers.get(source.title) or source.publisher
    return tuple(f"{title} ({publisher})" if publisher else title for title, publisher in publishers.items())


def _exercise(catalog: Catalog, slug: str) -> Exercise:
    if slug in catalog.exercises:
        return catalog.exercises[slug]
    close = difflib.get_close_matches(slug, list(catalog.exercises), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    raise SheetError(f"no exercise '{slug}'{hint}")
