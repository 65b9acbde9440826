"""The offline copy in real Chromium: what a reader opened opens again without a connection, the whole guide on request, one build at a time."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import served
from playwright.sync_api import Browser, BrowserContext, Page, expect

from stretchguide.site.offline import write_offline_files

pytestmark = pytest.mark.browser

NOT_SAVED = "not in the offline copy"


@dataclass
class Reader:
    """A reader's browser with its own storage, and everything it asked for and was told off for."""

    context: BrowserContext
    page: Page
    requested: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


@pytest.fixture
def reader(browser: Browser) -> Iterator[Reader]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = Reader(context, context.new_page())
    context.on("request", lambda request: reader.requested.append(request.url))
    reader.page.on(
        "console",
        lambda message: reader.refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield reader
    context.close()


@pytest.fixture(scope="module")
def base_url(built_site) -> Iterator[str]:
    """The built guide, served with nothing for the browser's own cache to keep."""
    with served(built_site, http_cache=False) as url:
        yield url


def exercises(site: Path) -> list[dict]:
    return json.loads((site / "exercises.json").read_text(encoding="utf-8"))["exercises"]


def first_series(site: Path) -> str:
    return json.loads((site / "series.json").read_text(encoding="utf-8"))["series"][0]["slug"]


def open_online(page: Page, url: str) -> None:
    """Open a page and wait until the worker controls it and has kept it."""
    page.goto(url, wait_until="networkidle")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    wait_until_kept(page, url)


def wait_until_kept(page: Page, url: str) -> None:
    wait_until(page, "url => caches.match(url).then(Boolean)", url)


def wait_until(page: Page, condition: str, arg: object, seconds: float = 30) -> None:
    """Wait until the page's asynchronous `condition` holds (wait_for_function takes a promise for true)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(condition, arg):
        assert time.monotonic() < deadline, f"still false after {seconds} s: {condition} ({arg})"
        page.wait_for_timeout(100)


def sheets_of(page: Page) -> list[str]:
    return page.locator('a[href$=".pdf"]').evaluate_all("links => links.map(link => link.href)")


def first_bytes(page: Page, url: str) -> str:
    """The first bytes of `url` as this page fetches it: through the worker, like the PDF viewer."""
    script = "url => fetch(url).then(r => r.arrayBuffer()).then(b => new TextDecoder().decode(b.slice(0, 5)))"
    return page.evaluate(script, url)


def expect_offline_copy(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url
    expect(page.get_by_role("status").filter(has_text="Offline copy")).to_be_visible()


def cache_names(page: Page) -> list[str]:
    return page.evaluate("caches.keys()")


def test_pages_a_reader_opened_open_offline_with_pictures_sheets_and_search(reader, built_site, base_url):
    exercise = exercises(built_site)[0]
    exercise_url, series_url = (
        f"{base_url}exercises/{exercise['slug']}/",
        f"{base_url}series/{first_series(built_site)}/",
    )
    page = reader.page
    open_online(page, base_url)
    open_online(page, exercise_url)
    open_online(page, series_url)
    sheet = sheets_of(page)[0]
    wait_until_kept(page, sheet)

    reader.context.set_offline(True)
    expect_offline_copy(page, base_url)
    expect_offline_copy(page, series_url)
    assert first_bytes(page, sheet) == "%PDF-"
    expect_offline_copy(page, exercise_url)
    expect(page.locator("h1")).to_have_text(exercise["title"])
    assert page.locator("article img").evaluate_all("images => images.every(i => i.complete && i.naturalWidth > 0)")
    page.locator(".md-search__input").click()
    page.keyboard.type(exercise["title"])
    results = page.locator(".md-search-result__item > .md-search-result__link")
    expect(results.first).to_have_attribute("href", re.compile(rf"^{re.escape(exercise_url)}(\?|$)"))

    assert reader.refused == []
    assert [url for url in reader.requested if not url.startswith(base_url)] == []


def test_online_the_page_does_not_say_it_is_the_offline_copy(reader, base_url):
    open_online(reader.page, base_url)
    reader.page.reload(wait_until="networkidle")
    expect(reader.page.get_by_text("Offline copy")).to_have_count(0)


def test_a_page_never_opened_says_it_is_not_saved_offline(reader, built_site, base_url):
    open_online(reader.page, base_url)
    reader.context.set_offline(True)
    reader.page.goto(f"{base_url}exercises/{exercises(built_site)[-1]['slug']}/")
    expect(reader.page.get_by_text(NOT_SAVED)).to_be_visible()


def test_saving_the_guide_opens_every_page_offline(reader, built_site, base_url):
    page = reader.page
    open_online(page, base_url)
    page.get_by_role("button", name="Save the guide for offline use").click()
    expect(page.get_by_role("status").filter(has_text="Saved: the whole guide")).to_be_visible(timeout=60_000)

    reader.context.set_offline(True)
    expect_offline_copy(page, f"{base_url}exercises/{exercises(built_site)[-1]['slug']}/")
    expect_offline_copy(page, f"{base_url}about/")
    assert [url for url in reader.requested if not url.startswith(base_url)] == []


def test_a_new_build_replaces_the_offline_copy_and_its_old_cache(reader, built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    slug = exercises(site)[0]["slug"]
    with served(site, http_cache=False) as base_url:
        page = reader.page
        exercise_url = f"{base_url}exercises/{slug}/"
        open_online(page, base_url)
        open_online(page, exercise_url)
        [old] = cache_names(page)

        built = site / "exercises" / slug / "index.html"
        built.write_text(built.read_text(encoding="utf-8").replace("</h1>", " (new build)</h1>", 1), encoding="utf-8")
        version = write_offline_files(site)
        page.evaluate("navigator.serviceWorker.getRegistration().then(registration => registration.update())")
        wait_until(page, "name => caches.keys().then(names => !names.includes(name))", old)

        assert cache_names(page) == [f"stretchguide / {version}"]  # the guide at the host's root, this build
        reader.context.set_offline(True)
        expect_offline_copy(page, exercise_url)
        expect(page.locator("h1")).to_contain_text("(new build)")
