"""Content that cannot harm readers or the build: refuses HTML, attribute lists, unsafe or broken links and slow prose.

Three layers. Limits on size and nesting come first, so nothing slow reaches Markdown.
A linear scanner reads the Markdown source and reports each risky construct at its
line and column. A backstop renders the body with Markdown (with the extensions an
engine might enable) and inspects the HTML it yields, so a construct the scanner does
not know still cannot reach a reader.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import markdown
from markdown.extensions.toc import slugify, unique

from .addresses import exercise_page, series_page, source_of

SAFE_SCHEMES = ("https", "http", "mailto")

# Limits checked before Markdown sees a body: Python-Markdown slows down sharply or
# recurses past Python's limit on deep nesting, and needs seconds for a few hundred KiB of
# even plain paragraphs. Real entries stay far below each (the longest prose is about 2 KiB).
BODY_LIMIT = 16 * 1024  # characters of prose below the fields
LINE_LIMIT = 1000  # lines of prose: Markdown's cost grows with its blocks
NESTING_LIMIT = 16  # brackets, parentheses, quotes, lists and emphasis, each
BACKTICK_LIMIT = 3  # backticks in a row outside code blocks: `code` and ``code with ` in it``
HEADING_LIMIT = 100
THEME_IDS = ("__", "md-")  # Material's own element ids start so; a heading's id must not
ADMONITION_KINDS = (
    "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote",
)  # fmt: skip

ATTRIBUTES = "attribute lists ({#id}, {.class}) are not allowed; write plain Markdown"

_FENCE = re.compile(r"(`{3,}|~{3,})([ ]*)(.*)")
_CLOSING_FENCE = re.compile(r"(`{3,}|~{3,})[ ]*")
_LANGUAGE = re.compile(r"[\w+-]+")
_AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>")
_HTML = re.compile(r"<\s*[A-Za-z!?/]")
_SNIPPET = re.compile(r"(?<=[-;])8<(?=[-;])")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
# What may stand before a block's own syntax on its line: indentation, quote and list markers.
_CONTAINER = re.compile(r"[ \t>*+\-0-9.)]*")
_PREFIX_PART = re.compile(r"[ \t]*(?:(>)|([-*+]|[0-9]{1,9}[.)])(?=[ \t]|$))")
_ATX_HEADING = re.compile(r"(#{1,6})(.*)")  # Python-Markdown needs no space after the #
_SETEXT_UNDERLINE = re.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*")
_ADMONITION = re.compile(r"!!! ?([\w-]+(?: +[\w-]+)*)")
_REFERENCE = re.compile(r"\[([^\[\]\n]*)\]:[ \t]*(\S*)")
_INLINE = re.compile(r"`+|[*_]+|[\[\]()]")
_BRACKET = re.compile(r"[\[\]]")
_DESTINATION = re.compile(r"[ \t]*(?:<([^<>\[\]\n]*)>?|([^\s\[\]]*))")
_SPACE = frozenset(" \t\n")
_DESTINATIONS_IN_TEXT = re.compile(r"\]\([^)\n]*\)?")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, within the text scanned
    column: int = field(compare=False)  # one report per problem and line, wherever the scans met it
    message: str = ""


@dataclass(frozen=True)
class BodyLinks:
    """What a body may link to, named as MkDocs names its files (exercises/cat-cow.md, safety.md,
    exercises/images/cat-cow.png). The body is the page exercises/<slug>.md, so its links resolve from there."""

    pages: frozenset[str]
    images: frozenset[str]

    @classmethod
    def of(cls, exercises, series, docs_pages, images) -> BodyLinks:
        return cls(
            frozenset({source_of(exercise_page(slug)) for slug in exercises}
                      | {source_of(series_page(slug)) for slug in series}
                      | set(docs_pages)),
            frozenset(f"exercises/images/{name}" for name in images),
        )  # fmt: skip


def text_findings(text: str) -> Iterator[Finding]:
    """Risky constructs in a plain text field (title, step, caution ...)."""
    for number, line in enumerate(text.split("\n"), start=1):
        match = _HTML.search(line)
        if match:
            yield Finding(number, match.start() + 1, "HTML is not allowed; write plain text")


def markdown_findings(
    body: str, *, entry_dir: str = "content/exercises", links: BodyLinks | None = None
) -> Iterator[Finding]:
    """Risky constructs in the Markdown body of an entry, then what the backstop finds.

    With `links`, every relative link and image must name one of them, and every
    `#anchor` a heading of this body: what would fail the build fails here first.
    """
    if len(body) > BODY_LIMIT:
        yield _at(body, BODY_LIMIT, f"the prose is {len(body):,} characters long; at most {BODY_LIMIT:,} are allowed")
        return
    lines = body.count("\n") + 1
    if lines > LINE_LIMIT:
        yield Finding(LINE_LIMIT + 1, 1, f"the prose has {lines:,} lines; at most {LINE_LIMIT:,} are allowed")
        return
    source = _Source(body)
    found = sorted(set(source.findings) | set(_scan(source, entry_dir, links)), key=lambda f: (f.line, f.column))
    yield from found
    if not found:  # only a body within every limit reaches Markdown
        yield from (Finding(1, 1, message) for message in rendered_html_findings(body))


def link_findings(body: str, links: BodyLinks) -> list[Finding]:
    """The links and images of a body, checked before, that no longer name a page or picture of the guide."""
    if "](" not in body and "]:" not in body:
        return []
    source = _Source(body)
    return [
        Finding(line + 1, column + 1, problem)
        for line, column, target, image in source.links
        if (problem := _target_problem(target, image, links, source.anchors))
    ]


class _Source:
    """A body read once, in linear time: its code blocks, blocks, headings and limits.

    Every scan here is a single pass or an anchored match that cannot backtrack
    further than its own line, so no input makes the check slow.
    """

    def __init__(self, body: str):
        self.lines = body.split("\n")
        self.findings: list[Finding] = []
        self._limits_met: set[str] = set()
        self.code = self._fenced_code()
        # The text the other scans read: fenced code blanked, lines and columns kept.
        self.visible = ["" if number in self.code else line for number, line in enumerate(self.lines)]
        self.anchors: set[str] = set()  # ids of this body's headings, as the toc extension makes them
        self.spans: list[str] = list(self.visible)  # visible, with code spans blanked too
        self.links: list[tuple[int, int, str, bool]] = []  # 0-based line and column, target, is an image
        self._headings()
        self._prefixes()
        for first, last in self._blocks():
            self._inline(first, last)
        self._references()

    def _find(self, line: int, column: int, message: str) -> None:
        self.findings.append(Finding(line + 1, column + 1, message))

    def _fenced_code(self) -> set[int]:
        # As Python-Markdown's fenced_code: a fence starts a line, and the block ends at the
        # next line that is the same fence exactly. An unclosed fence is not code to
        # Markdown, so it is refused rather than skipped.
        closings: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines):
            match = _CLOSING_FENCE.fullmatch(line)
            if match:
                closings.setdefault(match.group(1), []).append(number)
        code, number = set(), 0
        while number < len(self.lines):
            match = _FENCE.match(self.lines[number])
            if not match:
                number += 1
                continue
            fence, info = match.group(1), match.group(3)
            brace = info.find("{")
            if brace >= 0:
                self._find(number, match.start(3) + brace, ATTRIBUTES)
            elif info.strip() and not _LANGUAGE.fullmatch(info.strip()):
                self._find(number, match.start(3), f"after {fence} write only the code's language, e.g. {fence}python")
            candidates = closings.get(fence, [])
            at = bisect.bisect_right(candidates, number)
            if at == len(candidates):
                self._limit("fence", number, 0, f"this code block is never closed; end it with a line {fence}")
                number += 1
                continue
            code.update(range(number, candidates[at] + 1))
            number = candidates[at] + 1
        return code

    def _blocks(self) -> Iterator[tuple[int, int]]:
        first = None
        for number, line in enumerate([*self.visible, ""]):
            if line.strip():
                first = number if first is None else first
            elif first is not None:
                yield first, number
                first = None

    def _prefixes(self) -> None:
        quotes = lists = None
        for number, line in enumerate(self.visible):
            depth_quotes = depth_lists = 0
            indent = len(line) - len(line.lstrip(" \t"))
            depth_lists = line[:indent].replace("\t", "    ").count(" ") // 4
            position = 0
            while True:
                match = _PREFIX_PART.match(line, position)
                if not match:
                    break
                if match.group(1):
                    depth_quotes += 1
                else:
                    depth_lists += 1
                position = match.end()
            if depth_quotes > NESTING_LIMIT and quotes is None:
                quotes = (number, depth_quotes)
            if depth_lists > NESTING_LIMIT and lists is None:
                lists = (number, depth_lists)
            self._admonition(number, line)
            self._attribute_lists(number, line)
            self._snippets(number, line)
        if quotes:
            self._find(quotes[0], 0, f"quotes (>) are nested {quotes[1]:,} deep; at most {NESTING_LIMIT} are allowed")
        if lists:
            self._find(
                lists[0], 0,
                f"lists are nested {lists[1]:,} deep (4 spaces of indentation count as one); "
                f"at most {NESTING_LIMIT} are allowed",
            )  # fmt: skip

    def _attribute_lists(self, number: int, line: str) -> None:
        # Python-Markdown's attr_list takes `{` (an optional `:`, spaces) then anything but
        # `}` or a space, up to a `}` on the same line: on a heading, a paragraph, a list
        # item, a table cell or after an inline element. Code spans are no exception here.
        last_close = line.rfind("}")
        start = line.find("{", 0, last_close)
        while start >= 0:
            after = start + 1
            if after < len(line) and line[after] == ":":
                after += 1
            while after < len(line) and line[after] == " ":
                after += 1
            if after < last_close and line[after] not in "} ":
                self._find(number, start, ATTRIBUTES)
                return
            start = line.find("{", max(after, start + 1), last_close)

    def _admonition(self, number: int, line: str) -> None:
        start = _CONTAINER.match(line).end()
        match = _ADMONITION.match(line, start)
        if not match:
            return
        kinds = match.group(1).split()
        if len(kinds) != 1 or kinds[0].lower() not in ADMONITION_KINDS:
            self._find(
                number, start,
                f"an admonition is written !!! kind \"Title\", with one kind of: {', '.join(ADMONITION_KINDS)}",
            )  # fmt: skip

    def _snippets(self, number: int, line: str) -> None:
        match = _SNIPPET.search(line)
        if match:
            start = match.start()
            while start > 0 and line[start - 1] in "-;":
                start -= 1
            self._find(number, start, "file includes (--8<--) are not allowed in entries")

    def _headings(self) -> None:
        ids: set[str] = set()
        count, first_over = 0, None
        for number, line in enumerate(self.visible):
            start = _CONTAINER.match(line).end()
            match = _ATX_HEADING.match(line, start)
            if match:
                text, column = match.group(2).rstrip().rstrip("#"), start
            elif (
                line.strip()
                and number + 1 < len(self.visible)
                and _SETEXT_UNDERLINE.fullmatch(self.visible[number + 1])
            ):
                text, column = line, start
            else:
                continue
            count += 1
            if count > HEADING_LIMIT:
                first_over = first_over or (number, column)
                continue
            anchor = _heading_id(text)
            if anchor.startswith(THEME_IDS):
                self._find(
                    number, column,
                    f"this heading's id would be '{anchor[:40]}', which the site's theme uses for its own "
                    f"(ids starting with {' or '.join(THEME_IDS)}); reword the heading",
                )  # fmt: skip
            self.anchors.add(unique(anchor, ids))
        if first_over:
            self._find(*first_over, f"the prose has {count:,} headings; at most {HEADING_LIMIT} are allowed")

    def _inline(self, first: int, last: int) -> None:
        """Depths of brackets, parentheses and emphasis, backtick runs, code spans and links of one block."""
        text = "\n".join(self.visible[first:last])
        if "<" not in text and not _INLINE.search(text):
            return  # plain words: nothing nests, nothing links
        starts = [0]
        for line in self.visible[first:last]:
            starts.append(starts[-1] + len(line) + 1)

        def place(offset: int) -> tuple[int, int]:
            line = bisect.bisect_right(starts, offset) - 1
            return first + line, offset - starts[line]

        depths = {"brackets [": [], "parentheses (": [], "emphasis marks * and _": []}
        deepest: dict[str, tuple[int, int]] = {}  # kind: (depth, offset where it first passed the limit)
        runs: list[tuple[int, int]] = []
        for token in _INLINE.finditer(text):
            mark, start, end = token.group(), token.start(), token.end()
            if mark[0] == "`":
                runs.append((start, end - start))
                if end - start > BACKTICK_LIMIT:
                    self._limit("backticks", *place(start),
                                f"{end - start:,} backticks are in a row; at most {BACKTICK_LIMIT} are allowed outside "
                                "code blocks")  # fmt: skip
                continue
            if mark in "[(":
                kind = "brackets [" if mark == "[" else "parentheses ("
                depths[kind].append(start)
            elif mark in "])":
                kind = "brackets [" if mark == "]" else "parentheses ("
                if depths[kind]:
                    depths[kind].pop()
            else:
                kind = "emphasis marks * and _"
                stack = depths[kind]
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                opens, closes = (
                    after not in _SPACE and not before.isalnum(),
                    before not in _SPACE and not after.isalnum(),
                )
                if closes and stack and (not opens or text[stack[-1]] == mark[0]):
                    stack.pop()
                elif opens:
                    stack.append(start)
            if len(depths[kind]) > NESTING_LIMIT:
                depth, at = deepest.get(kind, (0, start))
                deepest[kind] = (max(depth, len(depths[kind])), at)
        for kind, (depth, at) in deepest.items():
            self._limit(kind, *place(at), f"{kind} are nested {depth:,} deep; at most {NESTING_LIMIT} are allowed")
        spans = self._without_code_spans(text, runs)
        blanked = spans.split("\n")
        self.spans[first:last] = blanked
        self._links(spans, place)

    def _references(self) -> None:
        """The addresses of reference definitions, `[name]: address`, which `[text][name]` links use."""
        for number, line in enumerate(self.spans):
            reference = _REFERENCE.match(line, _CONTAINER.match(line).end())
            if not reference:
                continue
            target = reference.group(2)
            if not target and number + 1 < len(self.spans):  # the address may stand on the next line
                following = self.spans[number + 1]
                target = following.split()[0] if following.split() else ""
                self.links.append((number + 1, following.find(target), target, False))
            else:
                self.links.append((number, reference.start(2), target, False))

    def _limit(self, kind: str, line: int, column: int, message: str) -> None:
        # One report of each limit per body: a hostile body would otherwise give thousands.
        if kind not in self._limits_met:
            self._limits_met.add(kind)
            self._find(line, column, message)

    @staticmethod
    def _without_code_spans(text: str, runs: list[tuple[int, int]]) -> str:
        # As Python-Markdown pairs backticks: a run of k opens a span closed by the next run
        # of exactly k, else of k-1 ... 1; a run with no partner is text.
        following: list[dict[int, int]] = [{}] * len(runs)
        seen: dict[int, int] = {}
        for index in range(len(runs) - 1, -1, -1):
            following[index] = dict(seen)
            if runs[index][1] <= BACKTICK_LIMIT:
                seen[runs[index][1]] = index
        pieces, done, index = [], 0, 0
        while index < len(runs):
            start, length = runs[index]
            partner = next(
                (
                    following[index][size]
                    for size in range(min(length, BACKTICK_LIMIT), 0, -1)
                    if size in following[index]
                ),
                None,
            )
            if partner is None:
                index += 1
                continue
            end = runs[partner][0] + runs[partner][1]
            pieces += [text[done:start], "".join(c if c == "\n" else " " for c in text[start:end])]
            done, index = end, partner + 1
        return "".join(pieces) + text[done:]

    def _links(self, text: str, place) -> None:
        opened: list[int] = []
        for token in _BRACKET.finditer(text):
            if token.group() == "[":
                opened.append(token.start())
                continue
            opening = opened.pop() if opened else None
            if text.startswith("(", token.end()):
                image = opening is not None and opening > 0 and text[opening - 1] == "!"
                self._destination(text, token.end() + 1, image, place)
        for match in _AUTOLINK.finditer(text):
            target = match.group(1)
            if not ("@" in target and ":" not in target):
                self.links.append((*place(match.start(1)), target, False))

    def _destination(self, text: str, start: int, image: bool, place) -> None:
        match = _DESTINATION.match(text, start)
        if match.group(1) is not None:
            self.links.append((*place(match.start(1) - 1), match.group(1), image))
            return
        target, depth = match.group(2), 0
        for index, character in enumerate(target):  # a link's own parentheses nest; the first unmatched ends it
            depth += (character == "(") - (character == ")")
            if depth < 0:
                target = target[:index]
                break
        self.links.append((*place(match.start(2)), target, image))


def _scan(source: _Source, entry_dir: str, links: BodyLinks | None) -> Iterator[Finding]:
    for number, line in enumerate(source.spans):
        without_autolinks = _AUTOLINK.sub(lambda match: " " * len(match.group(0)), line)
        for match in _HTML.finditer(without_autolinks):
            yield Finding(
                number + 1, match.start() + 1, "raw HTML is not allowed; write Markdown (e.g. **bold**, - lists)"
            )
    for line, column, target, image in source.links:
        problem = link_problem(target, image=image, entry_dir=entry_dir)
        if problem is None and links is not None:
            problem = _target_problem(target, image, links, source.anchors)
        if problem:
            yield Finding(line + 1, column + 1, problem)


def _target_problem(target: str, image: bool, links: BodyLinks, anchors: set[str]) -> str | None:
    """Why a safe relative address names nothing the built page can reach, or None."""
    address = html.unescape(target.strip().removeprefix("<").removesuffix(">"))
    if _SCHEME.match(address.lower()):
        return None
    parts = urlsplit(address)
    if parts.query:
        return "a link within the guide cannot have a query (?...)"
    if not parts.path:
        if parts.fragment in anchors:
            return None
        return f"there is no heading with the id '{parts.fragment}' in this entry's prose"
    if parts.fragment:
        return "a link to another page cannot point into it (#...); link to the page itself"
    path = posixpath.normpath(posixpath.join("exercises", unquote(parts.path)))
    if image:
        if path in links.images:
            return None
        return (
            f"there is no picture '{parts.path}' to show: the prose may show images/<file> where <file> is "
            "an exercise's image (in content/exercises/images/)"
        )
    if path in links.pages:
        return None
    return (
        f"there is no page '{parts.path}' for the prose to link to: link another exercise (cat-cow.md), a series "
        "(../series/desk-break.md) or a page of the guide (../safety.md)"
    )


def _heading_id(text: str) -> str:
    # The id toc gives a heading comes from its rendered text: entities decoded, a
    # link's or image's address gone.
    rendered = _DESTINATIONS_IN_TEXT.sub("", html.unescape(text))
    return slugify(rendered, "-")


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
    # The classes the allowed syntax renders; any other (the theme's md-..., say) came from somewhere else.
    ALLOWED_CLASSES = frozenset({"admonition", "admonition-title", "toc", "footnote", "footnote-ref", "footnote-backref",
                                 *ADMONITION_KINDS})  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.ALLOWED_TAGS:
            self.problems.append(f"the body renders a <{tag}> element, which is not allowed")
        for name, value in attrs:
            if name not in self.ALLOWED_ATTRIBUTES:
                self.problems.append(f"the body renders a '{name}' attribute, which is not allowed")
            elif name == "id" and (value or "").startswith(THEME_IDS):
                self.problems.append(f"the body renders the id '{value[:40]}', which the site's theme uses for its own")
            elif name == "class":
                for unknown in sorted(set((value or "").split()) - self.ALLOWED_CLASSES):
                    if not (unknown.startswith("language-") and "md-" not in unknown):
                        self.problems.append(f"the body renders the class '{unknown[:40]}', which is not allowed")
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


def _at(text: str, offset: int, message: str) -> Finding:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Finding(line, column, message)
