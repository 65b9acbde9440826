"""The loaded catalog, kept on disk between builds.

Loading is strict and so slow (about 5 ms an entry: every value is parsed with its line
and column, and every figure is checked), while most builds change nothing: `make serve`
after a template edit, a deploy after a docs edit. The cache holds the catalog the loader
returned, keyed by the bytes of every file in content/ and of the stretchguide code. Any
change to either loads afresh; a catalog with problems is never stored, so the loader
reports them every time.

Loading afresh after a contributor edits one entry need not check the thousand others
again: beside the catalog lies the loader's memo of exercises whose files it has checked,
kept for the current code only, so an edit costs one entry's checks and the references.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import stat
from pathlib import Path
from types import MappingProxyType

from ..loader import load_catalog
from ..model import Catalog

PACKAGE = Path(__file__).resolve().parent.parent
SUFFIX = ".catalog.pickle"
MEMO_SUFFIX = ".entries.pickle"


def load_catalog_cached(content_dir: Path, *, root: Path, cache_dir: Path) -> Catalog:
    """What load_catalog(content_dir, root=root) returns, from the cache when the same inputs were loaded before."""
    code = _code_digest()
    key = _key(code, Path(content_dir), Path(root))
    cached = cache_dir / f"{key}{SUFFIX}"
    found = _read(cached)
    if isinstance(found, Catalog):
        return found
    remembered = cache_dir / f"{code}{MEMO_SUFFIX}"
    memo = _read(remembered)
    memo = memo if isinstance(memo, dict) else {}
    try:
        catalog = load_catalog(content_dir, root=root, memo=memo)
    finally:  # with problems too: the sound entries need no checking next time
        _store(remembered, memo, MEMO_SUFFIX)
    _store(cached, catalog, SUFFIX)
    return catalog


def _key(code: str, content_dir: Path, root: Path) -> str:
    digest = hashlib.sha256(code.encode())
    # Paths in the catalog (and its error messages) are relative to root.
    digest.update(f"{content_dir.resolve()}\n{root.resolve()}\n".encode())
    _add_files(digest, content_dir, "*")
    return digest.hexdigest()


def _code_digest() -> str:
    digest = hashlib.sha256()
    _add_files(digest, PACKAGE, "*.py")
    _add_files(digest, PACKAGE / "schemas", "*.json")
    return digest.hexdigest()


def _add_files(digest, folder: Path, pattern: str) -> None:
    for file in sorted(folder.rglob(pattern)):
        mode = file.lstat().st_mode
        if stat.S_ISDIR(mode):
            continue
        digest.update(f"{file.relative_to(folder).as_posix()}\0".encode())
        # A link or pipe is named in the key, never read (it could lead to /etc/shadow or
        # /proc): the loader refuses it, so a catalog cached without it is not used.
        digest.update(hashlib.sha256(file.read_bytes()).digest() if stat.S_ISREG(mode) else b"not a file")


def _read(cached: Path) -> object:
    if not cached.is_file():
        return None
    try:
        return pickle.loads(cached.read_bytes())
    except Exception:  # a damaged or unreadable cache only makes a slower build
        return None


def _store(cached: Path, value: object, suffix: str) -> None:
    """Write `value` to `cached`, and remove the older files of its kind."""
    cached.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # The catalog's read-only mappings pickle as what they wrap, for this pickler only.
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_mapping_proxy}
    pickler.dump(value)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(buffer.getvalue())
    partial.replace(cached)  # whole or not at all, even with two builds at once
    for older in cached.parent.glob(f"*{suffix}"):
        if older != cached:
            older.unlink(missing_ok=True)


def _reduce_mapping_proxy(mapping: MappingProxyType) -> tuple:
    return _read_only, (dict(mapping),)


def _read_only(mapping: dict) -> MappingProxyType:
    # pickle cannot name the mappingproxy type itself, so it names this function.
    return MappingProxyType(mapping)
