"""A newcomer's first pull request: three new exercises with figures and a new series, written from the docs alone.

The entries go into a copy of the real content/, and every check a pull request meets runs over it:
the content check, the real site build, the printed sheets and the pages in Chromium.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, mkdocs, project_copy, serious_accessibility_problems, served

from stretchguide.sheet import PAPERS

# As CONTRIBUTING.md and docs/pictures.md describe them: short titles, few optional fields.
NEW_EXERCISES = {
    "trial-prone-y-raise": """\
---
title: Trial Prone Y Raise
aliases: [Trial lying Y lift]
summary: Lift both arms in a Y shape while lying face down to wake up the muscles between and below your shoulder blades.
type: strength
position: prone
equipment: [mat]
targets: [lower-trapezius, middle-trapezius]
level: intermediate
dose:
  reps: 8
  hold_seconds: 2
  days_per_week: 3
steps:
  - Lie face down on a mat with your forehead resting on a folded towel.
  - Reach both arms overhead in a Y shape, thumbs pointing up.
  - Draw your shoulder blades down and back, then lift both arms a few centimetres off the floor.
  - Hold for two seconds and lower them slowly.
cues:
  - Keep your neck long and look at the floor.
cautions:
  - Stop if you feel pain in your shoulders or lower back.
sources:
  - title: Upper Back Stretches
reviewed: "2026-11-30"
figure:
  alt: Lying face down with the arms overhead in a Y, the person lifts both arms off the floor.
  view: side
  props: [mat]
  start:
    posture: prone
    angles: {shoulder_raise_forward: 160}
  end:
    posture: prone
    angles: {shoulder_raise_forward: 175, shoulder_blade_squeeze: 15}
---
A gentle strength move for the lower shoulder-blade muscles, which often weaken when you sit hunched for long hours.
""",
    "trial-standing-arm-circles": """\
---
title: Trial Standing Arm Circles
summary: Draw small circles with your arms held out to the sides to warm up your shoulders.
type: mobility
position: standing
equipment: [none]
targets: [shoulders, rotator-cuff]
level: beginner
dose:
  reps: 10
  times_per_day: 1
steps:
  - Stand tall with your feet hip-width apart.
  - Lift both arms out to the sides to shoulder height, palms down.
  - Draw small circles forward, then backward.
cautions:
  - Keep the circles small and pain-free.
sources:
  - title: Upper Back Stretches
reviewed: "2026-11-30"
figure:
  alt: Standing with the arms out to the sides, the person lifts them a little higher and lowers them again.
  view: front
  start:
    posture: standing
    angles: {shoulder_raise_sideways: 80}
  end:
    posture: standing
    angles: {shoulder_raise_sideways: 100}
---
""",
    "trial-seated-chin-nod": """\
---
title: Trial Seated Chin Nod
summary: Nod your chin gently while sitting tall to ease a stiff neck after screen work.
type: mobility
position: seated
equipment: [chair]
targets: [neck]
level: beginner
dose:
  reps: 8
  hold_seconds: 3
  times_per_day: 1
steps:
  - Sit tall on a chair with both feet flat on the floor.
  - Look straight ahead and let your shoulders relax.
  - Nod your chin gently down, as if saying yes, and hold.
  - Return to looking straight ahead.
cautions:
  - Move only as far as you can without pain, dizziness or tingling.
sources:
  - title: Upper Back Stretches
reviewed: "2026-11-30"
figure:
  alt: Sitting tall on a chair, the person nods the chin gently down.
  view: side
  props: [chair]
  start:
    posture: seated_on_chair
  end:
    posture: seated_on_chair
    angles: {head_nod: 25, neck_bend: 20}
---
""",
}

NEW_SERIES = "trial-wake-up"
NEW_SERIES_TEXT = """\
title: Trial Wake Up
summary: Four gentle moves to start the day with a looser neck and shoulders.
when: In the morning, before you sit down to work
exercises:
  - exercise: trial-seated-chin-nod
  - exercise: trial-standing-arm-circles
    note: Small circles first.
  - exercise: shoulder-rolls
  - exercise: trial-prone-y-raise
    dose:
      reps: 6
sources:
  - title: Upper Back Stretches
reviewed: "2026-11-30"
"""
NEW_PAGES = (*(f"exercises/{slug}/" for slug in NEW_EXERCISES), f"series/{NEW_SERIES}/")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = project_copy(tmp_path_factory.mktemp("newcomer"))
    for slug, text in NEW_EXERCISES.items():
        (root / "content" / "exercises" / f"{slug}.md").write_text(text, encoding="utf-8")
    (root / "content" / "series" / f"{NEW_SERIES}.yml").write_text(NEW_SERIES_TEXT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(project) -> Path:
    finished = mkdocs(project, "build", "--strict", "-d", str(project / "site"))
    assert finished.returncode == 0, finished.stderr
    return project / "site"


@pytest.fixture(scope="module")
def base_url(site) -> Iterator[str]:
    with served(site) as url:
        yield url


def test_the_content_check_passes_the_new_entries(project):
    check = [sys.executable, str(REPO / "scripts" / "check_content.py")]
    finished = subprocess.run(check, cwd=project, capture_output=True, text=True, check=False)
    exercises = len(list((project / "content" / "exercises").glob("*.md")))
    series = len(list((project / "content" / "series").glob("*.yml")))
    assert (finished.returncode, finished.stderr) == (0, "")
    assert finished.stdout == f"{exercises} exercises, {series} series: OK\n"


def test_the_site_has_a_page_for_each_new_entry_and_the_series_lists_its_exercises(site):
    for page in NEW_PAGES:
        assert (site / page / "index.html").is_file(), page
    series_page = (site / "series" / NEW_SERIES / "index.html").read_text(encoding="utf-8")
    for slug in NEW_EXERCISES:
        assert f'href="../../exercises/{slug}/"' in series_page


def test_every_series_prints_on_one_page_of_each_paper(project, site):
    for series in sorted((project / "content" / "series").glob("*.yml")):
        for paper in PAPERS:
            sheet = site / "downloads" / f"{series.stem}-{paper}.pdf"
            info = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True, check=True).stdout
            assert "\nPages:           1\n" in info, sheet.name


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", NEW_PAGES)
def test_a_new_page_has_no_serious_accessibility_problems(browser, base_url, path, scheme):
    assert serious_accessibility_problems(browser, f"{base_url}{path}", scheme=scheme) == []
