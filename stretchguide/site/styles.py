"""The guide's own stylesheets (mkdocs.yml's extra_css) joined into one built file: a first paint waits for one request, not five."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

JOINED = "assets/stylesheets/guide.css"  # what every page links instead of the stylesheets it is made of
# A url() in a stylesheet: its quote, and the address, which is read from the stylesheet's own folder.
_URL = re.compile(r"""url\(\s*(["']?)([^"')\s]+)\1\s*\)""")
_NOT_RELATIVE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)  # data:, https:, /root, #fragment


def joined_stylesheet(sheets: Iterable[tuple[str, str]]) -> str:
    """The text of each (site path, text) in the order given, which is the cascade's; its relative url()s still find their files."""
    return "\n".join(f"/* {path} */\n{_moved(text, path).strip()}\n" for path, text in sheets)


def _moved(text: str, path: str) -> str:
    """The stylesheet at `path` with each relative url() written from the joined file's folder instead."""

    def moved(match: re.Match[str]) -> str:
        quote, address = match[1], match[2]
        if _NOT_RELATIVE.match(address):
            return match[0]
        found = posixpath.normpath(posixpath.join(posixpath.dirname(path), address))
        return f"url({quote}{posixpath.relpath(found, posixpath.dirname(JOINED))}{quote})"

    return _URL.sub(moved, text)
