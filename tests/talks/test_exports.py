"""/me/notes.md keeps no raw HTML: rendered by the site's Markdown renderer or by
markdown-it-py with HTML on, it has no tag, handler or script link of its own."""

import pytest

from talks.exports import escape_url, markdown_without_html
from talks.models import Link
from tests.factories import (
    ConferenceFactory,
    LinkFactory,
    NoteFactory,
    SpeakerFactory,
    TalkFactory,
    UserFactory,
)
from tests.markdown_safety import PAYLOADS, RENDERERS, live_html

RECORDING = "https://example.com/watch?v=1&x=\"a b\"><img src=x onerror=alert('rec')>"


@pytest.fixture
def download(client, db):
    """The notes download of somebody whose talk, names, recording and notes are payloads."""
    person = UserFactory()
    conference = ConferenceFactory(name="<script>alert('conf')</script>")
    for n, payload in enumerate(PAYLOADS):
        talk = TalkFactory(
            title=f"Talk {n} {payload}",
            conference=conference,
            speakers=[SpeakerFactory(name=f"<img src=x onerror=alert({n})> {n}", company=None)],
        )
        LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url=RECORDING)
        NoteFactory(talk=talk, author=person, body=payload, time=n or None)
    client.force_login(person)
    return client.get("/me/notes.md").content.decode()


@pytest.mark.parametrize("renderer", RENDERERS)
def test_notes_download_renders_to_no_live_html(download, renderer):
    assert live_html(RENDERERS[renderer](download)) == []


def test_notes_download_percent_encodes_the_recording_url(download):
    assert (
        "- Recording: <https://example.com/watch?v=1&x=%22a%20b%22%3E%3Cimg%20src=x%20"
        "onerror=alert(%27rec%27)%3E>\n"
    ) in download


def test_notes_download_shows_names_as_written(download):
    assert "- Speakers: &lt;img src=x onerror=alert(1)\\> 1\n" in download
    assert "- Conference: &lt;script\\>alert('conf')&lt;/script\\>\n" in download


@pytest.mark.parametrize("renderer", RENDERERS)
def test_escaped_names_render_as_the_text_they_were(renderer):
    from talks.exports import escape_markdown

    name = "Q&A: <b>bold</b> & &lt;not an entity&gt; *x*"
    rendered = RENDERERS[renderer](escape_markdown(name))

    assert rendered.strip() == (
        "<p>Q&amp;A: &lt;b&gt;bold&lt;/b&gt; &amp; &amp;lt;not an entity&amp;gt; *x*</p>"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Plain **bold** [link](https://a.example/x_(y)) `code`", None),
        ("a < b and c<5, x <- y", None),
        ("<https://a.example/q?x=1&y=2>", None),
        ("<b>bold</b>", "&lt;b>bold&lt;/b>"),
        ("<!-- c -->", "&lt;!-- c -->"),
        ("[x](javascript:alert(1))", "[x]\\(javascript:alert(1))"),
        ("[r]: javascript:x", "[r]\\: javascript:x"),
        ("[x](mailto:a@b.example)", None),
    ],
)
def test_markdown_without_html_keeps_markdown_and_escapes_html(body, expected):
    assert markdown_without_html(body) == (body if expected is None else expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://youtu.be/dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://x.example/a)b", "https://x.example/a%29b"),
        (
            "https://x.example/<a> 'b' \"c\" `d` \\e",
            "https://x.example/%3Ca%3E%20%27b%27%20%22c%22%20%60d%60%20%5Ce",
        ),
        ("javascript:alert(1)", ""),
        ("ftp://x.example/a b", "ftp://x.example/a%20b"),
        ("data:text/html,<script>", ""),
    ],
)
def test_escape_url(url, expected):
    assert escape_url(url) == expected


# The payloads that are not live HTML even written raw (each renderer refuses or ignores them).
HARMLESS_RAW = {
    "python-markdown": {8, 11, 17, 18},
    "markdown-it": {7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18, 19},
}


@pytest.mark.parametrize("renderer", RENDERERS)
def test_the_payloads_are_live_html_as_written_and_none_is_once_escaped(renderer):
    render = RENDERERS[renderer]

    live_raw = {n for n, payload in enumerate(PAYLOADS) if live_html(render(payload))}
    live_escaped = [p for p in PAYLOADS if live_html(render(markdown_without_html(p)))]

    assert live_raw == set(range(len(PAYLOADS))) - HARMLESS_RAW[renderer]
    assert live_escaped == []
