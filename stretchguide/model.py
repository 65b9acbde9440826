"""The catalog's domain objects: exercises, their doses, and the series built from them."""

from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Any

# Rough times for the parts of a dose that are not counted in seconds: the guided session
# paces itself by them, and a series' time ("about 6 minutes") counts them as it does.
SECONDS_PER_REP = 4
SECONDS_PER_BREATH = 5
SECONDS_BETWEEN_EXERCISES = 15
SECONDS_BETWEEN_SETS = 15
GET_READY_SECONDS = 5  # to get into position before each exercise and each side
REVIEW_EVERY_YEARS = 1  # each entry is checked again against its sources within a year
FREQUENCY_FIELDS = ("times_per_day", "days_per_week")


@dataclass(frozen=True)
class Dose:
    """How long or how many, and how often; at least one of hold_seconds, breaths, reps is set."""

    hold_seconds: int | None = None
    breaths: int | None = None
    reps: int | None = None
    sets: int | None = None
    per_side: bool = False
    times_per_day: int | None = None
    days_per_week: int | None = None
    our_suggestion: bool = False  # no cited source gives this dose: it is the guide's own

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Dose:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})

    def merged(self, changes: Mapping[str, Any]) -> Dose:
        return Dose.from_data({**self.as_data(), **changes})

    def without_frequency(self) -> Dose:
        """The same dose for one session, when something else (a series) says how often."""
        return replace(self, times_per_day=None, days_per_week=None)

    def as_data(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) not in (None, False)}

    def describe(self) -> str:
        """The dose in plain words, how much then how often, e.g. 'Hold 30 s, 3 times, each side, once a day'."""
        return ", ".join(part for part in (self.amount(), self.how_often()) if part)

    def how_often(self) -> str:
        return describe_frequency(self.times_per_day, self.days_per_week)

    def amount(self) -> str:
        """How much in one session, e.g. 'Hold 30 s, 3 times, each side'."""
        parts = []
        if self.hold_seconds and self.reps:
            parts.append(f"Hold {_duration(self.hold_seconds)}, {_times(self.reps)}")
        elif self.hold_seconds:
            parts.append(f"Hold {_duration(self.hold_seconds)}")
        elif self.reps:
            parts.append(f"{self.reps} {'rep' if self.reps == 1 else 'reps'}")
        if self.breaths:
            parts.append(f"{self.breaths} slow {'breath' if self.breaths == 1 else 'breaths'}")
        if self.sets and self.sets > 1:
            parts.append(f"{self.sets} sets")
        if self.per_side:
            parts.append("each side")
        return ", ".join(parts)

    def seconds(self) -> int:
        """An estimate of how long one round of this dose takes."""
        reps = self.reps or 1
        if self.hold_seconds:
            one = self.hold_seconds * reps + (SECONDS_PER_REP * reps if self.reps else 0)
        else:
            one = SECONDS_PER_REP * (self.reps or 0)
        one = max(one, SECONDS_PER_BREATH * (self.breaths or 0))
        return one * (self.sets or 1) * (2 if self.per_side else 1)

    def seconds_with_pauses(self) -> int:
        """The dose as the guided session runs it: a get-ready count before each side, a rest between sets."""
        sides = 2 if self.per_side else 1
        return self.seconds() + sides * (GET_READY_SECONDS + SECONDS_BETWEEN_SETS * ((self.sets or 1) - 1))


def _duration(seconds: int) -> str:
    """'30 s', '2 min', '1 min 30 s': minutes read more easily than a large count of seconds."""
    minutes, rest = divmod(seconds, 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    return f"{minutes} min" if minutes else f"{rest} s"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def describe_frequency(times_per_day: int | None, days_per_week: int | None) -> str:
    """How often in plain words: 'twice a day', '3 days a week', 'once a day, 5 days a week'."""
    parts = []
    if times_per_day:
        parts.append(f"{_times(times_per_day)} a day")
    if days_per_week:
        parts.append(
            "every day" if days_per_week == 7 else f"{days_per_week} {'day' if days_per_week == 1 else 'days'} a week"
        )
    return ", ".join(parts)


@dataclass(frozen=True)
class Review:
    """When an entry was last checked against its sources, and by whom if a reviewer is named."""

    checked: datetime.date
    by: str | None = None

    def describe(self) -> str:
        """'Last checked 1 December 2026 · next review due by 1 December 2027', with the reviewer if named."""
        by = f" by {self.by}" if self.by else ""
        return f"Last checked {spoken_date(self.checked)}{by} · next review due by {spoken_date(self.next_due)}"

    @property
    def next_due(self) -> datetime.date:
        try:
            return self.checked.replace(year=self.checked.year + REVIEW_EVERY_YEARS)
        except ValueError:  # 29 February
            return self.checked.replace(year=self.checked.year + REVIEW_EVERY_YEARS, day=28)


def spoken_date(date: datetime.date) -> str:
    """As a reader writes it, e.g. '3 March 2026'."""
    return f"{date.day} {date:%B %Y}"


@dataclass(frozen=True)
class Source:
    title: str
    publisher: str | None = None
    url: str | None = None
    note: str | None = None  # what this source supports, e.g. "the hold and repetitions"


@dataclass(frozen=True)
class Exercise:
    slug: str
    path: str  # relative to the repository, as it appears in error messages
    title: str
    summary: str
    type: str
    position: str
    equipment: tuple[str, ...]
    targets: tuple[str, ...]
    level: str
    dose: Dose
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    avoid_if: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    review: Review | None = None
    body: str = ""  # Markdown prose after the front matter
    body_line: int = 1  # the file line the body starts on
    figure: Mapping[str, Any] | None = None
    image: Mapping[str, Any] | None = None
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)  # as validated


@dataclass(frozen=True)
class SeriesItem:
    exercise: Exercise
    dose: Dose  # the exercise's dose with the series' changes applied
    note: str | None = None


@dataclass(frozen=True)
class Series:
    slug: str
    path: str
    title: str
    summary: str
    items: tuple[SeriesItem, ...]
    when: str | None = None
    sources: tuple[Source, ...] = ()
    times_per_day: int | None = None  # set when the series says how often; its items then do not
    days_per_week: int | None = None
    review: Review | None = None
    data: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    exercises_line: int = 1  # where its list of exercises starts: a sheet too long is reported there

    def how_often(self) -> str:
        return describe_frequency(self.times_per_day, self.days_per_week)

    def seconds(self) -> int:
        """An estimate of the time the whole series takes, followed as the guided session runs it."""
        doses = sum(item.dose.seconds_with_pauses() for item in self.items)
        return doses + SECONDS_BETWEEN_EXERCISES * (len(self.items) - 1)

    def minutes(self) -> int:
        return max(1, round(self.seconds() / 60))


@dataclass(frozen=True)
class Catalog:
    exercises: Mapping[str, Exercise]  # by slug, in title order
    series: Mapping[str, Series]  # by slug, in title order

    def series_using(self, slug: str) -> list[Series]:
        return [series for series in self.series.values() if any(item.exercise.slug == slug for item in series.items)]

    def to_record(self) -> dict[str, Any]:
        """The catalog as JSON data (frozen_json writes it), for a cache that must hold data, never code."""
        return {
            "exercises": [exercise_record(exercise) for exercise in self.exercises.values()],
            "series": [_series_record(series) for series in self.series.values()],
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Catalog:
        """The catalog to_record described, rebuilt through the constructors, read-only mappings and all."""
        exercises = {exercise.slug: exercise for exercise in map(exercise_from_record, record["exercises"])}
        series = (_series_from_record(one, exercises) for one in record["series"])
        return cls(exercises, {one.slug: one for one in series})


_TUPLES = ("equipment", "targets", "steps", "cautions", "aliases", "cues", "mistakes", "avoid_if", "related")
_PARTS_OF_DATA = ("figure", "image")  # as the loader reads them: frozen once with data, not twice


def exercise_record(exercise: Exercise) -> dict[str, Any]:
    record = {f.name: getattr(exercise, f.name) for f in fields(Exercise)}
    return {
        **record,
        "dose": _dose_record(exercise.dose),
        "sources": [_source_record(s) for s in exercise.sources],
        "review": _review_record(exercise.review),
    }


def exercise_from_record(record: Mapping[str, Any]) -> Exercise:
    values = {f.name: record[f.name] for f in fields(Exercise)}
    values.update({name: tuple(record[name]) for name in _TUPLES})
    data = freeze(record["data"])
    values.update({name: _part_of(data, record, name) for name in _PARTS_OF_DATA}, data=data)
    values.update(dose=Dose(**record["dose"]), sources=_sources_from_record(record["sources"]))
    values.update(review=_review_from_record(record["review"]))
    return Exercise(**values)


def _part_of(data: Mapping[str, Any], record: Mapping[str, Any], name: str) -> Any:
    same = record[name] is not None and record[name] == record["data"].get(name)
    return data[name] if same else freeze(record[name])


def _series_record(series: Series) -> dict[str, Any]:
    items = [{"exercise": i.exercise.slug, "dose": _dose_record(i.dose), "note": i.note} for i in series.items]
    sources = [_source_record(source) for source in series.sources]
    review = _review_record(series.review)
    return {
        **{f.name: getattr(series, f.name) for f in fields(Series)},
        "items": items,
        "sources": sources,
        "review": review,
    }


def _series_from_record(record: Mapping[str, Any], exercises: Mapping[str, Exercise]) -> Series:
    items = tuple(SeriesItem(exercises[i["exercise"]], Dose(**i["dose"]), i["note"]) for i in record["items"])
    values = {f.name: record[f.name] for f in fields(Series)}
    values.update(items=items, sources=_sources_from_record(record["sources"]), data=freeze(record["data"]))
    values.update(review=_review_from_record(record["review"]))
    return Series(**values)


def _review_record(review: Review | None) -> dict[str, Any] | None:
    return {"checked": review.checked.isoformat(), "by": review.by} if review else None


def _review_from_record(record: Mapping[str, Any] | None) -> Review | None:
    return Review(datetime.date.fromisoformat(record["checked"]), record["by"]) if record else None


def _dose_record(dose: Dose) -> dict[str, Any]:
    return {f.name: getattr(dose, f.name) for f in fields(Dose)}


def _source_record(source: Source) -> dict[str, Any]:
    return {f.name: getattr(source, f.name) for f in fields(Source)}


def _sources_from_record(records: list) -> tuple[Source, ...]:
    return tuple(Source(**record) for record in records)


def freeze(value: Any) -> Any:
    """Read-only copies of parsed data, so domain objects stay immutable."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    return value


def frozen_json(value: Any, **options: Any) -> str:
    """Frozen data as JSON text, read-only mappings written as the objects they are.

    No thawed copy is made, and without `indent` the C encoder writes it: at a thousand
    entries that is ten times quicker than copying and indenting.
    """
    return json.dumps(value, default=_thawed, **options)


def _thawed(value: Any) -> dict:
    if isinstance(value, MappingProxyType):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON data")
