"""The speed and size budgets the guide promises, each judged against a benchmark's measurements."""

from __future__ import annotations

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
    """Every budget the measurements allow judging; one left out when its size was not run."""
    found = []
    by_size = {size.exercises: size for size in results.sizes}
    budget_size, large_size = by_size.get(BUDGET_SIZE), by_size.get(LARGE_SIZE)
    if budget_size:
        ratio = budget_size.warm.ratio_to_floor
        found.append(
            Verdict(
                f"Site build at {BUDGET_SIZE:,} exercises (warm sheets) / floor",
                f"{ratio:.2f}× (CPU time {budget_size.warm.cpu_ratio_to_floor:.2f}×)",
                f"≤ {FLOOR_RATIO}×",
                ratio <= FLOOR_RATIO,
            )
        )
    if budget_size and large_size:
        ratio = large_size.warm.seconds / budget_size.warm.seconds
        cpu_ratio = large_size.warm.cpu_seconds / budget_size.warm.cpu_seconds
        found.append(
            Verdict(
                f"Build at {LARGE_SIZE:,} / build at {BUDGET_SIZE:,} (warm sheets)",
                f"{ratio:.2f}× (CPU time {cpu_ratio:.2f}×)",
                f"≤ {GROWTH_RATIO}×",
                ratio <= GROWTH_RATIO,
            )
        )
    if results.sizes:
        largest = max(results.sizes, key=lambda size: size.pages.max_bytes)
        found.append(
            Verdict(
                "Largest exercise page (HTML)",
                f"{largest.pages.max_bytes:,} B ({largest.pages.largest}, N={largest.exercises:,})",
                f"≤ {PAGE_BYTES:,} B",
                largest.pages.max_bytes <= PAGE_BYTES,
            )
        )
    if results.search_growth:
        steepest = max(results.search_growth, key=lambda growth: growth.bytes_per_exercise)
        found.append(
            Verdict(
                "Search index growth per exercise",
                f"{steepest.bytes_per_exercise:,.0f} B (N={steepest.from_size:,}→{steepest.to_size:,})",
                f"≤ {SEARCH_GROWTH_BYTES:,} B",
                steepest.bytes_per_exercise <= SEARCH_GROWTH_BYTES,
            )
        )
    if results.sizes:
        rendered = sum(size.warm.sheets_rendered for size in results.sizes)
        found.append(Verdict("PDFs rendered by warm rebuilds (unchanged content)", f"{rendered}", "0", rendered == 0))
    if results.sheet_cost:
        cost = results.sheet_cost
        found.append(
            Verdict(
                "One sheet / one bare WeasyPrint render",
                f"{cost.ratio:.2f}× ({cost.sheet_seconds:.2f} s / {cost.bare_seconds:.2f} s; worst {cost.worst_ratio:.2f}×)",
                f"≤ {SHEET_RATIO}×",
                cost.ratio <= SHEET_RATIO,
            )
        )
    return found
