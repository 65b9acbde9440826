"""Where the sheet's files live, its paper sizes and the address it links to: read without loading WeasyPrint."""

import os
from pathlib import Path

from .. import addresses

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = PACKAGE / "assets"
PAPERS = tuple(addresses.PAPERS)
LOCAL_SITE = "http://127.0.0.1:8000/"  # what `make serve` shows; mkdocs.yml uses it when SITE_URL is unset


def site_url() -> str:
    """The guide's address as a deploy sets it (SITE_URL), else the local preview's, as mkdocs.yml does."""
    return os.environ.get("SITE_URL") or LOCAL_SITE
