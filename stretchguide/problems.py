"""Problems found in content, reported as `path:line:column: field: message`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .characters import escaped, shown


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        # One line whatever the file name, key or value held: a second line could pass for
        # another tool's output, such as a forged CI annotation.
        return f"{escaped(self.path)}:{self.line}:{self.column}: {shown(self.field)}: {escaped(self.message)}"


class ContentError(Exception):
    """Raised at the edge, carrying every problem of a run at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def field_name(path: Iterable[str | int]) -> str:
    """Name a field the way a contributor reads it: `dose.reps`, `steps[3]` (1-based)."""
    name = ""
    for part in path:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else part
    return name or "(entry)"
