"""The guide's offline copy: a service worker at the site root, versioned by the built files, and the list of them."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

WORKER = Path(__file__).resolve().parent.parent / "assets" / "offline" / "sw.js"
WORKER_NAME = "sw.js"  # at the root, so its scope is the whole guide
MANIFEST = "offline.json"  # every file "Save the guide for offline use" fetches
# Source maps serve developers; compressed twins (sitemap.xml.gz) repeat a file already listed.
LEFT_OUT = (".map", ".gz")


def write_offline_files(site_dir: Path, known: Mapping[str, bytes] | None = None) -> str:
    """Write the manifest and the service worker into a built site, after every other file; return the version.

    The version is a digest of every file, so any change to the guide gives a new worker, which
    replaces the readers' whole offline copy at once instead of mixing two builds. `known` holds
    the SHA-256 of files the build published itself ({path: digest}), which are not read again.
    """
    site_dir = Path(site_dir)
    known = known or {}
    files = sorted(
        name for name in _files_under(site_dir) if name not in (WORKER_NAME, MANIFEST) and not name.endswith(LEFT_OUT)
    )
    digest = hashlib.sha256()
    for name in files:
        path = os.path.normpath(site_dir / name)
        found = known.get(path)
        if found is None:
            with open(path, "rb") as file:
                found = hashlib.file_digest(file, "sha256").digest()
        digest.update(b"%s\0%s\0" % (name.encode("utf-8"), found))
    version = digest.hexdigest()[:16]
    (site_dir / MANIFEST).write_text(json.dumps([_address(name) for name in files], indent=0) + "\n", encoding="utf-8")
    worker = WORKER.read_text(encoding="utf-8").replace('"__VERSION__"', json.dumps(version), 1)
    (site_dir / WORKER_NAME).write_text(worker, encoding="utf-8")
    return version


def _files_under(folder: Path, prefix: str = "") -> list[str]:
    """The files under `folder`, as site paths; scandir knows each entry's type without a stat, unlike rglob."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += _files_under(Path(entry.path), f"{prefix}{entry.name}/")
            elif entry.is_file(follow_symlinks=False):
                found.append(prefix + entry.name)
    return found


def _address(name: str) -> str:
    """The address a reader opens for a file: a folder's index.html is the folder itself (use_directory_urls)."""
    return name.removesuffix("index.html") if name == "index.html" or name.endswith("/index.html") else name
