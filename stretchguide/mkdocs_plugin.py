"""The MkDocs adapter: adds the catalog's pages to the build; the pages themselves come from stretchguide.site."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .problems import ContentError, Problem
from .site import Site, compact_html
from .site.catalog_cache import load_catalog_cached
from .site.csp import with_csp
from .site.fonts import published_fonts
from .site.offline import write_offline_files

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


class StretchGuideConfig(base.Config):
    content_dir = c.Type(str, default="content")  # relative to mkdocs.yml
    sheets = c.Type(bool, default=True)  # write the printable PDF sheets after the build


class StretchGuidePlugin(BasePlugin[StretchGuideConfig]):
    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> None:
        if not config.use_directory_urls:
            raise PluginError("stretchguide: the guide's addresses need 'use_directory_urls: true' in mkdocs.yml")
        self.root = Path(config.config_file_path).resolve().parent
        self.site: Site | None = None
        self.prose: dict[str, str] = {}  # each generated page's rendered Markdown, until its page is drawn

    # Early, so plugins that look at files (search, redirects ...) see the generated pages too.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        content_dir = self.root / self.config.content_dir
        try:
            catalog = load_catalog_cached(content_dir, root=self.root, cache_dir=self.root / ".cache" / "catalog")
        except ContentError as error:
            raise _failure(error.problems) from None
        site = Site(
            catalog,
            content_dir=content_dir,
            site_url=config.site_url or "",
            repository=config.extra.get("repository", ""),
            cache_dir=self.root / ".cache" / "figures",
        )
        for generated in site.generated_files():
            inclusion = InclusionLevel.UNDEFINED if generated.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, generated.path, content=generated.content, inclusion=inclusion))
        for path, source in site.copied_files():
            published = _LinkedFile if source.is_relative_to(self.root / ".cache") else File
            files.append(published.generated(config, path, abs_src_path=str(source)))
        texts = (content_dir, Path(config.docs_dir), Path(config.theme.custom_dir or config.docs_dir))
        for path, source in published_fonts(texts):
            files.append(File.generated(config, path, abs_src_path=str(source)))
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
        return context

    # Last, so nothing re-indents the page after it: about a sixth of a page is indentation.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # The policy hashes the page's inline scripts as written, so it is added after every other change.
        return with_csp(compact_html(output), content=compact_html(page.content or ""))

    # The theme's own pages (404.html) are not pages to MkDocs, but they need the policy as much.
    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        return with_csp(output_content) if template_name.endswith(".html") else output_content

    # Last, after every other plugin has written into the site folder.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._write_sheets(config)
        write_offline_files(Path(config.site_dir))  # last: its version is a digest of every other file

    def _write_sheets(self, config: MkDocsConfig) -> None:
        if not self.config.sheets or self.site is None:
            return
        from .sheet import SheetError, write_series_sheets  # WeasyPrint loads only when sheets are wanted

        try:
            write_series_sheets(
                self.site.catalog,
                Path(config.site_dir) / "downloads",
                site_url=config.site_url or "",
                cache_dir=self.root / ".cache" / "sheets",
                root=self.root,
            )
        except SheetError as error:
            for line in str(error).splitlines():
                log.error(line)
            raise PluginError("the printable sheets could not be written; see above") from None


class _LinkedFile(File):
    """A file published from one of our caches by hard link: one system call, where a copy takes two opens and a write.

    A thousand exercises publish two thousand drawings; copying them was a sixth of a warm build.
    """

    def copy_file(self, dirty: bool = False) -> None:
        try:
            _link(self.abs_src_path, self.abs_dest_path)
        except OSError:  # already there (mkdocs serve), another file system, or no hard links
            super().copy_file(dirty)


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except FileNotFoundError:  # the first file in its folder
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.link(source, target)


def _failure(problems: list[Problem]) -> PluginError:
    """Log each problem as the content check prints it; the error stops the build without a traceback."""
    for problem in problems:
        log.error(str(problem))
    files = len({problem.path for problem in problems})
    return PluginError(
        f"{len(problems)} content {'problem' if len(problems) == 1 else 'problems'} in "
        f"{files} {'file' if files == 1 else 'files'}; fix them and build again (make check lists them too)"
    )
