"""The two MkDocs projects a benchmark builds: the guide itself, and the plain-MkDocs floor.

Both are folders beside each other in a scratch directory. The guide's is a copy of
the repository's mkdocs.yml, docs/ and overrides/ with a synthetic content/. The
floor inherits that same mkdocs.yml (theme, Markdown extensions, every other plugin)
but drops the stretchguide plugin, and its exercises are Markdown pages written in
advance, kept out of the navigation as the guide's are.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from stretchguide.model import Catalog, Exercise

PROJECT_FILES = ("mkdocs.yml", "docs", "overrides")
PLUGIN = "stretchguide"
INHERITED_CONFIG = "mkdocs.guide.yml"


def guide_project(folder: Path, repo: Path, content: Path) -> Path:
    """A copy of the guide's MkDocs project around `content`; returns its folder."""
    _copy_project_files(folder, repo)
    shutil.copytree(content, folder / "content")
    _link_watched_paths(folder, repo)
    return folder


def floor_project(folder: Path, repo: Path, catalog: Catalog) -> Path:
    """Plain MkDocs with the guide's theme and plugins, and one written page per exercise."""
    _copy_project_files(folder, repo)
    (folder / "mkdocs.yml").rename(folder / INHERITED_CONFIG)
    config = _read_config(folder / INHERITED_CONFIG)
    docs = folder / config.get("docs_dir", "docs")
    (docs / "exercises").mkdir(parents=True, exist_ok=True)
    for exercise in catalog.exercises.values():
        (docs / "exercises" / f"{exercise.slug}.md").write_text(exercise_markdown(exercise), encoding="utf-8")
    for path, title in _nav_pages(config.get("nav") or []):
        # Pages the plugin would generate for the navigation: a heading each, so the nav stays the same.
        page = docs / path
        if not page.exists():
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {title}\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(_floor_config(config), encoding="utf-8")
    _link_watched_paths(folder, repo)
    return folder


def exercise_markdown(exercise: Exercise) -> str:
    """The facts an exercise page shows, as the Markdown a person would write by hand."""
    lines = [
        f"# {exercise.title}",
        "",
        exercise.summary,
        "",
        f"**Dose:** {exercise.dose.describe()}",
        "",
        "## Steps",
        "",
    ]
    lines += [f"{number}. {step}" for number, step in enumerate(exercise.steps, start=1)]
    lines += ["", "## Cautions", ""] + [f"- {caution}" for caution in exercise.cautions]
    lines += ["", "## Sources", ""] + [f"- {_source(source)}" for source in exercise.sources]
    return "\n".join(lines) + "\n"


def _source(source) -> str:
    title = f"[{source.title}]({source.url})" if source.url else source.title
    return f"{title}, {source.publisher}" if source.publisher else title


def _floor_config(config: dict[str, Any]) -> str:
    # JSON is YAML, and writes the plugin list back exactly as read.
    plugins = [plugin for plugin in config.get("plugins", []) if _plugin_name(plugin) != PLUGIN]
    not_in_nav = "\n".join(filter(None, [config.get("not_in_nav"), "/exercises/"]))
    overrides = {"plugins": plugins, "not_in_nav": not_in_nav}
    return f"INHERIT: {INHERITED_CONFIG}\n" + "".join(
        f"{key}: {json.dumps(value)}\n" for key, value in overrides.items()
    )


def _plugin_name(plugin: str | dict) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


def _nav_pages(nav: list, title: str = "") -> list[tuple[str, str]]:
    pages = []
    for item in nav:
        if isinstance(item, str):
            pages.append((item, title or Path(item).stem))
        elif isinstance(item, dict):
            for name, value in item.items():
                pages += _nav_pages(value if isinstance(value, list) else [value], name)
    return [(path, name) for path, name in pages if path.endswith(".md") and "://" not in path]


def _read_config(file: Path) -> dict[str, Any]:
    with file.open("rb") as stream:
        return yaml_load(stream)


def _copy_project_files(folder: Path, repo: Path) -> None:
    folder.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, folder / name)
        elif source.exists():
            shutil.copy2(source, folder / name)


def _link_watched_paths(folder: Path, repo: Path) -> None:
    """MkDocs refuses a config whose `watch` paths do not exist; point them at the repository's."""
    config = _read_config(folder / "mkdocs.yml")
    for watched in config.get("watch") or []:
        target = folder / watched
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to((repo / watched).resolve())
