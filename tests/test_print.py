"""Printing the guide's pages from the browser: each exercise and each series on one page, with none of the screen's furniture."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAPERS = ("A4", "Letter")


def printed_pages(pdf: bytes, folder: Path) -> list[str]:
    """The text of each page of `pdf`, as poppler's pdftotext reads it (pages end in a form feed)."""
    path = folder / "printed.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def words(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces, to find a sentence that wraps."""
    return " ".join(text.replace("-\n", "-").split())


def catalog(built_site: Path, kind: str) -> list[dict]:
    return json.loads((built_site / f"{kind}.json").read_text(encoding="utf-8"))[kind]


@pytest.fixture
def page(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def printed(page: Page, url: str, folder: Path) -> dict[str, list[str]]:
    """Each paper's pages of the page at `url`, printed as the browser's print dialog would."""
    page.goto(url, wait_until="load")
    page.emulate_media(media="print")
    try:
        return {paper: printed_pages(page.pdf(format=paper), folder) for paper in PAPERS}
    finally:
        page.emulate_media(media="screen")


def test_every_exercise_page_prints_on_one_page_with_its_cautions_whole(page, built_site, base_url, tmp_path):
    for exercise in catalog(built_site, "exercises"):
        for paper, pages in printed(page, f"{base_url}exercises/{exercise['slug']}/", tmp_path).items():
            assert len(pages) == 1, f"{exercise['slug']} prints on {len(pages)} pages of {paper}"
            text = words(pages[0])
            for caution in exercise["cautions"]:
                assert words(caution) in text, f"{exercise['slug']}: a caution is missing on {paper}: {caution}"


def test_a_printed_exercise_shows_its_dose_steps_and_address(page, built_site, base_url, tmp_path):
    exercise = catalog(built_site, "exercises")[0]
    text = words(printed(page, f"{base_url}exercises/{exercise['slug']}/", tmp_path)["A4"][0])
    assert "HOW MUCH" in text  # the label is set in capitals
    for step in exercise["steps"]:
        assert words(step) in text
    assert f"Online: {exercise['url']}" in text


def test_a_printed_exercise_shows_its_start_and_end_side_by_side_and_not_the_moving_figure(page, built_site, base_url):
    drawn = next(exercise for exercise in catalog(built_site, "exercises") if exercise.get("figure"))
    page.goto(f"{base_url}exercises/{drawn['slug']}/", wait_until="networkidle")
    page.locator(".sg-figure__art svg.stretch-figure").wait_for()  # the script has put the animation in place
    page.emulate_media(media="print")
    assert not page.locator(".sg-figure__art").is_visible()
    poses = page.locator(".sg-print-poses__pose")
    assert poses.all_inner_texts() == ["START", "END"]  # the captions are set in capitals
    start, end = (poses.nth(index).locator("img") for index in (0, 1))
    for picture in (start, end):
        assert picture.is_visible() and picture.evaluate("image => image.complete && image.naturalWidth > 0")
    assert start.get_attribute("src") != end.get_attribute("src")
    left, right = start.bounding_box(), end.bounding_box()
    assert abs(left["y"] - right["y"]) < 1 and right["x"] >= left["x"] + left["width"]


def test_every_series_page_prints_on_one_page_with_each_exercise_and_its_first_step(
    page, built_site, base_url, tmp_path
):
    exercises = {exercise["slug"]: exercise for exercise in catalog(built_site, "exercises")}
    for series in catalog(built_site, "series"):
        for paper, pages in printed(page, f"{base_url}series/{series['slug']}/", tmp_path).items():
            assert len(pages) == 1, f"{series['slug']} prints on {len(pages)} pages of {paper}"
            text = words(pages[0])
            assert words(series["title"]) in text
            for item in series["exercises"]:
                exercise = exercises[item["exercise"]]
                assert words(exercise["title"]) in text, f"{series['slug']}: {exercise['slug']} is missing on {paper}"
                assert words(exercise["steps"][0]) in text, (
                    f"{series['slug']}: {exercise['slug']}'s first step on {paper}"
                )


def test_a_printed_series_is_laid_out_as_its_sheet_with_tips_safety_and_its_address(
    page, built_site, base_url, tmp_path
):
    series = catalog(built_site, "series")[0]
    exercises = {exercise["slug"]: exercise for exercise in catalog(built_site, "exercises")}
    text = words(printed(page, f"{base_url}series/{series['slug']}/", tmp_path)["A4"][0])
    for item in series["exercises"]:
        exercise = exercises[item["exercise"]]
        for step in exercise["steps"][:4]:  # as many as the PDF sheet prints
            assert words(step) in text
        if exercise["cues"]:
            assert f"TIP {words(exercise['cues'][0])}" in text  # the label is set in capitals
    assert "SAFETY" in text and "Stop if pain increases, or if numbness or tingling appears." in text
    assert series["url"] in text
    assert "Start the routine" not in text and "Sources" not in text


def test_a_printed_series_shows_every_picture(page, built_site, base_url):
    series = catalog(built_site, "series")[0]
    page.goto(f"{base_url}series/{series['slug']}/", wait_until="load")
    page.emulate_media(media="print")
    pictures = page.locator(".sg-sheet img")
    assert pictures.count() > 0
    assert pictures.evaluate_all("images => images.every(image => image.complete && image.naturalWidth > 0)")
    assert all(picture.is_visible() for picture in pictures.all())


def test_a_series_page_lists_each_exercises_steps_on_screen(page, built_site, base_url):
    series = catalog(built_site, "series")[0]
    exercises = {exercise["slug"]: exercise for exercise in catalog(built_site, "exercises")}
    page.goto(f"{base_url}series/{series['slug']}/")
    for item in series["exercises"]:
        exercise = exercises[item["exercise"]]
        steps = page.get_by_role("list", name=f"How to do {exercise['title']}", exact=True)
        assert steps.locator("li").all_inner_texts() == exercise["steps"]
    expect_hidden = page.locator("[data-print-sheet]")
    assert not expect_hidden.is_visible()  # the sheet is for paper only


def test_paper_has_no_navigation_search_buttons_or_footer(page, built_site, base_url, tmp_path):
    exercise = catalog(built_site, "exercises")[0]
    page.goto(f"{base_url}exercises/{exercise['slug']}/", wait_until="networkidle")
    page.emulate_media(media="print")
    furniture = ".md-header, .md-tabs, .md-footer, .md-search, .md-sidebar, .sg-crumbs, .md-typeset button"
    shown = page.locator(furniture).evaluate_all(
        "found => found.filter(element => element.getClientRects().length > 0).length"
    )
    assert shown == 0
    text = words(printed_pages(page.pdf(format="A4"), tmp_path)[0])
    for label in ("All exercises", "Add to my routine", "Pause animation", "Search"):
        assert label not in text
