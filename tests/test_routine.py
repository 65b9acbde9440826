"""My routine in real Chromium: chosen on any page, kept in the browser, reordered, shared as a link, printed on one page."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from conftest import REPO, serious_accessibility_problems
from playwright.sync_api import Page, expect
from test_calendar import downloaded, events
from test_print import PAPERS, catalog, printed_pages, words

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Iterator[Page]:
    yield context.new_page()


@pytest.fixture
def three(built_site) -> list[dict]:
    exercises = catalog(built_site, "exercises")
    assert len(exercises) >= 3, "these tests need three exercises in the built site"
    return exercises[:3]


def open_routine(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("[data-routine-ready]").wait_for(state="attached")


def shown_titles(page: Page) -> list[str]:
    return page.locator(".sg-routine__title").all_inner_texts()


def add_from_pages(page: Page, base_url: str, exercises: list[dict]) -> None:
    """The first from its card in the exercise index, the others from their own pages."""
    page.goto(f"{base_url}exercises/")
    page.locator(f'.sg-card [data-routine-add="{exercises[0]["slug"]}"]').click()
    for exercise in exercises[1:]:
        page.goto(f"{base_url}exercises/{exercise['slug']}/")
        page.locator(f'[data-routine-add="{exercise["slug"]}"]').click()


def test_three_exercises_added_from_different_pages_are_listed_in_that_order(page, base_url, three):
    add_from_pages(page, base_url, three)
    open_routine(page, f"{base_url}routine/")
    assert shown_titles(page) == [exercise["title"] for exercise in three]


def test_the_add_button_is_a_toggle_that_says_what_it_did(page, base_url, three):
    exercise = three[0]
    page.goto(f"{base_url}exercises/{exercise['slug']}/")
    button = page.get_by_role("button", name="Add to my routine")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("status").filter(has_text="added")).to_have_text(
        f"{exercise['title']} added to your routine: 1 exercise."
    )
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("status").filter(has_text="out of")).to_have_text(
        f"{exercise['title']} taken out of your routine: 0 exercises."
    )


def test_each_index_card_has_its_own_add_button(page, built_site, base_url):
    page.goto(f"{base_url}exercises/")
    for exercise in catalog(built_site, "exercises"):
        expect(page.get_by_role("button", name=f"Add to my routine: {exercise['title']}", exact=True)).to_be_visible()


def test_moving_an_exercise_up_is_kept_after_a_reload(page, base_url, three):
    add_from_pages(page, base_url, three)
    open_routine(page, f"{base_url}routine/")
    page.get_by_role("button", name=f"Move {three[2]['title']} up").click()
    expected = [three[0]["title"], three[2]["title"], three[1]["title"]]
    assert shown_titles(page) == expected
    expect(page.locator("[data-routine-status]")).to_have_text(f"{three[2]['title']} moved to 2 of 3.")
    open_routine(page, f"{base_url}routine/")
    assert shown_titles(page) == expected


def test_the_keyboard_moves_an_exercise_and_keeps_the_focus_on_it(page, base_url, three):
    add_from_pages(page, base_url, three)
    open_routine(page, f"{base_url}routine/")
    page.get_by_role("button", name=f"Move {three[0]['title']} down").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert shown_titles(page) == [three[1]["title"], three[2]["title"], three[0]["title"]]
    # At the bottom "down" is off, so the focus moves to the item's first button still on.
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"Move {three[0]['title']} up"


def test_removing_an_exercise_takes_it_out_of_the_list_and_the_storage(page, base_url, three):
    add_from_pages(page, base_url, three)
    open_routine(page, f"{base_url}routine/")
    page.get_by_role("button", name=f"Remove {three[1]['title']}").click()
    open_routine(page, f"{base_url}routine/")
    assert shown_titles(page) == [three[0]["title"], three[2]["title"]]


def test_the_share_link_opens_the_same_routine_in_a_fresh_browser_and_offers_to_keep_it(page, browser, base_url, three):
    add_from_pages(page, base_url, three)
    open_routine(page, f"{base_url}routine/")
    link = page.locator("[data-routine-link]").input_value()
    assert link == f"{base_url}routine/?e=" + ",".join(exercise["slug"] for exercise in three)
    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        open_routine(other, link)
        assert shown_titles(other) == [exercise["title"] for exercise in three]
        expect(other.locator("[data-routine-shared-text]")).to_have_text("This link holds a routine of 3 exercises.")
        other.get_by_role("button", name="Keep this routine").click()
        open_routine(other, f"{base_url}routine/")
        assert shown_titles(other) == [exercise["title"] for exercise in three]
    finally:
        fresh.close()


def test_a_shared_link_leaves_out_what_the_guide_lacks_and_never_makes_it_markup(page, base_url, three):
    hostile = '<img src=x onerror="document.title=1">'
    open_routine(page, f"{base_url}routine/?e={three[0]['slug']},{quote(hostile)},no-such-exercise")
    assert shown_titles(page) == [three[0]["title"]]
    expect(page.locator("[data-routine-ignored]")).to_have_text(
        "2 exercises in the link are not in the guide, so they were left out."
    )
    assert page.locator('.sg-routine img[src="x"]').count() == 0


def test_each_dose_reads_as_on_the_exercise_index(page, built_site, base_url):
    exercises = catalog(built_site, "exercises")
    page.goto(f"{base_url}exercises/")
    on_cards = page.locator(".sg-card__dose").all_inner_texts()
    open_routine(page, f"{base_url}routine/?e=" + ",".join(exercise["slug"] for exercise in exercises))
    assert page.locator(".sg-routine__dose").all_inner_texts() == on_cards


@pytest.mark.parametrize("paper", PAPERS)
def test_the_routine_prints_on_one_page_with_every_title_and_its_link(page, base_url, three, paper, tmp_path):
    open_routine(page, f"{base_url}routine/?e=" + ",".join(exercise["slug"] for exercise in three))
    page.locator("[data-routine-paper]").select_option(paper.lower())
    page.evaluate("document.fonts.ready")
    pages = printed_pages(page.pdf(format=paper), tmp_path)
    assert len(pages) == 1
    text = words(pages[0])
    for exercise in three:
        assert words(exercise["title"]) in text
    assert "SAFETY" in text and "Scan for this routine online" in text  # the heading is set in capitals
    expect(page.locator("[data-routine-fit]")).to_be_hidden()


def test_the_printed_routine_carries_a_qr_code_of_its_link(page, base_url, three):
    open_routine(page, f"{base_url}routine/?e=" + ",".join(exercise["slug"] for exercise in three))
    link = f"{base_url}routine/?e=" + ",".join(exercise["slug"] for exercise in three)
    code = page.locator("[data-sheet-qr] svg")
    expect(code).to_have_attribute("aria-label", f"QR code linking to {link}")
    assert re.fullmatch(r"(M\d+ \d+h1v1h-1z)+", code.locator("path").get_attribute("d"))
    expect(page.locator("[data-sheet-url]")).to_have_text(link)


def test_the_pdf_command_shown_makes_the_same_sheet_under_the_routines_name(page, base_url, three, tmp_path):
    name = "Tom's $(touch pwned) desk"  # read by a shell as it is written, and nothing in it runs
    open_routine(page, f"{base_url}routine/?e=" + ",".join(exercise["slug"] for exercise in three))
    page.get_by_label("Name of your routine").fill(name)
    command = shlex.split(page.locator("[data-routine-command]").inner_text())
    slugs = ",".join(exercise["slug"] for exercise in three)
    assert command == ["scripts/build_pdf.py", "--exercises", slugs, "--title", name]
    output = tmp_path / "routine.pdf"
    finished = subprocess.run(
        [sys.executable, *command, "--output", str(output)], cwd=REPO, capture_output=True, text=True
    )
    assert finished.returncode == 0, finished.stderr
    pages = printed_pages(output.read_bytes(), tmp_path)
    assert len(pages) == 1 and all(words(exercise["title"]) in words(pages[0]) for exercise in three)
    assert name in words(pages[0])


def test_an_unnamed_routine_is_called_my_routine_everywhere(page, base_url, three):
    open_routine(page, f"{base_url}routine/?e={three[0]['slug']}")
    assert page.locator("[data-routine-command]").inner_text().endswith("--title 'My routine'")
    expect(page.locator("[data-sheet-title]")).to_have_text("My routine")
    assert page.get_by_label("Name of your routine").get_attribute("placeholder") == "My routine"


def test_the_name_given_is_kept_and_goes_in_the_link_and_on_paper(page, base_url, three, tmp_path):
    add_from_pages(page, base_url, three)
    open_routine(page, f"{base_url}routine/")
    page.get_by_label("Name of your routine").fill("  Desk,   at 3 & after lunch ")
    open_routine(page, f"{base_url}routine/")
    assert page.get_by_label("Name of your routine").input_value() == "Desk, at 3 & after lunch"
    link = page.locator("[data-routine-link]").input_value()
    slugs = ",".join(exercise["slug"] for exercise in three)
    assert link == f"{base_url}routine/?e={slugs}&t=" + quote("Desk, at 3 & after lunch", safe="")
    pages = printed_pages(page.pdf(format="A4"), tmp_path)
    assert len(pages) == 1 and "Desk, at 3 & after lunch" in words(pages[0])


def test_a_hostile_name_in_a_link_shows_as_text_shortened_and_titles_the_calendar_event(page, base_url, three):
    hostile = "<img src=x onerror=alert(1)>" + "x" * 500
    shown = hostile[:60]  # routine.js's NAME_LIMIT
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_routine(page, f"{base_url}routine/?e={three[0]['slug']}&t={quote(hostile)}")
    assert page.get_by_label("Name of your routine").input_value() == shown
    expect(page.locator("[data-sheet-title]")).to_have_text(shown)
    expect(page.locator("[data-routine-shared-text]")).to_have_text(
        f"This link holds \u201c{shown}\u201d, a routine of 1 exercise."
    )
    assert page.locator('img[src="x"]').count() == 0 and dialogs == []
    page.get_by_role("button", name="Add to calendar").click()
    found = events(downloaded(page)[1])
    assert found and all(str(event["SUMMARY"]) == shown for event in found)
    assert all(str(event["URL"]) == page.locator("[data-routine-link]").input_value() for event in found)


def test_the_routine_pages_calendar_form_is_the_series_pages(page, built_site, base_url, three):
    def fields(url: str) -> list[list[str]]:
        page.goto(url)
        page.get_by_role("button", name="Add to calendar").click()
        return page.locator("[data-calendar-form]").evaluate(
            """form => Array.from(form.querySelectorAll("input, select, button"), (field) =>
                [field.tagName, field.type, field.closest("label") ? field.closest("label").textContent.trim() : field.textContent.trim()])"""
        )

    series = catalog(built_site, "series")[0]
    on_series = fields(f"{base_url}series/{series['slug']}/")
    assert on_series != []
    assert fields(f"{base_url}routine/?e={three[0]['slug']}") == on_series


def test_start_and_calendar_show_exactly_when_the_session_script_offers_them(page, base_url, three):
    open_routine(page, f"{base_url}routine/?e={three[0]['slug']}")
    page.wait_for_load_state("load")
    has_session = page.evaluate("Boolean(window.stretchGuide.session && window.stretchGuide.session.start)")
    has_calendar = page.evaluate("Boolean(window.stretchGuide.calendar && window.stretchGuide.calendar.download)")
    assert page.locator("[data-routine-start]").is_visible() == has_session
    assert page.locator("[data-routine-calendar]").is_visible() == has_calendar


def test_an_empty_routine_points_to_the_exercises(page, base_url):
    open_routine(page, f"{base_url}routine/")
    expect(page.locator("[data-routine-empty]")).to_have_text(
        "Your routine is empty. Choose exercises with Add to my routine."
    )
    expect(page.locator("[data-routine-print]")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["routine/?e={slugs}", "exercises/", "exercises/{first}/"])
def test_the_routine_and_its_buttons_have_no_serious_accessibility_problems(browser, base_url, three, path, scheme):
    url = base_url + path.format(slugs=",".join(exercise["slug"] for exercise in three), first=three[0]["slug"])
    assert serious_accessibility_problems(browser, url, scheme=scheme) == []


def test_the_printed_routine_and_series_give_the_same_safety_advice_as_the_pdf_sheets():
    def safety_lines(*path: str) -> list[str]:
        template = REPO.joinpath(*path).read_text(encoding="utf-8")
        box = re.search(r'<aside class="[^"]*safety[^"]*".*?</aside>', template, re.S).group(0)
        return re.findall(r"<li>(.*?)</li>", box)

    sheet = safety_lines("stretchguide", "sheet", "templates", "sheet.html")
    assert sheet != []
    assert safety_lines("overrides", "routine.html") == sheet
    assert safety_lines("stretchguide", "site", "templates", "series.html.j2") == sheet


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_named_routine_and_its_calendar_form_have_no_serious_accessibility_problems(
    browser, base_url, three, scheme
):
    def open_form(page):
        page.locator("[data-routine-ready]").wait_for(state="attached")
        page.get_by_role("button", name="Add to calendar").click()
        page.locator("[data-calendar-form]").wait_for()

    url = f"{base_url}routine/?e={three[0]['slug']}&t=Desk%20break"
    assert serious_accessibility_problems(browser, url, scheme=scheme, then=open_form) == []
