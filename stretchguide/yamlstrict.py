"""Strict, safe YAML reading that remembers where every value came from.

Refuses what lets a typo pass silently or a file do more than hold data:
duplicate keys, anchors and aliases, tags. Plain scalars that YAML 1.1 would
turn into something other than text (`No`, `2024-01-02`, `1:30`, `010`) come
back as `Ambiguous`, so the schema refuses them by type with a helpful message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .yaml_mistakes import explain

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Ambiguous:
    """A plain value that YAML 1.1 reads as something other than it looks."""

    text: str
    reads_as: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Position:
    line: int  # 1-based, in the file
    column: int  # 1-based


@dataclass
class Document:
    """Parsed data with the position of every value and every mapping key."""

    data: Any
    values: dict[Path, Position]
    keys: dict[Path, Position]

    def position(self, path: Path) -> Position:
        """Where the value at `path` stands, or its nearest enclosing value."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, Position(1, 1))

    def key_position(self, path: Path) -> Position:
        return self.keys.get(tuple(path)) or self.position(path)


class YamlProblem(Exception):
    def __init__(self, line: int, column: int, message: str):
        self.line, self.column, self.message = line, column, message
        super().__init__(f"{line}:{column}: {message}")


_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_BOOLEAN = {"true": True, "false": False}
_NULL = {"", "~", "null"}
_READS_AS = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:merge": "a merge key",
    "tag:yaml.org,2002:value": "a value key",
}


# libyaml's C parser when it is there: the pure-Python one is some twenty
# times slower, which a catalog of a thousand entries would feel.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()


def parse(text: str, *, first_line: int = 1) -> Document:
    """Parse one YAML document; `first_line` is the file line the text starts on."""
    composer = _Composer(_events(text, first_line), first_line - 1, text.split("\n"))
    return composer.document()


def _events(text: str, first_line: int) -> list[yaml.Event]:
    try:
        return list(yaml.parse(text, Loader=_Parser))
    except yaml.MarkedYAMLError as error:
        raise YamlProblem(*explain(error, text.split("\n"), first_line)) from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, 1, f"not valid YAML: {error}") from None


class _Composer:
    """Builds plain data from parser events, refusing aliases, anchors and tags on the way."""

    def __init__(self, events: list[yaml.Event], offset: int, lines: list[str]):
        self.events, self.offset, self.next, self.lines = events, offset, 0, lines
        self.result = Document(None, {}, {})

    def document(self) -> Document:
        starts = [event for event in self.events if isinstance(event, yaml.DocumentStartEvent)]
        if len(starts) > 1:
            raise self._refusal(starts[1], "holds more than one YAML document; keep a single one")
        self.next = 2 if starts else 1  # past the stream and document starts
        if starts and not isinstance(self.events[self.next], yaml.DocumentEndEvent):
            self.result.data = self._value(())
        return self.result

    def _value(self, path: Path) -> Any:
        event = self._take()
        if isinstance(event, yaml.AliasEvent):
            raise self._refusal(event, "aliases (*name) are not allowed here; write the value out in full")
        if event.anchor is not None:
            raise self._refusal(event, "anchors (&name) are not allowed here; write each value out in full")
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise self._refusal(event, f"tags such as {tag} are not allowed here; write plain values")
        self.result.values[path] = self._position(event)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(self.events[self.next], yaml.SequenceEndEvent):
                items.append(self._value((*path, len(items))))
            self._take()
            return items
        if path and isinstance(path[-1], int):
            self._refuse_an_item_run_on(event, "step" if path[0] == "steps" else "item")
        return _scalar(event)

    def _refuse_an_item_run_on(self, event: yaml.ScalarEvent, item: str) -> None:
        """YAML reads a '- ' indented too far as more text of the item above; say what it looks like."""
        if event.style or event.start_mark.line == event.end_mark.line:  # quoted, a block, or one line
            return
        for row in range(event.start_mark.line + 1, event.end_mark.line + 1):
            text = self.lines[row].lstrip(" ")
            if text == "-" or text.startswith("- "):
                raise YamlProblem(
                    row + 1 + self.offset,
                    len(self.lines[row]) - len(text) + 1,
                    f"this looks like a new {item} indented too far; start it with '- ' lined up with the {item} above",
                )

    def _mapping(self, path: Path) -> dict:
        mapping: dict = {}
        while not isinstance(self.events[self.next], yaml.MappingEndEvent):
            key_event = self.events[self.next]
            position = self._position(key_event)
            key = _scalar(key_event) if isinstance(key_event, yaml.ScalarEvent) and key_event.tag is None else None
            if not isinstance(key, str):
                shown = getattr(key_event, "value", "this")
                raise YamlProblem(position.line, position.column, f"field names must be plain words; {shown} is not")
            self._take()
            if key in mapping:
                first = self.result.keys[(*path, key)]
                raise YamlProblem(
                    position.line, position.column, f"duplicate field '{key}' (first given on line {first.line})"
                )
            self.result.keys[(*path, key)] = position
            mapping[key] = self._value((*path, key))
        self._take()
        return mapping

    def _take(self) -> yaml.Event:
        event = self.events[self.next]
        self.next += 1
        return event

    def _position(self, event: yaml.Event) -> Position:
        return Position(event.start_mark.line + 1 + self.offset, event.start_mark.column + 1)

    def _refusal(self, event: yaml.Event, message: str) -> YamlProblem:
        position = self._position(event)
        return YamlProblem(position.line, position.column, message)


def _scalar(event: yaml.ScalarEvent) -> Any:
    """Text stays text; only unmistakable numbers, true/false and empty values convert."""
    value = event.value
    if not event.implicit[0]:  # quoted or a block scalar: always text
        return value
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:int" and _DECIMAL.fullmatch(value):
        return int(value)
    if tag == "tag:yaml.org,2002:float" and re.fullmatch(r"[-+]?[0-9]+\.[0-9]+", value):
        return float(value)
    if tag == "tag:yaml.org,2002:bool" and value in _BOOLEAN:
        return _BOOLEAN[value]
    if tag == "tag:yaml.org,2002:null" and value in _NULL:
        return None
    return Ambiguous(value, _READS_AS.get(tag, "something other than text"))
