"""The pages' Content-Security-Policy: what it allows, and that it holds in real Chromium, even against a forced attack."""

from __future__ import annotations

import html
import json
import re
import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import served
from playwright.sync_api import Browser, BrowserContext, expect

from stretchguide.site.csp import with_csp

POLICY_META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.I)


def policy_of(page_html: str) -> str:
    found = POLICY_META.search(page_html)
    assert found, "no Content-Security-Policy first in <head>"
    return html.unescape(found[1])


def page_with(body: str, head: str = "<meta charset='utf-8'>") -> str:
    return f"<!doctype html>\n<html>\n<head>\n{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"


def site_pages(site: Path) -> list[str]:
    """Every page of the built site, as paths relative to it: each folder's index.html, and 404.html."""
    pages = sorted(str(path.relative_to(site)) for path in site.rglob("index.html"))
    return [*pages, "404.html"]


def address(page: str) -> str:
    return page.removesuffix("index.html")


# The policy, page by page


def test_the_policy_is_the_first_element_of_the_head_so_it_governs_every_script():
    page = with_csp(page_with("<p>Hello</p>", head="<script>alert(1)</script>"))
    assert page.index("Content-Security-Policy") < page.index("<script>")
    assert policy_of(page)


def directives_of(page_html: str) -> dict[str, str]:
    return dict(directive.split(" ", 1) for directive in policy_of(page_html).split("; "))


def test_the_policy_lets_scripts_workers_and_connections_come_only_from_the_site():
    directives = directives_of(with_csp(page_with("<p>Hello</p>")))
    assert [directives[name] for name in ("default-src", "script-src", "worker-src", "connect-src")] == ["'self'"] * 4


def test_the_policy_allows_no_plugins_frames_forms_or_other_base_address():
    directives = directives_of(with_csp(page_with("<p>Hello</p>")))
    assert [directives[name] for name in ("object-src", "frame-src", "form-action", "base-uri")] == ["'none'"] * 4


def test_the_policy_allows_images_from_the_site_and_data_addresses_only():
    assert directives_of(with_csp(page_with("<p>Hello</p>")))["img-src"] == "'self' data:"


def test_the_policy_allows_no_inline_style_inline_handler_or_eval():
    assert "'unsafe-" not in policy_of(with_csp(page_with("<p>Hello</p>")))


def test_an_inline_script_of_the_theme_is_allowed_by_the_hash_of_its_exact_text():
    page = with_csp(page_with("<script>alert(1)</script>"))
    assert "script-src 'self' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='" in policy_of(page)


def test_a_script_is_hashed_with_its_line_breaks_as_the_browser_reads_them():
    page = with_csp(page_with("<script>a\r\nb</script>"))
    assert "'sha256-fhj3NzEbLcOy8mndeDlrA1HxT7Zu+oefdoyyMYGIPHg='" in policy_of(page)


def test_data_blocks_and_scripts_from_files_get_no_hash():
    page = with_csp(
        page_with('<script id="__config" type="application/json">{"a": 1}</script>\n<script src="x.js"></script>')
    )
    assert "sha256-" not in policy_of(page)


def test_an_inline_script_in_the_content_is_never_allowed_even_if_the_sanitiser_missed_it():
    content = "<p>Hi</p><script>alert(1)</script>"
    page = with_csp(page_with(f"<article>{content}</article>\n<script>theme()</script>"), content=content)
    policy = policy_of(page)
    assert "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=" not in policy
    assert policy.count("sha256-") == 1


def test_every_built_page_opens_its_head_with_the_policy(built_site):
    pages = site_pages(built_site)
    assert [page for page in pages if not POLICY_META.search((built_site / page).read_text(encoding="utf-8"))] == []


def test_every_built_page_still_declares_its_encoding_in_its_first_1024_bytes(built_site):
    # Browsers look for <meta charset> only that far; the policy before it must leave room.
    late = [page for page in site_pages(built_site) if b"<meta charset" not in (built_site / page).read_bytes()[:1024]]
    assert late == []


# In Chromium


class Watched:
    """A browser context that records every policy violation and every host it asks for; only this machine answers."""

    def __init__(self, context: BrowserContext):
        self.context, self.hosts = context, set()
        self.violations: list[str] = []  # each 'directive blocked-address', as the page reports it
        self.refusals: list[str] = []  # Chromium's console messages about the policy
        context.expose_function("__sgViolation", lambda violation: self.violations.append(violation))
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', event =>"
            " window.__sgViolation(`${event.effectiveDirective} ${event.blockedURI}`))"
        )
        context.route("**/*", self._answer)
        self.page = context.new_page()
        self.page.on("console", self._console)

    def _answer(self, route) -> None:
        host = urllib.parse.urlsplit(route.request.url).hostname
        self.hosts.add(host)
        route.continue_() if host == "127.0.0.1" else route.abort()

    def _console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.refusals.append(message.text)

    def broken(self) -> list[str]:
        """Every violation of the policy seen so far, reported or logged."""
        return [*self.violations, *self.refusals]

    def under_policy(self) -> bool:
        """Whether the first element in the open page's <head> is its policy, which Chromium then enforces."""
        return self.page.evaluate(
            "document.head.firstElementChild?.httpEquiv?.toLowerCase() === 'content-security-policy'"
        )


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield Watched(context)
    context.close()


@pytest.mark.browser
def test_no_page_of_the_site_breaks_its_policy(watched, built_site, base_url):
    unguarded = []
    for page in site_pages(built_site):
        watched.page.goto(f"{base_url}{address(page)}", wait_until="networkidle")  # search index, figure
        if not watched.under_policy():
            unguarded.append(page)
    assert unguarded == []
    assert watched.broken() == []


@pytest.mark.browser
def test_search_shows_results_under_the_policy(watched, base_url):
    watched.page.goto(base_url)
    watched.page.locator(".md-search__input").click()
    watched.page.keyboard.type("neck")  # typed, not filled in: Material's search answers key presses
    expect(watched.page.locator(".md-search-result__item").first).to_be_visible()
    assert watched.under_policy()
    assert watched.broken() == []


@pytest.mark.browser
def test_the_exercise_filters_narrow_the_list_under_the_policy(watched, base_url):
    watched.page.goto(f"{base_url}exercises/")
    cards = watched.page.locator("[data-exercise-card]")
    total = cards.count()
    select = watched.page.locator("select[name=position]")
    select.select_option(select.locator("option").nth(1).get_attribute("value"))
    expect(watched.page.locator("[data-exercise-card]:visible")).not_to_have_count(total)
    assert watched.under_policy()
    assert watched.broken() == []


@pytest.mark.browser
def test_the_palette_toggle_switches_to_dark_and_is_remembered_under_the_policy(watched, base_url):
    watched.page.goto(base_url)
    body = watched.page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    watched.page.get_by_title("Switch to dark mode").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    watched.page.reload()  # the theme's inline palette script brings the choice back: its hash must be allowed
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert watched.under_policy()
    assert watched.broken() == []


# The attack of issue 11, item 1, written into a built page, past the check and the sanitiser

OFF_SITE = "http://attacker.example"
# Material reads its configuration from the first #__config; this one points its search worker at
# a data: URL whose "results" are HTML that runs script as soon as it is inserted, on page load.
WORKER = (
    "onmessage = () => { postMessage({type: 1}); postMessage({type: 3, data: {items: [[{location: '', score: 1,"
    " terms: {}, text: '', title: '<img src=x onerror=\"window.__pwned = 1; document.title = 1\">'}]]}}) }"
)
ATTACK = """
<script>window.__pwned = 2; document.title = 2</script>
<img src="x" onerror="window.__pwned = 3; document.title = 3">
<iframe src="{off_site}/frame"></iframe>
<img src="{off_site}/pixel.png">
"""


@pytest.fixture(scope="module")
def attacked(built_site, tmp_path_factory, browser) -> Iterator[tuple[Watched, str]]:
    """An exercise page of a copy of the built site with the attack written in; the watched context that opened it."""
    site = tmp_path_factory.mktemp("attacked") / "site"
    shutil.copytree(built_site, site)
    page = sorted((site / "exercises").glob("*/index.html"))[0]
    page_html = page.read_text(encoding="utf-8")
    theme_config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', page_html, re.S)
    config = {**json.loads(theme_config[1]), "search": f"data:text/javascript,{urllib.parse.quote(WORKER)}"}
    attack = f'<pre id="__config">{html.escape(json.dumps(config))}</pre>{ATTACK.format(off_site=OFF_SITE)}'
    article = '<article class="md-content__inner md-typeset">'  # where the entry's own HTML begins
    assert article in page_html
    page.write_text(page_html.replace(article, article + attack, 1), encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page_html)[1]
    context = browser.new_context()
    watched = Watched(context)
    with served(site) as url:
        watched.page.goto(f"{url}{page.parent.relative_to(site)}/", wait_until="networkidle")
        yield watched, html.unescape(title)
    context.close()


@pytest.mark.browser
def test_a_forced_attack_runs_no_script(attacked):
    watched, title = attacked
    assert watched.page.evaluate("window.__pwned ?? null") is None
    assert watched.page.title() == title


@pytest.mark.browser
def test_a_forced_attack_is_blocked_by_the_policy_at_each_step(attacked):
    watched, _ = attacked
    directives = {violation.split(" ")[0] for violation in watched.violations}
    assert {"worker-src", "script-src-elem", "script-src-attr", "frame-src", "img-src"} <= directives


@pytest.mark.browser
def test_a_forced_attack_requests_nothing_off_the_machine(attacked):
    watched, _ = attacked
    assert watched.hosts == {"127.0.0.1"}
