"""The site's fonts cut down to the characters the site can show, so a phone downloads a fifth of them.

The repository keeps the full fonts (the sheets use them; WeasyPrint subsets by itself). The site
publishes, under the same names, the faces `fonts.css` loads, holding Latin-1, General Punctuation
and every character of the build's texts (entries, hand-written pages, templates), so nothing a
page shows falls back to another font. Subsetting takes seconds, so each result is cached by what
went into it, in one cache for the whole machine, through the project's one cache mechanism
(sealed items, whole writes).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import fontTools

from ..cache import MACHINE_FOLDER, Cache

FONTS = Path(__file__).resolve().parent.parent / "assets" / "fonts"
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Whatever any page may show beyond the build's own texts: Material's interface, a search box's input.
ALWAYS = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2000, 0x2070)])
TEXT_FILES = (".md", ".yml", ".yaml", ".html", ".j2", ".json")
_FACE = re.compile(r"""url\(\s*["']?([\w.-]+\.woff2)["']?\s*\)""")
# The OpenType features a page can turn on: the ones a stylesheet names in font-feature-settings, or asks for with
# font-variant-numeric; with the subsetter's defaults (kerning, ligatures, accents), they are all a face keeps, so the
# glyphs of the alternates nothing asks for (a fifth of a face) are left out.
_FEATURE_SETTINGS = re.compile(r"font-feature-settings\s*:([^;}]*)")
_FEATURE_TAG = re.compile(r"""["']([A-Za-z0-9]{4})["']""")
_NUMERIC = {"lining-nums": "lnum", "oldstyle-nums": "onum", "proportional-nums": "pnum", "tabular-nums": "tnum"}
_NUMERIC_SETTING = re.compile(r"font-variant-numeric\s*:([^;}]*)")


def published_fonts(text_folders: Iterable[Path], *, cache_dir: Path = MACHINE_FOLDER) -> Iterator[tuple[str, bytes]]:
    """(site path, subset) of each face `fonts.css` loads, cut to the characters of `text_folders`."""
    text_folders = list(text_folders)
    wanted = ALWAYS | _characters(TEMPLATES, *text_folders)
    features = _features(*text_folders)
    subsets = Cache(Path(cache_dir)).kind("fonts", version=fontTools.version, suffix=".woff2")
    characters = "".join(map(chr, sorted(wanted))).encode("utf-8", "surrogatepass")
    for face in faces():
        font = (FONTS / face).read_bytes()
        key = subsets.key(font=font, characters=characters, features=" ".join(features))
        cut = subsets.read(key)
        if cut is None:  # characters the font lacks are left out by the subsetter
            cut = _subset(font, wanted, features)
            subsets.write(key, cut)
        yield f"assets/fonts/{face}", cut


def faces() -> list[str]:
    """The font files `fonts.css` names, in its order: the only ones a page can load."""
    return list(dict.fromkeys(_FACE.findall((FONTS / "fonts.css").read_text(encoding="utf-8"))))


def _characters(*folders: Path) -> frozenset[int]:
    found: set[str] = set()
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.suffix in TEXT_FILES and path.is_file():
                found.update(path.read_text(encoding="utf-8", errors="ignore"))
    return frozenset(map(ord, found))


def _features(*folders: Path) -> list[str]:
    """The OpenType features the stylesheets under `folders` ask for, beyond the subsetter's defaults."""
    found: set[str] = set()
    for folder in folders:
        for path in Path(folder).rglob("*.css"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            for setting in _FEATURE_SETTINGS.findall(text):
                found.update(_FEATURE_TAG.findall(setting))
            for setting in _NUMERIC_SETTING.findall(text):
                found.update(tag for keyword, tag in _NUMERIC.items() if keyword in setting)
    return sorted(found)


def _subset(font: bytes, characters: frozenset[int], features: list[str]) -> bytes:
    # Imported here: the subsetter takes a fifth of a second to import, and a warm build never needs it.
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = [*options.layout_features, *features]
    options.flavor = "woff2"
    cut = TTFont(io.BytesIO(font))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(cut)
    cut.flavor = "woff2"
    written = io.BytesIO()
    cut.save(written)
    return written.getvalue()
