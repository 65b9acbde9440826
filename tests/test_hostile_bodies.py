"""Hostile entry bodies: each file in tests/hostile/ is one attack, refused by the check with its exact lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchguide.loader import load_catalog
from stretchguide.problems import ContentError
from stretchguide.safety import BODY_LIMIT, LINE_LIMIT
from tests.conftest import exercise_text

HOSTILE = Path(__file__).resolve().parent / "hostile"
ENTRY = "content/exercises/chin-tucks.md"
BODY_LINE = exercise_text("Chin Tucks").split("\n").index("---", 1) + 2  # the file line the body starts on

# file in tests/hostile/: the lines the check prints, after "content/exercises/chin-tucks.md:", with the
# line counted within the body (1 is its first line)
REFUSED = {
    "attribute-scan-backtracking.md": ["1:1: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "unclosed-brackets.md": ["1:49: brackets [ are nested 17 deep; at most 16 are allowed"],
    "unclosed-link-addresses.md": [
        "1:5: a link needs an address",
        "1:68: parentheses ( are nested 17 deep; at most 16 are allowed",
    ],
    "admonition-class.md": [
        '1:1: an admonition is written !!! kind "Title", with one kind of: note, abstract, info, tip, success, question, warning, failure, danger, bug, example, quote'
    ],
    "admonition-title-attributes.md": ["1:16: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "anchor-on-other-page.md": ["1:13: a link to another page cannot point into it (#...); link to the page itself"],
    "bare-word-attribute.md": ["1:5: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "broken-anchor.md": ["3:13: there is no heading with the id 'harder' in this entry's prose"],
    "broken-docs-link.md": [
        "1:14: there is no page '../no-such-page.md' for the prose to link to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide (../safety.md)"
    ],
    "broken-image.md": [
        "1:10: there is no picture 'images/missing.png' to show: the prose may show images/<file> where <file> is an exercise's image (in content/exercises/images/)"
    ],
    "broken-page-link.md": [
        "1:17: there is no page 'no-such-exercise.md' for the prose to link to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide (../safety.md)"
    ],
    "broken-reference-link.md": [
        "3:6: there is no page 'no-such-exercise.md' for the prose to link to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide (../safety.md)"
    ],
    "broken-series-link.md": [
        "1:18: there is no page '../series/no-such-series.md' for the prose to link to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide (../safety.md)"
    ],
    "directory-link.md": [
        "1:13: there is no page 'shoulder-rolls/' for the prose to link to: link another exercise (cat-cow.md), a series (../series/desk-break.md) or a page of the guide (../safety.md)"
    ],
    "fence-class.md": ["1:5: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "fence-id.md": ["1:4: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "fence-options.md": ["1:4: after ``` write only the code's language, e.g. ```python"],
    "growing-backticks.md": ["1:10: 4 backticks are in a row; at most 3 are allowed outside code blocks"],
    "heading-entity-theme-id.md": [
        "1:1: this heading's id would be '__search', which the site's theme uses for its own (ids starting with __ or md-); reword the heading"
    ],
    "heading-id.md": ["1:11: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "heading-md-id.md": [
        "1:1: this heading's id would be 'md-header', which the site's theme uses for its own (ids starting with __ or md-); reword the heading"
    ],
    "heading-theme-id-without-space.md": [
        "1:1: this heading's id would be '__config', which the site's theme uses for its own (ids starting with __ or md-); reword the heading"
    ],
    "heading-theme-id.md": [
        "1:1: this heading's id would be '__config', which the site's theme uses for its own (ids starting with __ or md-); reword the heading"
    ],
    "inline-code-attributes.md": ["2:2: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "list-item-class.md": ["1:7: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "nested-brackets.md": ["1:17: brackets [ are nested 17 deep; at most 16 are allowed"],
    "nested-emphasis.md": ["1:49: emphasis marks * and _ are nested 18 deep; at most 16 are allowed"],
    "nested-lists.md": ["1:1: lists are nested 17 deep (4 spaces of indentation count as one); at most 16 are allowed"],
    "nested-parentheses.md": ["1:17: parentheses ( are nested 17 deep; at most 16 are allowed"],
    "nested-quotes.md": ["1:1: quotes (>) are nested 17 deep; at most 16 are allowed"],
    "paragraph-attributes.md": ["2:1: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "table-cell-attributes.md": ["3:5: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "tilde-fence-id.md": ["1:4: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"],
    "unclosed-fence-hides.md": [
        "1:1: this code block is never closed; end it with a line ```",
        "2:9: attribute lists ({#id}, {.class}) are not allowed; write plain Markdown",
    ],
}


def test_every_file_of_the_hostile_corpus_has_its_expected_lines():
    assert sorted(REFUSED) == sorted(path.name for path in HOSTILE.glob("*.md"))


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_body_is_refused_with_its_exact_lines(content, name):
    body = (HOSTILE / name).read_text(encoding="utf-8")
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", body))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    assert [str(problem) for problem in raised.value.problems] == [
        f"{ENTRY}:{_in_file(place.split(': ', 1)[0])}: body: {place.split(': ', 1)[1]}" for place in REFUSED[name]
    ]


def _in_file(line_and_column: str) -> str:
    line, column = line_and_column.split(":")
    return f"{BODY_LINE + int(line) - 1}:{column}"


def refused_lines(content, body: str) -> list[str]:
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.\n", body))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    return [str(problem) for problem in raised.value.problems]


def test_prose_longer_than_its_limit_is_refused_at_the_first_character_over_it(content):
    assert refused_lines(content, "[" * 200_000) == [
        f"{ENTRY}:{BODY_LINE}:{BODY_LIMIT + 1}: body: the prose is 200,000 characters long; at most 16,384 are allowed"
    ]


def test_prose_with_too_many_lines_is_refused_at_the_first_line_over_the_limit(content):
    assert refused_lines(content, "a\n" * 1_500) == [
        f"{ENTRY}:{BODY_LINE + LINE_LIMIT}:1: body: the prose has 1,501 lines; at most 1,000 are allowed"
    ]


def test_deep_nesting_is_refused_with_one_line_and_never_reaches_markdown(content):
    # Markdown would take minutes on this; the limit refuses it first, with nothing else to say.
    assert refused_lines(content, "[" * 16_000) == [
        f"{ENTRY}:{BODY_LINE}:17: body: brackets [ are nested 16,000 deep; at most 16 are allowed"
    ]
