"""The series pages show each exercise's picture large enough to recognise: about 180 px on a desktop, most of a phone's card."""

from __future__ import annotations

import pytest

from stretchguide.loader import load_catalog
from tests.conftest import REPO

SERIES = sorted(load_catalog(REPO / "content", root=REPO).series)


def picture_boxes(browser, url: str, width: int) -> list[tuple[dict, dict]]:
    """(picture, card) bounding boxes of each exercise in the page's sequence, at a viewport `width` px wide."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(url)
        items = page.locator("ol.sg-sequence > li")
        return [
            (items.nth(index).locator(".sg-thumb").bounding_box(), items.nth(index).bounding_box())
            for index in range(items.count())
        ]
    finally:
        context.close()


@pytest.mark.parametrize("slug", SERIES)
def test_on_a_desktop_each_exercise_picture_is_160_to_200_pixels_wide(browser, base_url, slug):
    boxes = picture_boxes(browser, f"{base_url}series/{slug}/", 1280)
    assert boxes
    for picture, _ in boxes:
        assert 160 <= picture["width"] <= 200 and picture["height"] >= 140


@pytest.mark.parametrize("slug", SERIES)
def test_on_a_360_pixel_phone_each_exercise_picture_spans_most_of_its_card(browser, base_url, slug):
    boxes = picture_boxes(browser, f"{base_url}series/{slug}/", 360)
    assert boxes
    for picture, card in boxes:
        assert picture["width"] >= 0.8 * card["width"] and picture["height"] >= 0.8 * picture["width"]
