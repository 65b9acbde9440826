"""Exercise names as a reader searches for them, so two entries cannot claim the same one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_PLURAL_ES = re.compile(r"(ch|sh|ss|x|z)es$")


@dataclass(frozen=True)
class Name:
    """One title or alias of one exercise file, and the field it stands in."""

    path: str  # the exercise file, as shown to the contributor
    at: tuple  # the field: ("title",) or ("aliases", 2)
    text: str

    @property
    def kind(self) -> str:
        return "title" if self.at == ("title",) else "alias"


@lru_cache(maxsize=1 << 16)  # a preview's next load asks again for the same names
def name_key(text: str) -> str:
    """'Wall angels', 'Wall Angel' and 'wall-angel' are one name: ignore case, punctuation and plurals."""
    return " ".join(_singular(word) for word in slugify(text).split("-") if word)


def slugify(title: str) -> str:
    """'Child's Pose (wide knees)' -> 'childs-pose-wide-knees'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_title = re.sub(r"['’]", "", ascii_title.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if _PLURAL_ES.search(word):
        return word[:-2]
    return word[:-1]


def exercise_names(path: str, title: Any, aliases: Any) -> list[Name]:
    """The names an exercise's title and aliases give it, ignoring what is not text."""
    names = [Name(path, ("title",), title)] if isinstance(title, str) else []
    for index, alias in enumerate(aliases if isinstance(aliases, (list, tuple)) else ()):
        if isinstance(alias, str):
            names.append(Name(path, ("aliases", index), alias))
    return names


def clashes(names: Iterable[Name]) -> Iterator[tuple[Name, Name]]:
    """(name, the other file's name it repeats) for each name already claimed by another exercise.

    A title is kept over an alias, and the first file over a later one, so the
    name reported is the one to change.
    """
    first: dict[str, Name] = {}
    for name in sorted(names, key=lambda name: (name.kind != "title", name.path, name.at)):
        key = name_key(name.text)
        if not key:
            continue
        claimed = first.setdefault(key, name)
        if claimed.path != name.path:
            yield name, claimed


def describe_clash(name: Name, claimed: Name) -> str:
    """The message at the repeated name: which file already has it, and as what."""
    fix = "improve that entry instead, or choose another title" if name.kind == "title" else "remove this alias"
    return f"'{name.text}' is already the {claimed.kind} '{claimed.text}' of {claimed.path}: {fix}"
