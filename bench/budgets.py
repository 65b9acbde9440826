"""The speed and size budgets the guide promises, each judged against a benchmark's measurements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .results import Results

FLOOR_RATIO = 1.25  # site build at 1,000 exercises, warm sheet cache, against plain MkDocs
GROWTH_RATIO = 2.2  # the 2,000-exercise build against the 1,000-exercise one
PAGE_BYTES = 25_000  # one exercise page's HTML
SEARCH_GROWTH_BYTES = 2_000  # search index growth per exercise added
SHEET_RATIO = 1.5  # one sheet against one bare WeasyPrint render of its final HTML
BUDGET_SIZE, LARGE_SIZE = 1000, 2000


@dataclass(frozen=True)
class Verdict:
    budget: str
    measured: str
    limit: str
    passed: bool


def verdicts(results: Results) -> list[Verdict]:
    """Every budget the measurements allow judging; one is left out when its size was not run."""
    judges = (against_floor, growth, page_size, search_growth, warm_renders, sheet_alone)
    return [verdict for judge in judges for verdict in judge(results)]


def against_floor(results: Results) -> Iterator[Verdict]:
    size = results.size(BUDGET_SIZE)
    if size:
        ratio = size.warm.ratio_to_floor
        yield Verdict(
            f"Site build at {BUDGET_SIZE:,} exercises (warm sheets) / floor",
            f"{ratio:.2f}× (CPU time {size.warm.cpu_ratio_to_floor:.2f}×)",
            f"≤ {FLOOR_RATIO}×",
            ratio <= FLOOR_RATIO,
        )


def growth(results: Results) -> Iterator[Verdict]:
    found = [one for one in results.build_growth if (one.from_size, one.to_size) == (BUDGET_SIZE, LARGE_SIZE)]
    for one in found:
        yield Verdict(
            f"Build at {LARGE_SIZE:,} / build at {BUDGET_SIZE:,} (warm sheets)",
            f"{one.ratio:.2f}× (CPU time {one.cpu_ratio:.2f}×)",
            f"≤ {GROWTH_RATIO}×",
            one.ratio <= GROWTH_RATIO,
        )


def page_size(results: Results) -> Iterator[Verdict]:
    if results.sizes:
        largest = max(results.sizes, key=lambda size: size.pages.max_bytes)
        yield Verdict(
            "Largest exercise page (HTML)",
            f"{largest.pages.max_bytes:,} B ({largest.pages.largest}, N={largest.exercises:,})",
            f"≤ {PAGE_BYTES:,} B",
            largest.pages.max_bytes <= PAGE_BYTES,
        )


def search_growth(results: Results) -> Iterator[Verdict]:
    if results.search_growth:
        steepest = max(results.search_growth, key=lambda one: one.bytes_per_exercise)
        yield Verdict(
            "Search index growth per exercise",
            f"{steepest.bytes_per_exercise:,.0f} B (N={steepest.from_size:,}→{steepest.to_size:,})",
            f"≤ {SEARCH_GROWTH_BYTES:,} B",
            steepest.bytes_per_exercise <= SEARCH_GROWTH_BYTES,
        )


def warm_renders(results: Results) -> Iterator[Verdict]:
    if results.sizes:
        rendered = sum(size.warm.sheets_rendered for size in results.sizes)
        yield Verdict("PDFs rendered by warm rebuilds (unchanged content)", f"{rendered}", "0", rendered == 0)


def sheet_alone(results: Results) -> Iterator[Verdict]:
    cost = results.sheet_cost
    if cost:
        yield Verdict(
            "One sheet rendered alone / one bare WeasyPrint render",
            f"{cost.ratio:.2f}× ({cost.sheet_seconds:.2f} s / {cost.bare_seconds:.2f} s; worst {cost.worst_ratio:.2f}×)",
            f"≤ {SHEET_RATIO}×",
            cost.ratio <= SHEET_RATIO,
        )
