"""The loaded catalog, kept on disk between builds.

Loading is strict and so slow (about 10 ms an entry: every value is parsed with its line
and column), while most builds change nothing: `make serve` after a template edit, a
deploy after a docs edit. The cache holds the catalog the loader returned, keyed by the
bytes of every file in content/ and of the stretchguide code. Any change to either loads
afresh; a catalog with problems is never stored, so the loader reports them every time.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
from pathlib import Path
from types import MappingProxyType

from ..loader import load_catalog
from ..model import Catalog

PACKAGE = Path(__file__).resolve().parent.parent
SUFFIX = ".catalog.pickle"


def load_catalog_cached(content_dir: Path, *, root: Path, cache_dir: Path) -> Catalog:
    """What load_catalog(content_dir, root=root) returns, from the cache when the same inputs were loaded before."""
    key = _key(Path(content_dir), Path(root))
    cached = cache_dir / f"{key}{SUFFIX}"
    if cached.is_file():
        try:
            return pickle.loads(cached.read_bytes())
        except Exception:  # a damaged or unreadable cache only makes a slower build
            pass
    catalog = load_catalog(content_dir, root=root)
    _store(cached, catalog)
    return catalog


def _key(content_dir: Path, root: Path) -> str:
    digest = hashlib.sha256()
    # Paths in the catalog (and its error messages) are relative to root.
    digest.update(f"{content_dir.resolve()}\n{root.resolve()}\n".encode())
    for folder, pattern in ((PACKAGE, "*.py"), (PACKAGE / "schemas", "*.json"), (content_dir, "*")):
        for file in sorted(path for path in folder.rglob(pattern) if path.is_file()):
            digest.update(f"{file.relative_to(folder).as_posix()}\0".encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _store(cached: Path, catalog: Catalog) -> None:
    cached.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    # The catalog's read-only mappings pickle as what they wrap, for this pickler only.
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_mapping_proxy}
    pickler.dump(catalog)
    partial = cached.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(buffer.getvalue())
    partial.replace(cached)  # whole or not at all, even with two builds at once
    for older in cached.parent.glob(f"*{SUFFIX}"):
        if older != cached:
            older.unlink(missing_ok=True)


def _reduce_mapping_proxy(mapping: MappingProxyType) -> tuple:
    return _read_only, (dict(mapping),)


def _read_only(mapping: dict) -> MappingProxyType:
    # pickle cannot name the mappingproxy type itself, so it names this function.
    return MappingProxyType(mapping)
