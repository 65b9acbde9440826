"""Tiny helpers that write SVG text deterministically (fixed number format, escaped text)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr


def num(value: float, places: int = 2) -> str:
    """A fixed number of decimals at most (two unless asked), no trailing zeros, never `-0`."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(**values: object) -> str:
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, float) else str(value)
        parts.append(f" {name}={quoteattr(shown)}")
    return "".join(parts)


def text(value: str) -> str:
    return escape(value)


def css_ident(value: str) -> str:
    """An id usable after `#` in CSS: escape a leading digit, keep letters, digits, - and _."""
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in value)
    if safe[:1].isdigit():
        safe = f"\\3{safe[0]} {safe[1:]}"
    return safe


def safe_id(value: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in value)
