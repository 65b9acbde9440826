"""The website's pages and files, rendered from the catalog; no MkDocs here, so any engine can use it.

A generated page is a small Markdown file (front matter and the entry's own prose) that the
engine renders as usual; `Site.page_content` then puts the rendered prose into the finished
page. Every field goes through autoescaping templates, and every generated page's HTML, prose and
fields alike, through the sanitiser's allowlist (`sanitize_html`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from .. import addresses
from ..addresses import source_of
from ..cache import Cache
from ..labels import FACETS, label, schema_values
from ..model import Catalog, Exercise, Series
from ..schema import SCHEMA_FILES
from ..sheet.printed import PRINTED_STEPS
from ..svgsafe import clean_svg
from . import opendata, pictures, session
from .rendered import RenderedPages
from .sanitized import SanitizedPages

EXERCISE_BOOST = 3  # in search, an exercise outranks prose pages that mention its name
SERIES_BOOST = 2
PACKAGE = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"<!--\s*stretchguide:([a-z-]+)(?:\s+([\w./-]+))?\s*-->")


@dataclass(frozen=True)
class _Page:
    """A generated page: which templates draw it, where it lives, and its entry."""

    template: str  # <template>.html.j2 draws the page, <template>_search.html.j2 what search reads
    url: str
    meta: Mapping[str, Any]  # its source's front matter
    exercise: Exercise | None = None
    series: Series | None = None
    in_nav: bool = False

    @property
    def prose(self) -> str:
        """The entry's own Markdown, which the engine renders."""
        return self.exercise.body if self.exercise else ""


@dataclass(frozen=True)
class Generated:
    """A file the site adds: a page's Markdown source, a sanitised picture or an open-data file."""

    path: str  # as if it were in docs/, e.g. "exercises/cat-cow.md"
    content: str
    in_nav: bool = False


class Site:
    """Everything the website shows of one catalog."""

    def __init__(
        self,
        catalog: Catalog,
        *,
        content_dir: Path,
        site_url: str = "",
        repository: str = "",
        cache: Cache,
        catalog_key: str | None = None,
    ):
        """`catalog_key` is the key of the catalog's inputs (site.catalog_cache): with it, pages are kept finished
        between builds while it, the settings and the code stay the same."""
        self.catalog = catalog
        self.content_dir = Path(content_dir)
        self.site_url = site_url
        self.repository = repository.rstrip("/")
        self.drawings = pictures.Drawings(cache)
        self.sanitized = SanitizedPages(cache)  # every page's HTML passes through it
        inputs = None if catalog_key is None else "\0".join((catalog_key, site_url, self.repository, str(content_dir)))
        self.rendered = RenderedPages(cache, inputs)
        # Which series use each exercise, worked out once rather than once per page.
        self._series_using: dict[str, list[Series]] = {}
        for series in catalog.series.values():
            for item in series.items:
                self._series_using.setdefault(item.exercise.slug, []).append(series)
        self._pages = self._generated_pages()
        # Each template read once per build: Jinja would check its file for changes on every page.
        self._templates: dict[str, Template] = {}

    # What an engine asks for

    def keep(self) -> None:
        """Keep this build's finished pages and sanitiser results for the next build; call it when the build is done."""
        self.rendered.keep()
        self.sanitized.keep()
        self.drawings.keep()

    def generated_files(self) -> Iterator[Generated]:
        """The Markdown sources of the generated pages, contributors' SVG pictures as made safe, and the open data."""
        for path, page in self._pages.items():
            yield Generated(path, _source(page.meta, page.prose), in_nav=page.in_nav)
        for exercise in self.catalog.exercises.values():
            found = pictures.photo(exercise)
            if found and found.url.endswith(".svg"):  # never the contributor's bytes: see stretchguide.svgsafe
                yield Generated(found.url, clean_svg(self._picture_file(exercise).read_bytes()))
        data = {
            addresses.EXERCISES_JSON: lambda: opendata.exercises_json(self.catalog, self.site_url),
            addresses.SERIES_JSON: lambda: opendata.series_json(self.catalog, self.site_url),
            addresses.SESSION_JSON: lambda: session.session_file(self.catalog),
        }
        for path, make in data.items():  # kept finished like the pages: made from the same catalog and settings
            yield Generated(path, self.rendered("data", path, "", make))

    def finished_sources(
        self, prose_html: Callable[[str, str], str], engine_html: Callable[[str, str], str]
    ) -> Iterator[Generated]:
        """Each generated page as a Markdown file whose body is the finished page, for an engine that runs no plugin.

        `prose_html(path, markdown)` renders an entry's prose as the engine would, and `engine_html(path, html)`
        gives the finished page as that engine must read it (the same, or its links rewritten).
        """
        for path, page in self._pages.items():
            finished = self.page_content(path, prose_html(path, escaped_prose(page.prose)))
            body = engine_html(path, compact_html(finished or ""))
            yield Generated(path, _source(page.meta, body, markup=True), in_nav=page.in_nav)

    def copied_files(self) -> Iterator[tuple[str, Path | pictures.Drawing]]:
        """(site path, source file or drawing) of files published as they are: drawings, raster pictures, fonts, schemas."""
        for font in sorted((PACKAGE / "assets" / "fonts").iterdir()):
            if font.suffix in (".css", ".txt"):  # the faces themselves are published cut down: site/fonts.py
                yield f"assets/fonts/{font.name}", font
        for exercise in self.catalog.exercises.values():
            yield from self.drawings.files(exercise).items()
            found = pictures.photo(exercise)
            if found and not found.url.endswith(".svg"):  # the check has read their first bytes
                yield found.url, self._picture_file(exercise)
        for name in SCHEMA_FILES:
            yield addresses.schema(name), PACKAGE / "schemas" / name

    def _picture_file(self, exercise: Exercise) -> Path:
        return self.content_dir / "exercises" / "images" / exercise.image["file"]

    def search_content(self, path: str, prose_html: str) -> str | None:
        """What a search index should read of the generated page at `path`: its title, other names,
        summary, steps and prose, and nothing else, so a search finds the page by what it is about.
        None if `path` is not a generated page."""
        page = self._pages.get(path)
        return self._render(f"{page.template}_search.html.j2", page, prose_html) if page else None

    def page_content(self, path: str, prose_html: str) -> str | None:
        """The finished HTML of the generated page at `path`, around its rendered prose; None if not ours."""
        page = self._pages.get(path)
        return self._render(f"{page.template}.html.j2", page, prose_html) if page else None

    def fill_placeholders(self, page_html: str, page_url: str) -> str:
        """Fill `<!-- stretchguide:series-cards -->` and the like in a hand-written page."""
        if "<!-- stretchguide:" not in page_html:
            return page_html
        fragments: dict[str, Callable[[str | None], str]] = {
            "series-cards": lambda _: self.sanitized(
                _render_template("series_cards.html.j2", root=root_for(page_url), site=self)
            ),
            "exercise-count": lambda _: str(len(self.catalog.exercises)),
            "series-count": lambda _: str(len(self.catalog.series)),
            "repository-link": lambda path: str(_repository_link(self.repository, path or "")),
        }
        return PLACEHOLDER.sub(
            lambda match: fragments[match[1]](match[2]) if match[1] in fragments else match[0], page_html
        )

    # Pages

    def _generated_pages(self) -> dict[str, _Page]:
        listings = [
            _Page(
                "exercise_index",
                addresses.EXERCISES,
                _listing_meta("Exercises", template="exercise_index.html"),  # its cards take "Add to my routine"
                in_nav=True,
            ),
            _Page("series_index", addresses.SERIES, _listing_meta("Series"), in_nav=True),
            _Page("gallery", addresses.GALLERY, {**_listing_meta("Picture gallery"), "search": {"exclude": True}}),
        ]
        exercises = [
            _Page("exercise", addresses.exercise_page(slug), _entry_meta("exercise", exercise), exercise=exercise)
            for slug, exercise in self.catalog.exercises.items()
        ]
        series = [
            _Page("series", addresses.series_page(slug), _entry_meta("series", entry), series=entry)
            for slug, entry in self.catalog.series.items()
        ]
        return {source_of(page.url): page for page in (*listings, *exercises, *series)}

    def _render(self, template: str, page: _Page, prose_html: str) -> str:
        return self.rendered(template, page.url, prose_html, lambda: self._rendered_now(template, page, prose_html))

    def _rendered_now(self, template: str, page: _Page, prose_html: str) -> str:
        if template not in self._templates:
            self._templates[template] = _environment().get_template(template)
        context = {"root": root_for(page.url), "site": self, "prose": Markup(prose_html)}
        return self.sanitized(self._templates[template].render(context, exercise=page.exercise, series=page.series))

    # What the templates ask for

    def facets(self) -> list[dict[str, Any]]:
        """Each filter with the values that occur in the catalog, in the content contract's order."""
        found = []
        for field, parameter, heading in FACETS:
            present = {value for exercise in self.catalog.exercises.values() for value in _values(exercise, field)}
            options = [(value, label(field, value)) for value in schema_values(field) if value in present]
            found.append({"parameter": parameter, "heading": heading, "options": options})
        return found

    def facts(self, exercise: Exercise) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(heading, URL parameter, [(value, label)]) for each facet of one exercise."""
        return [
            (heading, parameter, [(value, label(field, value)) for value in _values(exercise, field)])
            for field, parameter, heading in FACETS
        ]

    def filter_data(self, exercise: Exercise) -> dict[str, str]:
        """The values the index filters match a card against, space-separated per URL parameter."""
        return {parameter: " ".join(_values(exercise, field)) for field, parameter, _ in FACETS}

    def related(self, exercise: Exercise) -> list[Exercise]:
        return [self.catalog.exercises[slug] for slug in exercise.related if slug in self.catalog.exercises]

    def series_using(self, exercise: Exercise) -> list[Series]:
        return self._series_using.get(exercise.slug, [])

    def edit_url(self, exercise: Exercise) -> str | None:
        return f"{self.repository}/edit/main/{exercise.path}" if self.repository else None

    def sheet_links(self, series: Series) -> list[tuple[str, str]]:
        """(paper size, site path) of the printable sheets of a series."""
        return [(name, addresses.sheet(series.slug, paper)) for paper, name in addresses.PAPERS.items()]

    def session_data(self, series: Series) -> str:
        """What the series page's guided session reads (see stretchguide.site.session)."""
        return session.series_session(series, self.site_url)

    def pictured_count(self) -> int:
        return sum(1 for exercise in self.catalog.exercises.values() if self.thumbnail(exercise))

    can_draw = staticmethod(pictures.can_draw)
    photo = staticmethod(pictures.photo)
    thumbnail = staticmethod(pictures.thumbnail_url)
    views = staticmethod(pictures.views)

    @staticmethod
    def pose_url(exercise: Exercise, which: str) -> str:
        return pictures.pose_url(exercise.slug, which)


def _repository_link(repository: str, path: str) -> Markup:
    if not repository:
        return Markup("<code>{}</code> in the repository").format(path)
    return Markup('<a href="{}/blob/main/{}">{}</a> in the repository').format(repository, path, path)


def compact_html(page_html: str) -> str:
    """The page without its templates' indentation and blank lines; <pre> blocks are kept as they are."""
    parts = _PREFORMATTED.split(page_html)
    for index in range(0, len(parts), 2):  # the even parts lie outside <pre> and <textarea>
        parts[index] = _INDENTATION.sub("\n", parts[index])
    return "".join(parts)


_PREFORMATTED = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)
_INDENTATION = re.compile(r"\n\s+")


def root_for(url: str) -> str:
    """The relative way back to the site root from a page at `url` ('', 'safety/', 'exercises/x/')."""
    return "../" * url.count("/")


# Markdown sources


def _entry_meta(kind: str, entry: Exercise | Series) -> dict[str, Any]:
    return {
        "template": f"{kind}.html",
        # Material prints the title and description as they are, so they are escaped here, once.
        "title": html.escape(entry.title),
        "description": html.escape(entry.summary),
        "search": {"boost": EXERCISE_BOOST if kind == "exercise" else SERIES_BOOST},
        "hide": ["navigation", "toc"],
    }


def _listing_meta(title: str, template: str = "listing.html") -> dict[str, Any]:
    return {"template": template, "title": title, "hide": ["navigation", "toc"]}


def _source(meta: Mapping[str, Any], body: str = "", *, markup: bool = False) -> str:
    # Front matter as JSON, which is YAML too and far quicker to write. Prose stays Markdown, but
    # any HTML in it is shown as text, never run; `markup` is a finished, sanitised page instead.
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n\n{body if markup else escaped_prose(body)}\n"


def escaped_prose(markdown: str) -> str:
    """An entry's prose as the engine gets it: Markdown whose HTML, if any, reads as text."""
    return markdown.replace("<", "&lt;")


def _values(exercise: Exercise, field: str) -> tuple[str, ...]:
    value = getattr(exercise, field)
    return value if isinstance(value, tuple) else (value,)


# Templates


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["label"] = label
    environment.globals["address"] = addresses
    environment.globals["printed_steps"] = PRINTED_STEPS  # a series page prints as many steps as its sheet
    return environment


def _render_template(template: str, **context: Any) -> str:
    return _environment().get_template(template).render(context)
