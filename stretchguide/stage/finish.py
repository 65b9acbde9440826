"""After an engine has built a staged tree: the printable sheets, each page's Content-Security-Policy, the offline copy.

What the plugin does in MkDocs's last events, done over the built folder, so it needs nothing
from the engine but the files it wrote.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import addresses
from ..cache import project_cache
from ..site import compact_html
from ..site.catalog_cache import load_catalog_cached
from ..site.csp import with_csp
from ..site.offline import write_offline_files
from .engines import CONFIG, Engine, read_config
from .tree import CONTENT

# The page's content (entries' and hand-written pages'): from the theme's first <article> to its last
# </article>. An inline script in there is never hashed, as the plugin never hashes one in page.content.
_CONTENT = re.compile(r"<article\b.*</article\s*>", re.S | re.I)
_HAS_POLICY = 'http-equiv="Content-Security-Policy"'


def finish_site(root: Path, site_dir: Path, engine: Engine) -> None:
    """Write the sheets into `site_dir`, put the policy into every page, then the offline files (a digest of all)."""
    from ..sheet import write_series_sheets  # WeasyPrint loads only here

    root, site_dir = Path(root).resolve(), Path(site_dir)
    config = read_config(root / CONFIG)
    cache = project_cache(root)
    catalog = load_catalog_cached(root / CONTENT, root=root, cache=cache)
    write_series_sheets(
        catalog, site_dir / addresses.DOWNLOADS, site_url=config.get("site_url") or "", cache=cache, root=root
    )
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if _HAS_POLICY not in text:  # an engine that rebuilt only what changed leaves the others as they were
            page.write_text(with_policy(text, engine.styles), encoding="utf-8")
    write_offline_files(site_dir)


def with_policy(page_html: str, styles: tuple[str, ...] = ()) -> str:
    """The page compacted, with its Content-Security-Policy hashing the theme's inline scripts only."""
    page_html = compact_html(page_html)
    content = _CONTENT.search(page_html)
    return with_csp(page_html, content=content[0] if content else "", styles=styles)
