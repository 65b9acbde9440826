"""What an exercise page's animated figure costs the reader's processor, measured in real Chromium.

Chromium's Performance domain counts TaskDuration: the time the page's main thread spent
running tasks (script, style, layout, paint). Its growth over ten seconds of wall time is the
share of one core the page kept busy while a reader looked at it, or didn't.

    python -m bench.animation SITE_FOLDER [exercises/face-pull/]

Without a page, it measures the figure with the most moving parts: the costliest per picture.
"""

from __future__ import annotations

import mimetypes
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
SECONDS = 10.0  # of wall time per measurement
SETTLE_SECONDS = 1.5  # after a change of state, before measuring: the page's own reaction is not the cost
SITE_URL = "http://guide.test/"  # never reaches the network: the built folder answers
MOVING_PART = re.compile(rb'class="anim ')  # each element the drawing animates (svg.py's shared timing class)
# The figure's own animations: the page plays the drawing in a shadow tree of its own.
FIGURE_ANIMATIONS = (
    "[...document.querySelectorAll('[data-figure] .sg-figure__motion')].flatMap(h => h.shadowRoot.getAnimations())"
)
REST_TIMEOUT_MS = 90_000  # the loops last well under this
# What a browser tells a page when its tab goes to the background, and back.
HIDE = """() => {
  Object.defineProperty(document, "visibilityState", {configurable: true, get: () => "hidden"});
  Object.defineProperty(document, "hidden", {configurable: true, get: () => true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW = """() => {
  delete document.visibilityState;
  delete document.hidden;
  document.dispatchEvent(new Event("visibilitychange"));
}"""


@dataclass(frozen=True)
class AnimationCost:
    """Share of one core the page's main thread used, per state of the figure (0.05 is 5 %)."""

    page: str
    visible: float
    visible_cpu: (
        float  # the main thread's own processor time (ThreadTime), which other programs on the machine inflate less
    )
    out_of_view: float
    hidden: float
    # Style recalculations and layouts the page made while the figure was out of view, and hidden:
    # the work a moving figure makes on every frame, so none means it stood still.
    out_of_view_restyles: int
    hidden_restyles: int
    after_loops: float | None  # None: the animation never stops by itself
    figures: int = 1  # moving figures on the page (an entry may show two views); the shares are for all of them


def measure(site: Path, page_path: str | None = None) -> AnimationCost:
    """Serve `site` and measure one exercise page with a drawn figure in each state."""
    from playwright.sync_api import sync_playwright

    page_path = page_path or _busiest_drawn_page(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 700})
            _serve(context, site)
            page = context.new_page()
            page.goto(SITE_URL + page_path, wait_until="networkidle")
            page.locator("[data-figure] svg").first.wait_for()
            figures = page.locator("[data-figure]").count()
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            visible, visible_cpu = _busy(page, cdp), _busy(page, cdp, metric="ThreadTime")
            page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
            out_of_view, out_of_view_restyles = _window(page, cdp) if _figure_out_of_view(page) else (float("nan"), -1)
            page.evaluate("window.scrollTo(0, 0)")
            hidden, hidden_restyles = _busy_while_hidden(page, cdp)
            after_loops = _busy_after_loops(page, cdp)
            context.close()
        finally:
            browser.close()
    return AnimationCost(
        page_path,
        visible,
        visible_cpu,
        out_of_view,
        hidden,
        out_of_view_restyles,
        hidden_restyles,
        after_loops,
        figures,
    )


def _busy(page, cdp, seconds: float = SECONDS, metric: str = "TaskDuration") -> float:
    """The main thread's task time (or another of its times, in seconds) over `seconds` of wall time, after letting the page settle."""
    return _window(page, cdp, seconds, metric)[0]


def _window(page, cdp, seconds: float = SECONDS, metric: str = "TaskDuration") -> tuple[float, int]:
    """What `_busy` measures, and the style recalculations and layouts the page made meanwhile."""
    page.wait_for_timeout(SETTLE_SECONDS * 1000)  # the page's own reaction (pausing the figure) is not counted
    # What came before left garbage; collected now, its collection doesn't fall into the window
    # by chance (it once made a still page look 1 % busy, with no script, style or layout in it).
    cdp.send("HeapProfiler.collectGarbage")
    before, restyles, started = _seconds(cdp, metric), _restyles(cdp), time.perf_counter()
    time.sleep(seconds)
    share = (_seconds(cdp, metric) - before) / (time.perf_counter() - started)
    return share, _restyles(cdp) - restyles


def _seconds(cdp, metric: str) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(found["value"] for found in metrics if found["name"] == metric)


def _figure_out_of_view(page) -> bool:
    return page.evaluate(
        "() => { const box = document.querySelector('[data-figure]').getBoundingClientRect();"
        " return box.bottom < 0 || box.top > window.innerHeight; }"
    )


def _busy_while_hidden(page, cdp) -> tuple[float, int]:
    """As when the reader switches to another tab: the page is told it is hidden (see _window).

    Headless Chromium keeps every tab visible, so the page's view of it is set by hand; a
    real background tab also gets no frames at all, so it can only cost less than this."""
    page.evaluate(HIDE)
    found = _window(page, cdp)
    page.evaluate(SHOW)
    return found


def _restyles(cdp) -> int:
    return int(_seconds(cdp, "RecalcStyleCount") + _seconds(cdp, "LayoutCount"))


def _busy_after_loops(page, cdp) -> float | None:
    """Once the figures have played their loops and rest (the page marks each is-still); None if they never do."""
    endless = page.evaluate(f"() => {FIGURE_ANIMATIONS}.some(a => !isFinite(a.effect.getComputedTiming().endTime))")
    if endless:
        return None
    # Every figure on the page (an entry may have two views) has to rest, not just one.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-figure]')].every(figure => figure.classList.contains('is-still'))",
        timeout=REST_TIMEOUT_MS,
    )
    return _busy(page, cdp)


def _busiest_drawn_page(site: Path) -> str:
    """The exercise page whose moving figure animates the most elements (the first such, by address)."""
    drawn = sorted(site.glob("exercises/*/figure.svg"))
    if not drawn:
        raise FileNotFoundError(f"no exercise page with a drawn figure in {site}")
    busiest = max(drawn, key=lambda figure: len(MOVING_PART.findall(figure.read_bytes())))
    return busiest.parent.relative_to(site).as_posix() + "/"


def _serve(context, site: Path) -> None:
    """Answer the browser's requests to SITE_URL from the built folder, as a static host would."""

    def answer(route) -> None:
        path = route.request.url.removeprefix(SITE_URL).split("?")[0].split("#")[0]
        file = site / path
        if file.is_dir():
            file = file / "index.html"
        if not file.is_file() or site.resolve() not in file.resolve().parents:
            route.fulfill(status=404)
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)

    context.route(f"{SITE_URL}**", answer)


def describe(cost: AnimationCost) -> str:
    """One line for the report: the share of a core visible (and per figure, when the page has more than one), and hidden."""
    after = "never stops" if cost.after_loops is None else f"{cost.after_loops:.1%} after the loops"
    each = f" for {cost.figures} figures, {cost.visible / cost.figures:.1%} each" if cost.figures > 1 else ""
    return (
        f"animation: {cost.visible:.1%} of a core visible{each} ({cost.visible_cpu:.1%} in processor time), "
        f"{cost.hidden:.1%} hidden ({cost.hidden_restyles} style recalculations or layouts), "
        f"{cost.out_of_view:.1%} scrolled out of view ({cost.out_of_view_restyles}), {after} ({cost.page})"
    )


if __name__ == "__main__":
    print(describe(measure(Path(sys.argv[1]), *sys.argv[2:3])))
