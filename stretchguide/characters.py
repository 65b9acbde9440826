"""Characters in contributor text: which ones a field may not hold, and how a message shows them."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides
# and isolates: invisible in an editor and a review, yet they rewrite a terminal,
# break JSON and HTML readers, or turn the text around.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{_CONTROLS}]")
# In a message, tab, newline and the Unicode line separators are escaped too: one problem, one line.
_UNSEEN = re.compile(f"[\t\n\u2028\u2029{_CONTROLS}]")
_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
QUOTED_LENGTH = 60  # a value quoted into a message is shortened beyond this


def escaped(text: str) -> str:
    """`text` on one line, each unseen character written as an escape such as `\\n` or `\\u202e`."""
    return _UNSEEN.sub(lambda found: _ESCAPES.get(found[0]) or f"\\u{ord(found[0]):04x}", text)


def shown(value: object, limit: int = QUOTED_LENGTH) -> str:
    """A value as a message shows it: escaped, and shortened with … when longer than `limit`."""
    text = str(value)
    return escaped(text if len(text) <= limit else text[: limit - 1] + "…")


def quoted(value: object) -> str:
    """A contributor's value quoted into a message: `'shoulder-rolls'`."""
    return f"'{shown(value)}'"


def first_control(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) for the first refused character of `text`, counted from 1 within it."""
    found = CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start()) + 1
    column = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
    return line, column, control_message(found[0])


def control_message(character: str) -> str:
    return f"contains a control character ({escaped(character)}); remove it"
