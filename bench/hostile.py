"""How long the content check takes on hostile entry bodies: one 256 KiB body of each slow kind, and one at the prose limit."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stretchguide.loader import MAX_BYTES
from stretchguide.safety import BODY_LIMIT, LINE_LIMIT, markdown_findings

from . import builds, projects

BUILT_KIND = "code fences ```"  # of the bodies the limits let through, the slowest to render


def _repeated(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _growing(piece: Callable[[int], str]) -> Callable[[int], str]:
    """A body of piece(0), piece(1), ... cut to `size`."""

    def make(size: int) -> str:
        pieces, length, step = [], 0, 0
        while length < size:
            pieces.append(piece(step))
            length, step = length + len(pieces[-1]), step + 1
        return "".join(pieces)[:size]

    return make


# Each kind made Python-Markdown or the old scans take from seconds to minutes.
KINDS: dict[str, Callable[[int], str]] = {
    "attribute list scan {a-a-a-": _repeated("{a-"),
    "growing backtick runs": _growing(lambda step: "`" * (step + 1) + "a"),
    "nested [": lambda size: "[" * (size - 1) + "x",
    "unclosed [a [a [a": _repeated("[a "),
    "unclosed link addresses [a](": _repeated("[a]("),
    "nested quotes > > >": lambda size: "> " * (size // 2 - 1) + "x",
    "nested lists": _growing(lambda step: "    " * step + "- x\n"),
    "nested emphasis *a _a": _repeated("*a _"),
    "repeated headings # a": _repeated("# a\n"),
    "code fences ```": _repeated("```\n"),
    "unclosed code fences ```x": _repeated("```x\n"),
    "plain paragraphs": _repeated("a\n\n"),
    "dashes ----": lambda size: "-" * size,
}


@dataclass(frozen=True)
class Row:
    kind: str
    characters: int
    seconds: float
    verdict: str  # the first finding, or "accepted"


def _at_the_limits(make: Callable[[int], str]) -> str:
    return "\n".join(make(BODY_LIMIT).split("\n")[:LINE_LIMIT])


def measure() -> list[Row]:
    """Time `markdown_findings` (scans, limits and, when they pass, the rendering backstop) on each kind:
    as large as an entry may be, and as large as the prose limits let through to Markdown."""
    rows = []
    for kind, make in KINDS.items():
        for body in (make(MAX_BYTES), _at_the_limits(make)):
            started = time.perf_counter()
            findings = list(markdown_findings(body))
            seconds = time.perf_counter() - started
            first = findings[0] if findings else None
            verdict = f"line {first.line}: {first.message}" if first else "accepted"
            rows.append(Row(kind, len(body), seconds, verdict))
    return rows


def build_cost(scratch: Path, repo: Path) -> tuple[float, float]:
    """Seconds of a real `mkdocs build` of the guide, without and then with one more entry whose prose is
    the slowest body the limits let through."""
    project = projects.guide_project(scratch / "hostile-guide", repo, repo / "content")
    builds.build(project, "hostile-cold")  # fills the caches, so both timed builds are warm
    without = builds.build(project, "hostile-without").seconds
    entry = next(iter(sorted((project / "content" / "exercises").glob("*.md"))))
    front = entry.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    # A copy under another name: its own title and no aliases, as the content check refuses duplicates.
    front = re.sub(r"(?m)^aliases:.*\n", "", re.sub(r"(?m)^title:.*$", "title: Hostile Prose", front, count=1))
    (entry.parent / "hostile-prose.md").write_text(
        f"{front}\n---\n{_at_the_limits(KINDS[BUILT_KIND])}", encoding="utf-8"
    )
    with_entry = builds.build(project, "hostile-with").seconds
    shutil.rmtree(project, ignore_errors=True)
    return without, with_entry


def table(rows: list[Row]) -> str:
    lines = ["| Hostile body | Characters | Check (s) | First finding |", "| --- | ---: | ---: | --- |"]
    for row in rows:
        verdict = row.verdict if len(row.verdict) <= 90 else row.verdict[:87] + "..."
        lines.append(f"| {row.kind} | {row.characters:,} | {row.seconds:.2f} | {verdict} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(measure()))
