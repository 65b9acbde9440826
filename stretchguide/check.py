"""The content check: every problem in the entries, or one line saying all is well."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import advice
from .loader import load_catalog
from .problems import ContentError, Problem


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="check_content.py",
        description="Check every exercise and series entry against the content contract.",
    )
    parser.add_argument("content_dir", nargs="?", default="content", help="the content folder (default: content)")
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(Path(args.content_dir), require_pictures=True)
    except ContentError as error:
        report(error.problems)
        return 1
    for warning in advice.warnings(catalog):  # for a person to look at; they do not fail the check
        print(warning)
    print(f"{len(catalog.exercises)} exercises, {len(catalog.series)} series: OK")
    return 0


def report(problems: list[Problem]) -> None:
    """Print each problem on its own line; under GitHub Actions also as an annotation."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(
                f"::error file={problem.path},line={problem.line},col={problem.column}::{problem.field}: {problem.message}"
            )
    files = len({problem.path for problem in problems})
    print(
        f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in "
        f"{files} {'file' if files == 1 else 'files'}; nothing was changed.",
        file=sys.stderr,
    )
