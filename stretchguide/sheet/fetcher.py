"""The only way a sheet reaches outside its HTML: project files and data: URIs, nothing else."""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .paths import ASSETS, TEMPLATES

# WOFF2 is missing from some systems' MIME tables, and WeasyPrint trusts the type we give.
_TYPES = {".woff2": "font/woff2", ".css": "text/css", ".svg": "image/svg+xml"}


class FetchRefused(FatalURLFetchingError):
    """A sheet asked for something outside the project; the render stops rather than leak it."""


class SheetFetcher(URLFetcher):
    """Serves files inside `folders` and data: URIs; refuses the network and every other file.

    WeasyPrint fetches stylesheets, fonts, images and `<link rel=attachment>` files through
    this one object, so refusing here keeps all of them inside the project.
    """

    def __init__(self, folders: Iterable[Path] = (TEMPLATES, ASSETS)):
        super().__init__(allowed_protocols=("data", "file"), fail_on_errors=True)
        self.folders = tuple(Path(folder).resolve() for folder in folders)

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            return self._file(url)
        raise FetchRefused(f"the sheet may not fetch {url}: only files of the project and data: URIs")

    def _file(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve()  # resolved: neither ".." nor a symlink may lead out
        if parts.netloc not in ("", "localhost") or not any(path.is_relative_to(folder) for folder in self.folders):
            raise FetchRefused(f"the sheet may not read {url}: it is outside the project's sheet and asset folders")
        if not path.is_file():
            raise FetchRefused(f"the sheet needs {path}, which does not exist")
        content_type = _TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})
