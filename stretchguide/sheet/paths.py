"""Where the sheet's files live, and its paper sizes: plain constants, so reading them never loads WeasyPrint."""

from pathlib import Path

from .. import addresses

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
ASSETS = PACKAGE / "assets"
PAPERS = tuple(addresses.PAPERS)
