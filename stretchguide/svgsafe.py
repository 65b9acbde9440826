"""Contributor SVGs made safe to publish: read as XML, kept to a plain drawing's elements and attributes, written out anew.

One walk serves both layers: the content check shows a contributor every reason it finds
(`inspect_svg(...).problems`), and the build publishes only what the walk wrote
(`inspect_svg(...).svg`), never the contributor's bytes, whatever the check said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
XLINK_NAMESPACE = "http://www.w3.org/1999/xlink"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"
EMPTY_SVG = f'<svg xmlns="{SVG_NAMESPACE}"/>'  # what is published of a file that is no drawing at all

# What a still drawing is made of. Not here: script, foreignObject, the animation elements
# (<set> can rewrite a link into javascript:), feImage, cursor and font-face (they load files).
ELEMENTS = frozenset(
    {
        *("svg", "g", "defs", "symbol", "use", "title", "desc", "style", "a", "image", "switch"),
        *("path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath"),
        *("linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "filter"),
        *("feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix"),
        *("feDiffuseLighting", "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA"),
        *("feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode", "feMorphology"),
        *("feOffset", "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence"),
    }
)
# Never drawn, so left out without a word: editors put their own namespaces' data here.
SILENT_ELEMENTS = frozenset({"metadata"})
# Elements named in their own message: they run code or show other documents.
SCRIPTED_ELEMENTS = frozenset({"script", "handler", "listener"})
EMBEDDING_ELEMENTS = frozenset({"foreignobject", "iframe", "embed", "object", "animation"})

# Attributes without a namespace, allowed on any element; `href` only to a part of the file itself.
ATTRIBUTES = frozenset(
    {
        *("id", "class", "style", "lang", "role", "href", "type", "media", "version", "baseProfile"),
        *("viewBox", "preserveAspectRatio", "width", "height", "x", "y", "transform", "transform-origin"),
        *("cx", "cy", "r", "rx", "ry", "x1", "y1", "x2", "y2", "points", "d", "pathLength"),
        *("gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr", "offset"),
        *("patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits"),
        *("maskContentUnits", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient"),
        *("filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "dx", "dy", "mode"),
        *("operator", "k1", "k2", "k3", "k4", "values", "tableValues", "slope", "intercept", "amplitude"),
        *("exponent", "radius", "scale", "xChannelSelector", "yChannelSelector", "baseFrequency"),
        *("numOctaves", "seed", "stitchTiles", "kernelMatrix", "order", "divisor", "bias", "targetX"),
        *("targetY", "edgeMode", "preserveAlpha", "surfaceScale", "diffuseConstant", "specularConstant"),
        *("specularExponent", "kernelUnitLength", "azimuth", "elevation", "pointsAtX", "pointsAtY"),
        *("pointsAtZ", "limitingConeAngle", "z", "rotate", "textLength", "lengthAdjust", "startOffset"),
        *("method", "spacing", "side"),
        # Presentation attributes: CSS properties written as attributes.
        *("alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color"),
        *("color-interpolation", "color-interpolation-filters", "color-rendering", "direction", "display"),
        *("dominant-baseline", "enable-background", "fill", "fill-opacity", "fill-rule", "filter"),
        *("flood-color", "flood-opacity", "font", "font-family", "font-size", "font-size-adjust"),
        *("font-stretch", "font-style", "font-variant", "font-weight", "glyph-orientation-horizontal"),
        *("glyph-orientation-vertical", "image-rendering", "isolation", "kerning", "letter-spacing"),
        *("lighting-color", "marker", "marker-start", "marker-mid", "marker-end", "mask", "mix-blend-mode"),
        *("opacity", "overflow", "paint-order", "pointer-events", "shape-rendering", "stop-color"),
        *("stop-opacity", "stroke", "stroke-dasharray", "stroke-dashoffset", "stroke-linecap"),
        *("stroke-linejoin", "stroke-miterlimit", "stroke-opacity", "stroke-width", "text-anchor"),
        *("text-decoration", "text-rendering", "unicode-bidi", "vector-effect", "visibility"),
        *("word-spacing", "writing-mode"),
    }
)
ATTRIBUTE_PREFIXES = ("data-", "aria-")  # inert in a picture
XML_ATTRIBUTES = frozenset({"space", "lang"})  # xml:space, xml:lang; never xml:base, which moves every address

# CSS that fetches: every function or rule that takes an address, after escapes are decoded.
CSS_URL = re.compile(r"url\(\s*(['\"]?)\s*([^)'\"]*)", re.IGNORECASE)
CSS_FETCHING = ("image-set(", "image(", "cross-fade(", "element(", "src(", "expression(", "-moz-binding")
CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\r\f])?|(\r\n|[\n\r\f])|(.)|$)", re.S)


@dataclass
class Inspected:
    """What an SVG is made safe into, and every reason it needed it (empty when it was safe already)."""

    svg: str
    problems: list[str] = field(default_factory=list)


def inspect_svg(data: bytes) -> Inspected:
    """Read `data` as an SVG drawing: the safe re-serialisation and what it left out, in a contributor's words."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Inspected(EMPTY_SVG, ["the SVG is not UTF-8 text"])
    lowered = text.lower()
    # Declarations can define entities that expand without end or read local files:
    # refuse them before any parser sees them (and again in the parser, below).
    if "<!doctype" in lowered or "<!entity" in lowered:
        return Inspected(EMPTY_SVG, [_DECLARATION])
    walk = _Walk()
    try:
        walk.parse(text)
    except _Declaration:
        return Inspected(EMPTY_SVG, [_DECLARATION])
    except expat.ExpatError as error:
        return Inspected(EMPTY_SVG, [f"the SVG is not well-formed XML ({error})"])
    root = walk.root
    if root is None or root.tag != "svg" or not root.svg:
        return Inspected(
            EMPTY_SVG, ["the file is not an SVG drawing (its outer element must be <svg> in the SVG namespace)"]
        )
    return Inspected(_serialise(root), sorted(set(walk.problems), key=walk.problems.index))


def clean_svg(data: bytes) -> str:
    """The SVG the site publishes for a contributor's file: only what `inspect_svg` kept."""
    return inspect_svg(data).svg


def css_problems(css: str, where: str) -> list[str]:
    """Why this CSS (a <style> element or an attribute's value) could fetch or run something; empty if it cannot."""
    decoded = decode_css_escapes(css)
    lowered, plain = decoded.lower(), css.lower()

    def hidden(token: str) -> str:
        return "" if token in plain else " (spelt with CSS escapes)"

    problems = []
    if "@import" in lowered:
        problems.append(f"{where} imports an outside stylesheet{hidden('@import')}; keep styles inside the file")
    for _, target in CSS_URL.findall(decoded):
        if not target.strip().startswith("#"):
            problems.append(
                f"{where} loads {target.strip()[:60]!r}{hidden('url(')}; an SVG may only use url(#id) of parts of itself"
            )
    for function in CSS_FETCHING:
        if function in lowered:
            name = function.rstrip("(") + ("()" if function.endswith("(") else "")
            problems.append(f"{where} uses {name}{hidden(function)}, which can load outside content; remove it")
    if "javascript:" in lowered:
        problems.append(f"{where} contains a javascript: address{hidden('javascript:')}; remove it")
    return problems


def decode_css_escapes(css: str) -> str:
    """CSS with its backslash escapes written out, as a browser reads them: `@\\69mport` is `@import`."""

    def character(match: re.Match) -> str:
        digits, newline, other = match.groups()
        if digits:
            code = int(digits, 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        if newline:
            return ""  # a line continuation
        return other if other is not None else "\ufffd"

    return CSS_ESCAPE.sub(character, css).replace("\0", "\ufffd")


_DECLARATION = "the SVG has a DOCTYPE or ENTITY declaration; remove it (plain SVG needs neither)"


class _Declaration(Exception):
    pass


@dataclass
class _Element:
    tag: str  # local name
    svg: bool  # in the SVG namespace
    attributes: dict[str, str]  # kept ones, by the name they are written with
    children: list[_Element | str] = field(default_factory=list)


class _Walk:
    """Builds the kept tree from expat's events and notes every reason something was left out."""

    def __init__(self):
        self.root: _Element | None = None
        self.problems: list[str] = []
        self._open: list[_Element | None] = []  # None: inside something left out
        self._reported_namespaces: set[str] = set()

    def parse(self, text: str) -> None:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._declaration
        parser.EntityDeclHandler = self._declaration
        parser.ProcessingInstructionHandler = self._instruction
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        parser.Parse(text, True)

    def _declaration(self, *_) -> None:
        raise _Declaration

    def _instruction(self, target: str, _data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.problems.append("the SVG links an outside stylesheet; put the styles inside the file")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        parent = self._open[-1] if self._open else None
        if self._open and parent is None:
            self._open.append(None)
            return
        namespace, tag = _split(name)
        element = None
        if self.root is None or self._keeps(namespace, tag):
            element = _Element(tag, namespace == SVG_NAMESPACE, self._kept(tag, attributes))
        if self.root is None:
            self.root = element
        elif element is not None:
            parent.children.append(element)
        self._open.append(element)

    def _end(self, _name: str) -> None:
        element = self._open.pop()
        if element is not None and element.tag == "style":
            css = "".join(child for child in element.children if isinstance(child, str))
            problems = css_problems(css, "a <style> element")
            if problems:
                self.problems += problems
                element.children = []

    def _text(self, data: str) -> None:
        if self._open and self._open[-1] is not None:
            self._open[-1].children.append(data)

    def _keeps(self, namespace: str, tag: str) -> bool:
        """Whether an element below the root is kept; notes why when it is not."""
        if namespace == SVG_NAMESPACE and tag in ELEMENTS:
            return True
        if namespace == SVG_NAMESPACE and tag in SILENT_ELEMENTS:
            return False
        if namespace == XHTML_NAMESPACE:
            problem = f"the SVG has an HTML <{tag}> element inside it, which can load outside content or send the reader elsewhere; remove it"
        elif tag.lower() in SCRIPTED_ELEMENTS:
            problem = f"the SVG has a <{tag}> element, which runs scripts; remove it"
        elif tag.lower() in EMBEDDING_ELEMENTS:
            problem = f"the SVG has a <{tag}> element, which can embed other content; remove it"
        elif namespace != SVG_NAMESPACE:
            problem = f"the SVG has a <{tag}> element from another namespace ({namespace or 'none'}), which the guide does not publish; save it as plain SVG or remove it"
        else:
            problem = f"the SVG has a <{tag}> element, which is not one of the plain drawing elements the guide publishes; remove it"
        self.problems.append(problem)
        return False

    def _kept(self, tag: str, attributes: dict[str, str]) -> dict[str, str]:
        kept = {}
        for name, value in attributes.items():
            namespace, attribute = _split(name)
            keep, problems = self._judge(tag, namespace, attribute, value)
            self.problems += problems
            if keep:
                written = {XLINK_NAMESPACE: "xlink:", XML_NAMESPACE: "xml:"}.get(namespace, "") + attribute
                kept[written] = value.strip() if attribute == "href" else value
        return kept

    def _judge(self, tag: str, namespace: str, attribute: str, value: str) -> tuple[bool, list[str]]:
        """Whether one attribute is kept, and why not."""
        if attribute.lower().startswith("on"):
            return False, [f"the SVG has an event handler ({attribute}= on <{tag}>), which runs scripts; remove it"]
        if attribute == "href" and namespace in ("", XLINK_NAMESPACE):
            if value.strip().startswith("#"):
                return True, []
            return False, [f"<{tag}> refers to {value.strip()[:60]!r}; an SVG may only refer to parts of itself (#id)"]
        if namespace == XML_NAMESPACE:
            if attribute in XML_ATTRIBUTES:
                return True, []
            return False, [
                f"the SVG has an xml:{attribute}= attribute on <{tag}>, which the guide does not publish; remove it"
            ]
        if namespace:
            if namespace in self._reported_namespaces:  # one line per namespace: editors write hundreds
                return False, []
            self._reported_namespaces.add(namespace)
            return False, [
                f"the SVG has attributes from another namespace ({namespace}), such as {attribute}= on <{tag}>, "
                "which the guide does not publish; save it as plain SVG or remove them"
            ]
        if attribute not in ATTRIBUTES and not attribute.startswith(ATTRIBUTE_PREFIXES):
            return False, [
                f"the SVG has a {attribute}= attribute on <{tag}>, which is not one the guide publishes; remove it"
            ]
        problems = css_problems(value, f"the {attribute} attribute of <{tag}>")
        return not problems, problems


def _split(name: str) -> tuple[str, str]:
    namespace, _, local = name.rpartition(" ")
    return namespace, local


def _serialise(root: _Element) -> str:
    uses_xlink = any(name.startswith("xlink:") for element in _elements(root) for name in element.attributes)
    declarations = f' xmlns="{SVG_NAMESPACE}"' + (f' xmlns:xlink="{XLINK_NAMESPACE}"' if uses_xlink else "")
    out: list[str] = []
    _write(root, out, declarations)
    return "".join(out)


def _elements(element: _Element):
    yield element
    for child in element.children:
        if isinstance(child, _Element):
            yield from _elements(child)


def _write(element: _Element, out: list[str], declarations: str = "") -> None:
    attributes = "".join(f' {name}="{_escape(value, attribute=True)}"' for name, value in element.attributes.items())
    if not element.children:
        out.append(f"<{element.tag}{declarations}{attributes}/>")
        return
    out.append(f"<{element.tag}{declarations}{attributes}>")
    for child in element.children:
        if isinstance(child, str):
            out.append(_escape(child))
        else:
            _write(child, out)
    out.append(f"</{element.tag}>")


def _escape(text: str, *, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return text
