"""Lists rendered once for every reader, made personal by substitution (talks.fragments)."""

import re

import pytest
from django.test import Client

from talks import services, version
from tests.factories import ConferenceFactory, SpeakerFactory, StarFactory, TalkFactory, UserFactory

LISTS = ["/talks/", "/talks/?tag=go", "/tags/go/", "/"]


def pressed(response):
    """Slugs of the talks whose star button is pressed."""
    forms = re.findall(
        r'action="/talks/([^/"]+)/star/".*?aria-pressed="(true|false)"', response.text, re.S
    )
    return {slug for slug, state in forms if state == "true"}


def star_forms(response):
    return re.findall(r'action="/talks/([^/"]+)/star/"', response.text)


def talks(count):
    conference = ConferenceFactory()
    return [
        TalkFactory(
            conference=conference, slug=f"talk-{n}", tags=["go"], speakers=[SpeakerFactory()]
        )
        for n in range(count)
    ]


@pytest.fixture
def reader(db):
    return UserFactory(username="reader")


@pytest.mark.parametrize("url", LISTS)
def test_each_reader_sees_their_own_stars_on_a_shared_list(client, reader, url):
    first, _, third = talks(3)
    other = UserFactory(username="other")
    services.star_set(talk=first, user=reader, starred=True)
    services.star_set(talk=third, user=other, starred=True)
    as_other = Client()
    as_other.force_login(other)
    client.force_login(reader)

    other_page = as_other.get(url)  # renders the shared fragment
    reader_page = client.get(url)  # from it

    assert pressed(other_page) == {"talk-2"}
    assert pressed(reader_page) == {"talk-0"}
    assert sorted(star_forms(reader_page)) == ["talk-0", "talk-1", "talk-2"]
    assert "Starred by 1" in reader_page.text


def test_a_star_shows_on_the_next_view_of_the_list(client, reader):
    _, second = talks(2)
    client.force_login(reader)
    assert pressed(client.get("/talks/")) == set()

    client.post(f"/talks/{second.slug}/star/", {"action": "star"})

    assert pressed(client.get("/talks/")) == {"talk-1"}


@pytest.mark.parametrize("count", [1, 3])
def test_a_repeat_signed_in_list_reads_no_talks(client, reader, django_assert_num_queries, count):
    for talk in talks(count):
        StarFactory(talk=talk)
    client.force_login(reader)
    client.get("/talks/")

    # the user; the session and the reader's stars come from the cache
    with django_assert_num_queries(1):
        response = client.get("/talks/")

    assert len(star_forms(response)) == count


def test_my_stars_only_is_never_shared(client, reader):
    first, second = talks(2)
    other = UserFactory(username="other")
    services.star_set(talk=first, user=reader, starred=True)
    services.star_set(talk=second, user=other, starred=True)
    as_other = Client()
    as_other.force_login(other)
    client.force_login(reader)

    assert star_forms(as_other.get("/talks/?mine=1")) == ["talk-1"]
    assert star_forms(client.get("/talks/?mine=1")) == ["talk-0"]


def test_the_csrf_token_in_a_shared_list_is_the_readers(reader):
    talks(2)
    from django.middleware.csrf import _unmask_cipher_token

    tokens = {}
    for name in ("reader", "other"):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(UserFactory(username=name))
        page = browser.get("/talks/").text
        found = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page))
        tokens[name] = {_unmask_cipher_token(token) for token in found}
        assert tokens[name] == {browser.cookies["csrftoken"].value}
        # and the token works for starring
        token = found.pop()
        response = browser.post(
            "/talks/talk-0/star/", {"action": "star", "csrfmiddlewaretoken": token}
        )
        assert response.status_code == 302
    assert tokens["reader"] != tokens["other"]


def test_an_anonymous_list_has_no_star_forms(client, reader):
    talks(2)
    signed_in = Client()
    signed_in.force_login(reader)
    signed_in.get("/talks/")

    page = client.get("/talks/").text

    assert star_forms(client.get("/talks/")) == []
    assert "csrf" not in page
    assert "log in first" in page


def test_the_fragment_follows_the_data_version(client, reader):
    (talk,) = talks(1)
    client.force_login(reader)
    client.get("/talks/")
    before = version.current()

    talk.title = "A new title"
    services.save(talk)

    assert version.current() != before
    assert "A new title" in client.get("/talks/").text


def test_the_readers_name_is_escaped_and_no_placeholder_is_left(client, reader):
    (talk,) = talks(1)
    talk.title = "<!--name-of-the-reader--> <!--csrf-token-of-the-reader-->"
    services.save(talk)
    eve = UserFactory(username="eve", first_name="<b>Eve</b>", last_name="Evil")
    as_eve = Client()
    as_eve.force_login(eve)
    client.force_login(reader)

    eve_page = as_eve.get("/talks/").text
    reader_page = client.get("/talks/").text

    assert "&lt;b&gt;Eve&lt;/b&gt; Evil</a>" in eve_page
    assert "<b>Eve</b>" not in eve_page
    assert "Eve<" not in reader_page and "Evil" not in reader_page
    assert ">reader</a>" in reader_page
    for page in (eve_page, reader_page):
        assert "&lt;!--name-of-the-reader--&gt; &lt;!--csrf-token-of-the-reader--&gt;" in page
        assert "<!--name-of-the-reader-->" not in page
        assert "<!--csrf-token-of-the-reader-->" not in page
