"""The MkDocs adapter: adds the catalog's pages to the build; the pages themselves come from stretchguide.site."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import addresses
from .cache import project_cache
from .loader import load_sound_entries
from .problems import ContentError, Problem
from .sheet.dates import source_date_epoch
from .sheet.errors import SheetError
from .site import Site, compact_html
from .site.catalog_cache import cached_catalog
from .site.csp import with_csp
from .site.fonts import published_fonts
from .site.offline import write_offline_files
from .site.pictures import Drawing
from .site.preview import problem_pages
from .site.styles import JOINED, joined_stylesheet

if TYPE_CHECKING:  # the live-reload server (and its file watcher) is imported by `mkdocs serve`, not by every build
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class StretchGuideConfig(base.Config):
    content_dir = c.Type(str, default="content")  # relative to mkdocs.yml
    sheets = c.Type(bool, default=True)  # write the printable PDF sheets after the build


class StretchGuidePlugin(BasePlugin[StretchGuideConfig]):
    supports_multiple_instances = False
    previewing = False  # under `mkdocs serve`, content problems are shown in the pages instead of stopping the build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.previewing = command == "serve"
        if self.previewing:
            # MkDocs's live reload is an inline script that changes with every request: no hash can allow it.
            log.info("the preview's pages carry no Content-Security-Policy, so that they reload; a built site has it")

    def on_config(self, config: MkDocsConfig) -> None:
        if not config.use_directory_urls:
            raise PluginError("stretchguide: the guide's addresses need 'use_directory_urls: true' in mkdocs.yml")
        try:
            source_date_epoch()  # MkDocs reads it too, and a malformed one would end its build in a traceback
        except SheetError as error:
            raise PluginError(f"stretchguide: {error}") from None
        self.root = Path(config.config_file_path).resolve().parent
        self.cache = project_cache(self.root)  # one per build, so a cache that cannot be written is said once a build
        self.site: Site | None = None
        self.prose: dict[str, str] = {}  # each generated page's rendered Markdown, until its page is drawn
        self.problems: list[Problem] = []  # what the preview shows on every page while entries have them
        # Pages link the one joined stylesheet; the ones it joins stay listed in mkdocs.yml, in their cascade order.
        self.stylesheets: list[str] = list(config.extra_css)
        config.extra_css = [JOINED]

    # Early, so plugins that look at files (search, redirects ...) see the generated pages too.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        content_dir = self.root / self.config.content_dir
        key = None  # a catalog with problems has none: its pages are made afresh
        try:
            catalog, key = cached_catalog(content_dir, root=self.root, cache=self.cache)
        except ContentError as error:
            if not self.previewing:
                raise _failure(error.problems) from None
            catalog, self.problems = load_sound_entries(content_dir, root=self.root)
            for problem in self.problems:  # not a warning: strict mode would stop the preview at its first build
                log.info(f"shown in the preview: {problem}")
        site = Site(
            catalog,
            content_dir=content_dir,
            site_url=config.site_url or "",
            repository=config.extra.get("repository", ""),
            cache=self.cache,
            catalog_key=key,
        )
        for generated in site.generated_files():
            inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
        for path, source in site.copied_files():
            if isinstance(source, Path):
                files.append(File.generated(config, path, abs_src_path=str(source)))
            else:
                files.append(_DrawingFile.generated(config, path, content=b"").drawn_from(source))
        site.drawings.prune()
        for page in problem_pages(catalog, self.problems, content_dir=content_dir, root=self.root):
            files.append(File.generated(config, page.path, content=page.content, inclusion=InclusionLevel.NOT_IN_NAV))
        texts = (content_dir, Path(config.docs_dir), Path(config.theme.custom_dir or config.docs_dir))
        for path, subset in published_fonts(texts):
            files.append(File.generated(config, path, content=subset))
        files.append(File.generated(config, JOINED, content=joined_stylesheet(_stylesheets(files, self.stylesheets))))
        self.site, self.prose = site, {}
        return files

    # Late, after any plugin that edits Markdown output, so the search core is what gets indexed.
    @event_priority(-50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.site is not None
        searchable = self.site.search_content(page.file.src_uri, html)
        if searchable is None:
            return html
        self.prose[page.file.src_uri] = html
        return searchable

    # After Material's search (priority 0) has indexed the core: the reader gets the whole page.
    @event_priority(-100)
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation):
        assert self.site is not None
        path = page.file.src_uri
        if path in self.prose:
            page.content = self.site.page_content(path, self.prose.pop(path))
        else:
            page.content = self.site.fill_placeholders(page.content or "", page.url)
        context["preview_problems"] = [str(problem) for problem in self.problems]  # overrides/main.html's banner
        return context

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        rebuild = server.builder

        # A rebuild that raises leaves the server's pages waiting for a build that never comes:
        # the browser would hang until the next good save. Serve the pages there are instead.
        def rebuild_and_keep_serving() -> None:
            try:
                rebuild()
            except Exception as error:
                log.error(f"the rebuild failed, so the preview shows the pages as they were ({error})")

        server.builder = rebuild_and_keep_serving
        return server

    # Last, so nothing re-indents the page after it: about a sixth of a page is indentation.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The policy hashes the page's inline scripts as written, so it is added after every other change.
        if self.previewing:
            return compact_html(output)
        return with_csp(compact_html(output), content=compact_html(page.content or ""))

    # The theme's own pages (404.html) are not pages to MkDocs, but they need the policy as much.
    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.previewing or not template_name.endswith(".html"):
            return output_content
        return with_csp(output_content)

    # Last, after every other plugin has written into the site folder.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site is not None:
            self.site.keep()
        self._write_sheets(config)
        # Last: its version is a digest of every other file (the drawings' are known from publishing them).
        write_offline_files(Path(config.site_dir), known=self.site.drawings.copies.digests if self.site else None)

    def _write_sheets(self, config: MkDocsConfig) -> None:
        if not self.config.sheets or self.site is None:
            return
        from .sheet import write_series_sheets  # WeasyPrint loads only when sheets are wanted

        try:
            write_series_sheets(
                self.site.catalog,
                Path(config.site_dir) / addresses.DOWNLOADS,
                site_url=config.site_url or "",
                cache=self.cache,
                root=self.root,
            )
        except SheetError as error:
            for line in str(error).splitlines():
                log.error(line)
            raise PluginError("the printable sheets could not be written; see above") from None


class _DrawingFile(File):
    """A drawing, published as its bytes (checked, or drawn again): a link to a read-only copy, never to a cache item.

    The bytes are made when the file is written, not when it is listed: a thousand exercises
    publish two thousand drawings, too many to hold in memory at once.
    """

    drawing: Drawing

    def drawn_from(self, drawing: Drawing) -> _DrawingFile:
        self.drawing = drawing
        return self

    @property
    def content_bytes(self) -> bytes:
        return self._content or self.drawing.svg()  # _content: what another plugin wrote instead

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._content = value

    def is_modified(self) -> bool:
        return True

    def copy_file(self, dirty: bool = False) -> None:
        self.drawing.publish(self.content_bytes, self.abs_dest_path)


def _stylesheets(files: Files, paths: list[str]) -> list[tuple[str, str]]:
    """(path, text) of each stylesheet mkdocs.yml lists, from the docs, the theme or the plugin's own files."""
    found = []
    for path in paths:
        file = files.get_file_from_path(path)
        if file is None:
            raise PluginError(f"mkdocs.yml: extra_css: {path}: no such stylesheet in the docs, the theme or the guide")
        found.append((path, file.content_string))
    return found


def _failure(problems: list[Problem]) -> PluginError:
    """Log each problem as the content check prints it; the error stops the build without a traceback."""
    for problem in problems:
        log.error(str(problem))
    files = len({problem.path for problem in problems})
    return PluginError(
        f"{len(problems)} content {'problem' if len(problems) == 1 else 'problems'} in "
        f"{files} {'file' if files == 1 else 'files'}; fix them and build again (make check lists them too)"
    )
