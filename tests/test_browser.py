"""The real site in real headless Chromium: search, filters, the figure's pause button, privacy, accessibility."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from conftest import serious_accessibility_problems
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# A reader's first pages: the home page, the list, one exercise (with a drawn figure) and one series.
READER_PAGES = ("", "exercises/", "exercises/cat-cow/", "series/desk-break/")
FILTERS = ("type", "position", "equipment", "target", "level")


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def search(page: Page, base_url: str, words: str) -> list[str]:
    """The addresses of the search results for `words`, best first."""
    page.goto(base_url)
    type_a_search(page, words)
    results = page.locator(".md-search-result__item > .md-search-result__link")
    expect(results.first).to_be_visible()
    return [href.split("?")[0] for href in results.evaluate_all("links => links.map(link => link.href)")]


def type_a_search(page: Page, words: str) -> None:
    # Typed, not filled in: Material's search answers key presses.
    page.locator(".md-search__input").click()
    page.keyboard.type(words)


def shown_cards(page: Page):
    return page.locator("[data-exercise-card]:visible")


def total_cards(page: Page) -> int:
    return page.locator("[data-exercise-card]").count()


# Search


def test_searching_an_alias_finds_the_exercise(page, base_url):
    assert search(page, base_url, "Sphinx")[0] == f"{base_url}exercises/prone-on-elbows-extension/"


def test_searching_words_of_the_steps_finds_the_exercise(page, base_url):
    # Each word required (+), so the answer does not hang on how many other pages share some of the
    # words: left optional, every title with "chest" in it outranks the steps, and the exercise fell
    # below the first screen of results as the catalog grew.
    assert f"{base_url}exercises/thread-the-needle/" in search(page, base_url, "+palm +under +chest")


def test_an_exercise_ranks_above_prose_pages_that_mention_its_name(page, base_url):
    # The About page names cat-cow among the sources' stretches.
    results = search(page, base_url, "cat-cow")
    assert results[0] == f"{base_url}exercises/cat-cow/"
    assert results.index(f"{base_url}exercises/cat-cow/") < results.index(f"{base_url}about/")


# Filters


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_narrows_the_list_at_once_and_the_address_says_so(page, base_url, name):
    page.goto(f"{base_url}exercises/")
    total = total_cards(page)
    select = page.locator(f"select[name={name}]")
    value = select.locator("option").nth(1).get_attribute("value")
    select.select_option(value)
    expect(page).to_have_url(re.compile(rf"\?{name}={value}$"))
    shown = shown_cards(page).count()
    assert 0 < shown < total
    matched = shown_cards(page).evaluate_all(f"cards => cards.map(card => card.dataset.{name}.split(' '))")
    assert all(value in values for values in matched)
    expect(page.locator("[data-exercise-count]")).to_have_text(f"{shown} of {total} exercises")


def test_a_shared_filtered_address_opens_the_filtered_list(page, base_url):
    page.goto(f"{base_url}exercises/?equipment=foam-roller&position=supine")
    expect(page.locator("select[name=equipment]")).to_have_value("foam-roller")
    expect(page.locator("select[name=position]")).to_have_value("supine")
    matched = shown_cards(page).evaluate_all(
        "cards => cards.map(card => [card.dataset.equipment, card.dataset.position])"
    )
    assert matched and all("foam-roller" in equipment and position == "supine" for equipment, position in matched)


def test_back_and_forward_step_through_the_chosen_filters(page, base_url):
    page.goto(f"{base_url}exercises/")
    page.locator("select[name=equipment]").select_option("chair")
    page.locator("select[name=level]").select_option("beginner")
    expect(page).to_have_url(re.compile(r"\?equipment=chair&level=beginner$"))
    both = shown_cards(page).count()
    page.go_back()
    expect(page).to_have_url(re.compile(r"\?equipment=chair$"))
    expect(page.locator("select[name=level]")).to_have_value("")
    assert shown_cards(page).count() >= both
    page.go_forward()
    expect(page.locator("select[name=level]")).to_have_value("beginner")
    expect(shown_cards(page)).to_have_count(both)


def test_clear_filters_shows_every_exercise_again(page, base_url):
    page.goto(f"{base_url}exercises/?position=seated")
    total = total_cards(page)
    page.get_by_role("button", name="Clear filters").click()
    expect(shown_cards(page)).to_have_count(total)
    expect(page.locator("[data-exercise-count]")).to_have_text(f"{total} exercises")
    expect(page).to_have_url(f"{base_url}exercises/")
    expect(page.get_by_role("button", name="Clear filters")).to_be_hidden()


def test_a_filter_that_matches_nothing_says_so(page, base_url):
    page.goto(f"{base_url}exercises/?equipment=foam-roller&position=standing")
    expect(shown_cards(page)).to_have_count(0)
    expect(page.locator("[data-exercise-empty]")).to_be_visible()


def first_of_each_kind(built_site) -> list[str]:
    """The exercise index, the first exercise page and the first series page of the built catalog."""
    exercises = json.loads((built_site / "exercises.json").read_text(encoding="utf-8"))["exercises"]
    series = json.loads((built_site / "series.json").read_text(encoding="utf-8"))["series"]
    return ["exercises/", f"exercises/{exercises[0]['slug']}/", f"series/{series[0]['slug']}/"]


def _guide_script(route) -> None:
    """Refuse the guide's own scripts; Material's bundle loads, as it always would first."""
    if route.request.url.rsplit("/", 1)[-1].startswith("bundle."):
        route.continue_()
    else:
        route.abort()


@pytest.mark.parametrize("kind", range(3), ids=["exercise index", "exercise page", "series page"])
def test_nothing_on_the_page_moves_when_the_guide_scripts_run(browser, base_url, built_site, kind):
    """What a script adds has its room from the start: a page that jumps makes readers tap the wrong thing."""
    path, places = first_of_each_kind(built_site)[kind], []
    for scripts_run in (False, True):
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        if not scripts_run:
            page.route("**/assets/javascripts/*.js", _guide_script)
        page.goto(f"{base_url}{path}")
        page.wait_for_load_state("networkidle")
        places.append(
            page.evaluate(
                """() => Array.from(document.querySelectorAll('.md-content article > *, .sg-cards > li'))
                          .slice(0, 40).map(element => element.getBoundingClientRect().top)"""
            )
        )
        context.close()
    assert len(places[0]) == len(places[1])
    moved = [round(after - before) for before, after in zip(*places, strict=True) if abs(after - before) > 3]
    assert moved == []


def test_without_javascript_the_list_is_complete_and_the_filters_are_hidden(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}exercises/?equipment=chair")
    expect(page.locator("[data-exercise-filters]")).to_be_hidden()
    expect(shown_cards(page)).to_have_count(total_cards(page))
    context.close()


# The figure


def test_the_pause_button_pauses_and_plays_the_figure(page, base_url):
    page.goto(f"{base_url}exercises/cat-cow/")
    figure = page.locator("[data-figure]")
    expect(figure.locator("svg").first).to_be_visible()
    button = page.get_by_role("button", name="Pause animation")
    button.click()
    expect(figure).to_have_class(re.compile(r"\bis-paused\b"))
    page.get_by_role("button", name="Play animation").click()
    expect(figure).not_to_have_class(re.compile(r"\bis-paused\b"))


def test_readers_who_prefer_less_motion_get_no_pause_button(browser, base_url):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{base_url}exercises/cat-cow/")
    expect(page.locator("[data-figure] svg").first).to_be_visible()
    expect(page.locator("[data-figure-toggle]")).to_be_hidden()
    context.close()


def test_the_moving_figure_takes_the_place_of_the_still_without_a_layout_shift(page, base_url):
    """The still leaves the layout when the drawing replaces it: laid out on, below the drawing, it would jump out of
    sight, which browsers (and Lighthouse) count as the page moving under the reader."""
    page.add_init_script(
        """window.figureShifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(shift => shift.sources.forEach(source => {
          if (source.node && source.node.closest && source.node.closest('[data-figure]')) window.figureShifts.push(shift.value);
        }))).observe({type: 'layout-shift', buffered: true});"""
    )
    page.goto(f"{base_url}exercises/cat-cow/")
    expect(page.locator("[data-figure] svg").first).to_be_visible()
    page.evaluate("() => new Promise(requestAnimationFrame)")  # the frame after the swap is where a shift is counted
    assert page.evaluate("window.figureShifts") == []
    expect(page.locator("[data-figure-art]")).to_be_hidden()


# Every reader's page


@pytest.mark.parametrize("path", READER_PAGES)
def test_a_page_makes_no_console_errors_and_no_request_beyond_this_site(browser, base_url, path):
    context = browser.new_context()
    page = context.new_page()
    requested, errors = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}{path}", wait_until="networkidle")
    type_a_search(page, "neck")  # loads the search index and its worker too
    page.wait_for_load_state("networkidle")
    context.close()
    assert errors == []
    assert requested and [url for url in requested if not url.startswith(base_url)] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", READER_PAGES)
def test_a_page_has_no_serious_accessibility_problems(browser, base_url, path, scheme):
    assert serious_accessibility_problems(browser, f"{base_url}{path}", scheme=scheme) == []


def test_the_accessibility_check_reads_the_page_at_rest_not_half_way_through_a_fade(browser, base_url):
    # Scrolling fades the tabs out; slowed ten times, the fade lasts long enough that a check run
    # straight after the scroll would always measure the tabs half-transparent.
    def scroll_slowly(page: Page) -> None:
        session = page.context.new_cdp_session(page)
        session.send("Animation.enable")
        session.send("Animation.setPlaybackRate", {"playbackRate": 0.1})
        page.evaluate("document.body.style.paddingBottom = '200vh'")  # room to scroll, whatever the page holds
        page.mouse.wheel(0, 600)
        page.wait_for_function("document.querySelector('.md-tabs').hidden")

    assert serious_accessibility_problems(browser, f"{base_url}exercises/", scheme="light", then=scroll_slowly) == []


@pytest.mark.parametrize("path", (*READER_PAGES, "gallery/"))
def test_nothing_is_wider_than_a_360_pixel_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{base_url}{path}", wait_until="networkidle")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 360


def test_a_series_page_offers_both_printable_sheets(page, base_url):
    page.goto(f"{base_url}series/desk-break/")
    for name in ("A4", "US Letter"):
        link = page.get_by_role("link", name=re.compile(rf"^{name} sheet"))
        response = page.request.get(link.evaluate("link => link.href"))
        assert response.ok
        assert response.body()[:5] == b"%PDF-"
