"""One `mkdocs build` of a project, timed in its own wrapper process, and what it wrote."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SITE_DIR = "site"
SEARCH_INDEX = "search/search_index.json"


class BuildFailed(Exception):
    pass


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int  # the largest single process
    peak_tree_rss_bytes: int  # the build and its workers together, sampled
    other_cores: float  # cores the rest of the machine kept busy while the build ran
    log: Path


MEASURE = Path(__file__).with_name("measure.py")  # run as a script: the project folder is its working directory


def build(project: Path, label: str) -> Build:
    """Run the real `mkdocs build` in `project`; BuildFailed, with the log's end, if it fails."""
    log = project.parent / f"{label}.log"
    # -P: the project folder must not shadow the installed stretchguide package. Not strict: the
    # hand-written docs/ link to the real series, which a synthetic catalog does not have.
    command = [sys.executable, "-P", "-m", "mkdocs", "build", "--no-strict", "--site-dir", SITE_DIR]
    wrapper = [sys.executable, str(MEASURE), str(log), "--", *command]
    quiet = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's banner, printed on every build
    finished = subprocess.run(wrapper, cwd=project, env=quiet, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise BuildFailed(f"the measuring wrapper failed for {label}:\n{finished.stderr[-3000:]}")
    result = json.loads(finished.stdout)
    if result["returncode"] != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildFailed(f"mkdocs build failed for {label} (exit {result['returncode']}); end of {log}:\n{tail}")
    return Build(
        seconds=result["seconds"],
        cpu_seconds=result["cpu_seconds"],
        peak_rss_bytes=result["peak_rss_bytes"],
        peak_tree_rss_bytes=result["peak_tree_rss_bytes"],
        other_cores=result["other_cores"],
        log=log,
    )


@dataclass(frozen=True)
class PageSizes:
    count: int
    mean_bytes: float
    max_bytes: int
    largest: str


def exercise_page_sizes(project: Path, slugs: list[str]) -> PageSizes:
    pages = {slug: (project / SITE_DIR / "exercises" / slug / "index.html") for slug in slugs}
    missing = [slug for slug, page in pages.items() if not page.is_file()]
    if missing:
        raise BuildFailed(f"{len(missing)} exercise pages missing from {project / SITE_DIR}, e.g. {missing[0]}")
    sizes = {slug: page.stat().st_size for slug, page in pages.items()}
    largest = max(sizes, key=sizes.__getitem__)
    return PageSizes(len(sizes), statistics.fmean(sizes.values()), sizes[largest], largest)


def site_bytes(project: Path) -> int:
    """Everything the build wrote: pages, pictures, sheets, assets."""
    return sum(file.stat().st_size for file in (project / SITE_DIR).rglob("*") if file.is_file())


def search_index_bytes(project: Path) -> int:
    index = project / SITE_DIR / SEARCH_INDEX
    return index.stat().st_size if index.is_file() else 0
