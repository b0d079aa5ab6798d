"""HTML sanitising (nothing loads from the network by default) and HTML-to-text."""

import pytest

from omnidesk.channels.email.html import sanitize_html
from omnidesk.channels.email.html_text import html_to_text

HOSTILE = """<html><head><title>T</title><style>body{background:url(http://x/bg)}</style>
<script>alert(1)</script><meta http-equiv="refresh" content="0;url=http://evil"></head>
<body onload="steal()"><p onclick="x()" style="color: red; background-image: url(http://x/p.png)">Hi</p>
<img src="https://tracker.example/open.gif" width="1"><img src="cid:logo@shop" alt="Logo">
<img src="image001.png"><img src="//cdn.example/a.png"><img src="data:image/png;base64,iVBOR">
<img src="data:image/svg+xml;base64,PHN2Zz4="><a href="javascript:alert(1)">js</a>
<a href="https://ok.example/a">ok</a><a href="data:text/html,hi">data</a>
<a href="mailto:a@b.c">m</a>
<form action="https://evil.example"><input name="password"><button>Send</button></form>
<iframe src="https://evil.example/frame">frame text</iframe><object data="x.swf"></object>
<table background="http://x/t.png"><tr><td style="color:blue">cell</td></tr></table>
<p style="width:\\75rl(http://x)">escaped</p><link rel="stylesheet" href="http://x/s.css"></body></html>"""


@pytest.fixture(scope="module")
def cleaned():
    return sanitize_html(HOSTILE)


@pytest.mark.parametrize(
    "gone",
    [
        "<script",
        "alert",
        "<style",
        "<title",
        "<meta",
        "<link",
        "onload",
        "onclick",
        "<form",
        "<input",
        "<button",
        "<iframe",
        "frame text",
        "<object",
        "javascript:",
        "url(",
        "background=",
        "tracker.example",
        "image001.png",
        "cdn.example",
        "svg",
        "data:text/html",
        "evil.example",
    ],
)
def test_hostile_content_is_removed(cleaned, gone):
    assert gone not in cleaned.html


def test_nothing_in_the_result_loads_from_the_network(cleaned):
    # The only http(s) URL left is a link target, which loads nothing until clicked.
    assert cleaned.html.count("http") == 1
    assert 'href="https://ok.example/a"' in cleaned.html


def test_inline_images_and_safe_styles_stay(cleaned):
    assert 'src="cid:logo@shop"' in cleaned.html
    assert 'src="data:image/png;base64,iVBOR"' in cleaned.html
    assert "color:red" in cleaned.html.replace(" ", "")
    assert "color:blue" in cleaned.html.replace(" ", "")
    assert 'href="mailto:a@b.c"' in cleaned.html
    assert 'rel="noopener noreferrer"' in cleaned.html


def test_remote_images_are_counted(cleaned):
    # open.gif and the protocol-relative //cdn image; not the iframe, not the relative image
    assert cleaned.remote_images_blocked == 2


def test_remote_images_load_only_when_asked():
    html = '<img src="https://images.example/a.png"><img src="//cdn.example/b.png">'
    allowed = sanitize_html(html, allow_remote_images=True)
    assert 'src="https://images.example/a.png"' in allowed.html
    assert "cdn.example" not in allowed.html  # protocol-relative: scheme unknown, never
    assert allowed.remote_images_blocked == 1


def test_html_to_text_keeps_structure():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<p>Hallo Herr  M&uuml;ller,</p><p>Zeile 1<br>Zeile 2</p>"
        "<ul><li>eins</li><li>zwei</li></ul><ol><li>a</li><li>b</li></ol>"
        '<p>Siehe <a href="https://x.example/a">hier</a> und <a href="https://x.example/b">'
        "https://x.example/b</a>.</p><table><tr><td>A</td><td>B</td></tr></table>"
        "<pre>code\n  indented</pre><script>alert(1)</script><img alt='Logo'></body></html>"
    )
    assert html_to_text(html) == (
        "Hallo Herr Müller,\n\nZeile 1\nZeile 2\n\n- eins\n- zwei\n\n1. a\n2. b\n\n"
        "Siehe hier <https://x.example/a> und https://x.example/b.\n\nA  B\n\n"
        "code\n  indented\n\n[Logo]"
    )


def test_blockquotes_become_quoted_lines():
    html = (
        "<div>Am 4. März schrieb Anna &lt;a@x.de&gt;:<blockquote>Frage?<br>"
        "<blockquote>ältere</blockquote>danach</blockquote></div>Antwort"
    )
    assert html_to_text(html) == (
        "Am 4. März schrieb Anna <a@x.de>:\n> Frage?\n> > ältere\n>\n> danach\n\nAntwort"
    )


@pytest.mark.parametrize(
    "broken",
    ["<p>unclosed <b>bold", "<<<>>>", "<a href=", "</p></div></blockquote>", "<![CDATA[x", ""],
)
def test_html_to_text_never_raises(broken):
    assert isinstance(html_to_text(broken), str)
