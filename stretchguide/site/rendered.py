"""Generated pages and open data kept finished from the last build: a build of the same catalog with the same code and settings makes none again.

Rendering and cleaning an exercise page's two templates (the page and what search reads)
costs a few milliseconds, and most builds change nothing: a deploy after a docs edit,
`make serve` after a style edit. The results are one cache item, keyed by every input a
page's content can depend on (the catalog's own key, which covers every file in content/,
the site's address and repository, and the code and templates that render and clean it),
each page found by its template, address and rendered prose. Any change to an entry gives
a new key, so every page is rendered again, never a stale one kept; the item is sealed like
every other (cache.py), so one that someone else wrote is never read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from importlib.metadata import version

from ..cache import PACKAGE, RENDERED, Cache, Memo, digest_files

_ITEM = "rendered pages"


class RenderedPages:
    """A page's finished content, from the last build when all its inputs are the same."""

    def __init__(self, cache: Cache, inputs: str | None):
        """`inputs`: a digest of what any page may show beyond its own prose; None remembers nothing (the
        preview of a catalog with problems has no key)."""
        kind = cache.kind(RENDERED, _code_version(), ".json")
        self.memo = Memo(kind, kind.key(item=_ITEM, inputs=inputs)) if inputs is not None else None

    def __call__(self, template: str, url: str, prose_html: str, render: Callable[[], str]) -> str:
        if self.memo is None:
            return render()
        digest = hashlib.sha256(f"{template}\0{url}\0{prose_html}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.memo.get(digest, render)

    def keep(self) -> None:
        if self.memo is not None:
            self.memo.keep()


@cache
def _code_version() -> str:
    files = [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.j2"), *(PACKAGE / "schemas").glob("*.json")]
    tools = " ".join(f"{name} {version(name)}" for name in ("jinja2", "markupsafe", "nh3"))
    return digest_files(files, PACKAGE, tools=tools)
