"""An entry's prose rendered to HTML as an engine renders a page's Markdown, with its links made page addresses."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from ..addresses import page_of

# MkDocs and Zensical add these to every configuration's own extensions.
ENGINE_EXTENSIONS = ("toc", "tables", "fenced_code")


def prose_renderer(extensions: list[Any]) -> Callable[[str, str], str]:
    """A function (source path, Markdown) -> HTML, with `markdown_extensions` as mkdocs.yml lists them.

    A relative link is read from the source's folder, as an engine reads a Markdown link, and
    written from the page's own folder, as the plugin's pages get it from MkDocs.
    """
    names, configs = _extensions(extensions)
    renderer = markdown.Markdown(extensions=names, extension_configs=configs)
    links = _Links()
    renderer.treeprocessors.register(links, "stretchguide_links", 1)  # after every other tree change

    def render(source: str, text: str) -> str:
        links.source = source
        return renderer.reset().convert(text)

    return render


def page_link(target: str, source: str) -> str:
    """`target` as written in `source` (`../series/desk-break.md#why`), as a link from the source's page."""
    return moved(target, source_folder(source), page_of(source), pages=True)


def links_from_source(page_html: str, source: str) -> str:
    """The page's href and src links, written from its page's folder, rewritten from its source's folder.

    The page of exercises/cat-cow.md is one folder deeper than its source, so a link that climbs
    loses one `../`, which the engine puts back: the built page has the link exactly as written.
    """
    page, folder = page_of(source), source_folder(source)
    if page == folder:
        return page_html

    def rebased(target: str) -> str:
        return target.removeprefix("../") if target.startswith("../") else moved(target, page, folder)

    return _LINK.sub(lambda match: match[1] + rebased(match[2]) + '"', page_html)


def moved(target: str, folder: str, base: str, *, pages: bool = False) -> str:
    """The relative link `target`, read from `folder` ('' is the root), as a link from `base`; with `pages`,
    a link to a Markdown source becomes one to its page. Other links (another site, #anchor, /root) are kept."""
    parts = urlsplit(html.unescape(target))
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return target
    path = posixpath.normpath(posixpath.join(folder, parts.path))
    if pages and path.endswith(".md"):
        path = page_of(path)
    elif parts.path.endswith("/") or parts.path in (".", ".."):
        path += "/"
    relative = posixpath.relpath(path if path not in ("/", "./") else ".", base or ".")
    if path.endswith("/") and relative != ".":
        relative += "/"
    return html.escape(urlunsplit(("", "", "./" if relative == "." else relative, parts.query, parts.fragment)))


def source_folder(source: str) -> str:
    """The folder of a source, as a link base: 'exercises/' for exercises/cat-cow.md, '' at the root."""
    folder = posixpath.dirname(source)
    return f"{folder}/" if folder else ""


_LINK = re.compile(r'(\s(?:href|src)=")([^"]*)"')


class _Links(Treeprocessor):
    source = ""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                if element.get(attribute) is not None:
                    element.set(
                        attribute, html.unescape(page_link(html.escape(element.get(attribute, "")), self.source))
                    )


def _extensions(listed: list[Any]) -> tuple[list[str], dict[str, dict]]:
    """mkdocs.yml's `markdown_extensions` (names, or one-key mappings of name to options) as Python-Markdown takes them."""
    names, configs = list(ENGINE_EXTENSIONS), {}
    for item in listed:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        if name not in names:
            names.append(name)
        if options:
            configs[name] = dict(options)
    return names, configs
