"""Contributors are untrusted: the check refuses anything that could run script or reach out."""

from __future__ import annotations

import pytest

from stretchguide.loader import load_catalog
from stretchguide.problems import ContentError
from stretchguide.safety import link_problem, rendered_html_findings
from tests.conftest import exercise_text

BODY_LINE = exercise_text("Any").split("\n").index("---", 1) + 2  # the first body line of an entry written by it

RAW_HTML = "raw HTML is not allowed; write Markdown (e.g. **bold**, - lists)"
ATTRIBUTES = "attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"
NOT_HOSTED = "images must be files in the repository, not from another host"
DOUBLE_SLASH = "addresses starting with // are not allowed; write https://..."
LEAVES = "this path leaves the content folder"


def scheme(name: str) -> str:
    return f"'{name}:' links are not allowed; use https://, http://, mailto: or a relative path"


# (body, 1-based column of the first problem, message)
REFUSED = [
    ("<script>alert(1)</script>", 1, RAW_HTML),
    ("Text <img src=x onerror=alert(1)>", 6, RAW_HTML),
    ("<svg/onload=alert(1)>", 1, RAW_HTML),
    ("<iframe src=https://example.org></iframe>", 1, RAW_HTML),
    ("<!-- hidden -->", 1, RAW_HTML),
    ('<div markdown="1">x</div>', 1, RAW_HTML),
    ("< script>alert(1)</script>", 1, RAW_HTML),
    ("[x](javascript:alert(1))", 5, scheme("javascript")),
    ("[x](JaVaScRiPt:alert(1))", 5, scheme("javascript")),
    ("[x](java&#115;cript:alert(1))", 5, scheme("javascript")),
    ("[x](&#x6A;avascript:alert(1))", 5, scheme("javascript")),
    ("[x]( javascript:alert(1))", 6, scheme("javascript")),
    ("[x](<javascript:alert(1)>)", 5, scheme("javascript")),
    ("<javascript:alert(1)>", 2, scheme("javascript")),
    ("[x][ref]\n\n[ref]: javascript:alert(1)", None, scheme("javascript")),
    ("[x](vbscript:msgbox(1))", 5, scheme("vbscript")),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", 5, scheme("data")),
    ("[x](file:///etc/passwd)", 5, scheme("file")),
    ("![x](data:image/svg+xml;base64,PHN2Zz4=)", 6, NOT_HOSTED),
    ("![x](https://tracker.example/pixel.png)", 6, NOT_HOSTED),
    ("![x](http://tracker.example/pixel.png)", 6, NOT_HOSTED),
    ("[x](//evil.example/)", 5, DOUBLE_SLASH),
    ("![x](//evil.example/a.png)", 6, DOUBLE_SLASH),
    ("![x](../../../etc/passwd)", 6, LEAVES),
    ("[x](../../README.md)", 5, LEAVES),
    ("![x](/etc/passwd)", 6, "absolute paths are not allowed; write a path relative to this file"),
    ('Text\n{: onclick="alert(1)" }', None, ATTRIBUTES),
    ("## Heading {#top onclick=alert(1)}", 12, ATTRIBUTES),
    ("Text{.danger}", 5, ATTRIBUTES),
    ('--8<-- "/etc/passwd"', 1, "file includes (--8<--) are not allowed in entries"),
]


@pytest.mark.parametrize(("body", "column", "message"), REFUSED, ids=[case[0][:40] for case in REFUSED])
def test_unsafe_markdown_in_a_body_is_refused_at_its_place(content, body, column, message):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", body))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    first = raised.value.problems[0]
    assert (first.path, first.field, first.message) == ("content/exercises/chin-tucks.md", "body", message)
    if column is not None:
        assert (first.line, first.column) == (BODY_LINE, column)


@pytest.mark.parametrize(
    "body",
    [
        "Plain **bold** and _italic_ text.",
        "[A guide](https://example.org/guide) and [mail](mailto:help@example.org).",
        "[Another entry](shoulder-rolls.md), [its series](../series/desk-break.md) and [the steps](#why).\n\n## Why",
        "Code is shown, not run: `<script>alert(1)</script>`.",
        "```\n<script>alert(1)</script>\n```",
        "```python\n{#kept-as-code}\n```",
        '!!! tip "Go slowly"\n    Breathe out as you turn.',
        "Keep the elbow below 90 degrees, i.e. angle < 90.",
    ],
)
def test_safe_markdown_passes(content, body):
    content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", body))
    assert load_catalog(content.dir).exercises["chin-tucks"].body == body


def test_html_in_a_text_field_is_refused_at_the_field(content):
    content.exercise("chin-tucks", exercise_text("Chin Tucks <img src=x onerror=alert(1)>"))
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    assert [str(problem) for problem in raised.value.problems] == [
        "content/exercises/chin-tucks.md:2:8: title: HTML is not allowed; write plain text"
    ]


def test_html_in_a_series_note_is_refused(content):
    content.series(
        "desk-break",
        "title: Desk Break\nsummary: Three moves.\nexercises:\n  - exercise: chin-tucks\n"
        "    note: <script>alert(1)</script>\n  - exercise: shoulder-rolls\n  - exercise: seated-thoracic-rotation\n"
        'reviewed: "2026-11-01"\n',
    )
    with pytest.raises(ContentError) as raised:
        load_catalog(content.dir)
    assert [str(problem) for problem in raised.value.problems] == [
        "content/series/desk-break.yml:5:11: exercises[1].note: HTML is not allowed; write plain text"
    ]


def test_the_backstop_refuses_what_rendering_would_let_through():
    # Constructs the source scan is not asked about still cannot reach a reader.
    assert rendered_html_findings('<p onmouseover="x()">hi</p>') == [
        "the body renders a 'onmouseover' attribute, which is not allowed"
    ]
    assert rendered_html_findings("<style>body{display:none}</style>") == [
        "the body renders a <style> element, which is not allowed"
    ]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("# __config", "the body renders the id '__config', which the site's theme uses for its own"),
        ('!!! note md-typeset "Tip"\n    Text.', "the body renders the class 'md-typeset', which is not allowed"),
        ("```{.md-nav}\nx\n```", "the body renders the class 'language-md-nav', which is not allowed"),
    ],
)
def test_the_backstop_refuses_theme_ids_and_classes_the_scanner_would_have_refused_first(body, problem):
    assert rendered_html_findings(body) == [problem]


def test_the_backstop_accepts_what_the_allowed_syntax_renders():
    assert rendered_html_findings('```python\nx\n```\n\n!!! tip "Go slowly"\n    Text.\n\n# Why\n\n[x](#why)') == []


@pytest.mark.parametrize(
    "address", ["https://example.org/a", "http://example.org", "mailto:a@example.org", "x.md", "#steps"]
)
def test_safe_link_addresses(address):
    assert link_problem(address, image=False) is None


def test_the_check_never_changes_a_refused_file(content):
    body = "[x](javascript:alert(1))"
    path = content.exercise("chin-tucks", exercise_text("Chin Tucks").replace("Optional prose in Markdown.", body))
    before = path.read_bytes()
    with pytest.raises(ContentError):
        load_catalog(content.dir)
    assert path.read_bytes() == before
