"""Writes the staged tree of one engine: hand-written pages, finished generated pages, pictures, data, fonts, theme, configuration.

Every file is compared with the one already staged and written only when it differs, so a
rebuild after one entry changes rewrites that entry's page (and the indexes and data that
list it), and an engine that watches the tree reloads only what changed. A file in the tree
that staging did not write is removed: nothing but what the project holds reaches the engine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import project_cache
from ..site import Site
from ..site.catalog_cache import cached_catalog
from ..site.fonts import published_fonts
from ..site.pictures import Drawing
from ..site.styles import JOINED, joined_stylesheet
from .engines import CONFIG, DOCS, OVERRIDES, SITE, Engine, config_text, read_config, staged_config
from .prose import prose_renderer

STAGE = Path("build") / "stage"  # beside mkdocs.yml: build/stage/<engine>/, ignored by git, removed by make clean
CONTENT = "content"
KEPT = (SITE, ".cache")  # what the engine itself writes in the tree: its site, and Zensical's page cache

Source = bytes | Path | Drawing  # a file's bytes, a file to copy, or a drawing to draw


@dataclass
class Staged:
    folder: Path
    written: list[str] = field(default_factory=list)  # paths within the tree, in the order written
    removed: list[str] = field(default_factory=list)


def stage_folder(root: Path, engine: Engine) -> Path:
    return Path(root) / STAGE / engine.name


def stage(root: Path, engine: Engine) -> Staged:
    """Stage the project in `root` for `engine`; a content problem raises the loader's ContentError, before any write."""
    root = Path(root).resolve()
    config = read_config(root / CONFIG)
    cache = project_cache(root)
    content_dir = root / CONTENT
    catalog, key = cached_catalog(content_dir, root=root, cache=cache)
    site = Site(
        catalog,
        content_dir=content_dir,
        site_url=config.get("site_url") or "",
        repository=(config.get("extra") or {}).get("repository", ""),
        cache=cache,
        catalog_key=key,
    )
    docs_dir = root / config.get("docs_dir", "docs")
    overrides = root / config["theme"]["custom_dir"]
    files: dict[str, Source] = {CONFIG: config_text(staged_config(config, engine)).encode()}
    files.update((f"{DOCS}/{path}", source) for path, source in _hand_written(docs_dir, site, engine))
    render = prose_renderer(config.get("markdown_extensions") or [])
    for generated in site.finished_sources(render, engine.page_html):
        files[f"{DOCS}/{generated.path}"] = generated.content.encode()
    for generated in site.generated_files():
        if not generated.path.endswith(".md"):  # the pages are finished above; these are pictures and open data
            files[f"{DOCS}/{generated.path}"] = generated.content.encode()
    files.update((f"{DOCS}/{path}", source) for path, source in site.copied_files())
    for path, subset in published_fonts((content_dir, docs_dir, overrides)):
        files[f"{DOCS}/{path}"] = subset
    files.update((f"{OVERRIDES}/{path}", source) for path, source in _files_under(overrides))
    stylesheets = [(path, _text(files, path)) for path in config.get("extra_css") or []]
    files[f"{DOCS}/{JOINED}"] = joined_stylesheet(stylesheets).encode()  # what staged_config links instead
    staged = _write_tree(stage_folder(root, engine), files)
    site.drawings.prune()
    site.keep()
    return staged


def _hand_written(docs_dir: Path, site: Site, engine: Engine) -> Iterator[tuple[str, Source]]:
    """docs/ as it is, but each page's `<!-- stretchguide:... -->` placeholders filled, as the plugin fills them."""
    for path, file in _files_under(docs_dir):
        if path.endswith(".md"):
            text = file.read_text(encoding="utf-8")
            # The fragments' links are written from the folder the engine reads them from; the author's stay as written.
            yield path, site.fill_placeholders(text, engine.link_folder(path)).encode()
        else:
            yield path, file


def _text(files: dict[str, Source], path: str) -> str:
    """A staged stylesheet's text, the docs' copy first, as engines prefer it to the theme's."""
    source = files.get(f"{DOCS}/{path}", files.get(f"{OVERRIDES}/{path}"))
    if source is None:
        raise FileNotFoundError(
            f"mkdocs.yml: extra_css: {path}: no such stylesheet in the docs, the theme or the guide"
        )
    return _bytes(source).decode("utf-8")


def _bytes(source: Source) -> bytes:
    return source.svg() if isinstance(source, Drawing) else source.read_bytes() if isinstance(source, Path) else source


def _files_under(folder: Path) -> Iterator[tuple[str, Path]]:
    for directory, folders, names in os.walk(folder):
        folders.sort()
        for name in sorted(names):
            file = Path(directory) / name
            if file.is_file() and not file.is_symlink():
                yield file.relative_to(folder).as_posix(), file


def _write_tree(folder: Path, files: dict[str, Source]) -> Staged:
    staged = Staged(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for path, source in files.items():
        target = folder / path
        data = _bytes(source)
        if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
            continue
        _write_new(target, data)
        staged.written.append(path)
    for directory, folders, names in os.walk(folder, topdown=False):  # deepest first, links and all
        for name in names + [name for name in folders if os.path.islink(os.path.join(directory, name))]:
            path = Path(directory, name).relative_to(folder).as_posix()
            if path not in files and path.split("/", 1)[0] not in KEPT:
                os.unlink(os.path.join(directory, name))
                staged.removed.append(path)
        if directory != str(folder) and not os.path.islink(directory) and not os.listdir(directory):
            os.rmdir(directory)  # a folder left empty
    return staged


def remove(path: Path) -> None:
    """Remove a file or a folder, or only the link if it is one; nothing if there is none."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def _write_new(target: Path, data: bytes) -> None:
    """Write `target` whole, by a rename, never through a link someone left in its place."""
    remove(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    with open(partial, "xb") as file:
        file.write(data)
    os.replace(partial, target)
