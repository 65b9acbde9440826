"""Each page downloads only the guide's scripts it uses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from stretchguide import addresses

pytestmark = pytest.mark.browser

SERIES_PAGE = addresses.series_page("desk-break")
EXERCISE_PAGE = addresses.exercise_page("cat-cow")
# The scripts only some pages use: what a page without them must not download.
PAGE_SCRIPTS = ("session.js", "calendar.js", "routine.js", "print.js")


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def scripts_loaded(page: Page, url: str) -> set[str]:
    """The names of the guide's own scripts the page at `url` downloads."""
    names: set[str] = set()
    page.on(
        "request", lambda request: names.add(request.url.rsplit("/", 1)[-1]) if "/javascripts/" in request.url else None
    )
    page.goto(url, wait_until="networkidle")
    return names & set(PAGE_SCRIPTS)


@pytest.mark.parametrize("path", ["", addresses.SERIES, addresses.GALLERY, "safety/"])
def test_a_page_with_no_session_routine_or_sheet_downloads_none_of_their_scripts(page, base_url, path):
    assert scripts_loaded(page, base_url + path) == set()


@pytest.mark.parametrize("path", [EXERCISE_PAGE, addresses.EXERCISES])
def test_an_exercise_page_and_the_index_download_the_routine_script_only(page, base_url, path):
    assert scripts_loaded(page, base_url + path) == {"routine.js"}


def test_a_series_page_downloads_the_session_calendar_and_print_scripts_not_the_routine(page, base_url):
    assert scripts_loaded(page, base_url + SERIES_PAGE) == {"session.js", "calendar.js", "print.js"}


def test_my_routine_downloads_the_routine_session_and_calendar_scripts(page, base_url):
    assert scripts_loaded(page, base_url + "routine/") == {"routine.js", "session.js", "calendar.js"}


def test_the_guided_session_starts_on_a_series_page(page, base_url):
    page.goto(base_url + SERIES_PAGE)
    page.get_by_role("button", name="Start the routine").click()
    expect(page.locator(".sg-session[role=dialog]")).to_be_visible()


def test_add_to_my_routine_works_on_an_index_card(page, base_url):
    page.goto(base_url + addresses.EXERCISES)
    button = page.locator("[data-exercise-card] [data-routine-add]").first
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
