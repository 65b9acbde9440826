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


class _ComposingLoader(yaml.SafeLoader):
    """Composes nodes, refusing aliases, anchors and explicit tags on the way."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _refusal(event, "aliases (*name) are not allowed here; write the value out in full")
        if event.anchor is not None:
            raise _refusal(event, "anchors (&name) are not allowed here; write each value out in full")
        if getattr(event, "tag", None) is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _refusal(event, f"tags such as {tag} are not allowed here; write plain values")
        return super().compose_node(parent, index)


def _refusal(event, message: str) -> YamlProblem:
    return YamlProblem(event.start_mark.line + 1, event.start_mark.column + 1, message)


def parse(text: str, *, first_line: int = 1) -> Document:
    """Parse one YAML document; `first_line` is the file line the text starts on."""
    loader = _ComposingLoader(text)
    try:
        node = loader.get_single_node()
    except YamlProblem as problem:
        raise YamlProblem(problem.line + first_line - 1, problem.column, problem.message) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or "could not be read"
        if error.context:
            message = f"{message} ({error.context})"
        raise YamlProblem(mark.line + first_line, mark.column + 1, f"not valid YAML: {message}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(first_line, 1, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    document = Document(None, {}, {})
    if node is not None:
        document.data = _build(node, (), document, first_line - 1)
    return document


def _build(node: yaml.Node, path: Path, document: Document, offset: int) -> Any:
    document.values[path] = _position(node, offset)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, document, offset)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), document, offset) for index, item in enumerate(node.value)]
    return _scalar(node)


def _build_mapping(node: yaml.MappingNode, path: Path, document: Document, offset: int) -> dict:
    mapping: dict = {}
    for key_node, value_node in node.value:
        position = _position(key_node, offset)
        key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "this"
            raise YamlProblem(position.line, position.column, f"field names must be plain words; {shown!s} is not")
        if key in mapping:
            first = document.keys[(*path, key)]
            raise YamlProblem(
                position.line, position.column, f"duplicate field '{key}' (first given on line {first.line})"
            )
        document.keys[(*path, key)] = position
        mapping[key] = _build(value_node, (*path, key), document, offset)
    return mapping


def _scalar(node: yaml.ScalarNode) -> Any:
    """Text stays text; only unmistakable numbers, true/false and empty values convert."""
    value, tag = node.value, node.tag
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


def _position(node: yaml.Node, offset: int) -> Position:
    return Position(node.start_mark.line + 1 + offset, node.start_mark.column + 1)
