"""My write-up of a conference: which talks, in what shape, with which notes, escaped."""

import re
from html.parser import HTMLParser

import pytest

from talks import services
from talks.models import Link, Talk
from talks.reader_exports import writeup_heading
from tests.factories import (
    CompanyFactory,
    ConferenceFactory,
    LinkFactory,
    NoteFactory,
    SpeakerFactory,
    StarFactory,
    TalkFactory,
    UserFactory,
)
from tests.markdown_safety import PAYLOADS, RENDERERS, live_html

PREVIEW = "/me/writeup/sample-camp-london-2015/"
DOWNLOAD = "/me/writeup/sample-camp-london-2015.md"


@pytest.fixture
def ada(sample_conference):
    """Ada starred two talks, wrote notes on one of them and privately on a third."""
    ada = UserFactory(username="ada", first_name="Ada L.")
    trust = Talk.objects.get(slug="docker-content-trust")
    StarFactory(talk=trust, user=ada)
    StarFactory(talk=Talk.objects.get(slug="towards-a-containerized-future"), user=ada)
    NoteFactory(talk=trust, author=ada, visibility="public", time=62, body="Root key *offline*.")
    NoteFactory(talk=trust, author=ada, body="Ask about notary.")
    NoteFactory(talk=Talk.objects.get(slug="kubernetes"), author=ada, body="Try minikube.")
    NoteFactory(talk=trust, author=UserFactory(), visibility="public", body="Somebody else's.")
    return ada


def sections(text):
    """The write-up's headings, in order."""
    return [line for line in text.split("\n") if line.startswith("#")]


def test_the_write_up_needs_signing_in_and_a_real_conference(client, db):
    assert client.get(DOWNLOAD)["Location"] == f"/accounts/login/?next={DOWNLOAD}"
    client.force_login(UserFactory())
    assert client.get("/me/writeup/no-such-conference/").status_code == 404
    assert client.get("/me/writeup/no-such-conference.md").status_code == 404


def test_the_write_up_has_my_starred_and_noted_talks_in_the_seeds_shape(client, ada):
    client.force_login(ada)

    response = client.get(DOWNLOAD)

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="sample-camp-london-2015.md"')
    text = response.content.decode()
    assert sections(text) == [
        "# Sample Camp London 2015",
        "## Bryan Cantrill, Joyent - keynote ★",
        "## Diogo Mónica, Docker - Docker Content Trust ★",
    ]
    trust = text[text.index("## Diogo") :]
    assert trust.split("\n\n")[:3] == [
        "## Diogo Mónica, Docker - Docker Content Trust ★",
        "Title: Docker content trust  \nSlug: docker-content-trust",
        "**1:02** Root key *offline*.",
    ]
    tuf = "- reference: [The Update Framework (TUF)](https://theupdateframework.io/)"
    assert f"Links:\n\n{tuf}" in trust
    assert text.split("\n")[2] == (
        "My notes from Sample Camp London 2015, by Ada L., written with confnotes "
        "(<http://testserver/conferences/sample-camp-london-2015/>); "
        "★ marks the talks I starred."
    )
    for private in ["Ask about notary.", "Try minikube.", "Somebody else's."]:
        assert private not in text


def test_private_notes_go_in_only_when_asked(client, ada):
    client.force_login(ada)

    text = client.get(f"{DOWNLOAD}?private=1").content.decode()

    assert sections(text)[1:] == [
        "## Bryan Cantrill, Joyent - keynote ★",
        "## Mandy Waite, Google - Kubernetes",  # noted, not starred: no ★
        "## Diogo Mónica, Docker - Docker Content Trust ★",
    ]
    assert "**1:02** Root key *offline*.\n\nAsk about notary.\n" in text
    assert "Try minikube." in text
    assert "Somebody else's." not in text


def test_the_preview_renders_the_same_write_up_with_the_choice(client, ada):
    client.force_login(ada)

    plain = client.get(PREVIEW)
    private = client.get(f"{PREVIEW}?private=1")

    html = plain.content.decode()
    assert "<h3>Diogo Mónica, Docker - Docker Content Trust ★</h3>" in html
    assert "<em>offline</em>" in html
    assert "Ask about notary." not in html
    assert '<input type="checkbox" name="private" value="1">' in html
    assert f'href="{DOWNLOAD}" download' in html
    assert "Ask about notary." in private.content.decode()
    assert '<input type="checkbox" name="private" value="1" checked>' in private.content.decode()
    assert f'href="{DOWNLOAD}?private=1" download' in private.content.decode()


def test_nothing_starred_or_noted_says_so(client, sample_conference):
    client.force_login(UserFactory())

    text = client.get(DOWNLOAD).content.decode()

    assert sections(text) == ["# Sample Camp London 2015"]
    assert "I have not starred or noted any talk of this conference yet." in text


def test_the_conference_page_links_to_my_write_up_when_signed_in(client, ada):
    assert PREVIEW not in client.get("/conferences/sample-camp-london-2015/").content.decode()
    client.force_login(ada)
    assert PREVIEW in client.get("/conferences/sample-camp-london-2015/").content.decode()


@pytest.mark.parametrize(
    ("speakers", "topic", "expected"),
    [
        ([("Jane Doe", "Acme")], "Topic", "## Jane Doe, Acme - Topic ★"),
        ([("Jane Doe", None)], "", "## Jane Doe ★"),
        ([("Jane Doe", "Acme"), ("John Roe", "Acme")], "T", "## Jane Doe & John Roe, Acme - T ★"),
        (
            [("Jane Doe", "Acme"), ("John Roe", "Initech")],
            "T",
            "## Jane Doe (Acme) & John Roe (Initech) - T ★",
        ),
        ([("Jane Doe", "Acme"), ("John Roe", None)], "T", "## Jane Doe (Acme) & John Roe - T ★"),
        ([], "", "## A talk ★"),  # nobody named: the title
    ],
)
def test_headings_name_speakers_companies_and_topic(db, speakers, topic, expected):
    talk = TalkFactory(title="A talk", topic=topic)
    companies = {}
    for position, (name, company) in enumerate(speakers):
        if company and company not in companies:
            companies[company] = CompanyFactory(name=company)
        speaker = SpeakerFactory(name=name, company=companies.get(company))
        talk.credits.create(speaker=speaker, position=position)
    talk = Talk.objects.with_speakers().get(pk=talk.pk)

    assert writeup_heading(talk, starred=True) == expected


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_raw_html_survives_in_my_write_up(client, db, payload):
    ada = UserFactory()
    conference = ConferenceFactory(name=payload[:200], slug="hostile")
    talk = TalkFactory(conference=conference, title=payload[:300], topic=payload[:200])
    speaker = SpeakerFactory(name=payload[:200])
    speaker.company.name = payload[:200]
    services.save(speaker.company)
    talk.credits.create(speaker=speaker)
    LinkFactory(talk=talk, kind=Link.Kind.SLIDES, url=f"https://example.com/{payload}"[:1000])
    LinkFactory(talk=talk, label=payload[:200], url="https://example.com/")
    StarFactory(talk=talk, user=ada)
    NoteFactory(talk=talk, author=ada, body=payload, visibility="public", time=5)
    client.force_login(ada)

    text = client.get("/me/writeup/hostile.md").content.decode()
    preview = client.get("/me/writeup/hostile/").content.decode()

    for name, render in RENDERERS.items():
        assert live_html(render(text)) == [], name
    assert live_parts(preview) == []


class _Live(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "img", "svg", "iframe", "object", "embed"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(
                ("javascript:", "data:")
            ):
                self.found.append(f"{tag} {name}={value}")


def live_parts(page):
    """Tags and attributes of a page that could run script (the page's own script aside)."""
    parser = _Live()
    parser.feed(re.sub(r'<script src="/static/js/\w+\.js" defer></script>', "", page))
    return parser.found
