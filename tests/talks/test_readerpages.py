"""Signed-in readers' pages kept as everyone sees them (talks.readerpages)."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from talks import services
from tests.factories import ConferenceFactory, SpeakerFactory, TalkFactory, UserFactory

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def catalogue(db):
    conference = ConferenceFactory()
    return [
        TalkFactory(
            conference=conference, slug=f"talk-{n}", tags=["go"], speakers=[SpeakerFactory()]
        )
        for n in range(3)
    ]


def signed_in(username, full_name=""):
    first, _, last = full_name.partition(" ")
    client = Client()
    client.force_login(UserFactory(username=username, first_name=first, last_name=last))
    return client


def without_tokens(text):
    return TOKEN.sub("token", text)


@pytest.mark.parametrize("url", ["/", "/talks/", "/talks/?tag=go", "/tags/go/"])
def test_a_second_reader_gets_the_kept_page_made_theirs(catalogue, django_assert_num_queries, url):
    first = signed_in("first", "Fay First")
    second = signed_in("second", "Sam Second")
    services.star_set(talk=catalogue[1], user=_user("second"), starred=True)
    first.get(url)

    with django_assert_num_queries(2):  # who asks and their stars; no view, no template
        kept = second.get(url)
    cache.clear()
    fresh = second.get(url)

    assert kept.context is None
    assert fresh.context is not None
    assert kept.status_code == 200
    assert kept["Cache-Control"] == "private"
    assert without_tokens(kept.text) == without_tokens(fresh.text)
    assert "Sam Second" in kept.text
    assert "Fay First" not in kept.text
    assert 'aria-pressed="true"' in kept.text


def test_a_reader_with_a_pending_message_gets_a_rendered_page(catalogue):
    signed_in("first").get("/talks/")
    reader = signed_in("second")
    reader.cookies["messages"] = "a message for this reader"

    assert reader.get("/talks/").context is not None


def test_my_stars_only_is_never_kept(catalogue):
    reader = signed_in("reader")
    reader.get("/talks/?mine=1")

    assert reader.get("/talks/?mine=1").context is not None


def test_other_pages_are_never_kept(catalogue):
    reader = signed_in("reader")
    for url in ("/talks/talk-0/", "/me/stars/", "/speakers/"):
        reader.get(url)

        assert reader.get(url).context is not None, url


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)
