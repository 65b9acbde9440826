"""Where the guide publishes each page, sheet, picture and data file: said once for the plugin, staging and sheets.

Page addresses are folders (`use_directory_urls`), relative to the site root; page sources are
named as an engine's docs folder names them (exercises/cat-cow.md).
"""

from __future__ import annotations

from urllib.parse import urljoin

EXERCISES = "exercises/"  # the exercise index; each exercise has a folder below it
SERIES = "series/"
GALLERY = "gallery/"
DOWNLOADS = "downloads/"  # the printable sheets
SCHEMAS = "schemas/"
EXERCISES_JSON = "exercises.json"  # the open data
SERIES_JSON = "series.json"
SESSION_JSON = "session.json"  # the paces and pictures for guided sessions built from exercises.json (My routine)
PAPERS = {"a4": "A4", "letter": "US Letter"}  # each paper a sheet is printed on: its name on the page


def exercise_page(slug: str) -> str:
    return f"{EXERCISES}{slug}/"


def series_page(slug: str) -> str:
    return f"{SERIES}{slug}/"


def exercise_filter(parameter: str, value: str) -> str:
    """The exercise index showing only the exercises with one value, e.g. exercises/?area=neck."""
    return f"{EXERCISES}?{parameter}={value}"


def sheet_name(slug: str, paper: str) -> str:
    """The file name of a printable sheet, e.g. desk-break-a4.pdf."""
    return f"{slug}-{paper}.pdf"


def sheet(slug: str, paper: str) -> str:
    """Where the printable sheet of a series is published, e.g. downloads/desk-break-a4.pdf."""
    return DOWNLOADS + sheet_name(slug, paper)


def schema(name: str) -> str:
    return SCHEMAS + name


def source_of(page: str) -> str:
    """The Markdown source an engine builds into the page at `page`: exercises/cat-cow/ from exercises/cat-cow.md."""
    if page in ("", EXERCISES, SERIES):
        return f"{page}index.md"
    return f"{page.rstrip('/')}.md"


def page_of(source: str) -> str:
    """The page a Markdown source becomes: '' for index.md, exercises/ for exercises/index.md, safety/ for safety.md."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def absolute(site_url: str, path: str) -> str:
    """The full address of a site path when the site's address is known, else from the root."""
    return urljoin(site_url, path) if site_url else "/" + path
