"""Whole pages for visitors who are not signed in (confnotes/pagecache.py)."""

import gzip

import pytest
from django.core.cache import cache
from django.test import Client

from talks import services
from talks.models import Talk

TALK = "/talks/kubernetes/"
SHARED_PAGES = [
    "/",
    "/talks/",
    TALK,
    "/talks/?tag=security",
    "/tags/security/",
    "/speakers/",
    "/conferences/sample-camp-london-2015/",
    "/api/talks",
    "/api/talks/kubernetes",
    "/feeds/talks/",
    "/sitemap.xml",
    "/sitemap-talks.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("url", SHARED_PAGES)
def test_a_repeat_anonymous_request_is_the_same_bytes_without_a_query(
    client, sample_conference, django_assert_num_queries, url
):
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again["Cache-Control"] == "public, max-age=60"
    assert again["ETag"] == first["ETag"]


def test_gzip_and_identity_are_kept_apart(client, sample_conference):
    plain = client.get("/talks/")
    zipped = client.get("/talks/", headers={"accept-encoding": "gzip"})
    zipped_again = client.get("/talks/", headers={"accept-encoding": "gzip, br"})

    assert zipped["Content-Encoding"] == zipped_again["Content-Encoding"] == "gzip"
    assert zipped_again.content == zipped.content
    assert gzip.decompress(zipped.content) == plain.content
    assert "Content-Encoding" not in client.get("/talks/")
    assert zipped["ETag"] != plain["ETag"]


def test_query_parameters_in_another_order_share_the_page(
    client, sample_conference, django_assert_num_queries
):
    first = client.get("/talks/?tag=security&sort=title")

    with django_assert_num_queries(0):
        again = client.get("/talks/?sort=title&tag=security")

    assert again.content == first.content


def test_an_edit_through_the_services_shows_on_the_next_request(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    for url in (TALK, "/talks/", "/api/talks", "/feeds/talks/"):
        assert "Kubernetes, renamed" not in client.get(url).text

    talk.title = "Kubernetes, renamed"
    services.save(talk)

    for url in (TALK, "/talks/", "/api/talks", "/feeds/talks/"):
        assert "Kubernetes, renamed" in client.get(url).text, url


def test_a_404_is_kept_and_an_edit_replaces_it(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    assert client.get("/talks/k8s/").status_code == 404
    assert client.get("/talks/k8s/").status_code == 404

    talk.slug = "k8s"
    services.save(talk)

    assert client.get("/talks/k8s/").status_code == 200


def test_if_none_match_gets_304_until_the_data_changes(client, sample_conference):
    etag = client.get(TALK)["ETag"]

    not_modified = client.get(TALK, headers={"if-none-match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert not_modified["Cache-Control"] == "public, max-age=60"

    services.save(Talk.objects.get(slug="kubernetes"))
    changed = client.get(TALK, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_gets_304(client, sample_conference):
    last_modified = client.get(TALK)["Last-Modified"]

    assert client.get(TALK, headers={"if-modified-since": last_modified}).status_code == 304
    earlier = "Thu, 01 Jan 2015 00:00:00 GMT"
    assert client.get(TALK, headers={"if-modified-since": earlier}).status_code == 200


def test_a_lost_version_never_answers_304_to_an_old_etag(client, sample_conference):
    etag = client.get(TALK)["ETag"]
    cache.clear()  # the entry is gone (evicted, say); the version starts again

    assert client.get(TALK, headers={"if-none-match": etag}).status_code == 200
    etag = client.get(TALK)["ETag"]
    assert client.get(TALK, headers={"if-none-match": etag}).status_code == 304


def test_last_modified_is_the_time_of_the_data_version(client, sample_conference):
    from django.utils.http import http_date

    from talks import version

    response = client.get(TALK)

    assert response["Last-Modified"] == http_date(version.current() / 1e9)


def test_head_is_answered_from_the_cached_get(client, sample_conference, django_assert_num_queries):
    get = client.get(TALK)

    with django_assert_num_queries(0):
        head = client.head(TALK)

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    assert head["ETag"] == get["ETag"]


def test_signed_in_pages_are_private_and_never_stored(client, sample_conference):
    reader = _reader("reader", "Rita Reader")
    client.force_login(reader)

    for url in ("/", "/talks/", TALK, "/me/stars/", "/api/talks"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private", url
        assert "ETag" not in response

    assert "Rita Reader" not in Client().get("/talks/").text


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/"])
def test_pages_with_a_csrf_token_are_private_and_never_shared(client, db, url):
    first = client.get(url)
    other = Client().get(url)

    assert "csrfmiddlewaretoken" in first.text
    assert "private" in first["Cache-Control"] and "private" in other["Cache-Control"]
    assert _token(first) != _token(other)
    assert other.cookies["csrftoken"].value != first.cookies["csrftoken"].value


def test_nothing_of_a_signed_in_person_reaches_anyone_else(sample_conference):
    alice = _reader("alice", "Alice Aardvark")
    bob = _reader("bob", "Bob Bobcat")
    kubernetes = Talk.objects.get(slug="kubernetes")
    security = Talk.objects.get(slug="docker-content-trust")
    services.star_set(talk=kubernetes, user=alice, starred=True)
    services.star_set(talk=security, user=bob, starred=True)
    pages = ["/", "/talks/", "/talks/?tag=security", TALK, "/tags/security/", "/feeds/talks/"]

    as_alice = Client()
    as_alice.force_login(alice)
    alice_pages = {url: as_alice.get(url) for url in pages}
    alice_secret = as_alice.cookies["csrftoken"].value
    anonymous = Client()
    anonymous_pages = {url: anonymous.get(url).text for url in pages}
    anonymous_again = {url: Client().get(url).text for url in pages}
    as_bob = Client()
    as_bob.force_login(bob)
    bob_pages = {url: as_bob.get(url).text for url in pages}
    bob_secret = as_bob.cookies["csrftoken"].value

    assert "Alice Aardvark" in alice_pages["/talks/"].text
    assert _unmasked(_token(alice_pages["/talks/"])) == alice_secret
    for url in pages:
        for text in (anonymous_pages[url], anonymous_again[url]):
            assert "Alice Aardvark" not in text, url
            assert "csrfmiddlewaretoken" not in text, url
            assert 'aria-pressed="true"' not in text, url
        assert "Alice Aardvark" not in bob_pages[url], url
    for url in ("/", "/talks/", "/talks/?tag=security", "/tags/security/"):
        text = bob_pages[url]
        assert {_unmasked(token) for token in _tokens(text)} == {bob_secret}, url
        assert "csrf-token-of-the-reader" not in text
        assert _pressed(text) <= {security.slug}, url  # his own star, never Alice's
    assert _pressed(bob_pages["/talks/"]) == {security.slug}
    assert _pressed(alice_pages["/talks/"].text) == {kubernetes.slug}


def test_a_session_cookie_without_a_session_gets_a_fresh_correct_page(sample_conference):
    first = Client().get("/talks/").content
    stale = Client()
    stale.cookies["sessionid"] = "expired-or-logged-out"

    response = stale.get("/talks/")

    assert response.status_code == 200
    assert response["Cache-Control"] == "private"
    assert response.content == first
    assert response.cookies["sessionid"].value == ""  # the stale cookie is deleted


def test_after_logging_out_pages_are_shared_again(client, sample_conference):
    client.force_login(_reader("leaver", "Lee Leaver"))
    assert "Lee Leaver" in client.get("/talks/").text

    client.post("/accounts/logout/")
    assert client.cookies["sessionid"]["max-age"] == 0
    del client.cookies["sessionid"]  # as a browser drops an expired cookie
    response = client.get("/talks/")

    assert "Lee Leaver" not in response.text
    assert response["Cache-Control"] == "public, max-age=60"


def test_a_pending_message_is_shown_not_cached(client, sample_conference):
    client.get("/talks/")  # cached
    client.cookies["messages"] = "something for this visitor"

    response = client.get("/talks/")

    assert response["Cache-Control"] == "private"


def test_posts_are_never_answered_from_the_cache(client, sample_conference):
    client.get(TALK)

    response = client.post(f"{TALK}star/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_failing_cache_still_serves_pages(client, sample_conference, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "get_many", "set", "add"):
        monkeypatch.setattr(cache, method, broken)

    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert "ETag" not in response


def _reader(username, full_name):
    from tests.factories import UserFactory

    first, last = full_name.split()
    return UserFactory(username=username, first_name=first, last_name=last)


def _tokens(text):
    import re

    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)


def _token(response):
    return _tokens(response.text)[0]


def _unmasked(token):
    from django.middleware.csrf import _unmask_cipher_token

    return _unmask_cipher_token(token)


def _pressed(text):
    """Slugs of the talks whose star button is pressed on a page."""
    import re

    forms = re.findall(r'action="/talks/([^/"]+)/star/".*?aria-pressed="(true|false)"', text, re.S)
    return {slug for slug, pressed in forms if pressed == "true"}


def test_a_kept_page_keeps_its_own_content_security_policy(client, db):
    """The API docs widen the policy for Swagger UI (a per-view django-csp setting)."""
    first = client.get("/api/docs")
    again = client.get("/api/docs")

    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Content-Security-Policy"] != client.get("/talks/")["Content-Security-Policy"]
