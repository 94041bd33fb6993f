"""Feeds and API lists carry the start of a summary, never a whole (possibly huge) one."""

import xml.etree.ElementTree as ET

import pytest

from talks.rendering import markdown_start
from tests.factories import ConferenceFactory, TalkFactory

ATOM = "{http://www.w3.org/2005/Atom}"
HUGE = ("All work and no play makes a very long summary. " * 20 + "\n\n") * 5_500  # ~5 MB


@pytest.fixture
def huge_talk(db):
    return TalkFactory(slug="huge", title="Huge", summary=HUGE, conference=ConferenceFactory())


def feed_summaries(response):
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    return [entry.find(f"{ATOM}summary").text for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("feed", ["/feeds/talks/", "/feeds/conferences/{slug}/"])
def test_a_feed_item_with_a_huge_summary_is_bounded(client, huge_talk, feed):
    response = client.get(feed.format(slug=huge_talk.conference.slug))

    [summary] = feed_summaries(response)
    assert len(HUGE) > 5_000_000
    assert len(response.content) < 5_000
    assert summary.startswith("<p>All work and no play makes a very long summary.")
    assert summary.endswith(" …</p>")
    assert 500 < len(summary) < 1_100


def test_a_feed_item_with_a_short_summary_is_whole(client, db):
    TalkFactory(summary="Short and **bold**.")

    assert feed_summaries(client.get("/feeds/talks/")) == [
        "<p>Short and <strong>bold</strong>.</p>"
    ]


def test_api_list_carries_the_start_of_a_huge_summary_and_the_detail_all_of_it(client, huge_talk):
    TalkFactory(slug="short", summary="Short.", conference=huge_talk.conference)

    listed = {item["slug"]: item for item in client.get("/api/talks").json()["items"]}
    detail = client.get("/api/talks/huge").json()

    assert len(listed["huge"]["summary"]) <= 1_002
    assert listed["huge"]["summary"].endswith("summary. …")
    assert listed["huge"]["summary_truncated"] is True
    assert (listed["short"]["summary"], listed["short"]["summary_truncated"]) == ("Short.", False)
    assert (detail["summary"], detail["summary_truncated"]) == (HUGE, False)


def test_api_list_response_stays_small_with_huge_summaries(client, db):
    conference = ConferenceFactory()
    for n in range(20):
        TalkFactory(summary=HUGE[:500_000], conference=conference, slug=f"big-{n}")

    response = client.get("/api/talks?page_size=20")

    assert len(response.json()["items"]) == 20
    assert len(response.content) < 20 * 2_000


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("", 10, ""),
        ("short", 10, "short"),
        ("exactly 10", 10, "exactly 10"),
        ("one two three four", 10, "one two …"),
        ("para one.\n\npara two is long", 20, "para one. …"),
        ("line one\nline two is long", 15, "line one …"),
        ("x" * 30, 10, "x" * 10 + " …"),
    ],
)
def test_markdown_start_cuts_at_a_break(text, limit, expected):
    assert markdown_start(text, limit) == expected
