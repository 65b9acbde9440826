"""The same guide in every engine: staged and built with Zensical and with ProperDocs, it shows what the MkDocs build shows."""

from __future__ import annotations

import html
import json
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from stretchguide import addresses
from stretchguide.loader import load_catalog
from stretchguide.model import Catalog
from stretchguide.stage import ENGINES
from stretchguide.stage.prose import links_from_source, page_link
from tests.conftest import REPO, project_copy, served

STAGE = REPO / "scripts" / "stage.py"
# Where links are read from: a site published below a path, as on GitHub Pages, so a link that climbs too far shows.
SITE_ROOT = "http://pages.test/guide/"
PLANTED = "planted/index.html"  # put in the site folder before the build
# Where each engine's search writes its index, and the list of entries in it.
SEARCH_INDEX = {"zensical": ("search.json", "items"), "properdocs": ("search/search_index.json", "docs")}


def run_stage(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(STAGE), *arguments],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
    )


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO / "content", root=REPO)


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request, tmp_path_factory) -> tuple[str, Path]:
    """(engine, its built site) of the guide staged in a copy of the project, with `scripts/stage.py build`."""
    project = project_copy(tmp_path_factory.mktemp(request.param))
    planted = project / "build" / "stage" / request.param / "site" / PLANTED
    planted.parent.mkdir(parents=True)
    planted.write_text("<script>alert(1)</script>\n", encoding="utf-8")
    built = run_stage(project, "build", request.param)
    assert built.returncode == 0, built.stdout + built.stderr
    return request.param, project / "build" / "stage" / request.param / "site"


class _MainContent(HTMLParser):
    """What a reader gets from a page's content: its title, its text and that of each part, its pictures and links."""

    def __init__(self, page_url: str, container: str):
        super().__init__(convert_charrefs=True)
        self.page_url = f"{SITE_ROOT}{page_url}"
        self.container = container  # the class of the element holding the content
        self.depth = 0  # within the container
        self.parts: list[list] = []  # [class, text] of each element with a class of the guide's
        self.open: list[list | None] = []
        self.title = ""
        self.text = ""
        self.in_title = False
        self.pictures: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = attributes.get("class") or ""
        if not self.depth and tag in ("article", "div") and self.container in classes.split():
            self.depth = 1
            return
        if not self.depth:
            return
        if tag not in ("img", "br", "hr", "source", "input"):
            self.depth += 1
            part = [classes, ""] if classes.startswith("sg-") else None
            if part:
                self.parts.append(part)
            self.open.append(part)
        self.in_title = self.in_title or (tag == "h1" and not self.title)
        if tag == "img":
            self.pictures.append((self._site_path(attributes.get("src", "")), attributes.get("alt", "")))
        if tag == "a" and "href" in attributes:
            self.links.append(self._site_path(attributes.get("href", "")))

    def handle_endtag(self, tag):
        if not self.depth or tag in ("img", "br", "hr", "source", "input"):
            return
        self.depth -= 1
        if self.depth:
            self.open.pop()
        if tag == "h1":
            self.in_title = False

    def handle_data(self, data):
        if not self.depth:
            return
        for part in self.open:
            if part is not None:
                part[1] += data
        if self.in_title:
            self.title += data
        self.text += data

    def _site_path(self, url: str) -> str:
        """A link as the address it opens, whichever way it is written; one that climbs out of the site stays whole."""
        return urljoin(self.page_url, url).removeprefix(SITE_ROOT)

    def found(self) -> dict:
        parts = [(name, " ".join(text.split())) for name, text in self.parts]
        text = " ".join(self.text.split())
        return {
            "title": self.title.strip(),
            "text": text,
            "parts": parts,
            "pictures": self.pictures,
            "links": self.links,
        }


def main_content(site: Path, page_url: str, container: str = "sg-article") -> dict:
    parser = _MainContent(page_url, container)
    parser.feed((site / page_url / "index.html").read_text(encoding="utf-8"))
    return parser.found()


def text_of(parts: list[tuple[str, str]], name: str) -> str:
    return " ".join(text for classes, text in parts if name in classes.split())


def test_every_exercise_page_shows_what_the_mkdocs_build_shows(engine_site, built_site, catalog):
    engine, site = engine_site
    for slug, exercise in catalog.exercises.items():
        page = addresses.exercise_page(slug)
        expected = main_content(built_site, page)
        assert expected["title"] == exercise.title  # the comparison below is of a real page
        assert exercise.steps[0] in text_of(expected["parts"], "sg-steps")
        assert main_content(site, page) == expected, f"{engine}: {page}"


def test_every_series_page_shows_what_the_mkdocs_build_shows(engine_site, built_site, catalog):
    engine, site = engine_site
    for slug, series in catalog.series.items():
        page = addresses.series_page(slug)
        expected = main_content(built_site, page)
        assert expected["title"] == series.title
        assert {addresses.sheet(slug, paper) for paper in addresses.PAPERS} <= set(expected["links"])
        assert main_content(site, page) == expected, f"{engine}: {page}"


def test_the_indexes_and_the_gallery_show_what_the_mkdocs_build_shows(engine_site, built_site, catalog):
    engine, site = engine_site
    for page in (addresses.EXERCISES, addresses.SERIES, addresses.GALLERY):
        expected = main_content(built_site, page)
        assert expected["links"]
        assert main_content(site, page) == expected, f"{engine}: {page}"


def test_every_hand_written_page_shows_what_the_mkdocs_build_shows(engine_site, built_site):
    engine, site = engine_site
    sources = sorted(path.relative_to(REPO / "docs").as_posix() for path in (REPO / "docs").rglob("*.md"))
    for page in map(addresses.page_of, sources):
        expected = main_content(built_site, page, container="md-content__inner")
        assert expected["text"]
        assert main_content(site, page, container="md-content__inner") == expected, f"{engine}: {page or 'home'}"


def search_entries(site: Path, engine: str) -> list[dict]:
    index, entries = SEARCH_INDEX[engine]
    return json.loads((site / index).read_text(encoding="utf-8"))[entries]


def found_by(entries: list[dict], words: str) -> set[str]:
    """The pages whose search entries hold `words`, as the reader typed them."""
    wanted = " ".join(words.lower().split())
    pages = set()
    for entry in entries:
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(f"{entry['title']} {entry['text']}")).lower().split())
        if wanted in text:
            pages.add(entry["location"].split("#")[0])
    return pages


def test_search_finds_every_exercise_by_its_title_and_by_each_other_name(engine_site, catalog):
    engine, site = engine_site
    entries = search_entries(site, engine)
    for slug, exercise in catalog.exercises.items():
        page = addresses.exercise_page(slug)
        assert page in found_by(entries, exercise.title), f"{engine}: {exercise.title}"
        for alias in exercise.aliases:
            assert page in found_by(entries, alias), f"{engine}: {alias} ({exercise.title})"


def test_every_series_has_its_sheets_on_every_paper(engine_site, catalog):
    engine, site = engine_site
    for slug in catalog.series:
        for paper in addresses.PAPERS:
            sheet = site / addresses.sheet(slug, paper)
            assert sheet.read_bytes().startswith(b"%PDF-"), f"{engine}: {sheet}"


def test_the_open_data_is_what_the_mkdocs_build_publishes(engine_site, built_site):
    _, site = engine_site
    for name in (addresses.EXERCISES_JSON, addresses.SERIES_JSON):
        assert json.loads((site / name).read_text(encoding="utf-8")) == json.loads((built_site / name).read_text())
    for name in ("exercise.schema.json", "series.schema.json"):
        assert (site / addresses.schema(name)).read_bytes() == (built_site / addresses.schema(name)).read_bytes()


_FETCHED = re.compile(r"""<(?:img|script|source|iframe|video|audio)\b[^>]*?\ssrc="([^"]*)"|<link\b([^>]*)>""", re.I)


def fetched_addresses(page_html: str) -> list[str]:
    """What a page makes the browser fetch by itself: src= of pictures and scripts, and <link> (not rel=canonical)."""
    found = []
    for source, link in _FETCHED.findall(page_html):
        if link:
            if re.search(r'\srel="canonical"', link):
                continue  # names the page's own address; nothing fetches it
            source = (re.search(r'\shref="([^"]*)"', link) or [None, ""])[1]
        found.append(html.unescape(source))
    return found


def test_no_page_fetches_anything_from_another_machine(engine_site):
    engine, site = engine_site
    pages = sorted(site.rglob("*.html"))
    assert pages
    for page in pages:
        for address in fetched_addresses(page.read_text(encoding="utf-8")):
            assert not urlsplit(address).netloc and not address.startswith("//"), f"{engine}: {page}: {address}"


def test_every_page_opens_with_its_content_security_policy(engine_site):
    engine, site = engine_site
    for page in sorted(site.rglob("*.html")):
        head = page.read_text(encoding="utf-8").split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"'), f"{engine}: {page}"


@pytest.mark.browser
def test_an_exercise_and_a_series_load_in_chromium_asking_nothing_of_another_machine_and_breaking_no_policy(
    engine_site, browser, catalog
):
    engine, site = engine_site
    pages = [addresses.exercise_page(next(iter(catalog.exercises))), addresses.series_page(next(iter(catalog.series)))]
    with served(site) as base_url:
        context = browser.new_context()
        elsewhere, refused = [], []
        context.route(
            "**/*",
            lambda route: (
                (elsewhere.append(route.request.url), route.abort())
                if not route.request.url.startswith(base_url)
                else route.continue_()
            ),
        )
        page = context.new_page()
        page.on(
            "console",
            lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
        )
        for address in pages:
            response = page.goto(base_url + address, wait_until="networkidle")
            assert response is not None and response.ok, f"{engine}: {address}"
            assert page.locator("article.sg-article h1").first.is_visible()
        context.close()
    assert elsewhere == [], engine
    assert refused == [], engine


def test_a_file_left_in_the_site_folder_before_the_build_is_not_published(engine_site):
    engine, site = engine_site
    assert not (site / PLANTED).exists(), engine
    assert f'"{PLANTED.removesuffix("index.html")}"' not in (site / "offline.json").read_text(encoding="utf-8")


def _page_text(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(condition, what: str, *, tries: int = 240) -> None:
    """Until `condition()` holds; a server that never gets there fails after minutes, not on a slow machine."""
    for _ in range(tries):
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"never {what}")


def test_serving_with_zensical_shows_an_entry_changed_while_it_runs(tmp_path, catalog):
    project = project_copy(tmp_path)
    slug, exercise = next(iter(catalog.exercises.items()))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{addresses.exercise_page(slug)}"
    server = subprocess.Popen(
        [sys.executable, str(STAGE), "serve", "zensical", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(lambda: f"<h1>{html.escape(exercise.title)}</h1>" in _page_text(url), "served the page")
        entry = project / exercise.path
        entry.write_text(
            entry.read_text(encoding="utf-8").replace(exercise.summary, "A calmer summary."), encoding="utf-8"
        )
        _wait_for(lambda: "A calmer summary." in _page_text(url), "showed the change")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_staging_again_without_a_change_writes_nothing(tmp_path):
    project = project_copy(tmp_path)
    assert run_stage(project, "stage", "zensical").returncode == 0
    again = run_stage(project, "stage", "zensical")
    assert again.stdout.strip() == "staged build/stage/zensical/: 0 files written, 0 removed"


def test_staging_after_an_entrys_prose_changed_rewrites_its_page_only(tmp_path, catalog):
    project = project_copy(tmp_path)
    assert run_stage(project, "stage", "properdocs").returncode == 0
    slug, exercise = next(iter(catalog.exercises.items()))
    entry = project / exercise.path
    entry.write_text(entry.read_text(encoding="utf-8") + "\nOne more calm sentence.\n", encoding="utf-8")
    docs = project / "build" / "stage" / "properdocs" / "docs"
    before = {path: path.stat().st_mtime_ns for path in docs.rglob("*") if path.is_file()}
    assert run_stage(project, "stage", "properdocs").returncode == 0
    rewritten = {path.relative_to(docs).as_posix() for path in before if path.stat().st_mtime_ns != before[path]}
    assert rewritten == {f"exercises/{slug}.md"}
    assert "One more calm sentence." in (docs / "exercises" / f"{slug}.md").read_text(encoding="utf-8")


def test_a_file_left_in_the_staged_tree_is_removed(tmp_path):
    project = project_copy(tmp_path)
    stray = project / "build" / "stage" / "zensical" / "docs" / "exercises" / "planted.md"
    stray.parent.mkdir(parents=True)
    stray.write_text("<script>alert(1)</script>\n", encoding="utf-8")
    staged = run_stage(project, "stage", "zensical")
    assert staged.returncode == 0, staged.stderr
    assert not stray.exists()


def test_a_content_problem_stops_staging_with_the_checks_line_and_stages_nothing(tmp_path, catalog):
    project = project_copy(tmp_path)
    exercise = next(iter(catalog.exercises.values()))
    entry = project / exercise.path
    text = entry.read_text(encoding="utf-8")
    entry.write_text(re.sub(r"(?m)^level: .*$", "level: expert", text, count=1), encoding="utf-8")
    line = text[: re.search(r"(?m)^level: ", text).start()].count("\n") + 1
    staged = run_stage(project, "stage", "zensical")
    assert staged.returncode == 1
    assert staged.stderr.splitlines()[0] == (
        f"{exercise.path}:{line}:8: level: 'expert' is not one of: beginner, intermediate, advanced"
    )
    assert not (project / "build" / "stage").exists()


def test_an_engine_the_guide_does_not_know_is_one_line(tmp_path):
    staged = run_stage(project_copy(tmp_path), "stage", "hugo")
    assert staged.returncode == 2
    assert staged.stderr == "stage.py: engine: must be zensical or properdocs, not 'hugo'\n"


def test_a_link_in_an_entry_to_another_page_is_the_address_of_that_page():
    assert page_link("../series/desk-break.md#why", "exercises/cat-cow.md") == "../../series/desk-break/#why"


def test_a_link_in_an_entry_to_a_picture_is_read_from_the_entrys_folder():
    assert page_link("images/cat-cow.png", "exercises/cat-cow.md") == "../images/cat-cow.png"


def test_for_an_engine_that_reads_links_from_the_source_a_page_below_its_source_loses_one_climb():
    page_html = '<a href="../../safety/">s</a><img src="../cat-cow/figure.svg"><a href="#x">x</a>'
    assert links_from_source(page_html, "exercises/cat-cow.md") == (
        '<a href="../safety/">s</a><img src="cat-cow/figure.svg"><a href="#x">x</a>'
    )


def test_an_index_page_is_beside_its_source_so_its_links_stay():
    page_html = '<a href="../safety/">s</a>'
    assert links_from_source(page_html, "exercises/index.md") == page_html
