"""The data a series page carries for its guided session, and session.json for any other list."""

from __future__ import annotations

import html
import json
import re

from stretchguide.cache import project_cache
from stretchguide.loader import load_catalog
from stretchguide.site import Site
from stretchguide.site.session import TIMING

SITE_URL = "https://guide.example/"


def site_of(content) -> Site:
    catalog = load_catalog(content.dir, root=content.root)
    return Site(catalog, content_dir=content.dir, site_url=SITE_URL, cache=project_cache(content.root))


def page_data(site: Site, slug: str) -> dict:
    page = site.page_content(f"series/{slug}.md", "")
    (attribute,) = re.findall(r'data-session="([^"]*)"', page)
    return json.loads(html.unescape(attribute))


def test_a_series_page_carries_its_exercises_with_the_series_doses_and_the_paces(content):
    data = page_data(site_of(content.with_pictures()), "desk-break")
    assert (data["title"], data["timing"]) == ("Desk Break", TIMING)
    assert [record["slug"] for record in data["exercises"]] == [
        "seated-thoracic-rotation",
        "shoulder-rolls",
        "chin-tucks",
    ]
    assert data["exercises"][1]["dose"] == {
        "reps": 5,
        "hold_seconds": 3,
        "per_side": True,
    }  # the series' reps, no frequency
    assert data["exercises"][1]["url"] == f"{SITE_URL}exercises/shoulder-rolls/"
    assert data["exercises"][1]["picture"]["src"] == "exercises/shoulder-rolls/figure.svg"


def test_an_exercise_without_a_picture_has_none_in_the_session(content):
    assert [record["picture"] for record in page_data(site_of(content), "desk-break")["exercises"]] == [None] * 3


def test_the_page_data_stays_inert_whatever_an_entry_says(content):
    content.series(
        "desk-break",
        (content.dir / "series" / "desk-break.yml")
        .read_text()
        .replace("title: Desk Break", "title: 'Desk & \"break\" > 3 < 4'"),
    )
    page = site_of(content).page_content("series/desk-break.md", "")
    (attribute,) = re.findall(r'data-session="([^"]*)"', page)
    assert not set('<>"') & set(attribute)  # the attribute cannot end early, nor hold a tag
    assert page_data(site_of(content), "desk-break")["title"] == 'Desk & "break" > 3 < 4'


def test_session_json_gives_the_paces_and_each_exercise_picture(content):
    files = {generated.path: generated.content for generated in site_of(content.with_pictures()).generated_files()}
    session = json.loads(files["session.json"])
    assert session["timing"] == TIMING
    assert session["pictures"]["chin-tucks"]["src"] == "exercises/chin-tucks/figure.svg"
