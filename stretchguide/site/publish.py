"""`make site`: build the deployable site/ folder, replacing it in one step and only when the whole build succeeds.

The real `mkdocs build --strict` writes into a new folder beside site/. A failed build
removes that folder and leaves the last good site/ as it was; a successful one takes
site/'s place in one step (swap.py). One build runs at a time (lock.py), and each starts by
undoing what a killed one left. The content is checked first, so content problems print
exactly as `make check` prints them.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from ..cache import project_cache
from ..check import report
from ..command_line import Parser, existing
from ..problems import ContentError
from ..sheet.dates import source_date_epoch
from ..sheet.errors import SheetError
from .catalog_cache import load_catalog_cached
from .lock import BuildRunning, exclusive
from .swap import BUILDING_PREFIX, recover, remove, replace_folder

PROG = "build_site.py"
LOCK_FILE = ".site-build.lock"  # beside site/; kept, since removing a lock file races those waiting on it
# A test hook: STRETCHGUIDE_TEST_STOP="built=SIGKILL" sends the build that signal at that moment
# (see _moment), where a kill timed from outside could only guess what the build was doing.
TEST_STOP = "STRETCHGUIDE_TEST_STOP"
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog=PROG, description="Build the deployable site/ folder.")
    parser.add_argument(
        "-f", "--config-file", type=existing("file"), default="mkdocs.yml", help="the MkDocs configuration (mkdocs.yml)"
    )
    config_file = parser.parse_args(argv).config_file.resolve()
    root = config_file.parent
    try:
        source_date_epoch()  # MkDocs reads it as well, and would fail on a malformed one with a traceback
    except SheetError as error:
        parser.error(str(error))
    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        print(f"{PROG}: {config_file.name}: {' '.join(str(error).split())}", file=sys.stderr)
        return 1
    if "stretchguide" not in config.plugins:
        print(f"{PROG}: {config_file.name}: plugins: needs the stretchguide plugin", file=sys.stderr)
        return 1
    site = Path(config.site_dir)
    with contextlib.ExitStack() as held:
        try:
            site.parent.mkdir(parents=True, exist_ok=True)
            lock = held.enter_context(exclusive(site.with_name(LOCK_FILE)))
        except BuildRunning as running:
            print(f"{PROG}: {running}", file=sys.stderr)
            return 1
        except OSError as error:
            print(f"{PROG}: cannot write {_shown(site.with_name(LOCK_FILE), root)}: {error.strerror}", file=sys.stderr)
            return 1
        try:
            recover(site)
            return _build(config, config_file, site, lock)
        except KeyboardInterrupt:  # Ctrl-C: the build folder is removed on the way out, site/ is whole
            print(f"{PROG}: stopped", file=sys.stderr)
            return 130


def _build(config, config_file: Path, site: Path, lock: int) -> int:
    root = config_file.parent  # the project: the content and .cache are relative to it
    content_dir = root / config.plugins["stretchguide"].config.content_dir
    try:
        # Through the same cache as the build, which then finds the catalog ready.
        load_catalog_cached(content_dir, root=root, cache=project_cache(root))
    except ContentError as error:
        report(error.problems)
        return 1
    building = Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=site.parent))
    try:
        if not _mkdocs_build(config_file, building, lock):
            print(f"The site was not built; {_as_it_was(site, root)}.", file=sys.stderr)
            return 1
        _moment("built")
        try:
            previous = replace_folder(site, building)
        except OSError as error:
            print(f"The site was not replaced ({error.strerror}); {_as_it_was(site, root)}.", file=sys.stderr)
            return 1
        _moment("swapped")
        if previous is not None:
            remove(previous)
    finally:
        remove(building)  # a failed build's folder, or after the exchange the old site under its name
    print(f"Built {_shown(site, root)}/")
    return 0


def _mkdocs_build(config_file: Path, building: Path, lock: int) -> bool:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(building)]
    environment = dict(os.environ)
    if not environment.get("SOURCE_DATE_EPOCH", "x").strip():
        del environment["SOURCE_DATE_EPOCH"]  # empty means unset to us; MkDocs would fail on it
    # The child holds the lock too, so no second build starts while it may still write.
    with subprocess.Popen(
        command, cwd=config_file.parent, env=environment, pass_fds=(lock,), preexec_fn=_dying_with_this_process()
    ) as child:
        try:
            _moment("building")
            return child.wait() == 0
        except BaseException:  # Ctrl-C: stop the child before its folder is removed, or it may write on
            child.kill()
            child.wait()
            raise


def _dying_with_this_process() -> Callable[[], None] | None:
    """For the MkDocs child: on Linux, killed when this process ends however it ends, so a killed build leaves no writer."""
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is None:
        return None  # elsewhere the child finishes its build on its own, holding the lock until it does
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent ended before the line above took effect
            os._exit(1)

    return die_with_parent


def _moment(name: str) -> None:
    """The test hook: with STRETCHGUIDE_TEST_STOP set to `name=SIGNAL`, the build sends itself SIGNAL here."""
    moment, _, signal_name = os.environ.get(TEST_STOP, "").partition("=")
    if moment == name:
        os.kill(os.getpid(), signal.Signals[signal_name])


def _as_it_was(site: Path, root: Path) -> str:
    return f"{_shown(site, root)}/ is as it was" if os.path.lexists(site) else f"there is no {_shown(site, root)}/ yet"


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
