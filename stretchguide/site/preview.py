"""The preview's page for each entry it cannot show yet: at the entry's own address, listing the entry's problems."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path

from ..loader import EXERCISE_SUFFIXES, RESERVED_SLUGS, SLUG
from ..model import Catalog
from ..problems import Problem
from .pages import Generated

ENTRY_FOLDERS = {"exercises": EXERCISE_SUFFIXES, "series": (".yml",)}


def problem_pages(
    catalog: Catalog, problems: Iterable[Problem], *, content_dir: Path, root: Path
) -> Iterator[Generated]:
    """A page for every entry file the catalog left out, so its address (and every link to it) shows why."""
    by_file: dict[Path, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault((root / problem.path).resolve(), []).append(problem)
    for folder, suffixes in ENTRY_FOLDERS.items():
        shown = set(catalog.exercises if folder == "exercises" else catalog.series)
        files = sorted((content_dir / folder).glob("*")) if (content_dir / folder).is_dir() else []
        for file in files:
            slug = file.stem
            if file.suffix not in suffixes or not SLUG.fullmatch(slug) or slug in RESERVED_SLUGS or slug in shown:
                continue
            shown.add(slug)  # one page per address, even for two files of one name
            path = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
            yield Generated(f"{folder}/{slug}.md", _page(slug, path, by_file.get(file.resolve(), [])))


def _page(slug: str, path: str, problems: list[Problem]) -> str:
    meta = {"title": f"Not shown yet: {slug}", "search": {"exclude": True}, "hide": ["navigation", "toc"]}
    if problems:
        said = (
            f"<p><code>{escape(path)}</code> has {'a problem' if len(problems) == 1 else 'problems'}, "
            "so this page shows what to fix instead of the entry. Save the file and the page comes back by itself.</p>\n"
            '<ul class="sg-preview-problems">\n'
            + "".join(f"<li><code>{escape(str(problem))}</code></li>\n" for problem in problems)
            + "</ul>"
        )
    else:  # a series is left out when an exercise it lists has problems
        said = (
            f"<p><code>{escape(path)}</code> lists an exercise that has problems; "
            "the banner above says which. Fix it and save, and this page comes back by itself.</p>"
        )
    return f'---\n{json.dumps(meta)}\n---\n\n<div class="sg-preview-page">\n{said}\n</div>\n'
