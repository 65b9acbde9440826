"""The build's own layer, with the content check bypassed: a real MkDocs build of attacks the check never saw publishes none of them."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, Content, served
from playwright.sync_api import expect
from test_site import build_site, make_project, read

from stretchguide import mkdocs_plugin
from stretchguide.loader import load_catalog

# Item 1 of issue 11, in an entry's prose: the theme's config id on a paragraph that points its search worker
# at a data: address, the id of its search toggle on a heading,
# theme classes and attributes, and addresses that run script, carry data or leave the site.
ATTACK_BODY = """\
# __search

{"base": ".", "features": [], "search": "data:text/javascript,postMessage({type: 1, data: []})"}
{#__config .md-header .md-typeset onclick="alert(1)" style="position:fixed" data-md-component="search"}

!!! note md-typeset "Careful"
    Be gentle.

## Easier

[Back up](#easier), [bad](javascript:alert(1)), [data](data:text/html,x).

![Pose](https://tracker.example/p.png){onerror="alert(1)"}
"""

# Item 2: a picture that loads from outside and redirects, behind CSS escapes and in XHTML.
ATTACK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
    r'<style>@\69mport "https://evil.example/x.css";rect{fill:\75rl(https://evil.example/p.png)}</style>'
    '<rect width="10" height="10" style="background:image-set(\'https://evil.example/p.png\' 1x)"/>'
    '<img xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/p.png"/>'
    '<meta xmlns="http://www.w3.org/1999/xhtml" http-equiv="refresh" content="0;url=https://evil.example/"/>'
    '<use xlink:href="https://evil.example/s.svg#a"/><circle r="3" onload="alert(1)"/></svg>'
)
HONEST_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="3"/></svg>'

HONEST_BODY = """\
## Easier

Keep the *shoulders* **low**; see [the next part](#harder), [the NHS](https://www.nhs.uk/ "NHS")
or [write to us](mailto:guide@example.org).

!!! warning "Stop"
    If it hurts.

- one
- two

## Harder

> Move slowly.
"""


def guide_project(root: Path) -> Content:
    """make_project's small guide, writing Markdown with the real guide's extensions (attribute lists, admonitions)."""
    content = make_project(root)
    extensions = re.search(
        r"^markdown_extensions:\n(?:[ -].*\n)+", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(extensions[0])
    return content


def with_svg_picture(content: Content) -> Path:
    """Give Chin Tucks an honest SVG of its own instead of its PNG; the SVG's path."""
    picture = content.dir / "exercises" / "images" / "pose.svg"
    picture.write_text(HONEST_SVG, encoding="utf-8")
    entry = content.dir / "exercises" / "chin-tucks.md"
    text = entry.read_text(encoding="utf-8")
    assert "file: chin-tucks.png" in text
    entry.write_text(text.replace("file: chin-tucks.png", "file: pose.svg"), encoding="utf-8")
    return picture


@pytest.fixture(scope="module")
def forced(tmp_path_factory) -> Path:
    """A site built from a catalog whose entry carries every attack, handed to the build as if checked."""
    content = guide_project(tmp_path_factory.mktemp("forced") / "project")
    picture = with_svg_picture(content)

    def unchecked(content_dir: Path, *, root: Path, cache):
        catalog = load_catalog(content_dir, root=root)
        picture.write_text(ATTACK_SVG, encoding="utf-8")  # after the check read it
        attacked = dataclasses.replace(catalog.exercises["chin-tucks"], body=ATTACK_BODY)
        return dataclasses.replace(catalog, exercises={**catalog.exercises, "chin-tucks": attacked}), "unchecked"

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mkdocs_plugin, "cached_catalog", unchecked)
        return build_site(content.root)


def article(site: Path, path: str) -> str:
    page = read(site, path)
    return page[page.index('<article class="sg-article') : page.index("</article>")]


def test_the_entry_cannot_take_the_themes_config_id(forced):
    page = read(forced, "exercises/chin-tucks/index.html")
    assert re.findall(r'<[^>]*\bid="__config"[^>]*>', page) == ['<script id="__config" type="application/json">']
    assert '<p id="sg-__config">{"base": ".", "features": [], "search": "data:text/javascript,' in page


def test_a_heading_cannot_take_the_id_of_the_themes_search_toggle(forced):
    page = read(forced, "exercises/chin-tucks/index.html")
    assert [tag.startswith("<input") for tag in re.findall(r'<[^>]*\bid="__search"[^>]*>', page)] == [True]
    assert '<h1 id="sg-__search">__search</h1>' in page


def test_the_entry_keeps_no_theme_class_handler_style_or_theme_attribute(forced):
    prose = article(forced, "exercises/chin-tucks/index.html")
    assert not re.search(r'class="[^"]*\bmd-', prose)
    assert not re.search(r"\son[a-z]+=|\sstyle=|data-md-", prose)
    assert '<div class="admonition note">' in prose


def test_the_entry_links_to_no_script_or_data_address_and_shows_no_outside_picture(forced):
    prose = article(forced, "exercises/chin-tucks/index.html")
    assert re.findall(r'(?:href|src)="([^"]*)"', prose).count("#sg-easier") == 1
    assert not re.search(r'(?:href|src)="\s*(?:javascript|data):|tracker\.example', prose)
    assert '<a href="#sg-easier">Back up</a>, <a>bad</a>, <a>data</a>.' in prose
    assert '<img alt="Pose">' in prose


def test_search_points_at_the_moved_ids_and_never_at_the_themes(forced):
    locations = [entry["location"] for entry in json.loads(read(forced, "search/search_index.json"))["docs"]]
    assert "exercises/chin-tucks/#sg-easier" in locations
    assert not [location for location in locations if "#__" in location or "#md-" in location]


def test_the_published_svg_is_the_sanitisers_not_the_contributors(forced):
    assert read(forced, "exercises/images/pose.svg") == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style/><rect width="10" height="10"/>'
        '<use/><circle r="3"/></svg>'
    )


@pytest.fixture(scope="module")
def honest(tmp_path_factory) -> Path:
    content = guide_project(tmp_path_factory.mktemp("honest") / "project")
    with_svg_picture(content)
    text = (content.dir / "exercises" / "shoulder-rolls.md").read_text(encoding="utf-8")
    content.exercise("shoulder-rolls", text.replace("Optional prose in Markdown.\n", HONEST_BODY))
    return build_site(content.root)


def test_honest_prose_is_published_as_markdown_wrote_it_with_its_ids_in_our_namespace(honest):
    prose = article(honest, "exercises/shoulder-rolls/index.html")
    assert (
        '<div class="sg-prose">\n'
        '<h2 id="sg-easier">Easier</h2>\n'
        '<p>Keep the <em>shoulders</em> <strong>low</strong>; see <a href="#sg-harder">the next part</a>, '
        '<a href="https://www.nhs.uk/" title="NHS">the NHS</a>\n'
        'or <a href="mailto:guide@example.org">write to us</a>.</p>\n'
        '<div class="admonition warning">\n<p class="admonition-title">Stop</p>\n<p>If it hurts.</p>\n</div>\n'
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
        '<h2 id="sg-harder">Harder</h2>\n'
        "<blockquote>\n<p>Move slowly.</p>\n</blockquote>\n"
        "</div>"
    ) in prose


def test_an_honest_contributor_svg_is_published_as_drawn(honest):
    assert read(honest, "exercises/images/pose.svg") == HONEST_SVG
    assert '<img src="../../exercises/images/pose.svg" alt="' in read(honest, "exercises/chin-tucks/index.html")


@pytest.fixture(scope="module")
def forced_url(forced) -> Iterator[str]:
    with served(forced) as url:
        yield url


@pytest.mark.browser
def test_in_chromium_the_theme_keeps_its_own_config_and_nothing_leaves_the_machine(browser, forced_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requested, errors, dialogs = [], [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{forced_url}exercises/chin-tucks/")
    page.locator(".md-search__input").click()
    page.keyboard.type("Easier")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    expect(results.first).to_be_visible()  # the search worker is the theme's, fed by the site's index
    links = results.evaluate_all("links => links.map(link => link.href)")
    context.close()
    assert f"{forced_url}exercises/chin-tucks/#sg-easier" in [link.split("?")[0] for link in links]
    assert errors == [] and dialogs == []
    assert [url for url in requested if not url.startswith(forced_url)] == []
