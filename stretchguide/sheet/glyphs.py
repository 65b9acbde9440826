"""Which characters the bundled Inter can print: a sheet never falls back to a font of the machine.

Without this, a character Inter lacks (an emoji, a CJK word) would be drawn by whatever
font the building machine has, and that font would be embedded in the sheet.
"""

from __future__ import annotations

import functools

from fontTools.ttLib import TTFont

from .paths import ASSETS

FACES = ("Inter-Regular.woff2", "Inter-SemiBold.woff2", "Inter-Bold.woff2")  # the faces sheet.css uses
SPACES = "\t\n"  # HTML lays these out as spaces, so no glyph of theirs is ever drawn


def unprintable(text: str) -> list[str]:
    """The characters of `text` that Inter cannot print, each once, in order."""
    characters = [character for character in dict.fromkeys(text) if character not in SPACES]
    if text.isascii():  # no need to read the font: Inter has every printable ASCII character
        return [character for character in characters if not character.isprintable()]
    return [character for character in characters if ord(character) not in _printable()]


def describe(character: str) -> str:
    return f"'{character}' (U+{ord(character):04X})" if character.isprintable() else f"U+{ord(character):04X}"


def font_message(missing: list[str]) -> str:
    """What to do about characters the sheet's font lacks, in a contributor's words."""
    shown = ", ".join(describe(character) for character in missing)
    verb, pronoun = ("is", "it") if len(missing) == 1 else ("are", "them")
    return f"{shown} {verb} not in the sheet's font; write {pronoun} in words"


@functools.cache
def _printable() -> frozenset[int]:
    maps = [set(TTFont(ASSETS / "fonts" / face).getBestCmap()) for face in FACES]
    return frozenset(set.intersection(*maps))
