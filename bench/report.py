"""The benchmark's results as Markdown tables, for the terminal and for the README's Performance section."""

from __future__ import annotations

import re
from pathlib import Path

from .animation import describe
from .budgets import Verdict
from .results import Results, SizeResult

SECTION = "## Performance"
DEFAULT_COMMAND = "scripts/bench.py"  # what `make bench` runs


def tables(results: Results) -> str:
    return "\n\n".join(
        filter(
            None,
            [
                _builds(results),
                _outputs(results),
                _sheets(results),
                describe(results.animation) if results.animation else "",
                _budgets(results.verdicts),
            ],
        )
    )


def _builds(results: Results) -> str:
    rows = [
        "| Exercises (series) | Floor: plain MkDocs | Guide, warm sheet cache | × floor (in CPU time) | Guide, cold: renders the sheets | Rebuild, 1 exercise changed | Peak memory: warm (largest process), cold (all processes at once) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results.sizes:
        rows.append(
            f"| {size.exercises:,} ({size.series}) | {size.floor.seconds:.1f} s | {size.warm.seconds:.1f} s "
            f"| {size.warm.ratio_to_floor:.2f}× ({size.warm.cpu_ratio_to_floor:.2f}×) | {size.cold.seconds:.1f} s ({size.cold.sheets_rendered} PDFs) "
            f"| {size.rebuild.seconds:.1f} s ({size.rebuild.sheets_rendered} PDFs) "
            f"| {_mb(size.warm.peak_rss_bytes)}, {_mb(size.cold.peak_tree_rss_bytes)} |"
        )
    growth = ", ".join(f"{one.from_size:,}→{one.to_size:,}: {one.ratio:.2f}×" for one in results.build_growth)
    return "\n".join(rows) + (f"\n\nWarm build growth (median of the rounds): {growth}." if growth else "")


def _outputs(results: Results) -> str:
    rows = [
        "| Exercises | Exercise page HTML: mean, max (floor's mean) | Search index (floor's) | Search index per exercise | Whole site (floor's) | Loader alone |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for size in results.sizes:
        rows.append(
            f"| {size.exercises:,} | {_kb(size.pages.mean_bytes)}, {_kb(size.pages.max_bytes)} ({_kb(size.floor.pages.mean_bytes)}) "
            f"| {_mb(size.search_index_bytes)} ({_mb(size.floor.search_index_bytes)}) "
            f"| {_kb(size.search_bytes_per_exercise)} | {_mb(size.site_bytes)} ({_mb(size.floor.site_bytes)}) "
            f"| {size.loader_seconds:.1f} s |"
        )
    growth = ", ".join(
        f"{one.from_size:,}→{one.to_size:,}: {_kb(one.bytes_per_exercise)} per exercise added"
        for one in results.search_growth
    )
    return "\n".join(rows) + (f"\n\nSearch index growth: {growth}." if growth else "")


def _sheets(results: Results) -> str:
    lines = []
    for size in results.sizes:
        if size.cold.sheets_rendered:
            lines.append(
                f"- N={size.exercises:,}: the cold build rendered {size.cold.sheets_rendered} sheets for "
                f"{size.sheet_wall_seconds:.2f} s of wall time and {size.sheet_cpu_seconds:.2f} CPU-seconds each "
                f"beyond a warm build ({_parallelism(size)}{_against_bare(size, results)}); "
                f"warm rebuilds rendered {size.warm.sheets_rendered}."
            )
    cost = results.sheet_cost
    if cost:
        lines.append(
            f"- One sheet, alone in one process (median of {cost.sheets}): {cost.sheet_seconds:.2f} s; "
            f"WeasyPrint alone on the same final HTML: {cost.bare_seconds:.2f} s ({cost.ratio:.2f}×, worst {cost.worst_ratio:.2f}×)."
        )
    return "Printable sheets:\n\n" + "\n".join(lines) if lines else ""


def _against_bare(size: SizeResult, results: Results) -> str:
    # Shown, not judged: a difference of two builds minutes apart, and two workers on two
    # cores slow each other, so a CPU-second buys less. The budget is judged on one sheet alone.
    cost = results.sheet_cost
    return f"; {size.sheet_cpu_seconds / cost.bare_seconds:.2f}× one bare render in CPU time" if cost else ""


def _parallelism(size: SizeResult) -> str:
    """How many cores the sheets kept busy: CPU time over wall time."""
    if size.sheet_wall_seconds <= 0:
        return "parallelism not measurable"
    return f"{size.sheet_cpu_seconds / size.sheet_wall_seconds:.1f} cores busy on average"


def _budgets(verdicts: list[Verdict]) -> str:
    rows = ["| Budget | Measured | Limit | Result |", "|---|---|---|---|"]
    rows += [
        f"| {one.budget} | {one.measured} | {one.limit} | {'PASS' if one.passed else 'FAIL'} |" for one in verdicts
    ]
    return "\n".join(rows)


def readme_section(results: Results) -> str:
    machine = results.machine
    command = "make bench" if results.command == DEFAULT_COMMAND else results.command
    return (
        f"{SECTION}\n\n"
        f"Made with `{command}` on {machine['date']} ({machine['cpus']} cores, Python {machine['python']}, "
        f"MkDocs {machine['mkdocs']}, WeasyPrint {machine['weasyprint']}). The catalogs are synthetic, made "
        "from the real entries and their figures. The floor is plain MkDocs with the same theme and plugins "
        "minus ours, building one hand-written page per exercise. *Warm*: nothing changed and the caches "
        "are full (catalog, drawings, sheets), so unchanged sheets are copied, not rendered; *cold*: empty "
        "caches, every sheet rendered; *rebuild*: one exercise edited, so that entry is checked again and "
        "the sheets of its series are rendered. *Loader alone* is the strict check of every entry, as "
        "`make check` does it. The floor and warm builds of every size run in turns, in rounds: times "
        "are the best round's, and each ratio is the median of the ratios taken within one round, as "
        "single runs on a shared machine vary by up to a third. The full numbers are in "
        "`bench-results/latest.json`.\n\n"
        f"{tables(results)}\n"
    )


def update_readme(readme: Path, results: Results) -> None:
    """Replace the Performance section, keeping the parts other benchmarks write into it (### headings)."""
    update_readme_part(readme, SECTION, readme_section(results))


def update_readme_part(readme: Path, heading: str, part: str) -> None:
    """Replace the part of the README under `heading`, or add it: a ### part at the end of the Performance section.

    A part runs to the next heading of level 3 or higher, so the Performance section's own text ends
    where its first ### part begins, and those parts stay when the section's text is rewritten.
    """
    text = readme.read_text(encoding="utf-8")
    if existing := _part(text, heading, until=3):
        start, end = existing.span()
    elif heading != SECTION and (section := _part(text, SECTION, until=2)):
        start = end = section.end()
        part = "\n" + part
    else:
        start = end = len(text)
        part = "\n" + part
    before, after = text[:start], text[end:]
    text = (before.rstrip("\n") + "\n\n" if before else "") + part.lstrip("\n") + ("\n" + after if after else "")
    readme.write_text(text, encoding="utf-8")


def _part(text: str, heading: str, until: int) -> re.Match | None:
    """Where `heading`'s part is: up to the next heading of level `until` or higher, or the end."""
    return re.search(rf"^{re.escape(heading)}\n.*?(?=^#{{1,{until}}} |\Z)", text, flags=re.MULTILINE | re.DOTALL)


def _kb(count: float) -> str:
    return f"{count / 1000:.1f} KB"


def _mb(count: float) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else _kb(count)
