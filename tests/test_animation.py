"""The exercise page's animated figure in real Chromium: it moves only while someone can see it, rests
after its loops with a replay, and without motion or script shows the end pose over the start, faint."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Page, expect

from bench.animation import HIDE, SHOW
from stretchguide.figures import pose_fragment, render_figure_svg, render_pose_svg
from stretchguide.figures.svg import DURATION_S

pytestmark = pytest.mark.browser

SLUG = "cat-cow"
PAGE = f"exercises/{SLUG}/"
SVG = "{http://www.w3.org/2000/svg}"
WITH_ARROW = {
    "alt": "Standing, the person raises both arms forward and up overhead.",
    "arrow": "left_hand",
    "start": {"posture": "standing"},
    "end": {"posture": "standing", "angles": {"shoulder_raise_forward": 170}},
}
# The figure's animations, as the reader's browser plays them (the page has others, its header's).
# The moving drawing is in a shadow tree of its own, which Playwright's selectors see into and the page's don't.
FIGURE_ANIMATIONS = (
    "document.querySelector('[data-figure] .sg-figure__motion').shadowRoot.querySelector('svg')"
    ".getAnimations({subtree: true})"
)
ANIMATION_TIME = f"() => {FIGURE_ANIMATIONS}[0].currentTime"
LOOPS_END = f"() => {FIGURE_ANIMATIONS}[0].effect.getComputedTiming().endTime"


@pytest.fixture
def page(browser) -> Iterator[Page]:
    # A short window, so the page can scroll the figure out of view; the page's clock is
    # Playwright's, so seconds of animation pass at once and nothing depends on this machine's speed.
    context = browser.new_context(viewport={"width": 1280, "height": 500})
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


def open_figure(page: Page, base_url: str):
    page.goto(f"{base_url}{PAGE}")
    figure = page.locator("[data-figure]")
    expect(figure.locator("svg.stretch-figure")).to_be_visible()
    return figure


def moves_for(page: Page, milliseconds: int) -> bool:
    before = page.evaluate(ANIMATION_TIME)
    page.clock.run_for(milliseconds)
    return page.evaluate(ANIMATION_TIME) != before


def shown(page: Page, selector: str) -> bool:
    return page.eval_on_selector(selector, "element => getComputedStyle(element).display !== 'none'")


def test_the_figure_moves_while_it_is_in_view(page, base_url):
    figure = open_figure(page, base_url)
    expect(figure).not_to_have_class(re.compile(r"\bis-paused\b"))
    assert moves_for(page, 2000)


def test_the_figure_stops_when_scrolled_out_of_view_and_goes_on_when_back(page, base_url):
    figure = open_figure(page, base_url)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    expect(figure).to_have_class(re.compile(r"\bis-paused\b"))
    assert not moves_for(page, 2000)
    page.evaluate("window.scrollTo(0, 0)")
    expect(figure).not_to_have_class(re.compile(r"\bis-paused\b"))
    assert moves_for(page, 2000)


def test_the_figure_stops_while_the_tab_is_hidden_and_goes_on_when_shown(page, base_url):
    figure = open_figure(page, base_url)
    page.evaluate(HIDE)
    expect(figure).to_have_class(re.compile(r"\bis-paused\b"))
    assert not moves_for(page, 2000)
    page.evaluate(SHOW)
    expect(figure).not_to_have_class(re.compile(r"\bis-paused\b"))
    assert moves_for(page, 2000)


def test_after_its_loops_the_figure_rests_on_the_end_pose_with_the_start_ghosted(page, base_url):
    figure = open_figure(page, base_url)
    page.clock.run_for(int(page.evaluate(LOOPS_END)) + 1000)
    expect(page.get_by_role("button", name="Replay animation")).to_be_visible()
    expect(figure).to_have_class(re.compile(r"\bis-still\b"))
    assert page.evaluate(f"{FIGURE_ANIMATIONS}.length") == 0, "finished: nothing is left to play"
    assert shown(page, "[data-figure] svg.stretch-figure > g .ghost")


def test_the_replay_button_plays_the_figure_again_from_the_keyboard(page, base_url):
    figure = open_figure(page, base_url)
    page.clock.run_for(int(page.evaluate(LOOPS_END)) + 1000)
    page.get_by_role("button", name="Replay animation").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Pause animation")).to_be_focused()
    expect(figure).not_to_have_class(re.compile(r"\bis-still\b"))
    assert not shown(page, "[data-figure] svg.stretch-figure > g .ghost")
    assert page.evaluate(ANIMATION_TIME) < 1000
    assert moves_for(page, 2000)


def test_pausing_by_hand_stops_the_figure_until_play(page, base_url):
    open_figure(page, base_url)
    page.get_by_role("button", name="Pause animation").click()
    assert not moves_for(page, 2000)
    page.get_by_role("button", name="Play animation").click()
    assert moves_for(page, 2000)


def test_with_less_motion_the_page_shows_the_end_pose_over_the_start(browser, base_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{base_url}{PAGE}")
    expect(page.locator("[data-figure] svg.stretch-figure")).to_be_visible()
    assert page.evaluate(f"{FIGURE_ANIMATIONS}.length") == 0
    assert shown(page, "[data-figure] svg.stretch-figure > g .ghost")
    expect(page.locator("[data-figure-toggle]")).to_be_hidden()
    context.close()


def test_without_javascript_the_page_shows_the_still_of_the_movement(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{PAGE}")
    still = page.locator("[data-figure] img")
    expect(still).to_be_visible()
    assert still.get_attribute("src").endswith(f"{PAGE}figure.svg#{pose_fragment(SLUG, 'movement')}")
    page.goto(still.evaluate("image => image.src"))
    assert shown(page, ".ghost")
    assert page.evaluate("document.documentElement.getAnimations({subtree: true}).length") == 0
    context.close()


@pytest.mark.parametrize("path", ["exercises/", "gallery/", "series/desk-break/", PAGE])
def test_cards_gallery_and_thumbnails_show_the_still_not_the_animation(browser, base_url, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}{path}")
    pictures = page.locator(".sg-thumb[src], .sg-gallery img").evaluate_all("images => images.map(i => i.src)")
    drawings = {src for src in pictures if src.split("#")[0].endswith(".svg")}
    assert drawings, "the page shows no drawn pictures"
    for src in drawings:
        assert src.endswith("/end.svg"), src
        still = ElementTree.fromstring(page.request.get(src).text())
        assert any(element.get("class") == "ghost" for element in still.iter()), f"{src} has no start pose"
    context.close()


def test_the_still_of_a_movement_is_the_end_pose_over_the_start_ghosted_with_the_arrow():
    svg = render_pose_svg(WITH_ARROW, "movement", slug="reach")
    root = ElementTree.fromstring(svg)
    classes = [element.get("class") or "" for element in root.iter()]
    assert "ghost" in classes and "arrow" in " ".join(classes)
    assert root.find(f"{SVG}title").text == f"End position over the start: {WITH_ARROW['alt']}"
    assert "@keyframes" not in svg and "display:none" not in svg
    assert classes.index("ghost") < classes.index("body"), "the ghost lies behind the body"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_animated_figure_at_its_addresses_holds_still_in_a_pose_or_as_the_movement(browser, tmp_path, motion):
    # What a printed exercise page shows side by side: figure.svg#…-start and #…-end, from the one file.
    (tmp_path / "figure.svg").write_text(render_figure_svg(WITH_ARROW, slug="reach"))
    stills = ("start", "end", "movement")
    for which in stills:
        (tmp_path / f"{which}.svg").write_text(render_pose_svg(WITH_ARROW, which, slug="reach"))
    held = {which: f"figure.svg#{pose_fragment('reach', which)}" for which in stills}
    pictures = {**held, **{f"{which} still": f"{which}.svg" for which in stills}}
    (tmp_path / "page.html").write_text(
        "".join(
            f'<img id="{name.replace(" ", "-")}" src="{src}" width="260" height="240">'
            for name, src in pictures.items()
        )
    )
    context = browser.new_context(viewport={"width": 1100, "height": 300}, reduced_motion=motion)
    page = context.new_page()
    page.goto((tmp_path / "page.html").as_uri())
    page.wait_for_function("[...document.images].every(image => image.complete)")
    page.wait_for_timeout(DURATION_S * 300)  # by then a figure that still moved would be halfway from start to end
    seen = {name: page.locator(f"#{name.replace(' ', '-')}").screenshot() for name in pictures}
    context.close()
    assert different_pixels(seen["start"], seen["end"]) > 500
    for which, other in (("start", "end"), ("end", "start"), ("movement", "end")):
        assert (
            different_pixels(seen[which], seen[f"{which} still"])
            < different_pixels(seen[which], seen[f"{other} still"]) / 10
        )


def different_pixels(first: bytes, second: bytes) -> int:
    difference = ImageChops.difference(*(Image.open(io.BytesIO(shot)).convert("L") for shot in (first, second)))
    return sum(difference.histogram()[41:])  # pixels whose grey differs by more than 40
