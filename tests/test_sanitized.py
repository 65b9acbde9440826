"""The sanitiser's memory between builds: it gives what cleaning gives, and never what someone else put in the cache."""

from __future__ import annotations

import hashlib
import json

from stretchguide.cache import Cache, seal
from stretchguide.site.sanitize import sanitize_html
from stretchguide.site.sanitized import SanitizedPages

ATTACK = '<pre id="__config">{"search": "data:text/javascript,alert(1)"}</pre><img src="https://evil.example/x.png">'


def digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def test_a_page_cleaned_in_an_earlier_build_comes_out_as_cleaning_it_gives(tmp_path):
    earlier = SanitizedPages(Cache(tmp_path))
    earlier(ATTACK)
    earlier.keep()
    assert SanitizedPages(Cache(tmp_path))(ATTACK) == sanitize_html(ATTACK)


def test_a_build_that_cleans_nothing_new_leaves_the_kept_results_untouched(tmp_path):
    earlier = SanitizedPages(Cache(tmp_path))
    earlier(ATTACK)
    earlier.keep()
    [item] = (tmp_path / "pages").iterdir()
    before = item.stat()
    later = SanitizedPages(Cache(tmp_path))
    later(ATTACK)
    later.keep()
    after = item.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_results_someone_else_put_in_the_cache_are_never_published(tmp_path):
    pages = SanitizedPages(Cache(tmp_path))
    forged = json.dumps({digest(ATTACK): ATTACK}).encode()
    pages.kind.path(pages.key).parent.mkdir(parents=True)
    pages.kind.path(pages.key).write_bytes(forged)
    assert SanitizedPages(Cache(tmp_path))(ATTACK) == sanitize_html(ATTACK)


def test_results_sealed_for_another_item_are_never_published(tmp_path):
    pages = SanitizedPages(Cache(tmp_path))
    pages.kind.path(pages.key).parent.mkdir(parents=True)
    pages.kind.path(pages.key).write_bytes(seal("0" * 64, json.dumps({digest(ATTACK): ATTACK}).encode()))
    assert SanitizedPages(Cache(tmp_path))(ATTACK) == sanitize_html(ATTACK)


def test_kept_results_of_another_shape_are_cleaned_again(tmp_path):
    pages = SanitizedPages(Cache(tmp_path))
    pages.kind.write(pages.key, json.dumps({digest(ATTACK): ["not", "a", "page"]}).encode())
    assert SanitizedPages(Cache(tmp_path))(ATTACK) == sanitize_html(ATTACK)


def test_only_the_pages_of_the_last_build_are_kept(tmp_path):
    first = SanitizedPages(Cache(tmp_path))
    first("<p>removed since</p>")
    first(ATTACK)
    first.keep()
    second = SanitizedPages(Cache(tmp_path))
    second(ATTACK)
    second.keep()
    assert set(json.loads(second.kind.read(second.key))) == {digest(ATTACK)}
