"""The build's cache on disk: items named by a hash of their inputs, sealed, checked when read, written whole or not at all.

Anyone can put files in `.cache` (a pull request can force-add them), so nothing read
from it is trusted: an item is a header naming its key and a keyed hash (HMAC) of the
key and its bytes, then the bytes. The HMAC key is kept outside the project, so an item
someone else wrote never passes, and the bytes are data (SVG, PDF, JSON), never code.
An item that does not pass is built again; one that cannot be written is not cached.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import logging
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Collection, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")
log = logging.getLogger(f"mkdocs.plugins.{__name__}")

FOLDER = ".cache"  # beside mkdocs.yml; never committed, safe to delete
# What depends on nothing in a project (a font's subsets) is kept once for the whole machine, so a new checkout
# or a test's scratch project pays for it once, not per folder.
MACHINE_FOLDER = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "stretchguide"
CATALOG = "catalog"  # one subfolder of FOLDER per kind of item
FIGURES = "figures"
SHEETS = "sheets"
PAGES = "pages"  # the sanitiser's results
RENDERED = "rendered"  # finished generated pages
PUBLISHED = "published"  # read-only copies of published files, which the site links to
PACKAGE = Path(__file__).resolve().parent

_MAGIC = b"stretchguide-cache 1 "
_HEADER = len(_MAGIC) + 64 + 1 + 64 + 1  # magic, key, space, seal, newline
_NO_TMPFILE = {errno.EISDIR, errno.EOPNOTSUPP, errno.EINVAL}
# Where a published file cannot be a link (another file system, one without links, too many links): it is written.
_NO_LINK = {errno.EXDEV, errno.EPERM, errno.EMLINK, errno.EOPNOTSUPP}
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL
_FOLDER = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)
_OPEN_FOR_READING = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def project_cache(root: Path) -> Cache:
    """The cache of the MkDocs project whose mkdocs.yml is in `root`."""
    return Cache(Path(root) / FOLDER)


class Cache:
    """One build's view of a cache folder: says once when it cannot write, then stops trying."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.writable = True

    def kind(self, name: str, version: str, suffix: str) -> Kind:
        """The items of one kind, made by code and tools whose digest is `version`, named `<key><suffix>`."""
        return Kind(self, name, version, suffix)

    def copies(self, suffix: str) -> Copies:
        """Read-only copies of published `<suffix>` files, which the site links to instead of writing each again."""
        return Copies(self.kind(PUBLISHED, version="", suffix=suffix))

    def cannot_write(self, error: OSError) -> None:
        if self.writable:
            self.writable = False
            reason = os.strerror(error.errno) if error.errno else type(error).__name__
            log.info(f"stretchguide: {FOLDER} is not writable ({reason}); building without the cache")


class Kind:
    """Items of one kind in their own subfolder, each named by its key."""

    def __init__(self, cache: Cache, name: str, version: str, suffix: str):
        self.cache, self.name, self.version, self.suffix = cache, name, version, suffix
        self.folder = cache.folder / name
        self._folder = str(self.folder)

    def key(self, **inputs: str | bytes) -> str:
        """The one key recipe: a hash of the kind, its code and tools, and every named input."""
        digest = hashlib.sha256(f"{self.name}\0{self.version}\0".encode())
        for name in sorted(inputs):
            value = inputs[name]
            value = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
            digest.update(f"{name}\0{len(value)}\0".encode())
            digest.update(value)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        """The bytes stored under `key`, or None when they are missing or do not pass their seal."""
        try:
            descriptor = os.open(os.path.join(self._folder, key + self.suffix), _OPEN_FOR_READING)
        except OSError:
            return None
        try:
            found = os.fstat(descriptor)
            if not stat.S_ISREG(found.st_mode):  # a folder, a pipe, a device: not ours
                return None
            item = os.read(descriptor, found.st_size)  # one call: a warm build reads thousands of items
        except OSError:
            return None
        finally:
            os.close(descriptor)
        return unsealed(item, key)

    def write(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, whole or not at all; a cache that cannot be written is only slower."""
        if not self.cache.writable:
            return
        try:
            with _own_folder(self.folder) as directory:
                _write_whole(directory, self.path(key).name, seal(key, data))
        except OSError as error:
            self.cache.cannot_write(error)

    def prune(self, used: Collection[str], spare: int = 0) -> None:
        """The one pruning rule: keep the items this build used and the `spare` most recently used others."""
        if not self.cache.writable:
            return
        kept = {self.path(key).name for key in used}
        with contextlib.suppress(OSError), _own_folder(self.folder) as directory:  # OSError: another build pruning
            for name in kept if spare > 0 else ():  # used now: the most recent of the spares a later build keeps
                with contextlib.suppress(FileNotFoundError):
                    os.utime(name, dir_fd=directory)
            others = [entry for entry in os.scandir(directory) if entry.name not in kept]
            others.sort(key=lambda entry: entry.stat(follow_symlinks=False).st_mtime, reverse=True)
            for entry in others[max(spare, 0) :]:
                if entry.is_dir(follow_symlinks=False):  # a folder of an older layout
                    shutil.rmtree(entry.name, dir_fd=directory, ignore_errors=True)
                else:
                    os.unlink(entry.name, dir_fd=directory)


class Copies:
    """Files published as links to one read-only copy each, named by the hash of their bytes.

    Making a file costs a warm build far more than linking one (two thousand drawings at a
    thousand exercises). A copy is linked only when it holds exactly the bytes to publish and
    nobody can write to it: read-only and this user's own, so what git checks out (a pull
    request can force-add `.cache`) never qualifies, and the site is never written through a
    link. Anything else is replaced first; where no link can be made, the file is written.
    """

    def __init__(self, kind: Kind):
        self.kind = kind
        self.used: set[str] = set()
        self.digests: dict[str, bytes] = {}  # {destination: SHA-256 of what was published there}

    def publish(self, data: bytes, destination: str) -> None:
        """Put `data` at `destination` (replacing what is there): a link to its copy where possible, else a new file."""
        digest = hashlib.sha256(data)
        key = digest.hexdigest()
        self.used.add(key)
        self.digests[os.path.normpath(destination)] = digest.digest()
        if self.kind.cache.writable:
            try:
                with _own_folder(self.kind.folder) as directory:
                    name = self.kind.path(key).name
                    if not _holds(directory, name, data):
                        _write_whole(directory, name, data, mode=0o444)
                    _new_entry(
                        lambda: os.link(name, destination, src_dir_fd=directory, follow_symlinks=False), destination
                    )
                return
            except OSError as error:
                if error.errno not in _NO_LINK:
                    self.kind.cache.cannot_write(error)
        with os.fdopen(_new_entry(lambda: os.open(destination, _NEW_FILE, 0o644), destination), "wb") as file:
            file.write(data)

    def prune(self) -> None:
        """Keep only the copies this build published, if it published any (writing a staged tree publishes none)."""
        if self.used:
            self.kind.prune(self.used)


def _holds(directory: int, name: str, data: bytes) -> bool:
    """Whether `name` is a read-only file of this user's holding exactly `data`."""
    try:
        descriptor = os.open(name, _OPEN_FOR_READING, dir_fd=directory)
    except OSError:
        return False
    try:
        found = os.fstat(descriptor)
        if not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid() or found.st_mode & 0o222:
            return False
        return found.st_size == len(data) and os.read(descriptor, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(descriptor)


def _new_entry(make: Callable[[], _T], path: str) -> _T:
    """`make()` a new entry at `path`, making its folder or removing what is there first (a dirty build, `mkdocs serve`).

    What is there is removed, never written through: it may be a link someone made to another file."""
    try:
        return make()
    except FileNotFoundError:  # the first file in its folder
        os.makedirs(os.path.dirname(path), exist_ok=True)
    except FileExistsError:
        os.unlink(path)
    return make()


class Memo:
    """Texts by digest, kept in one item from one build to the next: what a build used replaces what the last kept.

    One item, not one per text: a build that makes thousands then writes one file, not thousands,
    and one that made nothing new leaves the item as it was."""

    def __init__(self, kind: Kind, key: str):
        self.kind, self.key = kind, key
        self._earlier: dict[str, str] | None = None  # read on first use: a build may need nothing
        self._now: dict[str, str] = {}
        self._made = 0  # how many this build made itself

    def get(self, digest: str, make: Callable[[], str]) -> str:
        """The text kept under `digest`, else what `make()` gives, kept for the next build."""
        found = self._now.get(digest)
        if found is None:
            found = self._remembered().get(digest)
            if found is None:
                found = make()
                self._made += 1
            self._now[digest] = found
        return found

    def keep(self) -> None:
        """Store this build's texts for the next, in place of the last build's, when they differ; prune the rest."""
        if self._now and (self._made or self._now.keys() != self._remembered().keys()):
            self.kind.write(self.key, json.dumps(self._now, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        self.kind.prune({self.key})

    def _remembered(self) -> dict[str, str]:
        if self._earlier is None:
            self._earlier = _texts(self.kind.read(self.key))
        return self._earlier


def _texts(item: bytes | None) -> dict[str, str]:
    """The texts in a sealed item; anything but an object of strings (an older layout) counts as none."""
    if item is None:
        return {}
    try:
        found = json.loads(item)
    except ValueError:
        return {}
    if not isinstance(found, dict) or not all(isinstance(value, str) for value in found.values()):
        return {}
    return found


def seal(key: str, data: bytes) -> bytes:
    return _MAGIC + f"{key} {_seal(key, data)}\n".encode() + data


def unsealed(item: bytes, key: str) -> bytes | None:
    """The bytes of a sealed item if it is the item for `key`, whole and written by this user's builds."""
    named = _MAGIC + key.encode() + b" "
    if not item.startswith(named) or item[_HEADER - 1 : _HEADER] != b"\n":
        return None
    recorded, data = item[len(named) : _HEADER - 1], item[_HEADER:]
    return data if hmac.compare_digest(recorded, _seal(key, data).encode()) else None


def digest_files(files: Iterable[Path], base: Path, *, tools: str = "") -> str:
    """A digest of code, templates or fonts, with their names relative to `base`: what a kind's version is made of."""
    digest = hashlib.sha256(tools.encode())
    for file in sorted(path for path in files if path.is_file()):
        digest.update(file.relative_to(base).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def _seal(key: str, data: bytes) -> str:
    return hmac.new(_secret(), key.encode() + b"\n" + data, hashlib.sha256).hexdigest()


@cache
def _secret() -> bytes:
    """This user's key for sealing items, kept outside every project so that no checkout can carry it."""
    home = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    path = Path(home) / "stretchguide" / "cache-key"
    with contextlib.suppress(OSError):
        found = path.read_bytes()
        if len(found) == 32:
            return found
    new = secrets.token_bytes(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            _write_whole(directory, path.name, new, mode=0o600, replace=False)  # another build's key, if it won
        finally:
            os.close(directory)
        return path.read_bytes()
    except OSError:  # no place to keep it: items live as long as this process, which is still correct
        return new


@contextlib.contextmanager
def _own_folder(folder: Path) -> Iterator[int]:
    """`folder`, made if missing (with the folders above it), as a descriptor; refused (OSError) if it or its parent is a link.

    A `.cache` or `.cache/sheets` that links elsewhere, committed by anyone, would
    otherwise have the build write and prune files wherever it points. The folders above
    the parent are made too: on a new machine even `~/.cache` may not be there yet.
    """
    parent = _opened(folder.parent, parents=True)
    try:
        inner = _opened(folder.name, dir_fd=parent)
    finally:
        os.close(parent)
    try:
        yield inner
    finally:
        os.close(inner)


def _opened(folder: Path | str, *, dir_fd: int | None = None, parents: bool = False) -> int:
    try:
        return os.open(folder, _FOLDER, dir_fd=dir_fd)
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):  # another build made it first
            if parents:
                os.makedirs(folder, mode=0o700)
            else:
                os.mkdir(folder, dir_fd=dir_fd)
        return os.open(folder, _FOLDER, dir_fd=dir_fd)


def _write_whole(directory: int, name: str, data: bytes, *, mode: int = 0o644, replace: bool = True) -> None:
    """Write `name` in the open folder so that no reader sees part of it and no killed process leaves a temporary file.

    The bytes go into an unnamed file (O_TMPFILE), which the system frees if the process
    dies, and which is given its name only once complete.
    """
    try:
        descriptor = os.open(".", os.O_TMPFILE | os.O_WRONLY, mode, dir_fd=directory)
    except (AttributeError, OSError) as error:  # not Linux, or a file system without unnamed files
        if isinstance(error, OSError) and error.errno not in _NO_TMPFILE:
            raise
        return _write_renamed(directory, name, data, mode, replace)
    try:
        with os.fdopen(descriptor, "wb", closefd=False) as file:
            file.write(data)
        unnamed = f"/proc/self/fd/{descriptor}"
        try:
            # dst_dir_fd makes this linkat(..., AT_SYMLINK_FOLLOW): the unnamed file itself gets the name.
            os.link(unnamed, name, dst_dir_fd=directory, follow_symlinks=True)
        except FileExistsError:  # an item we found wanting, or an older memo: replaced, never half-written
            if not replace:
                return
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name, dir_fd=directory)
            with contextlib.suppress(FileExistsError):  # another build just wrote it
                os.link(unnamed, name, dst_dir_fd=directory, follow_symlinks=True)
    finally:
        os.close(descriptor)


def _write_renamed(directory: int, name: str, data: bytes, mode: int, replace: bool) -> None:
    """Where there are no unnamed files: a named one, removed on failure (a killed process can leave it)."""
    partial = f".{name}.{os.getpid()}.part"
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode, dir_fd=directory)
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        if replace:
            os.replace(partial, name, src_dir_fd=directory, dst_dir_fd=directory)
        else:
            with contextlib.suppress(FileExistsError):
                os.link(partial, name, src_dir_fd=directory, dst_dir_fd=directory, follow_symlinks=False)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial, dir_fd=directory)
