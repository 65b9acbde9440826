"""Health content to a published standard: how often, when it was checked, and advice that agrees with itself."""

from __future__ import annotations

import datetime

from stretchguide import advice
from stretchguide.check import main as check
from stretchguide.loader import load_catalog
from stretchguide.model import Dose, Review
from tests.conftest import VALID_SERIES, exercise_text
from tests.test_content_check import problems


def test_an_exercise_must_say_how_often(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("  times_per_day: 2\n", ""))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:11:3: dose: says how much but not how often: add times_per_day (e.g. 2) "
        "or days_per_week (e.g. 3, usual for strengthening moves)"
    ]


def test_days_a_week_is_a_frequency_too(content):
    text = exercise_text("Chin Tucks").replace("  times_per_day: 2\n", "  days_per_week: 3\n")
    content.exercise("chin-tucks", text)
    assert (
        load_catalog(content.dir).exercises["chin-tucks"].dose.describe()
        == "Hold 3 s, 8 times, each side, 3 days a week"
    )


def test_every_entry_says_when_it_was_last_checked(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace('reviewed: "2026-11-01"\n', ""))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:2:1: reviewed: is missing: The date the entry was last checked against its "
        'sources, as "YYYY-MM-DD" in quotes, e.g. "2026-12-01". Pages show it with the next review, a year later.'
    ]


def test_an_unquoted_review_date_asks_for_quotes(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace('"2026-11-01"', "2026-11-01"))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:24:11: reviewed: 2026-11-01 is read by YAML as a date, not as written; "
        'put it in quotes ("2026-11-01") or write what you mean'
    ]


def test_a_review_date_must_be_in_the_calendar_and_not_to_come(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace('"2026-11-01"', '"2026-02-30"'))
    content.exercise("shoulder-rolls", exercise_text("Shoulder Rolls").replace('"2026-11-01"', '"2099-01-01"'))
    assert problems(content) == [
        "content/exercises/chin-tucks.md:24:11: reviewed: '2026-02-30' is not a date in the calendar; "
        "write the day it was checked",
        "content/exercises/shoulder-rolls.md:24:11: reviewed: '2099-01-01' is in the future; "
        "write the day it was last checked",
    ]


def test_the_next_review_is_due_a_year_after_the_last():
    assert Review(datetime.date(2026, 11, 1)).next_due == datetime.date(2027, 11, 1)
    assert Review(datetime.date(2028, 2, 29)).next_due == datetime.date(2029, 2, 28)
    assert (
        Review(datetime.date(2026, 11, 1), "A. Jones, physiotherapist").describe()
        == "Last checked 1 November 2026 by A. Jones, physiotherapist · next review due by 1 November 2027"
    )


def test_a_series_that_says_how_often_leaves_it_out_of_its_items(content):
    content.series("desk-break", VALID_SERIES.replace("exercises:", "times_per_day: 3\nexercises:"))
    series = load_catalog(content.dir).series["desk-break"]
    assert series.how_often() == "3 times a day"
    assert [item.dose.describe() for item in series.items] == [
        "Hold 3 s, 8 times, each side",
        "Hold 3 s, 5 times, each side",
        "Hold 3 s, 8 times, each side",
    ]


def test_long_holds_read_in_minutes():
    assert Dose(hold_seconds=120, per_side=True).describe() == "Hold 2 min, each side"
    assert Dose(hold_seconds=90).amount() == "Hold 1 min 30 s"
    assert Dose(reps=10, days_per_week=7).how_often() == "every day"


def test_the_check_warns_when_a_step_restates_another_dose_and_still_passes(content, capsys):
    text = exercise_text("Chin Tucks").replace(
        "  - Pause, breathe out, and return to the middle.", "  - Hold for 10 seconds, then return to the middle."
    )
    content.exercise("chin-tucks", text)
    content.with_pictures()
    assert check(["content"]) == 0
    out = capsys.readouterr().out
    assert (
        "content/exercises/chin-tucks.md: steps[4]: warning: says '10 seconds' but the dose says "
        "Hold 3 s, 8 times, each side; make them agree, or word it as a way to build up"
    ) in out
    assert out.endswith("3 exercises, 1 series: OK\n")


def test_a_range_or_a_variation_is_no_contradiction(content):
    content.exercise(
        "chin-tucks",
        exercise_text("Chin Tucks").replace(
            "Optional prose in Markdown.", "Hold 15 to 30 seconds.\n\n## Easier\n\n- Hold for 10 seconds."
        ),
    )
    exercise = load_catalog(content.dir).exercises["chin-tucks"]
    assert [str(warning) for warning in advice.dose_contradictions(exercise)] == []


def test_the_check_names_a_sentence_that_reads_hard():
    assert advice.reading_grade("Sit tall and turn to one side.") < 8
    assert (
        advice.reading_grade(
            "Approximately simultaneously, rotate the thoracic vertebrae contralaterally, maintaining pelvic stabilisation."
        )
        > 8
    )
