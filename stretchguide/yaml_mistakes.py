"""libyaml's syntax errors in a contributor's words, at the line that needs the fix."""

from __future__ import annotations

import re

import yaml

# A line that starts a field: optional "- ", then a name and ": " (or ":" at the end).
_FIELD = re.compile(r"(?P<indent> *)(?P<dash>-\s+)?(?P<name>[^\s:#'\"\-][^:#]*?):(\s|$)")
_PARENT = re.compile(r" *(-\s+)?[^\s:#'\"][^:#]*:\s*$")  # a field whose value is on the lines below
# What libyaml says when a line does not line up with those above it, and when a text never ends.
_OUT_OF_LINE = ("did not find expected key", "did not find expected '-' indicator")
_UNCLOSED = ("while scanning a quoted scalar", "while scanning a simple key")
_OPENING_QUOTE = re.compile(r"^ *(?:- +)?(?:[A-Za-z_][\w-]*: +)?(?P<quote>[\"'])")
COLON_IN_TEXT = "has ': ' in it, which YAML reads as a new field; put this text in quotes"


def explain(error: yaml.MarkedYAMLError, lines: list[str], first_line: int) -> tuple[int, int, str]:
    """(file line, column, message) for a parse error in `lines`, the text starting at file line `first_line`."""
    mark = error.problem_mark or error.context_mark
    row = min(mark.line, len(lines) - 1)
    words = _Lines(lines, first_line)
    found = (
        words.tab(row)
        or words.quote_left_open(row)
        or (
            words.colon(row, mark.column) if error.problem == "mapping values are not allowed in this context" else None
        )
        or (words.misindented(row) if error.problem in _OUT_OF_LINE else None)
        or (words.indented_first() if error.problem == "did not find expected <document start>" else None)
        or (words.unclosed(error.context_mark) if error.context in _UNCLOSED and error.context_mark else None)
    )
    if found:
        return found
    message = error.problem or "could not be read"
    if error.context:
        message = f"{message} ({error.context})"
    return mark.line + first_line, mark.column + 1, f"not valid YAML: {message}"


class _Lines:
    """The text's lines, with file line numbers and indentation as a contributor counts them."""

    def __init__(self, lines: list[str], first_line: int):
        self.lines, self.first_line = lines, first_line

    def number(self, row: int) -> int:
        return row + self.first_line

    def tab(self, row: int) -> tuple[int, int, str] | None:
        for at in range(row, -1, -1):  # the tab can be on the line the parser stopped at, or just above it
            line = self.lines[at]
            if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
                return self.number(at), 1, f"line {self.number(at)} is indented with a tab; use spaces"
            if at < row and line.strip():
                break
        return None

    def colon(self, row: int, column: int) -> tuple[int, int, str] | None:
        line = self.lines[row]
        field = _FIELD.match(line)
        if field and field.end() <= column:  # a second ': ' on a line that already has its field
            if field["dash"]:
                return self.number(row), field.start("name") + 1, f"this text {COLON_IN_TEXT}"
            return self.number(row), field.end() + 1, f"the text of '{field['name'].strip()}' {COLON_IN_TEXT}"
        above = self._content_above(row)
        if above is None or _indent(line) <= _indent(self.lines[above]):
            return None
        parent = self._content_above(above)
        if (
            parent is not None
            and _PARENT.match(self.lines[parent])
            and _indent(self.lines[parent]) == _indent(self.lines[above])
        ):
            # `start:` with nothing under it, then a line at its own depth, then one deeper:
            # the middle line is the one that was meant to be under `start:`.
            name = self.lines[parent].strip().removeprefix("-").strip()
            return (
                self.number(above),
                1,
                f"this line is indented {_spaces(_indent(self.lines[above]))}, like line {self.number(parent)} above; "
                f"indent it {_spaces(_indent(line))}, like line {self.number(row)} below, to put it under '{name}'",
            )
        return self._misaligned(row, above)

    def misindented(self, row: int) -> tuple[int, int, str] | None:
        above = self._content_above(row)
        if above is None:
            return None
        mine, theirs = _indent(self.lines[row]), _indent(self.lines[above])
        if mine > theirs:
            return self._misaligned(row, above)
        if mine == theirs and (_is_list_item(self.lines[row]) or not _is_list_item(self.lines[above])):
            return None  # a field after a list, at the depth of its items, is the one case of equals here
        outer = next(
            (at for at in range(above - 1, -1, -1) if self._is_content(at) and _indent(self.lines[at]) < mine), None
        )
        if outer is None:
            return self._misaligned(row, above)
        if mine == theirs:
            above_words = f", like the list item on line {self.number(above)} above;"
        else:
            above_words = f"; line {self.number(above)} above uses {theirs} and"
        return (
            self.number(row),
            1,
            f"this line is indented {_spaces(mine)}{above_words} line {self.number(outer)} uses "
            f"{_indent(self.lines[outer])}: line it up with the one it belongs with",
        )

    def quote_left_open(self, row: int) -> tuple[int, int, str] | None:
        """A value whose quote is not closed on its own line, up to where the parser gave up.

        A later quoted value (`reviewed: "2026-12-01"`) would close it, so YAML reports some
        other mistake lines below; entries never need a quoted text over several lines.
        """
        for at in range(min(row, len(self.lines) - 1) + 1):
            opened = _OPENING_QUOTE.match(self.lines[at])
            if opened and not _closes(self.lines[at][opened.end() :], opened["quote"]):
                quote = opened["quote"]
                return (
                    self.number(at),
                    opened.end(),
                    f"this quote ({quote}) is never closed; end the text with {quote} too",
                )
        return None

    def unclosed(self, mark: yaml.Mark) -> tuple[int, int, str] | None:
        """A quote opened and never closed, or a field name with no ':' after it."""
        line = self.lines[min(mark.line, len(self.lines) - 1)]
        quote = next((at for at in range(mark.column, len(line)) if line[at] in "'\""), None)
        if quote is not None:
            return (
                self.number(mark.line),
                quote + 1,
                f"this quote ({line[quote]}) is never closed; end the text with {line[quote]} too",
            )
        if ":" not in line and re.match(r" *[A-Za-z_]", line):
            return (
                self.number(mark.line),
                mark.column + 1,
                "this line has no ':' after its field name; write 'name: value'",
            )
        return None

    def indented_first(self) -> tuple[int, int, str] | None:
        first = next((at for at in range(len(self.lines)) if self._is_content(at)), None)
        if first is None or not _indent(self.lines[first]):
            return None
        return (
            self.number(first),
            1,
            f"this line is indented {_spaces(_indent(self.lines[first]))}; "
            "the fields at the top start at the beginning of the line",
        )

    def _misaligned(self, row: int, above: int) -> tuple[int, int, str]:
        return (
            self.number(row),
            1,
            f"this line is indented {_spaces(_indent(self.lines[row]))}; "
            f"line {self.number(above)} above uses {_indent(self.lines[above])}: line up the fields that belong together",
        )

    def _content_above(self, row: int) -> int | None:
        return next((at for at in range(row - 1, -1, -1) if self._is_content(at)), None)

    def _is_content(self, row: int) -> bool:
        text = self.lines[row].strip()
        return bool(text) and not text.startswith("#")


def _indent(line: str) -> int:
    """Where a line's field starts: after its spaces and any '- ' (the items of a list line up by their fields)."""
    field = _FIELD.match(line)
    if field and field["dash"]:
        return field.start("name")
    return len(line) - len(line.lstrip(" "))


def _is_list_item(line: str) -> bool:
    return line.lstrip(" ").startswith("- ") or line.strip() == "-"


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _closes(rest: str, quote: str) -> bool:
    """Whether `rest`, the text after an opening quote, closes it: '' inside '...' and \\" inside "..." do not."""
    if quote == "'":
        return "'" in rest.replace("''", "")
    return re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
