"""The website, built for real from a small catalog in a temporary folder: what each page must contain."""

from __future__ import annotations

import dataclasses
import html
import json
import logging
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import REPO, VALID_EXERCISE, Content, exercise_text
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from stretchguide.cache import project_cache
from stretchguide.loader import load_catalog
from stretchguide.problems import ContentError
from stretchguide.schema import validator
from stretchguide.site import Site, compact_html

# A title that HTML must never read as markup: an ampersand, a less-than sign, quotes,
# and text that spells a script tag in entities, which a careless unescape would turn
# into a real one.
HOSTILE_TITLE = 'Reach & Hold <3 "Easy" &lt;script&gt;alert(1)&lt;/script&gt;'
HOSTILE_SLUG = "reach-and-hold"

CONFIG = """\
site_name: Test Guide
site_url: https://guide.example/
theme:
  name: material
  custom_dir: {overrides}
  font: false
extra:
  repository: https://github.com/example/guide
plugins:
  - search
  - stretchguide:
      sheets: false
nav:
  - index.md
  - exercises/index.md
  - series/index.md
"""

FIGURE = """\
figure:
  alt: On hands and knees, the person lets the belly drop and lifts the chest, then rounds the back up.
  view: side
  props: [mat]
  start:
    posture: quadruped
    angles: {lower_back_bend: -25, upper_back_bend: -15, neck_bend: -30}
  end:
    posture: quadruped
    angles: {lower_back_bend: 18, upper_back_bend: 28, neck_bend: 45}
"""

PICTURE = """\
image:
  file: chin-tucks.png
  alt: Sitting tall, the person draws the chin straight back.
  license: CC-BY-4.0
  author: Ana Example
  source: https://pictures.example/chin-tucks
"""

HOME = """\
# Home

<!-- stretchguide:series-cards -->

All <!-- stretchguide:exercise-count --> exercises.
"""


def make_project(root: Path) -> Content:
    """A guide project in `root`: mkdocs.yml using the real overrides, a home page, and a small catalog."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(overrides=REPO / "overrides"), encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(HOME, encoding="utf-8")
    content = Content(root)
    content.exercise("seated-thoracic-rotation", VALID_EXERCISE.replace("cautions:", FIGURE + "cautions:"))
    (content.dir / "exercises" / "images").mkdir()
    (content.dir / "exercises" / "images" / "chin-tucks.png").write_bytes(tiny_png())
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("cautions:", PICTURE + "cautions:"))
    content.exercise(
        "shoulder-rolls",
        exercise_text("Shoulder Rolls", equipment="equipment: [none]", level="level: intermediate"),
    )
    content.exercise(
        HOSTILE_SLUG,
        exercise_text(HOSTILE_TITLE.replace('"', '\\"').join('""'), aliases="aliases: [Open book]").replace(
            "type: mobility", "type: stretch"
        )
        + "\n## Easier\n\nDo less <3 and rest.\n",
    )
    return content


def tiny_png() -> bytes:
    """A real 1 x 1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def build_site(root: Path) -> Path:
    build(load_config(str(root / "mkdocs.yml"), strict=True))
    return root / "site"


def checker_lines(content: Content) -> list[str]:
    """What the content check prints for the problems in `content`."""
    with pytest.raises(ContentError) as checked:
        load_catalog(content.dir, root=content.root)
    return [str(problem) for problem in checked.value.problems]


def plugin_errors(caplog) -> list[str]:
    return [
        record.getMessage() for record in caplog.records if record.name == "mkdocs.plugins.stretchguide.mkdocs_plugin"
    ]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """One small site, built once for the tests that only read it."""
    return build_site(make_project(tmp_path_factory.mktemp("guide") / "project").root)


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def search_entries(site: Path) -> list[dict]:
    return json.loads(read(site, "search/search_index.json"))["docs"]


# Pages


def test_every_exercise_and_series_has_a_page_and_both_have_an_index(site):
    for path in (
        "exercises/index.html",
        "exercises/seated-thoracic-rotation/index.html",
        "exercises/shoulder-rolls/index.html",
        "exercises/chin-tucks/index.html",
        f"exercises/{HOSTILE_SLUG}/index.html",
        "series/index.html",
        "series/desk-break/index.html",
        "gallery/index.html",
    ):
        assert (site / path).is_file(), path


def test_generated_pages_are_not_written_into_docs(site):
    docs = site.parent / "docs"
    assert sorted(path.name for path in docs.rglob("*")) == ["index.md"]


def test_generated_pages_stay_out_of_the_navigation(site):
    home = read(site, "index.html")
    navigation = home[home.index('<nav class="md-nav md-nav--primary"') :]
    assert "exercises/seated-thoracic-rotation/" not in navigation
    assert 'href="exercises/"' in navigation


def test_exercise_page_shows_every_part_of_the_entry(site):
    page = read(site, "exercises/seated-thoracic-rotation/index.html")
    assert "<h1>Seated Thoracic Rotation</h1>" in page
    assert "Also called Seated twist" in page
    assert "Hold 3 s, 8 times, each side" in page
    assert page.count("<li>Sit tall near the front of a chair with both feet flat on the floor.</li>") == 1
    assert '<aside class="sg-warning" aria-label="Take care">' in page
    assert "<li>Move only as far as you can without pain.</li>" in page
    assert "<cite>Effective Stretches to Ease Upper Back Tightness</cite>" in page
    assert "Optional prose in Markdown." in page


def test_exercise_page_links_its_facts_to_the_filtered_index(site):
    page = read(site, "exercises/seated-thoracic-rotation/index.html")
    for query, name in (
        ("type=mobility", "Mobility"),
        ("position=seated", "Seated"),
        ("equipment=chair", "Chair"),
        ("target=thoracic-spine", "Upper back (thoracic spine)"),
        ("level=beginner", "Beginner"),
    ):
        assert f'<a class="sg-chip" href="../../exercises/?{query}">{name}</a>' in page


def test_exercise_page_links_safety_series_and_its_file_for_editing(site):
    page = read(site, "exercises/seated-thoracic-rotation/index.html")
    assert '<a href="../../safety/">When to stop, and when to see a professional</a>' in page
    assert '<a href="../../series/desk-break/">Desk Break</a>' in page
    assert 'href="https://github.com/example/guide/edit/main/content/exercises/seated-thoracic-rotation.md"' in page


def test_exercise_page_says_how_much_how_often_and_when_it_was_last_checked(site):
    page = read(site, "exercises/seated-thoracic-rotation/index.html")
    assert '<dt class="sg-dose__label">How much</dt><dd><strong>Hold 3 s, 8 times, each side</strong></dd>' in page
    assert '<dt class="sg-dose__label">How often</dt><dd><strong>Twice a day</strong></dd>' in page
    assert '<p class="sg-review">Last checked 1 November 2026 · next review due by 1 November 2027</p>' in page


def test_an_exercise_without_a_picture_shows_a_placeholder(site):
    page = read(site, "exercises/shoulder-rolls/index.html")
    assert '<figure class="sg-figure sg-figure--none">' in page
    assert "No picture yet" in page


def test_a_drawn_figure_is_published_beside_its_page_and_shown_on_it(site):
    folder = site / "exercises" / "seated-thoracic-rotation"
    assert sorted(path.name for path in folder.glob("*.svg")) == ["end.svg", "figure.svg"]
    assert all(path.read_text(encoding="utf-8").startswith("<svg") for path in folder.glob("*.svg"))
    page = read(site, "exercises/seated-thoracic-rotation/index.html")
    # The still (the file the script plays, held still at its address) until the script plays it in its place.
    still = "exercises/seated-thoracic-rotation/figure.svg#seated-thoracic-rotation-motion-movement"
    assert 'data-figure-motion="../../exercises/seated-thoracic-rotation/figure.svg"' in page
    assert f'<img src="../../{still}" alt="On hands and knees, the person lets the' in page
    assert '<button class="sg-button sg-button--quiet" type="button" data-figure-toggle="" hidden="">' in page
    # A card shows the still's own file: a third of the animated figure's weight.
    assert 'src="../exercises/seated-thoracic-rotation/end.svg"' in read(site, "exercises/index.html")


def test_a_contributors_picture_is_copied_and_credited(site):
    assert (site / "exercises" / "images" / "chin-tucks.png").read_bytes() == tiny_png()
    page = read(site, "exercises/chin-tucks/index.html")
    assert (
        '<img src="../../exercises/images/chin-tucks.png" alt="Sitting tall, the person draws the chin straight back.">'
        in page
    )
    assert (
        '<figcaption class="sg-credit">Picture by Ana Example, CC-BY-4.0 '
        '(<a href="https://pictures.example/chin-tucks" rel="noopener">source</a>)</figcaption>'
    ) in page
    assert 'src="../exercises/images/chin-tucks.png"' in read(site, "exercises/index.html")


def test_series_page_lists_its_exercises_in_order_with_their_doses(site):
    page = read(site, "series/desk-break/index.html")
    titles = re.findall(r'<h3 class="sg-sequence__title"><a href="([^"]+)">([^<]+)</a>', page)
    assert titles == [
        ("../../exercises/seated-thoracic-rotation/", "Seated Thoracic Rotation"),
        ("../../exercises/shoulder-rolls/", "Shoulder Rolls"),
        ("../../exercises/chin-tucks/", "Chin Tucks"),
    ]
    doses = re.findall(r'<p class="sg-sequence__dose">([^<]+)</p>', page)
    assert doses == [
        "Hold 3 s, 8 times, each side, twice a day",
        "Hold 3 s, 5 times, each side, twice a day",
        "Hold 3 s, 8 times, each side, twice a day",
    ]


def test_series_page_gives_time_and_both_printable_sheets(site):
    page = read(site, "series/desk-break/index.html")
    series = load_catalog(site.parent / "content", root=site.parent).series["desk-break"]
    assert f"<strong>About {series.minutes()} minutes</strong>" in page
    assert 'href="../../downloads/desk-break-a4.pdf"' in page
    assert 'href="../../downloads/desk-break-letter.pdf"' in page
    assert 'href="../../safety/"' in page


def test_index_cards_carry_the_values_the_filters_match(site):
    page = read(site, "exercises/index.html")
    cards = re.findall(
        r'<li class="sg-card" data-exercise-card=""([^>]*)>(.*?)</li>\s*(?=<li class="sg-card"|</ul>)', page, re.S
    )
    data = {re.search(r'<a href="../exercises/([^"]+)/">', body)[1]: attributes for attributes, body in cards}
    assert data["seated-thoracic-rotation"] == (
        ' data-type="mobility" data-position="seated" data-equipment="chair"'
        ' data-target="thoracic-spine obliques" data-level="beginner"'
    )
    assert len(data) == 4


def test_index_offers_only_the_values_that_occur(site):
    page = read(site, "exercises/index.html")
    levels = re.search(r'<select id="sg-filter-level" name="level">(.*?)</select>', page, re.S)[1]
    assert re.findall(r'<option value="([^"]*)">', levels) == ["", "beginner", "intermediate"]


def test_index_filters_are_in_the_page_from_the_start_and_a_stylesheet_for_no_scripts_hides_them(site):
    page = read(site, "exercises/index.html")
    assert '<form class="sg-filters" data-exercise-filters="" aria-label="Filter the exercises">' in page
    assert '<noscript><link rel="stylesheet" href="../assets/stylesheets/noscript.css"></noscript>' in page
    assert ".md-typeset [data-exercise-filters],\n" in read(site, "assets/stylesheets/noscript.css")
    assert '<p class="sg-count" data-exercise-count="" role="status">4 exercises</p>' in page


def test_home_page_placeholders_are_filled(site):
    page = read(site, "index.html")
    assert '<a href="series/desk-break/">Desk Break</a>' in page
    assert "All 4 exercises." in page
    assert "stretchguide:" not in page


# Escaping


def test_a_title_with_markup_characters_is_escaped_on_its_page(site):
    page = read(site, f"exercises/{HOSTILE_SLUG}/index.html")
    assert f"<h1>{html.escape(HOSTILE_TITLE, quote=False)}</h1>" in page
    assert f"<title>{html.escape(HOSTILE_TITLE)} - Test Guide</title>" in page


def test_a_title_with_markup_characters_is_escaped_on_its_index_card(site):
    page = read(site, "exercises/index.html")
    assert f'<a href="../exercises/{HOSTILE_SLUG}/">{html.escape(HOSTILE_TITLE, quote=False)}</a>' in page


def test_a_title_with_markup_characters_is_data_in_the_json_export(site):
    text = read(site, "exercises.json")
    assert "<" not in text and ">" not in text
    titles = [entry["title"] for entry in json.loads(text)["exercises"]]
    assert HOSTILE_TITLE in titles


def test_a_title_with_markup_characters_is_escaped_in_the_search_index(site):
    entry = next(entry for entry in search_entries(site) if entry["location"] == f"exercises/{HOSTILE_SLUG}/")
    assert "<" not in entry["title"]
    assert html.unescape(entry["title"]) == HOSTILE_TITLE


def test_no_output_file_holds_a_script_tag_made_from_content(site):
    for file in site.rglob("*"):
        if file.suffix in (".html", ".json", ".xml", ".svg"):
            text = file.read_text(encoding="utf-8")
            assert "<script>alert(1)" not in text, file
            assert "&lt;script&gt;alert(1)" not in text, file  # unescaped once: shown as a tag's text


def test_html_in_an_entrys_prose_is_shown_as_text(site):
    page = read(site, f"exercises/{HOSTILE_SLUG}/index.html")
    assert "<p>Do less &lt;3 and rest.</p>" in page


# Search


def test_search_finds_an_exercise_by_its_aliases_and_steps(site):
    entry = next(entry for entry in search_entries(site) if entry["location"] == f"exercises/{HOSTILE_SLUG}/")
    assert "Open book" in entry["text"]
    assert "Cross your arms over your chest." in entry["text"]


def test_search_boosts_exercise_pages_above_prose_pages(site):
    boosts = {entry["location"]: entry.get("boost", 1) for entry in search_entries(site)}
    assert boosts["exercises/shoulder-rolls/"] > boosts["series/desk-break/"] > boosts[""]


def test_search_reads_only_the_core_of_an_exercise_page(site):
    entry = next(e for e in search_entries(site) if e["location"] == "exercises/seated-thoracic-rotation/")
    assert entry["title"] == "Seated Thoracic Rotation"
    assert "Take care" not in entry["text"]
    assert "Suggest a change" not in entry["text"]


def test_the_gallery_and_the_exercise_list_stay_out_of_search(site):
    locations = {entry["location"] for entry in search_entries(site)}
    assert "gallery/" not in locations
    exercises = next(entry for entry in search_entries(site) if entry["location"] == "exercises/")
    assert "Shoulder Rolls" not in exercises["text"]


# Open data


def test_the_exercise_export_is_valid_against_the_schema(site):
    document = json.loads(read(site, "exercises.json"))
    assert document["schema_version"] == 1
    assert document["entry_schema"] == "https://guide.example/schemas/exercise.schema.json"
    assert (site / "schemas" / "exercise.schema.json").is_file()
    for entry in document["exercises"]:
        data = {
            key: value
            for key, value in entry.items()
            if key not in ("slug", "url", "dose_text", "picture", "next_review")
        }
        assert list(validator("exercise.schema.json").iter_errors(data)) == []
        assert entry["next_review"] > entry["reviewed"]
        assert entry["url"] == f"https://guide.example/exercises/{entry['slug']}/"


def test_the_exercise_export_says_where_each_picture_is_on_the_site(site):
    pictures = {entry["slug"]: entry["picture"] for entry in json.loads(read(site, "exercises.json"))["exercises"]}
    assert pictures["seated-thoracic-rotation"] == "exercises/seated-thoracic-rotation/end.svg"
    assert pictures["chin-tucks"] == "exercises/images/chin-tucks.png"
    assert pictures["shoulder-rolls"] is None
    for picture in filter(None, pictures.values()):
        assert (site / picture.split("#")[0]).is_file(), picture


def test_the_series_export_is_valid_against_the_schema(site):
    document = json.loads(read(site, "series.json"))
    assert [entry["slug"] for entry in document["series"]] == ["desk-break"]
    for entry in document["series"]:
        data = {key: value for key, value in entry.items() if key not in ("slug", "url", "next_review")}
        assert list(validator("series.schema.json").iter_errors(data)) == []
        assert entry["next_review"] > entry["reviewed"]


# Privacy and budgets


def test_pages_request_nothing_from_other_hosts(site):
    for name in (
        "index.html",
        "exercises/index.html",
        "exercises/shoulder-rolls/index.html",
        "series/desk-break/index.html",
    ):
        page = read(site, name)
        tags = re.findall(r"<(?:script|img|link|iframe|source)\b[^>]*>", page)
        fetched = [tag for tag in tags if not re.search(r'rel="(canonical|alternate)"', tag)]
        addresses = [re.search(r'(?:src|href)="([^"]+)"', tag) for tag in fetched]
        assert [found[1] for found in addresses if found and re.match(r"(https?:)?//", found[1])] == [], name
        assert "fonts.googleapis" not in page and "api.github.com" not in page


def test_the_bundled_font_is_published_with_its_licence(site):
    assert {path.name for path in (site / "assets" / "fonts").iterdir()} >= {
        "fonts.css",
        "Inter-Regular.woff2",
        "OFL.txt",
    }


def test_pages_drop_template_indentation_but_keep_preformatted_text():
    page = "<div>\n    <p>Step</p>\n\n  <pre><code>a:\n  b: 1\n</code></pre>\n  </div>"
    assert compact_html(page) == "<div>\n<p>Step</p>\n<pre><code>a:\n  b: 1\n</code></pre>\n</div>"


def test_an_exercise_page_stays_under_25_kb(site):
    for page in (site / "exercises").glob("*/index.html"):
        assert page.stat().st_size <= 25_000, page


# Failing builds


def test_a_content_error_fails_the_build_with_the_checkers_lines(tmp_path, caplog):
    content = make_project(tmp_path)
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: expert"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    assert plugin_errors(caplog) == checker_lines(content)
    assert "1 content problem in 1 file; fix them and build again (make check lists them too)" in caplog.messages
    assert not (tmp_path / "site").exists()


def test_a_content_error_stops_the_real_command_without_a_traceback(tmp_path):
    content = make_project(tmp_path)
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: expert"))
    finished = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert finished.returncode == 1
    for line in checker_lines(content):
        assert line in finished.stderr
    assert "Traceback" not in finished.stderr


def test_an_exercise_may_not_take_the_address_of_the_index(tmp_path, caplog):
    content = make_project(tmp_path)
    content.exercise("index", exercise_text("Index Stretch"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    assert plugin_errors(caplog) == [
        "content/exercises/index.md:1:1: slug: 'index' is reserved for the site's own pages; choose another file name"
    ]


# scripts/build_site.py (make site)

QUIET = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def build_site_script(root: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(REPO / "scripts" / "build_site.py"), "-f", str(root / "mkdocs.yml")]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=QUIET, check=False)


def last_good_site(root: Path) -> Path:
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    return root / "site" / "index.html"


def test_build_site_replaces_the_site_when_the_build_succeeds(tmp_path):
    make_project(tmp_path)
    previous = last_good_site(tmp_path)
    finished = build_site_script(tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert "the last good site" not in previous.read_text(encoding="utf-8")
    assert (tmp_path / "site" / "exercises" / "shoulder-rolls" / "index.html").is_file()
    assert list(tmp_path.glob(".site-building*")) == []


def test_build_site_prints_content_problems_as_the_check_does_and_keeps_the_site(tmp_path):
    content = make_project(tmp_path)
    content.exercise("chin-tucks", exercise_text("Chin Tucks", level="level: expert"))
    previous = last_good_site(tmp_path)
    finished = build_site_script(tmp_path)
    assert finished.returncode == 1
    assert finished.stderr.splitlines() == [*checker_lines(content), "1 problem in 1 file; nothing was changed."]
    assert previous.read_text(encoding="utf-8") == "the last good site"
    assert list(tmp_path.glob(".site-building*")) == []


def test_build_site_keeps_the_site_when_the_strict_build_fails(tmp_path):
    make_project(tmp_path)
    (tmp_path / "docs" / "index.md").write_text(HOME + "\n[A page that is not there](missing.md)\n", encoding="utf-8")
    previous = last_good_site(tmp_path)
    finished = build_site_script(tmp_path)
    assert finished.returncode == 1
    assert "The site was not built; site/ is as it was." in finished.stderr
    assert "Traceback" not in finished.stderr
    assert previous.read_text(encoding="utf-8") == "the last good site"
    assert list(tmp_path.glob(".site-building*")) == []


def test_the_pages_escape_a_script_tag_even_if_the_content_check_were_bypassed(site):
    # The content check refuses markup in titles, so no real build can carry one: render a catalog
    # whose entry has it anyway through the same code the build uses.
    catalog = load_catalog(site.parent / "content", root=site.parent)
    script = "<script>alert(1)</script>"
    exercise = dataclasses.replace(
        catalog.exercises["shoulder-rolls"], title=script, aliases=(script,), summary=script, steps=(script, script)
    )
    data = {**exercise.data, "title": script}
    exercise = dataclasses.replace(exercise, data=data)
    hostile = dataclasses.replace(catalog, exercises={**catalog.exercises, "shoulder-rolls": exercise})
    rendered = Site(hostile, content_dir=site.parent / "content", cache=project_cache(site.parent))
    outputs = [
        rendered.page_content("exercises/shoulder-rolls.md", ""),
        rendered.search_content("exercises/shoulder-rolls.md", ""),
        rendered.page_content("exercises/index.md", ""),
        next(file.content for file in rendered.generated_files() if file.path == "exercises/shoulder-rolls.md"),
        next(file.content for file in rendered.generated_files() if file.path == "exercises.json"),
    ]
    for output in outputs:
        assert "<script>" not in output
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs[0]
    assert script in [entry["title"] for entry in json.loads(outputs[-1])["exercises"]]
