"""Finished pages kept between builds: a build of the same inputs gives what rendering gives, and any change renders again."""

from __future__ import annotations

import json

from test_site import build_site, make_project, read

from stretchguide import addresses
from stretchguide.cache import Cache, seal
from stretchguide.site.rendered import RenderedPages

PAGE = ("exercise.html.j2", "exercises/cat-cow/", "<p>Arch, then round.</p>")


def rendering(made: list[str], text: str):
    def render() -> str:
        made.append(text)
        return text

    return render


def test_a_page_kept_by_an_earlier_build_of_the_same_inputs_is_not_rendered_again(tmp_path):
    earlier = RenderedPages(Cache(tmp_path), "catalog 1")
    earlier(*PAGE, rendering([], "<article>Cat-Cow</article>"))
    earlier.keep()
    made: list[str] = []
    assert RenderedPages(Cache(tmp_path), "catalog 1")(*PAGE, rendering(made, "new")) == "<article>Cat-Cow</article>"
    assert made == []


def test_other_inputs_render_every_page_again(tmp_path):
    earlier = RenderedPages(Cache(tmp_path), "catalog 1")
    earlier(*PAGE, rendering([], "<article>Cat-Cow</article>"))
    earlier.keep()
    made: list[str] = []
    assert RenderedPages(Cache(tmp_path), "catalog 2")(*PAGE, rendering(made, "<article>Cat Cow</article>")) == (
        "<article>Cat Cow</article>"
    )
    assert made == ["<article>Cat Cow</article>"]


def test_other_prose_renders_the_page_again(tmp_path):
    earlier = RenderedPages(Cache(tmp_path), "catalog 1")
    earlier(*PAGE, rendering([], "<article>Cat-Cow</article>"))
    earlier.keep()
    made: list[str] = []
    RenderedPages(Cache(tmp_path), "catalog 1")(*PAGE[:2], "<p>Other prose.</p>", rendering(made, "other"))
    assert made == ["other"]


def test_without_inputs_nothing_is_kept(tmp_path):
    pages = RenderedPages(Cache(tmp_path), None)
    made: list[str] = []
    pages(*PAGE, rendering(made, "a"))
    pages(*PAGE, rendering(made, "a"))
    pages.keep()
    assert made == ["a", "a"]
    assert not (tmp_path / "rendered").exists()


def test_pages_someone_else_put_in_the_cache_are_never_published(tmp_path):
    pages = RenderedPages(Cache(tmp_path), "catalog 1")
    pages.memo.kind.path(pages.memo.key).parent.mkdir(parents=True)
    forged = json.dumps({"0" * 64: "<script>alert(1)</script>"}).encode()
    pages.memo.kind.path(pages.memo.key).write_bytes(seal("0" * 64, forged))  # sealed for another key
    made: list[str] = []
    assert pages(*PAGE, rendering(made, "<article>Cat-Cow</article>")) == "<article>Cat-Cow</article>"
    assert made == ["<article>Cat-Cow</article>"]


def test_an_entry_edited_after_a_build_shows_its_change_on_every_page_that_shows_it(tmp_path):
    content = make_project(tmp_path / "project")
    site = build_site(content.root)
    assert "Seated Thoracic Rotation" in read(site, "exercises/seated-thoracic-rotation/index.html")
    entry = content.dir / "exercises" / "seated-thoracic-rotation.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("Seated Thoracic Rotation", "Seated Upper Back Turn"))
    site = build_site(content.root)
    for page in (
        "exercises/seated-thoracic-rotation/index.html",
        "exercises/index.html",
        "series/desk-break/index.html",
        addresses.EXERCISES_JSON,
    ):
        assert "Seated Upper Back Turn" in read(site, page), page
        assert "Seated Thoracic Rotation" not in read(site, page), page


def test_a_new_site_address_shows_on_the_pages_of_the_next_build(tmp_path):
    content = make_project(tmp_path / "project")
    build_site(content.root)
    config = content.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("https://guide.example/", "https://moved.example/"))
    page = read(build_site(content.root), "series/desk-break/index.html")
    assert "https://moved.example/" in page
    assert "https://guide.example/" not in page
