"""The loaded catalog, kept on disk between builds.

Loading is strict and so slow (about 5 ms an entry: every value is parsed with its line
and column, and every figure is checked), while most builds change nothing: `make serve`
after a template edit, a deploy after a docs edit. The cache holds the catalog the loader
returned, as JSON, keyed by every file in content/ and by the stretchguide code. Any
change to either loads afresh; a catalog with problems is never stored, so the loader
reports them every time.

Loading afresh after a contributor edits one entry need not check the thousand others
again: beside the catalog lies the loader's memo of exercises whose files it has checked,
kept for the current code only, so an edit costs one entry's checks and the references.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import cache
from pathlib import Path

from ..cache import CATALOG, PACKAGE, Cache, Kind, digest_files
from ..loader import docs_pages, load_catalog
from ..model import Catalog, Exercise, exercise_from_record, exercise_record, frozen_json


def load_catalog_cached(content_dir: Path, *, root: Path, cache: Cache) -> Catalog:
    """What load_catalog(content_dir, root=root) returns, from the cache when the same inputs were loaded before."""
    return cached_catalog(content_dir, root=root, cache=cache)[0]


def cached_catalog(content_dir: Path, *, root: Path, cache: Cache) -> tuple[Catalog, str]:
    """The catalog as load_catalog_cached gives it, and the key of its inputs: what is made from the whole
    catalog (the finished pages) can be kept under it, and is made again when any file in content/ changes."""
    kind = catalogs(cache)
    # Paths in the catalog (and its error messages) are relative to root.
    key = kind.key(
        content=content_digest(Path(content_dir)),
        folders=f"{Path(content_dir).resolve()}\n{root.resolve()}",
        docs="\n".join(docs_pages(root)),  # what bodies may link to: a page deleted breaks a link
    )
    memo_key = kind.key(memo="exercises checked by this code")
    found = _read(kind, key, Catalog.from_record)
    if found is not None:
        return found, key
    memo = _read(kind, memo_key, _memo_from_record) or {}
    try:
        catalog = load_catalog(content_dir, root=root, memo=memo)
    finally:  # with problems too: the sound entries need no checking next time
        kind.write(memo_key, frozen_json({text: exercise_record(one) for text, one in memo.items()}).encode())
    kind.write(key, frozen_json(catalog.to_record()).encode())
    kind.prune(used={key, memo_key})
    return catalog, key


def catalogs(cache: Cache) -> Kind:
    return cache.kind(CATALOG, _code_version(), ".json")


def content_digest(content_dir: Path) -> str:
    """A digest of every name and file under content/, reading no file through a link and nothing but regular files.

    A symbolic link counts as the text of the link, so a link to /etc/shadow or to a
    device is never opened here: the content check refuses it at its path.
    """
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(content_dir):
        subfolders.sort()
        for name in sorted(files) + [f"{name}/" for name in subfolders]:
            path = os.path.join(folder, name.rstrip("/"))
            digest.update(os.path.relpath(path, content_dir).encode("utf-8", "surrogateescape") + b"\0")
            digest.update(_file_digest(path))
    return digest.hexdigest()


def _file_digest(path: str) -> bytes:
    try:
        found = os.lstat(path)
        if stat.S_ISLNK(found.st_mode):
            return b"link " + os.readlink(path).encode("utf-8", "surrogateescape")
        if not stat.S_ISREG(found.st_mode):
            return f"kind {stat.S_IFMT(found.st_mode)}".encode()
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).digest()
    except OSError as error:  # unreadable: the loader says so; the key only has to differ from a readable file's
        return f"error {error.errno}".encode()


def _read(kind: Kind, key: str, rebuilt):
    data = kind.read(key)
    if data is None:
        return None
    try:
        return rebuilt(json.loads(data))
    except (ValueError, KeyError, TypeError):  # sealed by us, so only a bug in this module gets here
        return None


def _memo_from_record(record: dict) -> dict[str, Exercise]:
    return {text: exercise_from_record(one) for text, one in record.items()}


@cache
def _code_version() -> str:
    return digest_files([*PACKAGE.rglob("*.py"), *(PACKAGE / "schemas").glob("*.json")], PACKAGE)
