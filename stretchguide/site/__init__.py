"""The website: pages, open data and pictures rendered from the catalog, independent of MkDocs."""

from .pages import Generated, Site, compact_html, root_for

__all__ = ["Generated", "Site", "compact_html", "root_for"]
