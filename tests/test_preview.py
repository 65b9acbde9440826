"""The preview (`mkdocs serve`, as `make serve` runs it) with a half-written entry: it keeps serving and says what to fix.

One real server over a copy of the project, for the whole module; the tests run in order,
and the last ones change the copy (a broken template, then the entry finished).
"""

from __future__ import annotations

import html
import re
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import mkdocs, project_copy, serious_accessibility_problems, start_mkdocs
from test_newcomer import NEW_EXERCISES

SLUG = "trial-seated-chin-nod"
FINISHED = NEW_EXERCISES[SLUG]
HALF_WRITTEN = FINISHED.split("\n---\n")[0]  # the closing '---' not written yet
PROBLEM = f"content/exercises/{SLUG}.md:1:1: front matter: has no closing '---' line after the fields"
BANNER = "1 problem in the entries. The preview leaves those entries out until they are fixed; save the file and this goes away."
PATIENCE_SECONDS = 300  # a bound on waiting for builds on a busy machine, not a measure of them


class Preview:
    """A running `mkdocs serve` and its log."""

    def __init__(self, project: Path, process: subprocess.Popen, url: str, log: Path):
        self.project, self.process, self.url, self.log = project, process, url, log

    def get(self, path: str = "", timeout: float = PATIENCE_SECONDS) -> str:
        with urllib.request.urlopen(f"{self.url}{path}", timeout=timeout) as response:
            return response.read().decode("utf-8")

    def text(self, path: str = "") -> str:
        """The words of the page at `path`, as a reader sees them."""
        return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", self.get(path)).split()))

    def epoch(self) -> int:
        """Which build the pages come from: a newer build gives a larger number."""
        return int(re.search(r"livereload\((\d+), \d+\)", self.get())[1])

    def until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + PATIENCE_SECONDS
        while not condition():
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"{what}: still not so; the log ends:\n{self.log.read_text()[-3000:]}"
            time.sleep(0.5)

    def rebuilt_since(self, epoch: int) -> bool:
        # The server's own long poll: it answers with the newest build once one has finished.
        with urllib.request.urlopen(f"{self.url}livereload/{epoch}/1", timeout=90) as response:
            return int(response.read()) > epoch


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Iterator[Preview]:
    project = project_copy(tmp_path_factory.mktemp("preview"))
    (project / "content" / "exercises" / f"{SLUG}.md").write_text(HALF_WRITTEN, encoding="utf-8")
    log = project / "serve.log"
    address = f"127.0.0.1:{free_port()}"
    with log.open("w") as output:
        process = start_mkdocs(project, "serve", "--dev-addr", address, "--livereload", stdout=output, stderr=output)
    preview = Preview(project, process, f"http://{address}/", log)
    try:
        preview.until(lambda: answers(preview), "the preview serves its first build")
        yield preview
    finally:
        process.terminate()
        process.wait(timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(preview: Preview) -> bool:
    try:
        preview.get(timeout=5)
    except OSError:
        return False
    return True


def test_every_page_shows_a_banner_with_the_problem(preview):
    sound = sorted(path.stem for path in (preview.project / "content" / "exercises").glob("*.md") if path.stem != SLUG)
    for path in ("", "exercises/", f"exercises/{sound[0]}/"):
        assert f"{BANNER} {PROBLEM}" in preview.text(path), path


def test_the_sound_entries_are_built_while_one_is_broken(preview):
    for entry in sorted((preview.project / "content" / "exercises").glob("*.md")):
        if entry.stem != SLUG:
            assert "Not shown yet" not in preview.text(f"exercises/{entry.stem}/"), entry.name


def test_the_broken_entrys_own_address_shows_its_problem(preview):
    page = preview.text(f"exercises/{SLUG}/")
    assert f"Not shown yet: {SLUG}" in page
    assert f"content/exercises/{SLUG}.md has a problem, so this page shows what to fix instead of the entry." in page
    assert page.count(PROBLEM) == 2  # in the banner, and in the page's own list


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", f"exercises/{SLUG}/"])
def test_the_banner_and_the_problem_page_have_no_serious_accessibility_problems(browser, preview, path, scheme):
    # "load", not "networkidle": the preview's live reload keeps one request open.
    assert serious_accessibility_problems(browser, f"{preview.url}{path}", scheme=scheme, wait_until="load") == []


def test_the_preview_carries_no_policy_that_would_block_its_live_reload(preview):
    page = preview.get()
    assert "livereload(" in page
    assert "Content-Security-Policy" not in page


def test_a_rebuild_that_fails_leaves_the_pages_served_not_waiting(preview):
    template = preview.project / "overrides" / "series.html"
    good = template.read_text(encoding="utf-8")
    before = preview.epoch()
    template.write_text(good + "{% if %}\n", encoding="utf-8")  # a Jinja syntax error: the rebuild raises
    try:
        preview.until(lambda: preview.rebuilt_since(before), "the failed rebuild lets the pages be served")
        assert "the rebuild failed, so the preview shows the pages as they were" in preview.log.read_text()
        assert PROBLEM in preview.text()
    finally:
        failed = preview.epoch()
        template.write_text(good, encoding="utf-8")
        preview.until(lambda: preview.rebuilt_since(failed), "the preview rebuilds with the template mended")


def test_finishing_the_entry_removes_the_banner_and_shows_the_entry(preview):
    (preview.project / "content" / "exercises" / f"{SLUG}.md").write_text(FINISHED, encoding="utf-8")
    preview.until(lambda: "problem in the entries" not in preview.text(), "the banner goes when the entry is fixed")
    page = preview.text(f"exercises/{SLUG}/")
    assert "Not shown yet" not in page
    assert "Seated Chin Nod" in page


def test_a_build_still_stops_at_the_problem(tmp_path):
    project = project_copy(tmp_path)
    (project / "content" / "exercises" / f"{SLUG}.md").write_text(HALF_WRITTEN, encoding="utf-8")
    finished = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    assert finished.returncode == 1
    assert f"ERROR   -  {PROBLEM}\n" in finished.stderr
    assert "Traceback" not in finished.stderr
