"""The engines that build a staged tree, and the configuration each is given: the project's mkdocs.yml, without our plugin."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..addresses import EXERCISES, GALLERY, SERIES, page_of, source_of
from ..site.styles import JOINED
from .prose import links_from_source, source_folder

CONFIG = "mkdocs.yml"  # both engines read it; Zensical's own zensical.toml says nothing more for this guide
PLUGIN = "stretchguide"
# Inside a staged tree: the sources, the theme's overrides and the built site.
DOCS = "docs"
OVERRIDES = "overrides"
SITE = "site"
# The generated pages the nav leaves out, as the plugin marks them, so the build does not list each one.
NOT_IN_NAV = "\n".join(f"/{source_of(page)}" for page in (f"{EXERCISES}*/", f"{SERIES}*/", GALLERY))


@dataclass(frozen=True)
class Engine:
    name: str
    module: str  # run as `python -m <module> build|serve -f <config>`
    # Zensical reads every relative link in a page, raw HTML's too, from the source file's folder;
    # MkDocs and ProperDocs leave raw HTML alone, so its links are read from the page's own folder.
    links_from_source: bool
    theme: dict[str, Any] = field(default_factory=dict)  # theme settings this engine needs besides mkdocs.yml's
    styles: tuple[str, ...] = ()  # hashes of the stylesheets the theme's script adds, for the pages' policy

    def link_folder(self, source: str) -> str:
        """The folder this engine reads the relative links of `source`'s raw HTML from ('' is the root)."""
        return source_folder(source) if self.links_from_source else page_of(source)

    def page_html(self, source: str, page_html: str) -> str:
        """HTML whose links are written from its page's folder, as this engine must find it in `source`."""
        return links_from_source(page_html, source) if self.links_from_source else page_html

    def build_command(self, config: Path) -> list[str]:
        extra = ["--clean"] if self.name == "zensical" else []  # its own page cache, which nothing else checks
        return [sys.executable, "-m", self.module, "build", "-f", str(config), "--strict", *extra]

    def serve_command(self, config: Path, address: str) -> list[str]:
        return [sys.executable, "-m", self.module, "serve", "-f", str(config), "--dev-addr", address]


ENGINES = {
    # The classic variant is Material's look, which the guide's stylesheet and overrides are written for.
    "zensical": Engine(
        "zensical",
        "zensical",
        links_from_source=True,
        theme={"variant": "classic"},
        # Its search dialog lives in a shadow root with a <style> of its own (the 0.0.x bundle); a new
        # release that changes it shows in tests/test_engines.py as a policy violation in Chromium.
        styles=("sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k=",),
    ),
    "properdocs": Engine("properdocs", "properdocs", links_from_source=False),
}


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as data, its `!ENV [NAME, default]` values read from the environment as MkDocs reads them."""
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=_ConfigLoader)  # a SafeLoader with one more tag: no code runs


def staged_config(config: dict[str, Any], engine: Engine) -> dict[str, Any]:
    """The configuration of a staged tree: its own folders, no plugin of ours, nothing to watch outside it."""
    staged = {key: value for key, value in config.items() if key not in ("watch", "docs_dir", "site_dir")}
    staged["docs_dir"], staged["site_dir"] = DOCS, SITE
    staged["theme"] = {**config.get("theme", {}), "custom_dir": OVERRIDES, **engine.theme}
    staged["plugins"] = [plugin for plugin in config.get("plugins", []) if _plugin_name(plugin) != PLUGIN]
    if config.get("extra_css"):
        staged["extra_css"] = [JOINED]  # staging joins them, as the plugin does
    staged.setdefault("not_in_nav", NOT_IN_NAV)
    return staged


def config_text(config: dict[str, Any]) -> str:
    return "# Written by scripts/stage.py from the project's mkdocs.yml; edit that one.\n" + yaml.safe_dump(
        config, sort_keys=False, allow_unicode=True
    )


def _plugin_name(plugin: str | dict) -> str:
    return plugin if isinstance(plugin, str) else next(iter(plugin))


class _ConfigLoader(yaml.SafeLoader):
    pass


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _environment_value)
