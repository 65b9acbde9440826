"""A body's links and images: what the check accepts builds with MkDocs in strict mode; what would not is refused at its line."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from stretchguide.loader import load_catalog
from stretchguide.problems import ContentError
from tests.conftest import REPO, exercise_text
from tests.test_site import build_site, checker_lines, make_project, plugin_errors

# The guide's own Markdown extensions, so the body renders as on the real site.
EXTENSIONS = "markdown_extensions:" + (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("markdown_extensions:")[1]
EXTENSIONS = EXTENSIONS.split("\n\n")[0] + "\n"

LINKED = """\
See [Shoulder Rolls](shoulder-rolls.md), the [desk break](../series/desk-break.md),
the [home page](../index.md) and [why it helps](#why-it-helps).

![Drawing the chin back](images/chin-tucks.png)

## Why it helps

!!! tip "Go slowly"
    Breathe out as you turn.
"""


def project_with_body(root, body: str):
    content = make_project(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + EXTENSIONS, encoding="utf-8")
    text = exercise_text("Open Book Twist")  # it shows the picture of chin-tucks, which the guide publishes
    content.exercise("seated-twist", text.replace("Optional prose in Markdown.", body))
    return content


def test_a_body_with_links_the_check_accepts_builds_and_its_links_reach_their_pages(tmp_path):
    content = project_with_body(tmp_path, LINKED)
    load_catalog(content.dir, root=content.root)  # the check accepts it
    site = build_site(tmp_path)  # strict: a link MkDocs cannot resolve would fail the build
    page = (site / "exercises" / "seated-twist" / "index.html").read_text(encoding="utf-8")
    for href, published in [
        ("../shoulder-rolls/", "exercises/shoulder-rolls/index.html"),
        ("../../series/desk-break/", "series/desk-break/index.html"),
        ("../../", "index.html"),
        ("../images/chin-tucks.png", "exercises/images/chin-tucks.png"),
    ]:
        assert f'"{href}"' in page
        assert (site / published).is_file()


def test_a_broken_body_link_is_refused_by_the_check_at_its_line_and_stops_the_build(tmp_path, caplog):
    content = project_with_body(tmp_path, "Easier:\n\nsee [rolls](shoulder-roll.md).")
    assert checker_lines(content) == [
        "content/exercises/seated-twist.md:28:13: body: there is no page 'shoulder-roll.md' for the prose to link "
        "to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide "
        "(../safety.md)"
    ]
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    assert plugin_errors(caplog) == checker_lines(content)


def test_a_body_may_show_only_pictures_the_guide_publishes(content):
    (content.dir / "exercises" / "images").mkdir()
    (content.dir / "exercises" / "images" / "unused.png").write_bytes(b"not checked, not published")
    content.exercise(
        "chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", "![x](images/unused.png)")
    )
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    assert [str(problem) for problem in raised.value.problems] == [
        "content/exercises/chin-tucks.md:26:6: body: there is no picture 'images/unused.png' to show: the prose may "
        "show images/<file> where <file> is an exercise's image (in content/exercises/images/)"
    ]


@pytest.mark.parametrize(
    ("body", "place"), [("[r](shoulder-rolls.md)", "26:5"), ("[r][rolls]\n\n[rolls]: shoulder-rolls.md", "28:10")]
)
def test_a_remembered_entry_is_refused_when_the_page_it_links_to_is_gone(content, body, place):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", body))
    memo: dict = {}
    load_catalog(content.dir, memo=memo)
    (content.dir / "exercises" / "shoulder-rolls.md").unlink()
    (content.dir / "series" / "desk-break.yml").unlink()
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir, memo=memo)
    assert [str(problem) for problem in raised.value.problems] == [
        f"content/exercises/chin-tucks.md:{place}: body: there is no page 'shoulder-rolls.md' for the prose to link "
        "to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide (../safety.md)"
    ]


def test_a_cached_catalog_is_not_reused_once_a_page_its_prose_links_to_is_gone(content, tmp_path):
    from stretchguide.cache import Cache
    from stretchguide.site.catalog_cache import load_catalog_cached

    (content.root / "docs").mkdir()
    (content.root / "docs" / "safety.md").write_text("# Safety\n", encoding="utf-8")
    body = "Read [the safety page](../safety.md) first."
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", body))
    cache = Cache(tmp_path / ".cache")
    load_catalog_cached(content.dir, root=content.root, cache=cache)
    (content.root / "docs" / "safety.md").unlink()
    with pytest.raises(ContentError) as refused:
        load_catalog_cached(content.dir, root=content.root, cache=cache)
    assert "there is no page '../safety.md'" in str(refused.value)
