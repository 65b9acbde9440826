"""The HTML allowlist on its own: what it makes of attacks the content check should have refused, and of honest pages."""

from __future__ import annotations

import pytest

from stretchguide.site.sanitize import sanitize_html

# What Python-Markdown (admonition, attr_list, toc) makes of an honest entry's prose.
HONEST_PROSE = (
    '<p>Keep the <em>shoulders</em> <strong>low</strong>; see <a href="../cat-cow/">Cat-Cow</a>, '
    '<a href="https://www.nhs.uk/live-well/exercise/" title="NHS">the NHS</a> or '
    '<a href="mailto:guide@example.org">write to us</a>.</p>\n'
    '<p><img alt="The end pose" src="images/pose.png"></p>\n'
    "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
    '<ol start="3">\n<li>three</li>\n</ol>\n'
    "<blockquote>\n<p>Move slowly.</p>\n</blockquote>\n"
    "<pre><code>hold 3 s\n</code></pre>\n"
    '<div class="admonition warning">\n<p class="admonition-title">Stop</p>\n<p>If it hurts.</p>\n</div>'
)


def test_honest_prose_comes_out_as_it_went_in():
    assert sanitize_html(HONEST_PROSE) == HONEST_PROSE


def test_our_templates_classes_and_data_attributes_are_kept():
    card = '<li class="sg-card" data-exercise-card="" data-type="mobility" data-level="beginner"><p class="sg-card__summary">x</p></li>'
    assert sanitize_html(card) == card


def test_a_heading_id_is_moved_into_our_namespace_with_the_links_to_it():
    assert sanitize_html('<h2 id="easier">Easier</h2><p><a href="#easier">easier</a></p>') == (
        '<h2 id="sg-easier">Easier</h2><p><a href="#sg-easier">easier</a></p>'
    )


def test_an_id_already_in_our_namespace_stays_as_it_is_with_the_links_to_it():
    assert sanitize_html('<h2 id="sg-x">X</h2><a href="#sg-x">x</a><label for="sg-x">x</label>') == (
        '<h2 id="sg-x">X</h2><a href="#sg-x">x</a><label for="sg-x">x</label>'
    )


def test_a_link_to_the_top_of_the_page_stays_as_it_is():
    assert sanitize_html('<a href="#">top</a>') == '<a href="#">top</a>'


def test_a_heading_named_like_the_themes_config_cannot_take_its_id():
    assert sanitize_html('<h1 id="__config">__config</h1>') == '<h1 id="sg-__config">__config</h1>'


def test_a_preformatted_block_cannot_become_the_themes_config():
    attack = '<pre id="__config"><code>{"features": [], "search": "data:text/javascript,alert(1)"}</code></pre>'
    assert sanitize_html(attack) == (
        '<pre id="sg-__config"><code>{"features": [], "search": "data:text/javascript,alert(1)"}</code></pre>'
    )


def test_a_label_follows_the_id_of_its_field():
    assert sanitize_html('<label for="filter-level">Level</label><select id="filter-level" name="level"></select>') == (
        '<label for="sg-filter-level">Level</label><select id="sg-filter-level" name="level"></select>'
    )


def test_the_themes_classes_and_unknown_classes_are_dropped():
    assert sanitize_html('<div class="admonition note md-typeset md-header sg-made-up">x</div>') == (
        '<div class="admonition note">x</div>'
    )
    assert sanitize_html('<p class="md-search__input">x</p>') == "<p>x</p>"  # no empty class attribute either


def test_the_themes_data_attributes_styles_and_event_handlers_are_dropped():
    attack = '<p data-md-component="search" style="position:fixed" onclick="alert(1)" onmouseover="alert(1)">x</p>'
    assert sanitize_html(attack) == "<p>x</p>"


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
    ],
)
def test_a_link_to_a_script_or_data_address_loses_its_address(address):
    assert sanitize_html(f'<a href="{address}">go</a>') == "<a>go</a>"


def test_a_picture_runs_no_handler():
    assert sanitize_html('<img src="x.png" alt="" onerror="alert(1)">') == '<img src="x.png" alt="">'


@pytest.mark.parametrize(
    "address",
    [
        "https://tracker.example/p.png",
        "//tracker.example/p.png",
        "/\\tracker.example/p.png",
        " ht\ttps://tracker.example/p.png",
        "&#x68;ttps://tracker.example/p.png",
        "data:image/svg+xml,<svg/>",
    ],
)
def test_a_picture_from_another_host_or_a_data_address_loses_its_address(address):
    assert sanitize_html(f'<img src="{address}" alt="">') == '<img alt="">'


def test_scripts_styles_frames_and_inline_svg_and_math_are_removed_with_their_content():
    attack = (
        "<p>a</p><script>alert(1)</script><style>body{display:none}</style>"
        '<svg><script>alert(1)</script></svg><iframe src="https://x.example/"></iframe>'
        '<object data="x.swf"></object><math><mi>x</mi></math><form action="https://x.example/"></form>'
    )
    assert sanitize_html(attack) == "<p>a</p><form></form>"


def test_markup_in_text_stays_text():
    assert sanitize_html("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</p>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</p>"
    )


def test_comments_are_dropped():
    assert sanitize_html("<p>a<!-- <script>alert(1)</script> --></p>") == "<p>a</p>"
