"""Content that cannot harm readers: refuses HTML, attribute lists and unsafe links in entries.

Two layers. A scanner reads the Markdown source and reports each risky
construct at its line and column. A backstop renders the body with Markdown
(with the extensions an engine might enable) and inspects the HTML it yields,
so a construct the scanner does not know still cannot reach a reader.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown

SAFE_SCHEMES = ("https", "http", "mailto")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_HTML = re.compile(r"<\s*[A-Za-z!?/]")
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*[#.][A-Za-z_]|\{[^}\n]*\b[A-Za-z_:-]+\s*=")
_LINK = re.compile(r"(!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^\s)]*(?:\([^\s)]*\)[^\s)]*)*)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)", re.MULTILINE)
_SNIPPET = re.compile(r"-{1,}8<-{1,}|;{1,}8<;{1,}")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, within the text scanned
    column: int = field(compare=False)  # one report per problem and line, wherever the scans met it
    message: str = ""


def text_findings(text: str) -> Iterator[Finding]:
    """Risky constructs in a plain text field (title, step, caution ...)."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = _HTML.search(line)
        if match:
            yield Finding(number, match.start() + 1, "HTML is not allowed; write plain text")


def markdown_findings(body: str, *, entry_dir: str = "content/exercises") -> Iterator[Finding]:
    """Risky constructs in the Markdown body of an entry, then what the backstop finds."""
    visible = _without_code(body)
    found = list(dict.fromkeys(sorted(_scan(visible, entry_dir), key=lambda finding: (finding.line, finding.column))))
    yield from found
    if not found:
        yield from (Finding(1, 1, message) for message in rendered_html_findings(body))


def _scan(text: str, entry_dir: str) -> Iterator[Finding]:
    for match in _AUTOLINK.finditer(text):
        target = match.group(1)
        problem = (
            None if "@" in target and ":" not in target else link_problem(target, image=False, entry_dir=entry_dir)
        )
        if problem:
            yield _at(text, match.start(1), problem)
    without_autolinks = _AUTOLINK.sub(lambda match: " " * len(match.group(0)), text)
    for match in _HTML.finditer(without_autolinks):
        yield _at(text, match.start(), "raw HTML is not allowed; write Markdown (e.g. **bold**, - lists)")
    for match in _ATTR_LIST.finditer(text):
        yield _at(text, match.start(), "attribute lists ({: ...}) are not allowed; write plain Markdown")
    for match in _SNIPPET.finditer(text):
        yield _at(text, match.start(), "file includes (--8<--) are not allowed in entries")
    for match in _LINK.finditer(text):
        problem = link_problem(match.group(2), image=bool(match.group(1)), entry_dir=entry_dir)
        if problem:
            yield _at(text, match.start(2), problem)
    for match in _REFERENCE.finditer(text):
        problem = link_problem(match.group(1), image=False, entry_dir=entry_dir)
        if problem:
            yield _at(text, match.start(1), problem)


def link_problem(target: str, *, image: bool, entry_dir: str = "content/exercises") -> str | None:
    """Why a link or image address is refused, or None when it is safe."""
    address = _normalised(target)
    if not address:
        return "a link needs an address" if not image else "an image needs an address"
    if address.startswith("//") or address.startswith("\\"):
        return "addresses starting with // are not allowed; write https://..."
    scheme = _SCHEME.match(address)
    if scheme:
        if image:
            return "images must be files in the repository, not from another host"
        if scheme.group(1) not in SAFE_SCHEMES:
            return f"'{scheme.group(1)}:' links are not allowed; use https://, http://, mailto: or a relative path"
        return None
    if address.startswith("/"):
        return "absolute paths are not allowed; write a path relative to this file"
    path = urlsplit(address).path
    if path and posixpath.normpath(posixpath.join(entry_dir, path)).split("/")[0] != "content":
        return "this path leaves the content folder"
    return None


def _normalised(target: str) -> str:
    # Browsers ignore control characters and whitespace inside a scheme, and
    # Markdown decodes entities: compare what the browser would see.
    address = target.strip()
    if address.startswith("<") and address.endswith(">"):
        address = address[1:-1]
    address = html.unescape(html.unescape(address))
    return _INVISIBLE.sub("", address).lower()


def rendered_html_findings(body: str) -> list[str]:
    """The backstop: render the body and refuse any unsafe element, attribute or address."""
    rendered = markdown.markdown(
        body,
        extensions=["fenced_code", "attr_list", "md_in_html", "tables", "admonition", "def_list", "footnotes", "toc"],
    )
    inspector = _HtmlInspector()
    inspector.feed(rendered)
    inspector.close()
    return inspector.problems


class _HtmlInspector(HTMLParser):
    ALLOWED_TAGS = frozenset({
        "p", "ul", "ol", "li", "em", "strong", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "code", "pre", "hr", "br", "table", "thead", "tbody", "tr", "th", "td", "div", "dl", "dt", "dd", "sup",
    })  # fmt: skip
    ALLOWED_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "id", "class", "align", "rel"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED_TAGS:
            self.problems.append(f"the body renders a <{tag}> element, which is not allowed")
        for name, value in attrs:
            if name not in self.ALLOWED_ATTRIBUTES:
                self.problems.append(f"the body renders a '{name}' attribute, which is not allowed")
            elif name in ("href", "src"):
                problem = link_problem(value or "", image=name == "src")
                if problem:
                    self.problems.append(problem)

    def handle_comment(self, data):
        self.problems.append("HTML comments are not allowed")

    def handle_decl(self, decl):
        self.problems.append("HTML declarations are not allowed")

    def handle_pi(self, data):
        self.problems.append("HTML processing instructions are not allowed")


def _without_code(text: str) -> str:
    """Blank out fenced code and code spans (Markdown escapes them), keeping columns."""
    lines, fence = [], None
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            lines.append(" " * len(line))
        elif opening:
            fence = opening.group(1)
            lines.append(" " * len(line))
        else:
            lines.append(_CODE_SPAN.sub(lambda match: " " * len(match.group(0)), line))
    return "\n".join(lines)


def _at(text: str, offset: int, message: str) -> Finding:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Finding(line, column, message)
