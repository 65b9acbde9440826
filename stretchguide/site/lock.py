"""One site build at a time: a second refuses, naming the first, rather than racing it for site/."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path


class BuildRunning(Exception):
    """Another build holds the lock."""

    def __init__(self, pid: str):
        self.pid = pid
        super().__init__(f"another build is running (pid {pid}); try again when it has finished")


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[int]:
    """Hold `lock_file`'s lock while the block runs, or raise BuildRunning; yields the lock's descriptor.

    An `flock` is released by the kernel when its last holder ends, however it ends, so a
    killed build never leaves the lock taken. A child given the descriptor holds it too,
    until it ends as well.
    """
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _take(descriptor)
    except BaseException:
        os.close(descriptor)
        raise
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield descriptor
    finally:
        with contextlib.suppress(OSError):
            os.ftruncate(descriptor, 0)  # an empty file while locked means "just taken": see _take
        os.close(descriptor)  # releases the lock


def _take(descriptor: int) -> None:
    for _ in range(100):
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if pid := os.pread(descriptor, 32, 0).decode("ascii", "replace").strip():
                raise BuildRunning(pid) from None
        # Locked but no pid yet: the holder has just taken it. Ask again, briefly.
        time.sleep(0.01)
    raise BuildRunning("unknown")
