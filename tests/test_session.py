"""The guided session on a series page, in real Chromium with the page's clock in the test's hands.

A series of its own (four exercises, one per kind of dose) goes into a copy of the guide, so what is
checked follows from those doses and the session's paces, never from the real catalog.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIGURE, exercise_text, mkdocs, project_copy, serious_accessibility_problems, served
from test_offline import open_online, wait_until_kept

from stretchguide.site.session import TIMING

pytestmark = pytest.mark.browser

# Doses of every kind; the slugs are ones no real entry will take.
DOSES = {
    "trial-session-hold": "  hold_seconds: 20\n  per_side: true\n",
    "trial-session-breaths": "  breaths: 6\n",
    "trial-session-reps": "  reps: 6\n  sets: 2\n",
    "trial-session-repeated-hold": "  hold_seconds: 10\n  reps: 2\n",
}
SERIES_BREATHS = 3  # the series asks for fewer breaths than the exercise: the series' dose is the one timed
SERIES = f"""\
title: Trial Session Routine
summary: Four moves, one of each kind of dose.
exercises:
  - exercise: trial-session-hold
  - exercise: trial-session-breaths
    dose: {{breaths: {SERIES_BREATHS}}}
  - exercise: trial-session-reps
  - exercise: trial-session-repeated-hold
reviewed: "2026-11-01"
"""
TITLES = ["Trial Session Hold", "Trial Session Breaths", "Trial Session Reps", "Trial Session Repeated Hold"]
CLOCK_START = datetime.datetime(2026, 12, 1, 8, 0)
READY, REST, SET_REST = TIMING["get_ready"], TIMING["between_exercises"], TIMING["between_sets"]

# What the screen says, for how many seconds, from start to end.
TIMELINE = [
    ("Get ready", READY),
    ("Hold", 20),
    ("Now the other side", READY),
    ("Hold", 20),
    ("Rest", REST),
    ("Get ready", READY),
    ("Slow breaths", SERIES_BREATHS * TIMING["breath"]),
    ("Rest", REST),
    ("Get ready", READY),
    ("Reps", 6 * TIMING["rep"]),
    ("Rest before set 2 of 2", SET_REST),
    ("Reps", 6 * TIMING["rep"]),
    ("Rest", REST),
    ("Get ready", READY),
    ("Hold 1 of 2", 10),
    ("Let go and breathe", TIMING["rep"]),
    ("Hold 2 of 2", 10),
    ("Well done: that was the whole routine", None),
]


def entry(slug: str) -> str:
    title = TITLES[list(DOSES).index(slug)]
    text = exercise_text(title)
    dose_start, steps_start = text.index("dose:\n"), text.index("steps:\n")
    text = f"{text[:dose_start]}dose:\n{DOSES[slug]}  times_per_day: 1\n{text[steps_start:]}"
    text = text.replace(
        "  - Move only as far as you can without pain.\n",
        "  - Move only as far as you can without pain.\ncues:\n  - Keep breathing.\n",
    )
    front, _, body = text[4:].partition("\n---\n")
    return f"---\n{front}\n{FIGURE}---\n{body}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = project_copy(tmp_path_factory.mktemp("session"))
    for slug in DOSES:
        (project / "content" / "exercises" / f"{slug}.md").write_text(entry(slug), encoding="utf-8")
    (project / "content" / "series" / "trial-session-routine.yml").write_text(SERIES, encoding="utf-8")
    config = project / "mkdocs.yml"  # no PDF sheets: they are not what is tested here
    config.write_text(config.read_text().replace("  - stretchguide\n", "  - stretchguide:\n      sheets: false\n"))
    finished = mkdocs(project, "build", "--strict", "-d", str(project / "site"))
    assert finished.returncode == 0, finished.stderr
    return project / "site"


@pytest.fixture(scope="module")
def series_url(site) -> Iterator[str]:
    with served(site) as url:
        yield url + "series/trial-session-routine/"


@pytest.fixture
def page(browser, series_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.clock.install(time=CLOCK_START)
    opened.goto(series_url)
    opened.clock.pause_at(CLOCK_START + datetime.timedelta(minutes=1))  # from here on, time moves only when a test says
    yield opened
    context.close()


def dialog(page):
    return page.locator(".sg-session[role=dialog]")


def start(page) -> None:
    page.get_by_role("button", name="Start the routine").click()
    dialog(page).wait_for()


def phase(page) -> str:
    return page.locator("[data-session-phase]").inner_text()


def count(page) -> str:
    return page.locator("[data-session-count]").inner_text()


def announced(page) -> str:
    return page.locator("[data-session-announce]").inner_text()


def seconds_until_change(page, limit: int = 120) -> int:
    """Whole seconds of the page's clock until the live region says something new."""
    before = announced(page)
    for second in range(1, limit + 1):
        page.clock.run_for(1000)
        if announced(page) != before:
            return second
    raise AssertionError(f"nothing changed in {limit} s after {before!r}")


def test_the_series_page_says_as_many_minutes_as_the_guided_session_takes(page):
    session_seconds = sum(seconds for _, seconds in TIMELINE if seconds)
    assert page.locator(".sg-meta").get_by_text(f"About {round(session_seconds / 60)} minutes", exact=True).is_visible()


def test_each_step_lasts_what_its_dose_and_the_paces_say(page):
    start(page)
    seen = []
    for expected_phase, expected_seconds in TIMELINE:
        shown = phase(page)
        seen.append((shown, seconds_until_change(page) if expected_seconds is not None else None))
        assert seen[-1] == (expected_phase, expected_seconds), seen
    assert page.get_by_role("heading", name="How did that feel?").is_visible()


def test_a_hold_counts_down_by_the_second(page):
    start(page)
    page.clock.run_for(READY * 1000)
    assert (phase(page), count(page)) == ("Hold", "20")
    page.clock.run_for(19_000)
    assert (phase(page), count(page)) == ("Hold", "1")


def test_breaths_and_reps_are_counted_at_the_pace_stated_on_screen(page):
    start(page)
    for _ in range(6):  # get ready, hold, other side, hold, rest, get ready
        page.keyboard.press("ArrowRight")
    breath = TIMING["breath"]
    assert page.locator("[data-session-pace]").inner_text() == f"A slow breath takes about {breath} s: in, then out."
    assert page.locator("[data-session-unit]").inner_text() == f"Breath 1 of {SERIES_BREATHS}: breathe in"
    page.clock.run_for(breath * 1000 // 2 + 100)
    assert page.locator("[data-session-unit]").inner_text() == f"Breath 1 of {SERIES_BREATHS}: breathe out"
    page.clock.run_for(breath * 1000 // 2)
    assert page.locator("[data-session-unit]").inner_text() == f"Breath 2 of {SERIES_BREATHS}: breathe in"
    for _ in range(3):  # rest, get ready, reps
        page.keyboard.press("ArrowRight")
    assert page.locator("[data-session-pace]").inner_text() == f"About {TIMING['rep']} s a rep."
    page.clock.run_for(TIMING["rep"] * 1000)
    assert page.locator("[data-session-unit]").inner_text() == "Rep 2 of 6"


def test_a_per_side_dose_says_now_the_other_side(page):
    start(page)
    assert page.locator("[data-session-detail]").inner_text() == "First side"
    page.clock.run_for((READY + 20) * 1000)
    assert phase(page) == "Now the other side"
    assert page.locator("[data-session-detail]").inner_text() == "Other side"
    assert announced(page) == f"Now the other side, {READY} seconds. Other side."


def test_pause_stops_the_clock_and_resume_goes_on_from_there(page):
    start(page)
    page.clock.run_for((READY + 5) * 1000)
    assert count(page) == "15"
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(60_000)
    assert (phase(page), count(page)) == ("Hold", "15")
    assert announced(page) == "Paused. Press Resume, or Space, to go on."
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(15_000)
    assert phase(page) == "Now the other side"


def test_skip_goes_to_the_next_step_and_back_to_the_one_before(page):
    start(page)
    page.get_by_role("button", name="Skip").click()
    assert (phase(page), count(page)) == ("Hold", "20")
    page.get_by_role("button", name="Skip").click()
    assert phase(page) == "Now the other side"
    page.clock.run_for(2000)
    page.get_by_role("button", name="Back").click()
    assert (phase(page), count(page)) == ("Hold", "20")


def test_back_is_not_offered_on_the_first_step(page):
    start(page)
    assert page.get_by_role("button", name="Back").is_disabled()


def test_progress_says_which_exercise_of_how_many(page):
    start(page)
    progress = page.locator("[data-session-progress]")
    assert progress.inner_text() == "1 of 4"
    for _ in range(4):  # get ready, hold, other side, hold
        page.get_by_role("button", name="Skip").click()
    assert (phase(page), progress.inner_text()) == ("Rest", "2 of 4")
    assert page.locator("[data-session-detail]").inner_text() == f"Next: {TITLES[1]}"


def test_the_end_screen_asks_how_it_felt_and_points_to_the_safety_page(page):
    start(page)
    for _ in TIMELINE[:-1]:
        page.get_by_role("button", name="Skip").click()
    session = dialog(page)
    assert session.get_by_role("heading", name="How did that feel?").is_visible()
    assert "Pain, numbness or tingling: stop" in session.inner_text()
    assert (
        session.get_by_role("link", name="When to stop, and when to see a professional")
        .get_attribute("href")
        .endswith("/safety/")
    )
    assert page.locator("[data-session-progress]").inner_text() == "Finished"
    assert (
        announced(page)
        == "Finished: that was the whole routine. How did that feel? Stop if you felt pain, numbness or tingling."
    )


def test_the_live_region_announces_each_step_politely(page):
    start(page)
    region = page.locator("[data-session-announce]")
    assert (region.get_attribute("aria-live"), region.get_attribute("role")) == ("polite", "status")
    said = [announced(page)]
    for _ in range(5):
        page.get_by_role("button", name="Skip").click()
        said.append(announced(page))
    assert said == [
        f"Exercise 1 of 4: {TITLES[0]}. Get ready, {READY} seconds. First side.",
        "Hold, 20 seconds. First side.",
        f"Now the other side, {READY} seconds. Other side.",
        "Hold, 20 seconds. Other side.",
        f"Rest, {REST} seconds. Next: exercise 2 of 4, {TITLES[1]}.",
        f"Exercise 2 of 4: {TITLES[1]}. Get ready, {READY} seconds.",
    ]


def test_the_keyboard_pauses_moves_and_leaves(page):
    start(page)
    page.keyboard.press("Space")
    assert page.get_by_role("button", name="Resume").is_visible()
    page.keyboard.press("Space")
    assert page.get_by_role("button", name="Pause").is_visible()
    page.keyboard.press("ArrowRight")
    assert phase(page) == "Hold"
    page.keyboard.press("ArrowLeft")
    assert phase(page) == "Get ready"
    page.keyboard.press("Escape")
    assert dialog(page).count() == 0
    assert page.evaluate("document.activeElement.textContent") == "Start the routine"


def test_space_on_a_focused_button_pauses_rather_than_pressing_it(page):
    start(page)
    page.get_by_role("button", name="Skip").focus()
    page.keyboard.press("Space")
    assert (phase(page), page.get_by_role("button", name="Resume").is_visible()) == ("Get ready", True)


def test_the_session_shows_the_exercise_its_moving_figure_steps_and_key_cue(page):
    start(page)
    session = dialog(page)
    assert session.get_by_role("heading", level=2).inner_text() == TITLES[0]
    figure = session.locator("img")
    assert figure.get_attribute("src").endswith("/exercises/trial-session-hold/figure.svg")
    assert figure.evaluate("image => image.complete && image.naturalWidth > 0")
    assert (
        session.locator("li").first.inner_text()
        == "Sit tall near the front of a chair with both feet flat on the floor."
    )
    assert session.locator(".sg-session__cue").inner_text() == "Key point: Keep breathing."


def test_on_a_phone_the_session_fits_the_screen_and_its_buttons_are_large(browser, series_url):
    context = browser.new_context(viewport={"width": 360, "height": 640}, has_touch=True, is_mobile=True)
    phone = context.new_page()
    phone.goto(series_url)
    start(phone)
    assert phone.evaluate("document.querySelector('.sg-session').scrollWidth") <= 360
    for name in ("Back", "Pause", "Skip", "Leave", "Sound"):
        box = phone.get_by_role("button", name=name).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (name, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (name, box)
    controls = phone.locator(".sg-session__controls").bounding_box()
    assert controls["y"] + controls["height"] <= 640  # Pause is at hand without scrolling
    context.close()


def test_sound_and_vibration_are_off_until_chosen(page):
    start(page)
    assert page.get_by_role("button", name="Sound").get_attribute("aria-pressed") == "false"
    page.get_by_role("button", name="Sound").click()
    assert page.get_by_role("button", name="Sound").get_attribute("aria-pressed") == "true"


def test_the_screen_is_kept_awake_while_the_clock_runs_and_let_sleep_when_paused(page):
    page.evaluate("""() => {
        window.locks = [];
        navigator.wakeLock.request = async (type) => {
            const lock = { type, released: false, release: async () => { lock.released = true; } };
            window.locks.push(lock);
            return lock;
        };
    }""")
    start(page)
    assert page.evaluate("window.locks.map((lock) => [lock.type, lock.released])") == [["screen", False]]
    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.locks.map((lock) => lock.released)") == [True]


def test_without_javascript_the_page_offers_no_session(browser, series_url):
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(series_url)
    assert not plain.get_by_role("button", name="Start the routine").is_visible()
    assert plain.get_by_role("heading", name="The exercises, in order").is_visible()
    context.close()


def test_other_pages_load_exercises_by_slug_and_start_a_session_on_them(page):
    records = page.evaluate(
        "stretchGuide.session.loadExercises(['trial-session-reps', 'no-such-exercise', 'trial-session-hold'])"
    )
    assert [(record["slug"], record["title"], record["dose"].get("reps")) for record in records] == [
        ("trial-session-reps", TITLES[2], 6),
        ("trial-session-hold", TITLES[0], None),
    ]
    assert records[0]["picture"]["src"] == "exercises/trial-session-reps/figure.svg"
    page.evaluate("(records) => stretchGuide.session.start(records, {title: 'My routine'})", records)
    assert dialog(page).locator("#sg-session-title").inner_text() == "My routine"
    assert page.locator("[data-session-progress]").inner_text() == "1 of 2"
    page.clock.run_for(READY * 1000)
    assert phase(page) == "Reps"


def test_a_series_opened_once_starts_offline_with_its_moving_figures(browser, site):
    context = browser.new_context()
    reader = context.new_page()
    with served(site, http_cache=False) as url:  # whatever opens offline comes from the guide's offline copy
        open_online(reader, url + "series/trial-session-routine/")
        for slug in DOSES:
            wait_until_kept(reader, f"{url}exercises/{slug}/figure.svg")
        context.set_offline(True)
        reader.reload()
        start(reader)
        for _ in range(5):  # on to the second exercise, which the reader never saw
            reader.keyboard.press("ArrowRight")
        assert dialog(reader).locator("img").evaluate("image => image.decode().then(() => image.naturalWidth > 0)")
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_session_screen_has_no_serious_accessibility_problems(browser, series_url, scheme):
    assert serious_accessibility_problems(browser, series_url, scheme=scheme, then=start) == []
