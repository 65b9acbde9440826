"""The site's fonts: cut to the characters the site shows, only the faces fonts.css loads, and cached."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from stretchguide.site.fonts import FONTS, published_fonts


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("texts")
    (folder / "entry.md").write_text("title: Fűzfa nyújtás\n", encoding="utf-8")
    (folder / "extra.css").write_text(
        '.a { font-feature-settings: "ss02", "zero"; }\n.b { font-variant-numeric: tabular-nums; }\n', encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def published(texts, cache) -> dict[str, bytes]:
    return dict(published_fonts([texts], cache_dir=cache))


def characters(font: Path | bytes) -> set[str]:
    return set(map(chr, TTFont(io.BytesIO(font) if isinstance(font, bytes) else font).getBestCmap()))


def test_the_site_publishes_the_faces_fonts_css_loads_and_no_italic(published):
    assert sorted(published) == [
        "assets/fonts/Inter-Bold.woff2",
        "assets/fonts/Inter-Regular.woff2",
        "assets/fonts/Inter-SemiBold.woff2",
    ]


def test_a_published_face_keeps_every_character_of_the_build_texts(published):
    assert {"ű", "ú", "é", "—", "…"} <= characters(published["assets/fonts/Inter-Regular.woff2"])


def test_a_published_face_leaves_out_characters_no_page_shows(published):
    assert "Ж" in characters(FONTS / "Inter-Regular.woff2")
    assert "Ж" not in characters(published["assets/fonts/Inter-Regular.woff2"])


def features(font: bytes) -> set[str]:
    return {record.FeatureTag for record in TTFont(io.BytesIO(font))["GSUB"].table.FeatureList.FeatureRecord}


def test_a_published_face_keeps_the_features_a_stylesheet_asks_for(published):
    assert {"ss02", "zero", "tnum"} <= features(published["assets/fonts/Inter-Regular.woff2"])


def test_a_published_face_leaves_out_the_alternates_no_stylesheet_asks_for(published):
    assert "cv05" in features((FONTS / "Inter-Regular.woff2").read_bytes())
    assert "cv05" not in features(published["assets/fonts/Inter-Regular.woff2"])


def test_a_published_face_is_a_fraction_of_the_full_font(published):
    for path, subset in published.items():
        assert len(subset) * 3 < (FONTS / Path(path).name).stat().st_size


def test_the_same_texts_reuse_the_cached_subsets(published, texts, cache, monkeypatch):
    from stretchguide.site import fonts

    def no_subsetting(*_):
        raise AssertionError("subset again")

    monkeypatch.setattr(fonts, "_subset", no_subsetting)
    assert dict(published_fonts([texts], cache_dir=cache)) == published


def test_a_new_machine_without_a_cache_folder_keeps_the_subsets_for_the_next_build(texts, tmp_path, monkeypatch):
    from stretchguide.site import fonts

    machine_cache = tmp_path / "home" / ".cache" / "stretchguide"  # not even ~/.cache exists yet
    first = dict(published_fonts([texts], cache_dir=machine_cache))

    def no_subsetting(*_):
        raise AssertionError("subset again")

    monkeypatch.setattr(fonts, "_subset", no_subsetting)
    assert dict(published_fonts([texts], cache_dir=machine_cache)) == first
