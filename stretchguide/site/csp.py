"""The Content-Security-Policy every published page carries, as the first element of its <head>."""

from __future__ import annotations

import base64
import hashlib
import html
import re

# The policy, said once. A <meta> policy governs only what follows it, so it opens the <head>;
# static hosts send no headers, so frame-ancestors, report-uri and sandbox (header-only) can't be set.
POLICY = {
    "default-src": "'self'",
    # Plus, per page, the hashes of the theme's inline scripts (see script_hashes).
    "script-src": "'self'",
    # Material's search worker is a file of the site: no data:, no blob:.
    "worker-src": "'self'",
    # No 'unsafe-inline': Material sets styles only through the CSSOM (element.style.x = ...),
    # which CSP leaves to scripts, and so does stretchguide.js with the figure's own rules;
    # no page has a style attribute or a <style> element.
    "style-src": "'self'",
    "img-src": "'self' data:",  # Material's icons in its stylesheet are data: URLs
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "frame-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
}

# An inline script runs when its type is missing, empty, a JavaScript MIME type or "module"
# (HTML's "prepare the script element"); JSON data blocks such as Material's #__config don't.
# A script this misreads is left without a hash: blocked, never wrongly allowed.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_RUNNING_TYPES = re.compile(r"(?:|module|(?:application|text)/(?:x-)?(?:java|ecma)script|text/jscript)", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)


def with_csp(page_html: str, content: str = "", styles: tuple[str, ...] = ()) -> str:
    """The finished page with its policy first in <head>; call it on the page exactly as it will be written.

    `content` is the part of the page that came from entries and hand-written pages: an inline
    script in it is never hashed, so it stays blocked even if the sanitiser let it through. `styles`
    are the hashes ('sha256-…') of stylesheets the theme's own script adds, which the policy allows too.
    """
    head = _HEAD.search(page_html)
    if head is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    policy = html.escape(policy_for(script_hashes(page_html, content), styles), quote=False)  # no '"' in a policy
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return f"{page_html[: head.end()]}\n{meta}{page_html[head.end() :]}"


def policy_for(hashes: list[str], styles: tuple[str, ...] = ()) -> str:
    """POLICY as one header value, with these script hashes ('sha256-…') allowed as well, and these style hashes."""
    directives = dict(POLICY)
    directives["script-src"] = " ".join([directives["script-src"], *(f"'{value}'" for value in hashes)])
    directives["style-src"] = " ".join([directives["style-src"], *(f"'{value}'" for value in styles)])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def script_hashes(page_html: str, content: str = "") -> list[str]:
    """The hashes of the page's running inline scripts, in page order, except any that `content` holds."""
    untrusted = set(_inline_scripts(content))
    hashes = []
    for text in _inline_scripts(page_html):
        digest = f"sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}"
        if text not in untrusted and digest not in hashes:
            hashes.append(digest)
    return hashes


def _inline_scripts(markup: str) -> list[str]:
    """The text of each inline script that a browser would run, as the browser hashes it."""
    scripts = []
    for match in _SCRIPT.finditer(markup):
        attributes: dict[str, str] = {}
        for name, *values in _ATTRIBUTE.findall(match[1]):
            attributes.setdefault(name.lower(), next((value for value in values if value), ""))  # the first counts
        if "src" in attributes or not _RUNNING_TYPES.fullmatch(attributes.get("type", "").strip()):
            continue
        # The HTML parser turns every CR and CRLF into LF before a script's text is hashed.
        scripts.append(match[2].replace("\r\n", "\n").replace("\r", "\n"))
    return scripts
