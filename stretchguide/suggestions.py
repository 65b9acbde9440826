"""What a contributor probably meant by a value the contract does not know: 'sitting' -> 'seated'."""

from __future__ import annotations

import difflib
import re

# The words a person would type for a position, in their plain form (see `_plain`).
_POSITION_WORDS = {
    "sitting": "seated",
    "sit": "seated",
    "sat": "seated",
    "chair": "seated",
    "on a chair": "seated",
    "sitting on a chair": "seated",
    "lying on your front": "prone",
    "on your front": "prone",
    "face down": "prone",
    "lying face down": "prone",
    "on your stomach": "prone",
    "lying on your stomach": "prone",
    "on your belly": "prone",
    "on your back": "supine",
    "lying on your back": "supine",
    "face up": "supine",
    "lying face up": "supine",
    "on all fours": "quadruped",
    "all fours": "quadruped",
    "hands and knees": "quadruped",
    "on hands and knees": "quadruped",
    "on your hands and knees": "quadruped",
    "kneel": "kneeling",
    "kneeled": "kneeling",
    "stand": "standing",
    "standing up": "standing",
    "upright": "standing",
    "lying on your side": "side-lying",
    "on your side": "side-lying",
    "side lying": "side-lying",
}
# A figure's postures have the same words, and a few of their own.
_POSTURE_WORDS = {
    **{words: value for words, value in _POSITION_WORDS.items() if value != "seated"},
    **{words: "seated_on_chair" for words, value in _POSITION_WORDS.items() if value == "seated"},
    "seated": "seated_on_chair",
    "sitting on your heels": "kneeling_on_heels",
    "on your heels": "kneeling_on_heels",
    "kneeling on heels": "kneeling_on_heels",
    "on your elbows": "prone_on_elbows",
    "on elbows": "prone_on_elbows",
    "sphinx": "prone_on_elbows",
    "knees bent": "supine_knees_bent",
    "on your back knees bent": "supine_knees_bent",
    "lying on your back with knees bent": "supine_knees_bent",
    "crook lying": "supine_knees_bent",
    "hook lying": "supine_knees_bent",
}
SYNONYMS = {"position": _POSITION_WORDS, "posture": _POSTURE_WORDS}
# Words that fit several values: ask which one rather than pick.
_AMBIGUOUS = {"lying", "lie", "lying down", "lay", "laying", "laying down"}

CLOSE = 0.8  # how alike two spellings must be to offer one for the other ('seeted' and 'seated' are)


def suggestion(field: str, value: str, choices: list[str]) -> str:
    """'; did you mean ...?' for an unknown `value` of `field`, or '' when nothing is a fair guess."""
    plain = _plain(value)
    by_plain = {_plain(choice): choice for choice in choices}
    meant = by_plain.get(plain) or SYNONYMS.get(field, {}).get(plain)
    if meant in choices:
        return f"; did you mean '{meant}'?"
    if plain in _AMBIGUOUS and field in SYNONYMS:
        lying = [f"'{choice}'" for choice in choices if _plain(choice).startswith(("prone", "supine", "side"))]
        return f"; lying which way: {', '.join(lying[:-1])} or {lying[-1]}?"
    starting = [choice for choice in choices if _plain(choice).startswith(f"{plain} ")]
    if len(starting) == 1 and plain:  # 'thoracic' for 'thoracic-spine'
        return f"; did you mean '{starting[0]}'?"
    guess = difflib.get_close_matches(value, choices, n=1, cutoff=CLOSE)
    return f"; did you mean '{guess[0]}'?" if guess else ""


def _plain(text: str) -> str:
    """'Lying on the back' and 'lying_on_your-back' alike: lower case, one space, 'your' for 'the'/'my'."""
    words = re.sub(r"[^a-z]+", " ", text.casefold()).split()
    return " ".join("your" if word in ("the", "my") else word for word in words)
