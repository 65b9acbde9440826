"""Add to calendar: the .ics file a series page makes in the browser, read back with the icalendar package."""

from __future__ import annotations

import datetime
import json

import icalendar
import pytest
from conftest import serious_accessibility_problems

pytestmark = pytest.mark.browser

TODAY = datetime.datetime(2026, 12, 1, 9, 0)  # the page's clock: a Tuesday
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


@pytest.fixture(scope="module")
def series(built_site) -> dict:
    """Any series of the built guide: what is checked holds for each."""
    return json.loads((built_site / "series.json").read_text(encoding="utf-8"))["series"][0]


@pytest.fixture
def page(browser, base_url, series):
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    opened.clock.install(time=TODAY)
    opened.goto(f"{base_url}series/{series['slug']}/")
    opened.get_by_role("button", name="Add to calendar").click()
    yield opened
    context.close()


def downloaded(page) -> tuple[str, str]:
    """(file name, text) of the file the form hands the browser."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the calendar file").click()
    path = download.value.path()
    with open(path, encoding="utf-8", newline="") as file:
        return download.value.suggested_filename, file.read()


def events(text: str) -> list:
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


def test_the_file_has_a_weekly_event_at_each_default_time_on_weekdays(page, series):
    name, text = downloaded(page)
    assert name.endswith(".ics")
    found = events(text)
    assert [event.decoded("DTSTART").time() for event in found] == [datetime.time(10, 30), datetime.time(15, 0)]
    for event in found:
        assert event.decoded("DTSTART").tzinfo is None  # floating: at 10:30 wherever the reader is
        assert event.decoded("DTSTART").date() == TODAY.date()  # today is a weekday
        assert event["RRULE"]["FREQ"] == ["WEEKLY"]
        assert event["RRULE"]["BYDAY"] == WEEKDAYS


def test_each_event_is_titled_with_the_routine_and_links_back_to_its_page(page, series, base_url):
    address = f"{base_url}series/{series['slug']}/"
    for event in events(downloaded(page)[1]):
        assert str(event["SUMMARY"]) == series["title"]
        assert str(event["URL"]) == address
        assert address in str(event["DESCRIPTION"])


def test_each_event_has_its_own_uid_and_a_timestamp(page):
    found = events(downloaded(page)[1])
    assert len({str(event["UID"]) for event in found}) == len(found)
    assert all(event.decoded("DTSTAMP").tzinfo is not None for event in found)  # DTSTAMP is in UTC


def test_the_times_and_days_the_reader_picks_are_the_ones_in_the_file(page):
    times = page.locator("[data-calendar-time]")
    times.nth(0).fill("07:15")
    times.nth(1).fill("")
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(day).uncheck()
    for day in ("Saturday", "Sunday"):
        page.get_by_label(day).check()
    (event,) = events(downloaded(page)[1])
    assert event["RRULE"]["BYDAY"] == ["SA", "SU"]
    start = event.decoded("DTSTART")
    assert (start.time(), start.date()) == (datetime.time(7, 15), datetime.date(2026, 12, 5))  # the first Saturday


def test_without_a_day_the_form_says_so_and_downloads_nothing(page):
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"):
        page.get_by_label(day).uncheck()
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_role("button", name="Download the calendar file").click()
    assert page.get_by_role("status").filter(has_text="Choose").inner_text() == "Choose at least one time and one day."
    assert downloads == []


def test_the_file_is_made_in_the_browser_and_nothing_is_sent(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    downloaded(page)
    assert [url for url in requests if not url.startswith("blob:")] == []


def test_long_and_special_titles_are_folded_and_escaped_as_rfc_5545_says(page):
    title = "Pause, stretch; breathe\\repeat — a long routine title with ünïcödé letters " * 2
    text = page.evaluate("(title) => stretchGuide.calendar.file({title, url: '/series/x/'})", title)
    lines = text.split("\r\n")
    assert lines[-1] == "" and "\n" not in "".join(lines)  # every line ends in CRLF, and only there
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert [str(event["SUMMARY"]) for event in events(text)] == [title, title]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_calendar_form_has_no_serious_accessibility_problems(browser, base_url, series, scheme):
    def open_form(page):
        page.get_by_role("button", name="Add to calendar").click()

    url = f"{base_url}series/{series['slug']}/"
    assert serious_accessibility_problems(browser, url, scheme=scheme, then=open_form) == []
