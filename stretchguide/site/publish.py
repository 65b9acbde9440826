"""`make site`: build the deployable site/ folder, replacing it only when the whole build succeeds.

The real `mkdocs build --strict` writes into a new folder beside site/; a failed build
removes that folder and leaves the last good site/ as it was. The content is checked
first, so content problems print exactly as `make check` prints them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from mkdocs.config import load_config

from ..cache import project_cache
from ..check import report
from ..problems import ContentError
from .catalog_cache import load_catalog_cached

BUILDING_PREFIX = ".site-building-"  # ignored by git, like the folder being replaced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_site.py", description="Build the deployable site/ folder.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the MkDocs configuration (mkdocs.yml)")
    config_file = Path(parser.parse_args(argv).config_file).resolve()
    root = config_file.parent
    config = load_config(str(config_file))
    content_dir = root / config.plugins["stretchguide"].config.content_dir
    try:
        # Through the same cache as the build, which then finds the catalog ready.
        load_catalog_cached(content_dir, root=root, cache=project_cache(root))
    except ContentError as error:
        report(error.problems)
        return 1
    site = Path(config.site_dir)
    building = Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=site.parent))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "-d", str(building)]
    if subprocess.run(command, cwd=root, check=False).returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        print(f"The site was not built; {_shown(site, root)}/ is as it was.", file=sys.stderr)
        return 1
    _replace(site, building)
    print(f"Built {_shown(site, root)}/")
    return 0


def _replace(site: Path, built: Path) -> None:
    previous = site.with_name(f"{BUILDING_PREFIX}previous-{os.getpid()}")
    if site.exists():
        site.rename(previous)
    built.rename(site)
    shutil.rmtree(previous, ignore_errors=True)


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
