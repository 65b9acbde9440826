"""Each page downloads only the guide's scripts it uses, and the guide's own stylesheets as one file."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from stretchguide import addresses
from stretchguide.site.styles import JOINED, joined_stylesheet
from tests.conftest import REPO

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


def test_every_page_links_the_guides_stylesheets_as_one_file(built_site):
    for path in ("index.html", f"{EXERCISE_PAGE}index.html", f"{SERIES_PAGE}index.html", "routine/index.html"):
        page = (built_site / path).read_text(encoding="utf-8")
        assert JOINED in page, path
        assert "assets/stylesheets/stretchguide.css" not in page, path


def test_the_joined_stylesheet_holds_each_stylesheet_of_mkdocs_yml_in_its_order(built_site):
    joined = (built_site / JOINED).read_text(encoding="utf-8")
    places = [
        joined.index(f"/* {name} */") for name in ("assets/fonts/fonts.css", "assets/stylesheets/stretchguide.css")
    ]
    assert places == sorted(places)
    rules = (REPO / "overrides/assets/stylesheets/stretchguide.css").read_text(encoding="utf-8").strip()
    assert rules in joined


def test_a_relative_address_in_a_joined_stylesheet_still_finds_its_file():
    joined = joined_stylesheet([("assets/fonts/fonts.css", 'a{src:url("Inter.woff2")} b{src:url(../images/x.svg)}')])
    assert 'a{src:url("../fonts/Inter.woff2")} b{src:url(../images/x.svg)}' in joined


def test_data_and_absolute_addresses_in_a_joined_stylesheet_stay_as_written():
    rules = "a{background:url(\"data:image/svg+xml,%3Csvg%3E\")} b{background:url(/x.png)} c{background:url('https://a.test/y.png')}"
    assert rules in joined_stylesheet([("assets/stylesheets/a.css", rules)])


def test_the_guides_font_loads_from_the_joined_stylesheet(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    statuses = page.evaluate("[...document.fonts].filter(f => f.family.includes('Inter')).map(f => f.status)")
    assert "loaded" in statuses and "error" not in statuses, statuses


def test_no_script_of_a_page_holds_up_its_first_paint(built_site):
    """Every script a page downloads is deferred, Material's bundle too: none is needed to draw the page."""
    for path in (
        "index.html",
        f"{addresses.EXERCISES}index.html",
        f"{EXERCISE_PAGE}index.html",
        f"{SERIES_PAGE}index.html",
    ):
        page = (built_site / path).read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page)
        assert any("/bundle." in script for script in scripts), path
        assert [script for script in scripts if not re.search(r"\sdefer\b", script)] == [], path
