"""Warnings about the advice itself: numbers in the text that contradict the dose, and sentences that read hard.

They are warnings, not problems: a person should look, but the entry may be right (a progression
such as "build up to ten" is fine). `make check` prints them and still passes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Catalog, Dose, Exercise

HARDEST_GRADE = 8  # US school grade; a reading age of about 13. Patient leaflets aim lower.
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60,
}  # fmt: skip
_NUMBER = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# "N seconds", "N breaths", "N times/reps" (not "N times a day"), "N minutes"; a range such as "15 to 30" is skipped.
_STATED = re.compile(
    rf"(?<![\w-]){_NUMBER}(?!\s*(?:to|-|–|or)\s*\d)\s+(?:slow\s+|deep\s+)?"
    r"(?P<unit>seconds?|secs?|breaths?|reps|repetitions?|times(?!\s+a\s+(?:day|week))|minutes?)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(rf"{_NUMBER}\s*(?:to|-|–|or)\s*{_NUMBER}", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


@dataclass(frozen=True, order=True)
class AdviceWarning:
    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: warning: {self.message}"


def warnings(catalog: Catalog) -> Iterator[AdviceWarning]:
    for exercise in catalog.exercises.values():
        yield from warnings_for(exercise)


def warnings_for(exercise: Exercise) -> Iterator[AdviceWarning]:
    yield from dose_contradictions(exercise)
    yield from hard_sentences(exercise)


def dose_contradictions(exercise: Exercise) -> Iterator[AdviceWarning]:
    texts = [(f"steps[{n}]", step) for n, step in enumerate(exercise.steps, 1)]
    texts += [(f"cues[{n}]", cue) for n, cue in enumerate(exercise.cues, 1)]
    texts += [("body", exercise.body.split("\n#", 1)[0])]  # the prose before "## Variations" and the like
    for field, text in texts:
        for match in _STATED.finditer(_RANGE.sub(" ", text)):
            count = _value(match.group(1))
            expected = _dose_value(exercise.dose, match.group("unit").lower())
            if expected is not None and count != expected:
                yield AdviceWarning(
                    exercise.path,
                    field,
                    f"says '{match.group(0)}' but the dose says {exercise.dose.amount()}; make them agree, "
                    "or word it as a way to build up",
                )


def _dose_value(dose: Dose, unit: str) -> int | None:
    if unit.startswith("sec"):
        return dose.hold_seconds
    if unit.startswith("minute"):
        return dose.hold_seconds // 60 if dose.hold_seconds and dose.hold_seconds % 60 == 0 else None
    if unit.startswith("breath"):
        return dose.breaths
    return dose.reps


def _value(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def hard_sentences(exercise: Exercise) -> Iterator[AdviceWarning]:
    texts = [("summary", exercise.summary)] + [(f"steps[{n}]", step) for n, step in enumerate(exercise.steps, 1)]
    for field, text in texts:
        for sentence in _SENTENCE.findall(text):
            grade = round(reading_grade(sentence))  # the formula is rough: whole grades are all it can tell
            if grade > HARDEST_GRADE:
                shown = sentence.strip()
                shown = shown if len(shown) <= 70 else shown[:69] + "…"
                yield AdviceWarning(
                    exercise.path,
                    field,
                    f"'{shown}' reads at about grade {grade}; aim for {HARDEST_GRADE} or below: "
                    "shorter sentences and everyday words",
                )


def reading_grade(sentence: str) -> float:
    """The Flesch-Kincaid grade of one sentence: long sentences and long words read harder."""
    words = _WORD.findall(sentence)
    if len(words) < 6:  # a short instruction reads easily whatever its words
        return 0.0
    syllables = sum(_syllables(word) for word in words)
    return 0.39 * len(words) + 11.8 * syllables / len(words) - 15.59


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)
