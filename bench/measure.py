"""Runs one build in a fresh process and measures it: `python bench/measure.py LOG -- COMMAND...`.

A process of its own per build, so nothing of an earlier build (imports, caches,
memory) counts toward the next. The result is one line of JSON on stdout.

The wrapper makes itself the "subreaper" of the build: a process the build leaves
behind (the PDF workers' forkserver outlives MkDocs by a moment) comes back to the
wrapper instead of to init, so its CPU time and memory are counted too. Peak memory is
the largest resident set of any one of these processes; as PDF workers run side by
side, the sum over the whole process tree is sampled as well.

Other work on the machine skews a build's time, so the wrapper also reports how much
CPU the rest of the machine used while the build ran: the machine's busy time (which
includes time a hypervisor gave to other guests) less the build's and its own. A load
average cannot tell that apart, as it counts the benchmark's own builds too.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

SAMPLE_SECONDS = 0.05
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>


def measure(command: list[str], log: Path) -> dict:
    _become_subreaper()
    os.sync()  # an earlier build's writes, flushed late, would slow this one
    with log.open("wb") as output:
        busy_before, own_before = _machine_busy_seconds(), _own_cpu_seconds()
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(os.getpid())
        sampler.start()
        _, status, _ = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started  # the build is over when MkDocs exits
        busy = _machine_busy_seconds() - busy_before
        _reap_leftovers()
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every process of the build, reaped
    own = usage.ru_utime + usage.ru_stime + _own_cpu_seconds() - own_before
    return {
        "seconds": seconds,
        "returncode": process.returncode,
        "peak_rss_bytes": usage.ru_maxrss * 1024,  # Linux reports KiB
        "peak_tree_rss_bytes": sampler.peak_bytes,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "other_cores": other_cores(busy, own, seconds),
    }


def other_cores(machine_busy: float, own: float, seconds: float) -> float:
    """Cores the rest of the machine kept busy, on average, while the build ran.

    `machine_busy` is every core's busy time over the build, `own` the CPU time of the build
    and the wrapper: what is left is other work. Clock ticks round both, so it may dip below 0.
    """
    return max(machine_busy - own, 0.0) / seconds if seconds > 0 else 0.0


def _machine_busy_seconds() -> float:
    """CPU time the machine has spent on anything but idling, from the first line of /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = (
        int(ticks) for ticks in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]
    )
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def _own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # the wrapper and its memory sampler
    return usage.ru_utime + usage.ru_stime


def _become_subreaper() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER) failed")


def _reap_leftovers() -> None:
    while True:
        try:
            os.wait()
        except ChildProcessError:
            return


class _TreeSampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants together."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_bytes = pid, 0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(SAMPLE_SECONDS):
            descendants = _tree(self.pid)[1:]  # not the wrapper itself
            self.peak_bytes = max(self.peak_bytes, sum(_rss_bytes(pid) for pid in descendants))

    def stop(self) -> None:
        self._stopped.set()
        self.join()


def _tree(pid: int) -> list[int]:
    pids, index = [pid], 0
    while index < len(pids):
        pids += _children(pids[index])
        index += 1
    return pids


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(child) for task in tasks for child in (task / "children").read_text().split()]
    except OSError:
        return []  # the process ended between two reads


def _rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_BYTES
    except (OSError, IndexError, ValueError):
        return 0


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        print("usage: python bench/measure.py LOG -- COMMAND...", file=sys.stderr)
        return 2
    print(json.dumps(measure(argv[2:], Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
