"""`scripts/stage.py stage|build|serve ENGINE`: stage the guide for an engine, build it there, or serve it while you edit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..check import report
from ..command_line import Parser, one_of
from ..problems import ContentError
from ..sheet.errors import SheetError
from .engines import CONFIG, ENGINES, SITE, Engine
from .finish import finish_site
from .tree import CONTENT, Staged, remove, stage, stage_folder

WATCHED = (CONTENT, "docs", "overrides", "stretchguide/site/templates")  # what `serve` restages on
POLL = 1.0  # seconds between looks at the watched folders


def main(argv: list[str] | None = None, *, root: Path | None = None) -> int:
    parser = Parser(prog="stage.py", description="Stage the guide for an engine that runs no MkDocs plugin.")
    parser.add_argument("action", type=one_of("stage", "build", "serve"))
    parser.add_argument("engine", type=one_of(*ENGINES))
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="where `serve` listens (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    root = Path(root or Path.cwd()).resolve()
    engine = ENGINES[args.engine]
    try:
        if args.action == "serve":
            return _serve(root, engine, args.dev_addr)
        staged = stage(root, engine)
        print(f"staged {staged.folder.relative_to(root)}/: {_changes(staged)}")
        if args.action == "build":
            return _build(root, engine)
    except ContentError as error:
        report(error.problems)
        return 1
    except SheetError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def _build(root: Path, engine: Engine) -> int:
    folder = stage_folder(root, engine)
    remove(folder / SITE)  # whatever was there before: the built site holds this build only
    built = subprocess.run(engine.build_command(folder / CONFIG), cwd=folder, check=False)
    if built.returncode:
        print(f"{engine.name} could not build the staged guide; see above", file=sys.stderr)
        return built.returncode
    finish_site(root, folder / SITE, engine)
    print(f"built {(folder / SITE).relative_to(root)}/ with {engine.name}")
    return 0


def _serve(root: Path, engine: Engine, address: str) -> int:
    """Stage, start the engine's own server (it reloads what changes in the tree), restage whenever a watched file changes."""
    stage(root, engine)
    folder = stage_folder(root, engine)
    server = subprocess.Popen(engine.serve_command(folder / CONFIG, address), cwd=folder)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # so a stopped preview stops its server too
    seen = _snapshot(root)
    try:
        while server.poll() is None:
            time.sleep(POLL)
            now = _snapshot(root)
            if now != seen:
                seen = now
                try:
                    staged = stage(root, engine)
                    print(f"restaged: {_changes(staged)}")
                except ContentError as error:  # the last good pages stay up until the entry is fixed
                    report(error.problems)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0


def _changes(staged: Staged) -> str:
    written = len(staged.written)
    return f"{written} {'file' if written == 1 else 'files'} written, {len(staged.removed)} removed"


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(modification time, size) of every watched file."""
    found = {}
    for watched in WATCHED:
        for directory, _, names in os.walk(root / watched):
            for name in names:
                status = os.stat(os.path.join(directory, name), follow_symlinks=False)
                found[os.path.join(directory, name)] = (status.st_mtime_ns, status.st_size)
    return found


if __name__ == "__main__":
    sys.exit(main())
