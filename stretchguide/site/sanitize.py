"""The allowlist every generated page's HTML passes through before it reaches a reader or the search index.

The check refuses risky Markdown, and the templates escape every field; this is the layer that
holds whatever those two missed. Whatever comes in, what goes out has only the elements,
attributes, classes and URL schemes listed here, and every id lives in our own namespace
(`sg-…`), so nothing from an entry can take the name of an element the theme reads, such as
Material's `__config` or its `md-…` classes. It knows nothing of MkDocs, so any engine can use it.
"""

from __future__ import annotations

import html as html_lib
import re
from functools import cache
from pathlib import Path

import nh3

from ..labels import FACETS

ID_PREFIX = "sg-"
TEMPLATES = Path(__file__).resolve().parent / "templates"

# What the templates draw and what Python-Markdown makes of an entry's prose (admonition,
# attr_list, md_in_html and toc, as mkdocs.yml enables them). The form elements are the
# index's filters: an entry's prose cannot make elements, only attributes on Markdown's own.
ELEMENTS = frozenset(
    {
        *("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code"),
        *("em", "strong", "cite", "kbd", "sub", "sup", "abbr", "del", "ins", "span", "div"),
        *("ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption"),
        *("section", "aside", "nav", "form", "label", "select", "option", "button"),
    }
)
ATTRIBUTES = {
    "*": {"id", "title", "hidden", "role", "aria-label", "aria-hidden"},  # ids are prefixed; classes: _known_classes
    "a": {"href", "rel", "download"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start"},
    "label": {"for"},
    "select": {"name"},
    "option": {"value"},
    "button": {"type"},
}
URL_SCHEMES = frozenset({"https", "http", "mailto"})  # and relative addresses; never javascript: or data:
OFF_SITE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|[/\\]{2})", re.IGNORECASE)  # an address with a scheme or a host

# Admonitions: Python-Markdown's classes, and the types Material draws (with their aliases).
ADMONITION_CLASSES = frozenset(
    {
        *("admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint"),
        *("important", "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention"),
        *("failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite"),
    }
)


def sanitize_html(html: str) -> str:
    """`html` with only allowlisted elements, attributes, classes and addresses, and every id prefixed `sg-`.

    Links to an id in the same content (`href="#x"`, `<label for="x">`) follow their target."""
    return _START_TAG.sub(_settled, _cleaner().clean(html))


# nh3 writes each start tag as <name attr="value" ...> with every '"' inside a value escaped, so
# this finds exactly its tags, and an attribute found inside one is a real attribute, never text.
_START_TAG = re.compile(r'<[a-z][a-z0-9]*(?: [^\s"=<>/]+(?:="[^"]*")?)*/?>')
# As nh3 does with ids, a reference already in our namespace stays as it is.
_ID_REFERENCE = re.compile(rf' (href="#|for=")(?!{re.escape(ID_PREFIX)}|")')
_SOURCE = re.compile(r' src="([^"]*)"')


def _settled(tag: re.Match) -> str:
    """One start tag, its references to ids moved with the ids and any picture from another host dropped.

    Done on nh3's output rather than in its attribute callback: a third of the time for the same result."""
    written = tag[0].replace(' class=""', "")  # nh3 leaves the attribute when it took every class away
    if ' href="#' in written or ' for="' in written:
        written = _ID_REFERENCE.sub(lambda found: f" {found[1]}{ID_PREFIX}", written)
    if ' src="' in written:
        written = _SOURCE.sub(lambda found: "" if _off_site(html_lib.unescape(found[1])) else found[0], written)
    return written


def _off_site(address: str) -> bool:
    # As a browser reads an address: tabs and newlines anywhere are ignored, spaces around it too.
    return bool(OFF_SITE.match(re.sub(r"[\t\n\r]", "", address).strip(_C0_AND_SPACE)))


_C0_AND_SPACE = "".join(map(chr, range(0x21)))


@cache
def _cleaner() -> nh3.Cleaner:
    attributes = {element: set(names) for element, names in ATTRIBUTES.items()}
    attributes["*"] |= _data_attributes()
    return nh3.Cleaner(
        tags=set(ELEMENTS),
        attributes=attributes,
        allowed_classes={element: set(_known_classes()) for element in ELEMENTS},
        id_prefix=ID_PREFIX,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,  # the templates set rel where they link out; it is not the sanitiser's to add
        strip_comments=True,
    )


@cache
def _known_classes() -> frozenset[str]:
    """Our templates' classes (all begin `sg-`) and the admonitions'; nothing of the theme's."""
    return frozenset(re.findall(r"(?<![\w-])sg-[\w-]+", _template_text())) | ADMONITION_CLASSES


@cache
def _data_attributes() -> frozenset[str]:
    """The data- attributes our script reads: those the templates write, and one per index filter."""
    named = re.findall(r"(?<![\w-])data-[a-z][a-z-]*(?![\w-])", _template_text())
    return frozenset(named) | {f"data-{parameter}" for _, parameter, _ in FACETS}


@cache
def _template_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(TEMPLATES.glob("*.j2")))
