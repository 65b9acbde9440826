"""`make bench`: builds synthetic catalogs of growing size with the guide and with plain MkDocs, and judges the budgets."""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from stretchguide.characters import quoted
from stretchguide.command_line import Parser, whole_number
from stretchguide.loader import load_catalog
from stretchguide.model import Catalog

from . import animation, builds, hostile, projects, report, sheets, synthetic
from .budgets import verdicts
from .builds import Build
from .results import (
    BuildGrowth,
    ColdBuild,
    FloorBuild,
    Rebuild,
    Results,
    SearchGrowth,
    SizeResult,
    Timed,
    WarmBuild,
)

REPO = Path(__file__).resolve().parents[1]
SIZES = (25, 1000, 2000)
REPEAT = 5  # rounds of floor and warm builds; times are the best, ratios the median of the rounds'
OTHER_WORK_WARNING = 0.25  # cores other work may use during a compared build before the bench warns


def main(argv: list[str] | None = None) -> int:
    options = _arguments(argv)
    results = Results(command=options.command, machine=_machine())
    scratch = Path(tempfile.mkdtemp(prefix="stretchguide-bench-"))
    try:
        measure(results, scratch, options)
    except builds.BuildFailed as failure:
        print(f"bench: {failure}", file=sys.stderr)
        return 2
    finally:
        if options.keep:
            print(f"bench: kept the projects in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    results.verdicts = verdicts(results)
    return _report(results, options)


def measure(results: Results, scratch: Path, options: argparse.Namespace) -> None:
    templates = synthetic.Templates.from_content(REPO / "content")
    prepared = []
    for count in options.sizes:
        print(f"== {count:,} exercises", flush=True)
        prepared.append(_prepare(scratch, count, templates))
    print(f"== floor and warm builds, every size in turn, {options.repeat} rounds", flush=True)
    rounds = _compared_builds(prepared, options.repeat)
    for size in prepared:
        print(f"== {size.count:,} exercises", flush=True)
        results.sizes.append(_size_result(size, *rounds[size.count]))
    results.search_growth = _search_growth(results.sizes)
    results.build_growth = _build_growth(rounds)
    if options.sheet_cost:
        largest = scratch / f"guide-{max(options.sizes)}"  # the most series to sample from
        print("== one sheet against a bare WeasyPrint render", flush=True)
        results.sheet_cost = sheets.sheet_cost(load_catalog(largest / "content", root=largest), largest)
    print("== the content check on hostile entry bodies", flush=True)
    print(hostile.table(hostile.measure()), flush=True)
    without, with_entry = hostile.build_cost(scratch, REPO)
    print(
        f"   a build: {without:.1f} s; with one more entry of {hostile.BUILT_KIND} prose: {with_entry:.1f} s",
        flush=True,
    )
    if options.animation:
        print("== the exercise page's animated figure in Chromium, 10 s per state", flush=True)
        smallest = scratch / f"guide-{min(options.sizes)}" / builds.SITE_DIR
        results.animation = animation.measure(smallest)


@dataclass
class _Prepared:
    """One size's projects, built once from empty caches."""

    count: int
    slugs: list[str]
    catalog: Catalog
    loader_seconds: float
    floor: Path
    guide: Path
    cold: ColdBuild


def _prepare(scratch: Path, count: int, templates: synthetic.Templates) -> _Prepared:
    content = scratch / f"content-{count}"
    slugs = synthetic.write_catalog(content, count, templates)
    started = time.perf_counter()
    catalog = load_catalog(content, root=scratch)  # refuses an invalid synthetic entry before any build
    loader_seconds = time.perf_counter() - started
    floor = projects.floor_project(scratch / f"floor-{count}", REPO, catalog)
    guide = projects.guide_project(scratch / f"guide-{count}", REPO, content)
    return _Prepared(count, slugs, catalog, loader_seconds, floor, guide, _cold_build(guide))


def _compared_builds(prepared: list[_Prepared], repeat: int) -> dict[int, tuple[list[Build], list[Build], int]]:
    """{size: (floor runs, warm runs, sheets the warm runs rendered)}: the floor, and the guide with nothing changed.

    Builds that are compared run close together: each round builds every size's floor, then
    its guide. This machine's speed drifts by a fifth within minutes, so a ratio is taken
    within each round, where both builds saw the same machine, and the median of the rounds
    counts; the best of separate runs would compare a lucky moment with an unlucky one.
    """
    before = {size.count: sheets.cache_snapshot(size.guide) for size in prepared}
    runs: dict[int, tuple[list[Build], list[Build]]] = {size.count: ([], []) for size in prepared}
    for attempt in range(1, repeat + 1):
        for size in prepared:
            floor_runs, warm_runs = runs[size.count]
            floor_runs.append(builds.build(size.floor, f"{size.floor.name}-{attempt}"))
            warm_runs.append(builds.build(size.guide, f"{size.guide.name}-warm-{attempt}"))
    return {
        size.count: (
            *runs[size.count],
            _rendered(before[size.count], sheets.cache_snapshot(size.guide), runs[size.count][1]),
        )
        for size in prepared
    }


def _size_result(size: _Prepared, floor_runs: list[Build], warm_runs: list[Build], warm_rendered: int) -> SizeResult:
    floor = FloorBuild(
        **_timed(floor_runs),
        pages=builds.exercise_page_sizes(size.floor, size.slugs),
        search_index_bytes=builds.search_index_bytes(size.floor),
        site_bytes=builds.site_bytes(size.floor),
    )
    warm = WarmBuild(
        **_timed(warm_runs),
        sheets_rendered=warm_rendered,
        ratio_to_floor=_median_ratio(warm_runs, floor_runs, "seconds"),
        cpu_ratio_to_floor=_median_ratio(warm_runs, floor_runs, "cpu_seconds"),
    )
    _say("floor", floor)
    _say("guide, warm", warm)
    pages, search_index_bytes = (
        builds.exercise_page_sizes(size.guide, size.slugs),
        builds.search_index_bytes(size.guide),
    )
    rebuild = _rebuild_after_one_change(size.guide, size.catalog)
    cold, rendered = size.cold, max(size.cold.sheets_rendered, 1)
    return SizeResult(
        exercises=size.count,
        series=len(size.catalog.series),
        loader_seconds=size.loader_seconds,
        floor=floor,
        cold=cold,
        warm=warm,
        rebuild=rebuild,
        pages=pages,
        search_index_bytes=search_index_bytes,
        search_bytes_per_exercise=search_index_bytes / size.count,
        site_bytes=builds.site_bytes(size.guide),
        sheet_wall_seconds=(cold.seconds - warm.seconds) / rendered,
        sheet_cpu_seconds=(cold.cpu_seconds - warm.cpu_seconds) / rendered,
    )


def _median_ratio(runs: list[Build], against: list[Build], field: str) -> float:
    """The median over rounds of one run's `field` (seconds, cpu_seconds) against the other run of its round."""
    return statistics.median(
        getattr(run, field) / getattr(other, field) for run, other in zip(runs, against, strict=True)
    )


def _cold_build(guide: Path) -> ColdBuild:
    """The first build: empty caches, so every sheet and drawing is made."""
    empty = sheets.cache_snapshot(guide)
    build = builds.build(guide, f"{guide.name}-cold")
    built = ColdBuild(
        **_timed([build]),
        sheets_written=len(sheets.sheets_written(guide, builds.SITE_DIR)),
        sheets_rendered=_rendered(empty, sheets.cache_snapshot(guide), [build]),
    )
    _say("guide, cold", built)
    return built


def _rebuild_after_one_change(guide: Path, catalog: Catalog) -> Rebuild:
    """Edit the first exercise of the first series, as a contributor would, and build again."""
    changed = next(iter(catalog.series.values())).items[0].exercise.slug
    synthetic.change_exercise(guide / "content" / "exercises" / f"{changed}.md")
    before = sheets.cache_snapshot(guide)
    build = builds.build(guide, f"{guide.name}-changed")
    built = Rebuild(
        **_timed([build]),
        changed=changed,
        series_using=len(catalog.series_using(changed)),
        sheets_rendered=_rendered(before, sheets.cache_snapshot(guide), [build]),
    )
    _say("guide, one exercise changed", built)
    return built


def _rendered(before: sheets.Snapshot, after: sheets.Snapshot, runs: list[builds.Build]) -> int:
    """Sheets rendered by `runs`: what the cache on disk shows, or the builds' own logs if they say more."""
    logged = sum(sheets.logged_renders(run.log) or 0 for run in runs)
    return max(len(sheets.rendered_between(before, after)), logged)


def _timed(runs: list[builds.Build]) -> dict:
    """The fastest run's measurements, with every run's time."""
    best = min(runs, key=lambda run: run.seconds)
    return {
        "seconds": best.seconds,
        "runs": [run.seconds for run in runs],
        "cpu_seconds": best.cpu_seconds,
        "peak_rss_bytes": max(run.peak_rss_bytes for run in runs),
        "peak_tree_rss_bytes": max(run.peak_tree_rss_bytes for run in runs),
        "other_cores": max(run.other_cores for run in runs),
    }


def _say(what: str, timed: Timed) -> None:
    runs = ", ".join(f"{seconds:.1f}" for seconds in timed.runs)
    print(f"   {what}: {timed.seconds:.1f} s (runs: {runs}), peak {timed.peak_rss_bytes / 1e6:.0f} MB", flush=True)


def _build_growth(rounds: dict[int, tuple[list[Build], list[Build], int]]) -> list[BuildGrowth]:
    """How the warm build grows from each size to the next, as the median over rounds."""
    return [
        BuildGrowth(
            small,
            large,
            _median_ratio(rounds[large][1], rounds[small][1], "seconds"),
            _median_ratio(rounds[large][1], rounds[small][1], "cpu_seconds"),
        )
        for small, large in itertools.pairwise(sorted(rounds))
    ]


def _search_growth(sizes: list[SizeResult]) -> list[SearchGrowth]:
    ordered = sorted(sizes, key=lambda size: size.exercises)
    return [
        SearchGrowth(
            small.exercises,
            large.exercises,
            (large.search_index_bytes - small.search_index_bytes) / (large.exercises - small.exercises),
        )
        for small, large in itertools.pairwise(ordered)
        if large.exercises > small.exercises
    ]


def _machine() -> dict:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs_material": version("mkdocs-material"),
        "weasyprint": version("weasyprint"),
    }


def _report(results: Results, options: argparse.Namespace) -> int:
    """Print the tables and write the JSON (and the README if asked); 1 when a budget failed."""
    print()
    print(report.tables(results))
    if results.busiest_other_work() > OTHER_WORK_WARNING:
        print(
            f"\nbench: other work on the machine kept {results.busiest_other_work():.1f} cores busy during a "
            "compared build; the ratios may be skewed, so run it again on a quiet machine"
        )
    results.write_json(options.output)
    print(f"\nbench: wrote {options.output}")
    if options.update_readme:
        report.update_readme(REPO / "README.md", results)
        print("bench: updated the Performance section of README.md")
    failed = [verdict.budget for verdict in results.verdicts if not verdict.passed]
    if failed:
        print(f"bench: {len(failed)} budget(s) failed: {'; '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = Parser(prog="bench.py", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=SIZES, help="catalog sizes, e.g. 25,1000,2000 (the default)")
    parser.add_argument(
        "--repeat", type=whole_number(1), default=REPEAT, help="rounds of floor and warm builds of every size (5)"
    )
    parser.add_argument("--output", type=Path, default=REPO / "bench-results" / "latest.json")
    parser.add_argument("--no-sheet-cost", dest="sheet_cost", action="store_false", help="skip timing one sheet")
    parser.add_argument(
        "--no-animation", dest="animation", action="store_false", help="skip measuring the figure's animation"
    )
    parser.add_argument(
        "--update-readme", action="store_true", help="write the tables into README.md's Performance section"
    )
    parser.add_argument("--keep", action="store_true", help="keep the built projects and their logs")
    options = parser.parse_args(argv)
    given = argv if argv is not None else sys.argv[1:]
    # Only what changes the measurements: keeping the projects or writing the README does not.
    options.command = " ".join(
        ["scripts/bench.py", *(arg for arg in given if arg not in ("--keep", "--update-readme"))]
    )
    return options


def _sizes(text: str) -> tuple[int, ...]:
    """Catalog sizes, e.g. `25,1000`, of at least 3 exercises each."""
    size = whole_number(3)
    try:
        return tuple(size(part) for part in text.split(","))
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"must be sizes of at least 3 exercises, e.g. 25,1000; not {quoted(text)}"
        ) from None
