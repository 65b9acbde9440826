"""`make bench`: builds synthetic catalogs of growing size with the guide and with plain MkDocs, and judges the budgets."""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from ..loader import load_catalog
from ..model import Catalog
from . import builds, projects, report, sheets, synthetic
from .budgets import verdicts
from .results import ColdBuild, FloorBuild, Rebuild, Results, SearchGrowth, SizeResult, Timed, WarmBuild

REPO = Path(__file__).resolve().parents[2]
SIZES = (25, 1000, 2000)
REPEAT = 3  # floor and warm builds per size; the best counts
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
    for count in options.sizes:
        print(f"== {count:,} exercises", flush=True)
        results.sizes.append(measure_size(scratch, count, templates, options.repeat))
    results.search_growth = _search_growth(results.sizes)
    if options.sheet_cost:
        largest = scratch / f"guide-{max(options.sizes)}"  # the most series to sample from
        print("== one sheet against a bare WeasyPrint render", flush=True)
        results.sheet_cost = sheets.sheet_cost(load_catalog(largest / "content", root=largest), largest)


def measure_size(scratch: Path, count: int, templates: synthetic.Templates, repeat: int) -> SizeResult:
    content = scratch / f"content-{count}"
    slugs = synthetic.write_catalog(content, count, templates)
    started = time.perf_counter()
    catalog = load_catalog(content, root=scratch)  # refuses an invalid synthetic entry before any build
    loader_seconds = time.perf_counter() - started

    floor_dir = projects.floor_project(scratch / f"floor-{count}", REPO, catalog)
    guide = projects.guide_project(scratch / f"guide-{count}", REPO, content)
    cold = _cold_build(guide)
    floor, warm = _floor_and_warm_builds(floor_dir, guide, slugs, repeat)
    pages, search_index_bytes = builds.exercise_page_sizes(guide, slugs), builds.search_index_bytes(guide)
    rebuild = _rebuild_after_one_change(guide, catalog)
    rendered = max(cold.sheets_rendered, 1)
    return SizeResult(
        exercises=count,
        series=len(catalog.series),
        loader_seconds=loader_seconds,
        floor=floor,
        cold=cold,
        warm=warm,
        rebuild=rebuild,
        pages=pages,
        search_index_bytes=search_index_bytes,
        search_bytes_per_exercise=search_index_bytes / count,
        site_bytes=builds.site_bytes(guide),
        sheet_wall_seconds=(cold.seconds - warm.seconds) / rendered,
        sheet_cpu_seconds=(cold.cpu_seconds - warm.cpu_seconds) / rendered,
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


def _floor_and_warm_builds(floor: Path, guide: Path, slugs: list[str], repeat: int) -> tuple[FloorBuild, WarmBuild]:
    """The floor, and the guide with nothing changed (a deploy after a docs edit), in turns.

    Taking turns, rather than all of one then all of the other, lets other work on the
    machine slow both alike, so their ratio holds even when their times do not.
    """
    before = sheets.cache_snapshot(guide)
    floor_runs, warm_runs = [], []
    for attempt in range(1, repeat + 1):
        floor_runs.append(builds.build(floor, f"{floor.name}-{attempt}"))
        warm_runs.append(builds.build(guide, f"{guide.name}-warm-{attempt}"))
    floor_built = FloorBuild(
        **_timed(floor_runs),
        pages=builds.exercise_page_sizes(floor, slugs),
        search_index_bytes=builds.search_index_bytes(floor),
        site_bytes=builds.site_bytes(floor),
    )
    _say("floor", floor_built)
    warm_built = WarmBuild(
        **_timed(warm_runs),
        sheets_rendered=_rendered(before, sheets.cache_snapshot(guide), warm_runs),
        ratio_to_floor=min(run.seconds for run in warm_runs) / floor_built.seconds,
        cpu_ratio_to_floor=min(run.cpu_seconds for run in warm_runs) / floor_built.cpu_seconds,
    )
    _say("guide, warm", warm_built)
    return floor_built, warm_built


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
    parser = argparse.ArgumentParser(prog="scripts/bench.py", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=SIZES, help="catalog sizes, e.g. 25,1000,2000 (the default)")
    parser.add_argument(
        "--repeat", type=int, default=REPEAT, help="floor and warm builds per size, the best counts (3)"
    )
    parser.add_argument("--output", type=Path, default=REPO / "bench-results" / "latest.json")
    parser.add_argument("--no-sheet-cost", dest="sheet_cost", action="store_false", help="skip timing one sheet")
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
    sizes = tuple(int(part) for part in text.split(","))
    if any(size < 3 for size in sizes):
        raise argparse.ArgumentTypeError("each size must be at least 3 exercises")
    return sizes
