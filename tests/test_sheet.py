"""The printable sheets: one page, the right paper, real text in Inter only, reproducible, and safe to render."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import zlib
from html import escape
from pathlib import Path

import pytest
from PIL import Image

import stretchguide.sheet.cache
from stretchguide.cache import Cache, project_cache
from stretchguide.check import main as check
from stretchguide.loader import load_catalog
from stretchguide.sheet import (
    PAPERS,
    SheetError,
    build_series_sheets,
    render_sheet,
    sheet_for_exercises,
    sheet_for_series,
    write_pdf,
)
from stretchguide.sheet.cache import KEEP, SheetCache
from stretchguide.sheet.cli import main
from stretchguide.sheet.dates import ContentDates
from stretchguide.sheet.fetcher import ASSETS, FetchRefused, SheetFetcher
from stretchguide.sheet.fit import BODY_PT
from stretchguide.sheet.paths import PACKAGE, site_url
from stretchguide.sheet.render import sheet_html, source_date_epoch
from tests.conftest import REPO

SITE = "https://guide.example.org/"
PAGE_POINTS = {"a4": (595, 842), "letter": (612, 792)}
MARGIN_BAND_MM = 8  # inside the 10 mm page margin: nothing may be drawn here
PINNED_EPOCH = "1767225600"  # 1 January 2026


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(REPO / "content", root=REPO)


@pytest.fixture(scope="session")
def built(catalog, tmp_path_factory):
    """Every series on every paper, built once, in parallel, as the site build does."""
    folder = tmp_path_factory.mktemp("sheets")
    with pinned_date():
        build = build_series_sheets(
            catalog, folder / "downloads", site_url=SITE, cache=Cache(folder / "cache"), root=REPO
        )
    return folder, build


@contextlib.contextmanager
def pinned_date():
    """One content date for the session: others may commit or save entries while the suite runs."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = PINNED_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
        if before is not None:
            os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="session")
def sheets(catalog, built):
    """(series slug, paper) -> the PDF file."""
    folder, _ = built
    return {(slug, paper): folder / "downloads" / f"{slug}-{paper}.pdf" for slug in catalog.series for paper in PAPERS}


def pdfinfo(pdf: Path) -> dict[str, str]:
    output = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in output.splitlines() if ":" in line)


def info(pdf: Path, field: str) -> str:
    return pdfinfo(pdf)[field].strip()


def pdftext(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def write(tmp_path: Path, pdf: bytes, name: str = "sheet.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(pdf)
    return path


# One page, the right paper, the whole series


def test_each_series_is_exactly_one_page_on_each_paper(sheets):
    pages = {key: info(pdf, "Pages") for key, pdf in sheets.items()}
    assert pages == {key: "1" for key in sheets}


def test_page_sizes_are_a4_and_us_letter(sheets):
    for (_, paper), pdf in sheets.items():
        width, height = (float(number) for number in re.findall(r"[\d.]+", info(pdf, "Page size"))[:2])
        expected_width, expected_height = PAGE_POINTS[paper]
        assert abs(width - expected_width) <= 1 and abs(height - expected_height) <= 1, (pdf.name, width, height)


def test_every_exercise_title_of_the_series_is_selectable_text(catalog, sheets):
    for (slug, _), pdf in sheets.items():
        text = pdftext(pdf)
        titles = [item.exercise.title for item in catalog.series[slug].items]
        assert [title for title in titles if title not in text] == [], pdf.name
        assert catalog.series[slug].title in text


def test_the_sheet_says_how_often_how_long_and_how_to_stay_safe(catalog, sheets):
    series = catalog.series["desk-break"]
    text = pdftext(sheets[("desk-break", "a4")])
    assert series.when in text
    assert f"About {series.minutes()} minutes" in text
    assert "Stop if pain increases, or if numbness or tingling appears." in text
    assert "This sheet is general information, not medical advice." in text
    assert "guide.example.org/series/desk-break/" in text
    assert "Upper Back Stretches" in text  # a source credit


def test_each_exercise_shows_its_first_four_steps_dose_first_cue_and_note(catalog, sheets):
    series = catalog.series["desk-break"]
    text = pdftext(sheets[("desk-break", "letter")])
    for item in series.items:
        exercise = item.exercise
        for step in exercise.steps[:4]:
            assert step in text
        for step in exercise.steps[4:]:
            assert step not in text
        assert item.dose.describe() in text
        assert exercise.cues[0] in text
        assert item.note is None or item.note in text


def test_a_sheet_of_three_exercises_starts_with_larger_pictures(content):
    catalog = load_catalog(content.with_pictures().dir, root=content.root)
    assert len(catalog.series["desk-break"].items) == 3
    html = sheet_html(sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=content.root), "a4")
    assert "--type-scale: 1.0; --figure-height: 52.0mm;" in html


def test_each_exercise_with_a_figure_shows_its_end_position_over_a_faint_start(catalog):
    series = catalog.series["floor-mobility"]
    html = sheet_html(sheet_for_series(series, site_url=SITE, root=REPO), "a4")
    for item in series.items:
        alt = escape(item.exercise.figure["alt"])
        assert f'alt="{alt} Faint: the start position; dark: the end position."' in html
    assert html.count('<img class="start" src="data:image/svg+xml;base64,') == len(series.items)
    assert html.count('<img class="end" src="data:image/svg+xml;base64,') == len(series.items)
    assert "the faint figure shows where you start, and the dark figure where you finish." in html


def test_an_exercise_without_a_figure_shows_a_placeholder_naming_its_position(content):
    catalog = load_catalog(content.dir, root=content.root)
    html = sheet_html(sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=content.root), "a4")
    assert '<span class="placeholder">Seated · chair</span>' in html
    assert 'class="legend"' not in html  # no picture, so nothing faint or dark to explain
    assert "data:image/svg+xml" in html  # only the QR code


# Fonts, metadata, reproducibility


def test_only_the_bundled_inter_is_used_and_every_font_is_embedded_as_a_subset(sheets):
    for pdf in sheets.values():
        rows = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[
            2:
        ]
        assert rows, pdf.name
        for row in rows:
            parts = row.split()
            name, embedded, subset = parts[0], parts[-5], parts[-4]
            assert re.fullmatch(r"[A-Z]{6}\+Inter(-[A-Za-z-]+)?", name), (pdf.name, row)
            assert (embedded, subset) == ("yes", "yes"), (pdf.name, row)


def test_the_pdf_is_tagged_with_its_title_and_language(sheets):
    pdf = sheets[("desk-break", "a4")]
    assert info(pdf, "Tagged") == "yes"
    assert info(pdf, "Title") == "Desk Break · Stretch guide"
    assert b"/Lang (en)" in _inflated(pdf.read_bytes())


def test_two_renders_of_a_sheet_are_byte_identical(catalog, sheets):
    with pinned_date():  # the first render came from a worker process of the session's build
        again = render_sheet(sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=REPO), "a4").pdf
    assert again == sheets[("desk-break", "a4")].read_bytes()


def test_source_date_epoch_sets_the_printed_date(catalog, sheets):
    assert "Updated 1 January 2026" in pdftext(sheets[("desk-break", "a4")])


def test_an_empty_source_date_epoch_is_ignored_not_fatal(catalog, monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    unset = sheet_for_series(catalog.series["roll-and-strengthen"], site_url=SITE, root=REPO)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    empty = sheet_for_series(catalog.series["roll-and-strengthen"], site_url=SITE, root=REPO)
    assert empty.date == unset.date
    assert info(write(tmp_path, render_sheet(empty, "a4").pdf), "Pages") == "1"


def test_the_content_date_is_the_last_commit_of_the_files_or_the_time_of_an_uncommitted_one(tmp_path):
    def git(*arguments, date="2025-03-04T10:00:00+00:00"):
        environment = {**os.environ, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_DATE": date}
        subprocess.run(["git", *arguments], cwd=tmp_path, env=environment, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "test@example.org")
    git("config", "user.name", "Test")
    older, newer, draft = (tmp_path / name for name in ("older.md", "newer.md", "draft.md"))
    older.write_text("older")
    git("add", "older.md")
    git("commit", "-q", "-m", "older", date="2025-03-04T10:00:00+00:00")
    newer.write_text("newer")
    git("add", "newer.md")
    git("commit", "-q", "-m", "newer", date="2025-05-06T10:00:00+00:00")
    draft.write_text("not committed yet")
    os.utime(draft, (1767225600, 1767225600))
    assert ContentDates().of([older]).spoken() == "4 March 2025"
    assert ContentDates().of([older, newer]).spoken() == "6 May 2025"
    assert ContentDates().of([older, draft]).spoken() == "1 January 2026"


def _inflated(pdf: bytes) -> bytes:
    """The PDF with its compressed streams (where the catalog sits) inflated."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            parts.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return b"".join(parts)


# Looks: not blank, nothing in the margins


def test_the_page_is_drawn_and_nothing_is_drawn_in_the_margins(sheets, tmp_path):
    for (slug, paper), pdf in sheets.items():
        base = tmp_path / f"{slug}-{paper}"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(base)], check=True)
        image = Image.open(f"{base}.png").convert("L")
        width, height = image.size
        band = round(MARGIN_BAND_MM / 25.4 * 60)
        drawn = sum(image.histogram()[:250])
        assert drawn > 0.03 * width * height, f"{pdf.name} is nearly blank"
        margins = {
            "top": (0, 0, width, band),
            "bottom": (0, height - band, width, height),
            "left": (0, 0, band, height),
            "right": (width - band, 0, width, height),
        }
        for side, box in margins.items():
            assert image.crop(box).getextrema() == (255, 255), f"{pdf.name} draws in its {side} margin"


def test_a_character_the_bundled_font_lacks_in_a_custom_title_fails_naming_it(content):
    # An entry's printed fields are checked with the content (tests/test_hostile_files.py); a title
    # given on the command line meets the font only here.
    catalog = load_catalog(content.dir, root=content.root)
    with pytest.raises(SheetError) as failure:
        sheet_for_exercises(catalog, ["chin-tucks"], "Desk 🙂", site_url=SITE, root=content.root)
    assert str(failure.value) == "--title: title: '🙂' (U+1F642) is not in the sheet's font; write it in words"


# Safety of rendering


def test_the_fetcher_refuses_a_file_outside_the_project():
    with pytest.raises(FetchRefused, match="outside the project"):
        SheetFetcher().fetch("file:///etc/passwd")


def test_the_fetcher_refuses_the_network():
    with pytest.raises(FetchRefused, match="only files of the project and data: URIs"):
        SheetFetcher().fetch("https://example.org/tracker.css")


def test_the_fetcher_refuses_a_path_that_climbs_out_of_the_assets():
    with pytest.raises(FetchRefused, match="outside the project"):
        SheetFetcher().fetch((ASSETS / "fonts").as_uri() + "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")


def test_the_fetcher_refuses_a_symlink_that_leads_out(tmp_path):
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (allowed / "innocent.css").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(FetchRefused):
        SheetFetcher([allowed]).fetch((allowed / "innocent.css").as_uri())


def test_the_fetcher_serves_the_bundled_fonts_and_data_uris():
    font = SheetFetcher().fetch((ASSETS / "fonts" / "Inter-Regular.woff2").as_uri())
    assert font.content_type == "font/woff2" and font.read()[:4] == b"wOF2"
    assert SheetFetcher().fetch("data:text/plain,hello").read() == b"hello"


def test_an_attachment_outside_the_project_never_reaches_the_pdf():
    html = '<html lang="en"><title>x</title><link rel="attachment" href="file:///etc/passwd"><p>Hello</p></html>'
    with pytest.raises(SheetError, match="/etc/passwd"):
        write_pdf(html)


def test_contributor_text_is_escaped(catalog):
    sheet = sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=REPO)
    sheet = dataclasses.replace(sheet, title='<link rel="attachment" href="file:///etc/passwd">')
    html = sheet_html(sheet, "a4")
    assert "&lt;link rel=&#34;attachment&#34;" in html
    assert '<link rel="attachment"' not in html


# Fitting a long sheet


LONG_STEP = (
    "Move slowly and carefully through this part of the exercise, keeping your shoulders relaxed, your breathing"
    " easy and your neck long, then pause and breathe out before you go on."
)


def long_exercise(title: str, step_length: int, cue_length: int) -> str:
    steps = "\n".join(f"  - {LONG_STEP[:step_length].rstrip(' ,')}." for _ in range(4))
    return f"""---
title: {title}
summary: A long test exercise that fills its share of the sheet with words.
type: mobility
position: seated
equipment: [chair]
targets: [thoracic-spine]
level: beginner
dose:
  reps: 8
  per_side: true
  times_per_day: 1
steps:
{steps}
cues:
  - {LONG_STEP[:cue_length].rstrip(" ,")}.
cautions:
  - Move only as far as you can without pain.
sources:
  - title: A Test Source
reviewed: "2026-11-01"
---
"""


def long_sheet(content, lengths: list[tuple[int, int]]):
    for number, (step_length, cue_length) in enumerate(lengths, start=1):
        content.exercise(f"long-{number}", long_exercise(f"Long Exercise {number}", step_length, cue_length))
    catalog = load_catalog(content.dir, root=content.root)
    slugs = [f"long-{number}" for number in range(1, len(lengths) + 1)]
    return sheet_for_exercises(catalog, slugs, "My long sheet", site_url=SITE, root=content.root)


def test_six_long_exercises_are_shrunk_onto_one_page_with_readable_type(content, tmp_path):
    sheet = long_sheet(content, [(60, 40)] * 6)
    for paper in PAPERS:
        rendered = render_sheet(sheet, paper)
        assert 10 <= BODY_PT * rendered.scale.type < BODY_PT
        assert rendered.layouts <= 4
        pdf = write(tmp_path, rendered.pdf, f"long-{paper}.pdf")
        assert info(pdf, "Pages") == "1"
        assert "Long Exercise 6" in pdftext(pdf)


def test_the_final_html_of_a_shrunk_sheet_alone_renders_the_same_pdf(content):
    sheet = long_sheet(content, [(60, 40)] * 6)
    rendered = render_sheet(sheet, "a4")
    assert rendered.scale.type < 1
    with source_date_epoch(sheet.date.epoch):
        assert write_pdf(rendered.html) == rendered.pdf


def test_a_sheet_too_long_even_at_the_smallest_sizes_names_the_exercises_and_texts_to_shorten(content):
    sheet = long_sheet(content, [(40, 30), (40, 30), (158, 158), (40, 30), (150, 150), (40, 30)])
    with pytest.raises(SheetError) as failure:
        render_sheet(sheet, "letter")
    message = str(failure.value)
    assert message.startswith(
        "sheet 'My long sheet' does not fit on one Letter page, even with 10 pt steps and 30 mm pictures: it is about"
    )
    assert re.search(
        r"mm too long; shorten 'Long Exercise 3' by about \d+0 characters"
        r" \(its longest text is content/exercises/long-3\.md: steps\[1\], 159 characters\),"
        r" 'Long Exercise 5' by about \d+0 characters"
        r" \(its longest text is content/exercises/long-5\.md: steps\[1\], 151 characters\), or split the sheet$",
        message,
    )
    assert "\n" not in message


def test_the_content_check_refuses_a_series_whose_sheet_would_not_fit_at_its_list_of_exercises(content, capsys):
    lengths = [(40, 30), (40, 30), (158, 158), (40, 30), (150, 150), (40, 30)]
    for number, (step_length, cue_length) in enumerate(lengths, start=1):
        content.exercise(f"long-{number}", long_exercise(f"Long Exercise {number}", step_length, cue_length))
    items = "".join(f"  - exercise: long-{number}\n" for number in range(1, len(lengths) + 1))
    series = content.series(
        "long-routine",
        f'title: Long Routine\nsummary: Too much for one page.\nexercises:\n{items}reviewed: "2026-11-01"\n',
    )
    content.with_pictures()
    before = series.read_bytes()
    assert check(["content"]) == 1
    lines = capsys.readouterr().err.splitlines()
    letter = [line for line in lines if "Letter" in line]
    assert len(letter) == 1
    assert letter[0].startswith(
        "content/series/long-routine.yml:3:1: exercises: series 'long-routine' does not fit on one Letter page, "
        "even with 10 pt steps and 30 mm pictures: it is about"
    )
    assert re.search(r"shorten 'Long Exercise 3' by about \d+0 characters", letter[0])
    assert lines[-1].endswith("in 1 file; nothing was changed.")
    assert series.read_bytes() == before


def test_a_series_that_passes_the_content_check_builds_its_sheets_from_what_the_check_laid_out(content, capsys):
    for number in range(1, 4):
        content.exercise(f"long-{number}", long_exercise(f"Long Exercise {number}", 60, 40))
    items = "".join(f"  - exercise: long-{number}\n" for number in range(1, 4))
    content.series(
        "short-routine", f"title: Short Routine\nsummary: Three moves.\nexercises:\n{items}reviewed: '2026-11-01'\n"
    )
    content.with_pictures()
    assert check(["content"]) == 0
    catalog = load_catalog(content.dir, root=content.root)
    build = build_series_sheets(catalog, content.root / "out", site_url=site_url(), cache=project_cache(content.root))
    assert (build.rendered, build.from_cache) == (0, len(PAPERS) * len(catalog.series))


# The site build and its cache


def test_the_site_build_writes_both_papers_of_every_series(catalog, built):
    _, build = built
    names = sorted(path.name for path in build.paths)
    assert names == sorted(f"{slug}-{paper}.pdf" for slug in catalog.series for paper in PAPERS)
    assert all(path.is_file() for path in build.paths)


def test_a_rebuild_with_unchanged_content_renders_nothing(catalog, built, caplog):
    folder, first = built
    assert first.rendered == len(first.paths)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.stretchguide.sheet.build")
    with pinned_date():
        again = build_series_sheets(catalog, folder / "again", site_url=SITE, cache=Cache(folder / "cache"), root=REPO)
    assert (again.rendered, again.from_cache) == (0, len(first.paths))
    assert [path.read_bytes() for path in again.paths] == [path.read_bytes() for path in first.paths]
    assert f"Printable sheets: 0 rendered, {len(first.paths)} unchanged and copied from the cache" in caplog.text


def test_a_rebuild_with_unchanged_content_does_not_load_weasyprint(built):
    # Loading WeasyPrint takes most of a second: a build that only copies sheets must not pay it.
    folder, first = built
    copy_only = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from stretchguide.cache import Cache\n"
        "from stretchguide.loader import load_catalog\n"
        "from stretchguide.sheet import build_series_sheets\n"
        f"os.environ['SOURCE_DATE_EPOCH'] = {PINNED_EPOCH!r}\n"
        f"catalog = load_catalog(Path({str(REPO / 'content')!r}), root=Path({str(REPO)!r}))\n"
        f"build = build_series_sheets(catalog, Path({str(folder / 'copied')!r}), site_url={SITE!r},\n"
        f"                            cache=Cache(Path({str(folder / 'cache')!r})), root=Path({str(REPO)!r}))\n"
        "print(build.rendered, build.from_cache, 'weasyprint' in sys.modules)\n"
    )
    finished = subprocess.run([sys.executable, "-c", copy_only], capture_output=True, text=True, check=True)
    assert finished.stdout.split() == ["0", str(len(first.paths)), "False"]


def test_pruning_the_cache_keeps_every_sheet_the_build_used(tmp_path):
    sheets = SheetCache(Cache(tmp_path))
    keys = [sheets.kind.key(number=str(number)) for number in range(KEEP + 20)]
    for number, key in enumerate(keys):
        sheets.put(key, b"%PDF-1.7")
        os.utime(sheets.kind.path(key), (1_000_000 + number, 1_000_000 + number))  # the higher, the more recent
    sheets.used = set(keys[: KEEP + 10])  # a catalog with more series than the cache usually keeps: the oldest
    sheets.prune()
    assert sorted(path.name for path in sheets.kind.folder.iterdir()) == sorted(
        sheets.kind.path(key).name for key in keys[: KEEP + 10]
    )
    sheets.used = set(keys[:3])
    sheets.prune()
    assert len(list(sheets.kind.folder.iterdir())) == KEEP
    assert {sheets.kind.path(key).name for key in keys[:3]} <= {path.name for path in sheets.kind.folder.iterdir()}


@pytest.mark.parametrize("changed", ["sheet/widen.py", "sheet/templates/sheet.css", "figures/svg.py"])
def test_a_change_to_the_code_or_templates_that_make_a_sheet_changes_its_cache_key(
    catalog, changed, tmp_path, monkeypatch
):
    package = tmp_path / "stretchguide"  # a copy, changed instead of the project's own files
    for part in ("sheet", "figures", "assets/fonts"):
        shutil.copytree(PACKAGE / part, package / part)
    monkeypatch.setattr(stretchguide.sheet.cache, "PACKAGE", package)
    monkeypatch.setattr(stretchguide.sheet.cache, "TEMPLATES", package / "sheet" / "templates")
    monkeypatch.setattr(stretchguide.sheet.cache, "ASSETS", package / "assets")
    sheet = sheet_for_series(catalog.series["desk-break"], site_url=SITE, root=REPO)

    def key() -> str:
        stretchguide.sheet.cache._tooling.cache_clear()
        return SheetCache(Cache(tmp_path / "cache")).key(sheet, "a4")

    before = key()
    (package / changed).write_text((package / changed).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = key()
    stretchguide.sheet.cache._tooling.cache_clear()  # the project's own files again for the tests that follow
    assert after != before


def test_changing_one_series_renders_only_its_two_sheets(content, tmp_path):
    catalog = load_catalog(content.dir, root=content.root)
    build = build_series_sheets(catalog, tmp_path / "out", site_url=SITE, cache=Cache(tmp_path / "cache"))
    assert build.rendered == 2
    content.series("desk-break", (content.dir / "series" / "desk-break.yml").read_text() + "when: Twice a day\n")
    catalog = load_catalog(content.dir, root=content.root)
    again = build_series_sheets(catalog, tmp_path / "out", site_url=SITE, cache=Cache(tmp_path / "cache"))
    assert (again.rendered, again.from_cache) == (2, 0)


def test_a_build_beside_running_threads_renders_in_fresh_workers(content, tmp_path):
    # `mkdocs serve` runs threads, and forking a threaded process can deadlock.
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, daemon=True)
    watcher.start()
    try:
        catalog = load_catalog(content.dir, root=content.root)
        build = build_series_sheets(catalog, tmp_path / "out", site_url=SITE, cache=Cache(tmp_path / "cache"))
    finally:
        stop.set()
    assert build.rendered == 2
    assert [info(path, "Pages") for path in build.paths] == ["1", "1"]


# The command


def test_the_command_names_an_unknown_exercise_and_suggests_one(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    status = main(["--exercises", "shoulder-rols,cat-cow", "--title", "My desk break"])
    assert status == 1
    assert capsys.readouterr().err == "build_pdf.py: no exercise 'shoulder-rols'; did you mean 'shoulder-rolls'?\n"


def test_the_command_names_an_unknown_series_and_suggests_one(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["desk-brake"]) == 1
    assert capsys.readouterr().err == "build_pdf.py: no series 'desk-brake'; did you mean 'desk-break'?\n"


def test_the_command_reports_a_usage_mistake_in_one_line(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["desk-break", "--exercises", "cat-cow"])
    assert exit.value.code == 2
    assert capsys.readouterr().err == "build_pdf.py: name a series, or give --exercises and --title, not both\n"


def test_the_command_builds_a_custom_sheet(tmp_path):
    output = tmp_path / "my-break.pdf"
    command = ["scripts/build_pdf.py", "--exercises", "shoulder-rolls,cat-cow,eagle-arms", "--title", "My desk break"]
    done = subprocess.run(
        [sys.executable, *command, "--paper", "letter", "--output", str(output), "--site-url", SITE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert info(output, "Pages") == "1" and info(output, "Page size").startswith("612 x 792")
    text = pdftext(output)
    assert "My desk break" in text and "Shoulder Rolls" in text and "Eagle Arms" in text
