"""export_conference's write-up keeps no raw HTML: rendered by the site's Markdown renderer
or by markdown-it-py with HTML on, it has no tag, handler or script link of its own."""

import pytest
from django.core.management import call_command

from speakers.models import Company
from talks.models import Link
from tests.factories import ConferenceFactory, LinkFactory, SpeakerFactory, TalkFactory
from tests.markdown_safety import PAYLOADS, RENDERERS, live_html
from tests.transfer.snapshot import conference_snapshot, empty_database

URL = "https://example.com/a?x=\"b c\"><img src=x onerror=alert('url')>"


@pytest.fixture
def writeup(db, capsys):
    """The exported write-up of a conference with a payload in every field it writes."""
    conference = ConferenceFactory(
        slug="evil-conf",
        name="Evil <script>alert('name')</script>",
        description="\n\n".join(PAYLOADS),
        city="<img src=x onerror=alert('city')>",
        writeup_author="<b onclick=alert('author')>me</b>",
        writeup_url=URL,
    )
    LinkFactory(conference=conference, talk=None, url=URL, label="<svg onload=alert('label')>")
    company = Company.objects.create(name="<i onclick=alert('co')>Co</i>", slug="co", website=URL)
    for n, payload in enumerate(PAYLOADS):
        speaker = SpeakerFactory(
            name=f"<img src=x onerror=alert({n})> {n}", website=URL, company=company
        )
        talk = TalkFactory(
            conference=conference,
            title=f"Talk {n} {payload}",
            topic="<script>alert('topic')</script>",
            summary=payload,
            thumbnail_url=URL,
            speakers=[speaker],
            tags=["<b>tag</b>"],
        )
        LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url=URL, label=payload)
    call_command("export_conference", "evil-conf", format="markdown")
    return capsys.readouterr().out


@pytest.mark.parametrize("renderer", RENDERERS)
def test_exported_writeup_renders_to_no_live_html(writeup, renderer):
    assert live_html(RENDERERS[renderer](writeup)) == []


def test_exported_writeup_percent_encodes_urls(writeup):
    encoded = "https://example.com/a?x=%22b%20c%22%3E%3Cimg%20src=x%20onerror=alert(%27url%27)%3E"

    assert f"writeup_url: {encoded}\n" in writeup
    assert f"- recording: [Talk]({encoded})" not in writeup
    assert f"- reference: [&lt;svg onload=alert('label')>]({encoded})\n" in writeup
    assert f"Thumbnail: {encoded}\n" in writeup


@pytest.mark.django_db
def test_round_trip_of_ordinary_content_is_unchanged(sample_conference, tmp_path):
    before = conference_snapshot(sample_conference.slug)
    path = tmp_path / "cc.md"
    call_command("export_conference", sample_conference.slug, output=str(path))
    empty_database()
    call_command("import_writeup", str(path), verbosity=0)

    assert conference_snapshot(sample_conference.slug) == before
