"""The sanitiser with a memory: what it made of each page's HTML in the last build, kept sealed in the cache.

Cleaning a page costs about a millisecond, and a warm build of a thousand exercises cleans
two thousand pieces of HTML that are the same as last time. The results are one cache item
(a JSON object from a digest of the HTML to its cleaned form), not one file per page: a cold
build then writes one file, not thousands. The item is sealed like every other (cache.py), so
one that someone else wrote is never read, and its version covers the allowlist (the sanitiser,
the templates its classes come from, the facets, nh3), so a change to any of them cleans again.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..cache import PAGES, Cache, Memo, digest_files
from .sanitize import TEMPLATES, sanitize_html

PACKAGE = Path(__file__).resolve().parents[1]
ALLOWLIST_CODE = ("site/sanitize.py", "labels.py")  # the allowlist, and the facets its data- attributes come from
_ITEM = "sanitized pages"


class SanitizedPages:
    """`sanitize_html`, answered from the last build's results where the HTML is the same."""

    def __init__(self, cache: Cache):
        self.kind = cache.kind(PAGES, _allowlist_version(), ".json")
        self.key = self.kind.key(item=_ITEM)
        self.memo = Memo(self.kind, self.key)

    def __call__(self, html: str) -> str:
        digest = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()
        return self.memo.get(digest, lambda: sanitize_html(html))

    def keep(self) -> None:
        """Store this build's results for the next, in place of the last build's (only those this build used)."""
        self.memo.keep()


@cache
def _allowlist_version() -> str:
    files = [PACKAGE / name for name in ALLOWLIST_CODE] + sorted(TEMPLATES.iterdir())
    return digest_files(files, PACKAGE, tools=f"nh3 {version('nh3')}")
