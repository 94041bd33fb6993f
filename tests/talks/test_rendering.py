import re

import pytest

from talks.rendering import markdown_to_text, render_markdown, render_note
from tests.factories import NoteFactory, TalkFactory


def test_render_markdown_keeps_formatting_and_links():
    html = render_markdown("**Bold** and [CRDTs](https://example.com/crdt) and `code`")
    assert html == (
        '<p><strong>Bold</strong> and <a href="https://example.com/crdt" '
        'rel="nofollow noopener noreferrer">CRDTs</a> and <code>code</code></p>'
    )


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<div onclick='alert(1)'>broken <b>html",
        '<iframe src="https://evil.example"></iframe>',
        "<svg onload=alert(1)>",
    ],
)
def test_render_markdown_makes_hostile_input_inert(hostile):
    html = render_markdown(hostile).lower()
    for needle in ("<script", "onerror", "onclick", "onload", "javascript:", "data:", "<iframe"):
        assert needle not in html


def test_markdown_to_text_strips_markup():
    assert markdown_to_text("**Achieving consensus** is [costly](https://x.org) &amp; hard") == (
        "Achieving consensus is costly & hard"
    )


# --- Hostile note bodies come out inert, on their own and on the talk page ------------------------

HOSTILE_BODIES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)><circle r=1></svg>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href=" javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div onclick="alert(1)" onmouseover="alert(2)">hover</div>',
    '<form action="https://evil.example"><input name=p></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<a href="https://ok.example" onclick="alert(1)" target="_top">ok</a>',
    "<<script>script>alert(1)<</script>/script>",
    '<p title="x" <img src=x onerror=alert(1)>',
    "<!--<script>alert(1)</script>-->",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "```\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
]

DANGEROUS = re.compile(
    r"<\s*(script|iframe|object|embed|style|svg|math|form|input|meta|base|img)\b"
    r"|\bon[a-z]+\s*="
    r"|(javascript|vbscript|data)\s*:"
    r"|\bstyle\s*=",
    re.IGNORECASE,
)


def live_html(rendered):
    """The parts of the HTML a browser would interpret (code blocks show text only)."""
    return re.sub(r"<code>.*?</code>", "", rendered, flags=re.DOTALL)


@pytest.mark.parametrize("body", HOSTILE_BODIES)
def test_render_note_leaves_nothing_executable(body):
    rendered = render_note(body)

    assert DANGEROUS.search(live_html(rendered)) is None, rendered


def test_render_note_keeps_ordinary_markdown():
    rendered = render_note("**Bold**, a [link](https://example.com/a?b=1&c=2) and\n\n- a list")

    assert rendered == (
        "<p><strong>Bold</strong>, a "
        '<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer">link</a>'
        " and</p>\n<ul>\n<li>a list</li>\n</ul>"
    )


def test_render_note_drops_images_even_from_https():
    assert render_note("![pixel](https://tracker.example/p.gif)") == "<p></p>"


def test_render_note_code_shows_markup_as_text():
    assert render_note("`<script>`") == "<p><code>&lt;script&gt;</code></p>"


@pytest.mark.django_db
def test_talk_page_shows_hostile_public_notes_inert(client):
    talk = TalkFactory(slug="target")
    for body in HOSTILE_BODIES:
        NoteFactory(talk=talk, body=body, visibility="public")

    html = client.get(talk.get_absolute_url()).content.decode()

    notes = html[html.index('id="notes"') : html.index('class="prev-next"')]
    assert notes.count('class="note-item') == len(HOSTILE_BODIES)
    assert DANGEROUS.search(live_html(notes)) is None
