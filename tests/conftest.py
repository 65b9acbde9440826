"""Shared fixtures: a small valid content folder to break on purpose, the guide's project copied, and the real
site served to real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent

VALID_EXERCISE = """\
---
title: Seated Thoracic Rotation
aliases: [Seated twist]
summary: Sit tall and turn your upper back to ease stiffness between your shoulder blades.
type: mobility
position: seated
equipment: [chair]
targets: [thoracic-spine, obliques]
level: beginner
dose:
  reps: 8
  hold_seconds: 3
  per_side: true
  times_per_day: 2
steps:
  - Sit tall near the front of a chair with both feet flat on the floor.
  - Cross your arms over your chest.
  - Turn your ribs and shoulders to one side while your hips stay still.
  - Pause, breathe out, and return to the middle.
cautions:
  - Move only as far as you can without pain.
sources:
  - title: Effective Stretches to Ease Upper Back Tightness
reviewed: "2026-11-01"
---
Optional prose in Markdown.
"""

VALID_SERIES = """\
title: Desk Break
summary: Three moves to do at your desk.
exercises:
  - exercise: seated-thoracic-rotation
  - exercise: shoulder-rolls
    dose: {reps: 5}
  - exercise: chin-tucks
reviewed: "2026-11-01"
"""


FIGURE = """\
figure:
  alt: Sitting on a chair with the arms crossed, the person turns the ribs and shoulders to one side.
  view: front
  props: [chair]
  start:
    posture: seated_on_chair
    angles: {shoulder_raise_forward: 45, shoulder_turn_out: -85, elbow_bend: 115}
  end:
    posture: seated_on_chair
    angles: {shoulder_raise_forward: 45, shoulder_turn_out: -85, elbow_bend: 115, upper_back_turn: 40}
"""


def exercise_text(title: str, **changes: str) -> str:
    """VALID_EXERCISE with a new title and whole lines replaced: changes={'level': 'level: advanced'}."""
    lines = VALID_EXERCISE.replace("Seated Thoracic Rotation", title).split("\n")
    if title != "Seated Thoracic Rotation":  # a name may lead to one exercise only
        lines = ["aliases: []" if line.startswith("aliases:") else line for line in lines]
    for field, line in changes.items():
        lines = [line if existing.startswith(f"{field}:") else existing for existing in lines]
    return "\n".join(lines)


class Content:
    """A content folder inside a temporary repository root (the working directory)."""

    def __init__(self, root: Path):
        self.root = root
        self.dir = root / "content"
        (self.dir / "exercises").mkdir(parents=True)
        (self.dir / "series").mkdir()
        self.exercise("seated-thoracic-rotation", VALID_EXERCISE)
        self.exercise("shoulder-rolls", exercise_text("Shoulder Rolls"))
        self.exercise("chin-tucks", exercise_text("Chin Tucks"))
        self.series("desk-break", VALID_SERIES)

    def with_pictures(self) -> Content:
        """Give every exercise without one a figure, as the content check requires."""
        for path in (self.dir / "exercises").glob("*.md"):
            text = path.read_text(encoding="utf-8")
            if "\nfigure:" not in text and text.startswith("---\n"):
                front, _, body = text[4:].partition("\n---\n")
                path.write_text(f"---\n{front}\n{FIGURE}---\n{body}", encoding="utf-8")
        return self

    def problems_with_figure(self, figure: str) -> list[str]:
        """The lines the check says about Chin Tucks drawn with this `figure:` block."""
        from stretchguide.loader import load_catalog
        from stretchguide.problems import ContentError

        self.exercise("chin-tucks", exercise_text("Chin Tucks", level=f"level: beginner\n{figure}"))
        with pytest.raises(ContentError) as raised:
            load_catalog(self.with_pictures().dir)
        return [str(problem) for problem in raised.value.problems]

    def exercise(self, slug_or_name: str, text: str | bytes) -> Path:
        name = slug_or_name if "." in slug_or_name else f"{slug_or_name}.md"
        return self._write(self.dir / "exercises" / name, text)

    def series(self, slug: str, text: str) -> Path:
        return self._write(self.dir / "series" / f"{slug}.yml", text)

    @staticmethod
    def _write(path: Path, text: str | bytes) -> Path:
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return path


@pytest.fixture
def content(tmp_path, monkeypatch) -> Content:
    monkeypatch.chdir(tmp_path)
    return Content(tmp_path)


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def project_copy(root: Path) -> Path:
    """The guide's MkDocs project (config, docs, overrides, content) copied into `root`, to change freely."""
    for folder in ("content", "docs", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    # The page templates live in the package, not the project: watch the real ones.
    templates = "stretchguide/site/templates"
    (root / "mkdocs.yml").write_text(
        config.replace(f"  - {templates}\n", f"  - {REPO / templates}\n"), encoding="utf-8"
    )
    return root


def mkdocs(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """The real `mkdocs` command, run in `project` to its end."""
    return subprocess.run(_mkdocs_command(arguments), cwd=project, env=_MKDOCS_ENV, capture_output=True, text=True)


def start_mkdocs(project: Path, *arguments: str, **popen) -> subprocess.Popen:
    """The real `mkdocs` command, started in `project` (`mkdocs serve`), for the caller to stop."""
    return subprocess.Popen(_mkdocs_command(arguments), cwd=project, env=_MKDOCS_ENV, text=True, **popen)


def _mkdocs_command(arguments: tuple[str, ...]) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *arguments]


_MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's notice on every run


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The guide's real site, built once for the whole session with the real command."""
    site = tmp_path_factory.mktemp("browser") / "site"
    finished = mkdocs(REPO, "build", "--strict", "-f", str(REPO / "mkdocs.yml"), "-d", str(site))
    assert finished.returncode == 0, finished.stderr
    return site


@pytest.fixture(scope="session")
def base_url(built_site) -> Iterator[str]:
    with served(built_site) as url:
        yield url


@contextlib.contextmanager
def served(folder: Path, *, http_cache: bool = True) -> Iterator[str]:
    """The address of a web server on this machine serving `folder`, as a static host would.

    Without `http_cache`, it tells the browser to keep nothing, so whatever opens offline came
    from the guide's own offline copy."""
    handler = functools.partial(_QuietHandler if http_cache else _UncachedHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _UncachedHandler(_QuietHandler):
    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (which never downloads a browser of its own)."""
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


# Scrolling (a click brings its button into view) hides Material's tabs by fading them out; axe
# measuring half-way through the fade reads a contrast no reader sees at rest, more often on a
# busy machine. Wait until no transition runs, a few frames after the last one ends.
SETTLE_TRANSITIONS = """async () => {
  const frame = () => new Promise(requestAnimationFrame);
  for (let round = 0; round < 50; round++) {
    await frame(); await frame();
    const running = document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState !== "finished");
    if (running.length === 0) return true;
    await Promise.all(running.map((a) => a.finished.catch(() => null)));
  }
  return false;
}"""


def settle_transitions(page: Page) -> None:
    """Return once the page's CSS transitions have ended (fails if they never do)."""
    assert page.evaluate(SETTLE_TRANSITIONS), "the page's transitions never ended"


def serious_accessibility_problems(
    browser, url: str, *, scheme: str, wait_until: str = "networkidle", then: Callable[[Page], None] | None = None
) -> list[str]:
    """axe-core's serious and critical findings on the page at `url` in that colour scheme, one line each;
    `then` does something on the page first (opens a dialog, say)."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until=wait_until)
    if then:
        then(page)
    settle_transitions(page)
    violations = Axe().run(page).response["violations"]
    context.close()
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}: "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in violations
        if violation["impact"] in ("serious", "critical")
    ]


def pytest_sessionfinish(session, exitstatus):
    # In CI a skipped test is a failed test: nothing may pass by not running.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("CI") and skipped and session.exitstatus == 0:
        reporter.write_line(f"{len(skipped)} tests were skipped; in CI that is a failure.", red=True)
        session.exitstatus = 1
