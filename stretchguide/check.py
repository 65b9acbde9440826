"""The content check: every problem in the entries, or one line saying all is well."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from . import advice
from .cache import project_cache
from .characters import escaped, shown
from .command_line import Parser, existing
from .loader import load_catalog
from .model import Catalog
from .problems import ContentError, Problem
from .sheet.paths import site_url


def main(argv: list[str] | None = None) -> int:
    parser = Parser(
        prog="check_content.py",
        description="Check every exercise and series entry against the content contract.",
    )
    parser.add_argument(
        "content_dir",
        nargs="?",
        type=existing("folder"),
        default="content",
        help="the content folder (default: content)",
    )
    args = parser.parse_args(argv)
    try:
        catalog = load_catalog(args.content_dir, require_pictures=True)
    except ContentError as error:
        report(error.problems)
        return 1
    if too_long := sheet_problems(catalog):
        report(too_long)
        return 1
    for warning in advice.warnings(catalog):  # for a person to look at; they do not fail the check
        print(warning)
    print(f"{len(catalog.exercises)} exercises, {len(catalog.series)} series: OK")
    return 0


def sheet_problems(catalog: Catalog) -> list[Problem]:
    """A series whose sheet would not fit one page, at its list of exercises: the build would refuse it.

    The sheets are laid out as the build lays them out, into the project's cache, which the build then copies from.
    """
    from .sheet import sheets_too_long  # WeasyPrint loads only for a catalog that passed every other check

    root = Path.cwd()
    return [
        Problem(failure.series.path, failure.series.exercises_line, 1, "exercises", failure.message)
        for failure in sheets_too_long(catalog, site_url=site_url(), cache=project_cache(root), root=root)
    ]


def annotation(problem: Problem) -> str:
    """The problem as a GitHub Actions error annotation, escaped by the workflow-command rules."""
    path = _property(escaped(problem.path))
    message = _data(f"{shown(problem.field)}: {escaped(problem.message)}")
    return f"::error file={path},line={problem.line},col={problem.column}::{message}"


def _data(text: str) -> str:
    # A '%' left as it is would let a contributor write '%0A' and start a line of their own.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(problems: list[Problem]) -> None:
    """Print each problem on its own line; under GitHub Actions also as an annotation."""
    for problem in problems:
        print(problem, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(annotation(problem))
    files = len({problem.path for problem in problems})
    print(
        f"{len(problems)} {'problem' if len(problems) == 1 else 'problems'} in "
        f"{files} {'file' if files == 1 else 'files'}; nothing was changed.",
        file=sys.stderr,
    )
