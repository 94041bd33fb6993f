"""Pages with stars and notes cost the same number of queries for 1 or many of them."""

import pytest

from tests.factories import (
    ConferenceFactory,
    NoteFactory,
    StarFactory,
    UserFactory,
    card_talk,
)


def build(count):
    """`count` talks, each with speakers, tags, a recording, stars and notes; and a reader."""
    reader = UserFactory(username="reader")
    conference = ConferenceFactory(slug="conf")
    for n in range(count):
        talk = card_talk(conference, n)
        for _ in range(count):
            StarFactory(talk=talk)
            NoteFactory(talk=talk, visibility="public", time=n)
            NoteFactory(talk=talk, author=reader, time=n + 1)
        StarFactory(talk=talk, user=reader)
    return reader


PAGES = [
    # (url, signed in, queries); the session comes from the cache (cached_db), and a shared
    # list reads the reader's stars once (talks.fragments) instead of per row
    ("/talks/", False, 5),
    ("/talks/", True, 7),
    ("/talks/?sort=stars&mine=1", True, 6),
    ("/", True, 10),
    ("/tags/shared/", True, 8),
    ("/talks/talk-0/", False, 12),
    ("/talks/talk-0/", True, 13),
    ("/me/stars/", True, 7),  # and the calendar address
    ("/me/notes/", True, 7),
    ("/me/notes.md", True, 6),
]


@pytest.mark.parametrize("count", [2, 6])
@pytest.mark.parametrize(("url", "signed_in", "queries"), PAGES)
def test_page_queries_do_not_grow_with_stars_and_notes(
    client, db, django_assert_num_queries, count, url, signed_in, queries
):
    reader = build(count)
    if signed_in:
        client.force_login(reader)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
