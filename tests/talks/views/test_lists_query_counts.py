"""List pages and my write-up cost the same number of queries for 1 or 3 talks (or lists)."""

import pytest

from talks import services
from tests.factories import (
    ConferenceFactory,
    NoteFactory,
    StarFactory,
    UserFactory,
    card_talk,
)


def build(count):
    """`count` talks in Watch later and in `count` lists of the reader's (shared), each talk
    with speakers, tags, a recording, stars and notes."""
    reader = UserFactory(username="reader")
    conference = ConferenceFactory(slug="conf")
    watch_later = services.watch_later(owner=reader)
    lists = [services.list_create(owner=reader, name=f"List {n}")[0] for n in range(count)]
    for n in range(count):
        talk = card_talk(conference, n)
        StarFactory(talk=talk, user=reader)
        StarFactory(talk=talk)
        NoteFactory(talk=talk, author=reader, time=n + 1)
        NoteFactory(talk=talk, author=reader, visibility="public")
        for talk_list in [watch_later, *lists]:
            services.list_add(talk_list=talk_list, talk=talk)
    services.list_share(talk_list=watch_later)
    return reader, watch_later


PAGES = [
    # (url, signed in, queries); signed in, the session comes from the cache
    ("/me/lists/", True, 2),
    ("/me/lists/{pk}/", True, 6),
    ("/me/lists/{pk}.md", True, 6),
    ("/lists/{token}/", False, 5),
    ("/lists/{token}/", True, 6),
    ("/lists/{token}.md", False, 5),
    ("/talks/talk-0/lists/", True, 3),
    ("/me/writeup/conf/", True, 7),
    ("/me/writeup/conf/?private=1", True, 7),
    ("/me/writeup/conf.md", True, 7),
]


@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(("url", "signed_in", "queries"), PAGES)
def test_list_page_queries_do_not_grow_with_talks_or_lists(
    client, db, django_assert_num_queries, count, url, signed_in, queries
):
    reader, watch_later = build(count)
    if signed_in:
        client.force_login(reader)
    url = url.format(pk=watch_later.pk, token=watch_later.share_token)

    with django_assert_num_queries(queries):
        response = client.get(url)

    assert response.status_code == 200
    if response.context and "talks" in response.context:
        assert len(response.context["talks"]) == count  # each once, though in several lists
