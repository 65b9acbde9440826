"""Which fields of an entry a printed sheet shows, named by where they stand in the entry."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ..yamlstrict import Path

PRINTED_STEPS = 4  # the content contract promises contributors the first four


def printed_fields(kind: str, data: Mapping[str, Any]) -> Iterator[tuple[Path, str]]:
    """(place, text) of each text of an exercise or series entry that a sheet prints."""
    yield from _texts(data, ("title",))
    if kind == "series":
        yield from _texts(data, ("summary",), ("when",))
        yield from _each(data, "exercises", ("note",))
    else:
        yield from _each(data, "steps", (), limit=PRINTED_STEPS)
        yield from _each(data, "cues", (), limit=1)  # the first cue is the sheet's tip
    yield from _each(data, "sources", ("title",), ("publisher",))


def _each(data: Mapping, name: str, *fields: tuple, limit: int | None = None) -> Iterator[tuple[Path, str]]:
    items = data.get(name)
    for index, item in enumerate(items[:limit] if isinstance(items, (list, tuple)) else ()):
        for field in fields:
            text = _at(item, field)
            if isinstance(text, str):
                yield (name, index, *field), text


def _texts(data: Mapping, *places: tuple) -> Iterator[tuple[Path, str]]:
    for place in places:
        text = _at(data, place)
        if isinstance(text, str):
            yield place, text


def _at(value: Any, place: tuple) -> Any:
    for part in place:
        if not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value
