"""Files under content/, found and read without following a link: anything but a plain file or folder is refused."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

# A link could lead out of the project (to /etc/shadow, /proc/self/pagemap) or round in a
# loop; what it points to is never read, nor named. The others cannot be committed at all.
_NOT_A_FILE = {
    stat.S_ISLNK: "is a symbolic link; commit the file itself",
    stat.S_ISFIFO: "is a named pipe, not a file; remove it",
    stat.S_ISSOCK: "is a socket, not a file; remove it",
    stat.S_ISCHR: "is a device, not a file; remove it",
    stat.S_ISBLK: "is a device, not a file; remove it",
}


@dataclass(frozen=True)
class Refused:
    path: Path
    message: str


class NotAFile(Exception):
    """A path that is not a plain file, or cannot be read; its message is for the contributor."""


def refusal(mode: int) -> str | None:
    """Why a file of this `st_mode` is refused, or None for a plain file or folder."""
    return next((message for test, message in _NOT_A_FILE.items() if test(mode)), None)


def walk(folder: Path) -> list[Refused]:
    """Everything under `folder`, at any depth, that is not a plain file or folder (links are not followed)."""
    refused, waiting = [], [Path(folder)]
    while waiting:  # a loop, not recursion: a deep tree of folders must not overflow the stack
        current = waiting.pop()
        try:
            with os.scandir(current) as found:
                children = sorted(found, key=lambda child: child.name)
        except OSError as error:
            refused.append(Refused(current, f"cannot be read ({error.strerror}); check its permissions"))
            continue
        for child in children:
            try:
                mode = child.stat(follow_symlinks=False).st_mode
            except OSError as error:
                refused.append(Refused(Path(child.path), f"cannot be read ({error.strerror})"))
                continue
            if message := refusal(mode):
                refused.append(Refused(Path(child.path), message))
            elif stat.S_ISDIR(mode):
                waiting.append(Path(child.path))
    return sorted(refused, key=lambda item: item.path)


def read_file(path: Path, limit: int) -> bytes:
    """The bytes of the plain file `path`, or NotAFile; more than `limit` bytes are not read.

    Opened without following a link and without waiting on a pipe, then checked on the open
    file itself, so a file swapped for a link after the walk is refused too.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        mode = _lstat_mode(path)
        raise NotAFile(refusal(mode) if mode is not None and refusal(mode) else _unreadable(error)) from None
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile(refusal(mode) or "is a folder, not a file")
        try:
            return file.read(limit + 1)
        except OSError as error:
            raise NotAFile(_unreadable(error)) from None


def _lstat_mode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


def _unreadable(error: OSError) -> str:
    return f"cannot be read ({error.strerror})"
