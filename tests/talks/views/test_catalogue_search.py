"""The catalogue's pages (talks/views/catalogue.py) searched: the talk list's search, facets,
chips and cached order, and the detail page's related talks and meta tags."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from talks.models import Talk
from talks.search import suggest
from tests.factories import ConferenceFactory, SpeakerFactory, TalkFactory

LIST = reverse("talks:list")


def slugs(response):
    return [talk.slug for talk in response.context["talks"]]


# --- The list: search, filters, facets -----------------------------------------------------


def test_list_searches_and_highlights(client, sample_conference):
    response = client.get(LIST, {"q": "consensus"})

    assert slugs(response) == ["distributed-systems-with-almost-no-consensus"]
    assert "<mark>consensus</mark>" in response.content.decode().lower()


def test_list_search_for_security_shows_the_talks_tagged_security_first(client, sample_conference):
    response = client.get(LIST, {"q": "security"})

    # "Docker content trust" also says "security" in its summary: it comes first.
    assert slugs(response)[:2] == [
        "docker-content-trust",
        "lessons-learnt-from-running-potentially-malicious-code",
    ]
    assert Talk.objects.filter(tags__slug="security", slug__in=slugs(response)[:2]).count() == 2


def test_a_search_lists_its_best_matches_and_says_when_more_match(
    client, db, monkeypatch, without_page_cache
):
    from talks.search import facets

    monkeypatch.setattr(facets, "BEST_MATCHES", 4)
    conference = ConferenceFactory()
    # First in write-up order: talks that only mention the word in their summary.
    in_summary = [
        TalkFactory(conference=conference, position=n, title=f"Other {n}", summary="On raft.")
        for n in range(3)
    ]
    in_title = [
        TalkFactory(conference=conference, position=10 + n, title=f"Raft {n}", tags=["consensus"])
        for n in range(4)
    ]
    for talk in in_summary:
        talk.tags.add("misc")

    response = client.get(LIST, {"q": "raft"})

    assert set(slugs(response)) == {talk.slug for talk in in_title}
    assert response.context["paginator"].count == 4
    assert response.context["more_matches"]
    assert [(tag.slug, tag.count) for tag in response.context["tag_facets"]] == [("consensus", 4)]
    text = " ".join(response.content.decode().split())
    assert "More than 4 talks match your search: here are the 4 best." in text
    assert "Counts are of the 4 best matches listed." in text
    # The API lists every match.
    assert client.get("/api/talks", {"q": "raft"}).json()["count"] == 7


def test_a_search_with_few_matches_counts_them_all(client, db, monkeypatch, without_page_cache):
    from talks.search import facets

    monkeypatch.setattr(facets, "BEST_MATCHES", 4)
    for n in range(4):
        TalkFactory(title=f"Raft {n}")

    response = client.get(LIST, {"q": "raft"})

    assert response.context["paginator"].count == 4
    assert not response.context["more_matches"]
    assert "4 talks match your search." in " ".join(response.content.decode().split())


def test_list_shows_facets_of_the_current_results(client, sample_conference):
    response = client.get(LIST, {"tag": "security"})

    tags = {facet.slug: facet.count for facet in response.context["tag_facets"]}
    assert tags["security"] == len(slugs(response)) == 2
    speakers = {facet.slug: facet.count for facet in response.context["speaker_facets"]}
    assert speakers == {"ben-hall": 1, "diogo-monica": 1}
    assert 'href="?tag=security&amp;speaker=diogo-monica"' in response.content.decode()


def test_list_shows_active_filters_as_removable_chips(client, sample_conference):
    response = client.get(LIST, {"q": "docker", "tag": ["security", "images"], "starred": "1"})
    html = response.content.decode()

    assert 'href="?tag=security&amp;tag=images&amp;starred=1"' in html  # without the search
    assert 'href="?q=docker&amp;tag=images&amp;starred=1"' in html  # without one tag
    assert 'href="?q=docker&amp;tag=security&amp;tag=images"' in html  # without the ★


def test_list_pagination_keeps_every_parameter(client, db):
    conference = ConferenceFactory(slug="cc")
    for _ in range(25):
        TalkFactory(conference=conference, tags=["go"])

    response = client.get(LIST, {"tag": "go", "conference": "cc", "sort": "title"})

    assert 'href="?tag=go&amp;conference=cc&amp;sort=title&amp;page=2"' in response.content.decode()
    page_two = client.get(LIST, {"tag": "go", "conference": "cc", "sort": "title", "page": 2})
    assert len(slugs(page_two)) == 5


def test_list_with_no_results_suggests_removing_a_filter(client, sample_conference):
    response = client.get(LIST, {"q": "consensus", "tag": "security"})
    html = response.content.decode()

    assert slugs(response) == []
    assert "No talks match" in html
    assert "Try removing a filter" in html
    assert 'href="?q=consensus"' in html  # the result of dropping the tag


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"q": '"'}, 8),
        ({"q": '""""'}, 8),
        ({"q": "-"}, 8),
        ({"q": "x" * 10_240}, 0),
        ({"q": "notary\x00\x07"}, 1),
        ({"q": "' OR 1=1; DROP TABLE talks_talk; --"}, 0),
        ({"tag": "a/b", "speaker": "\x00", "sort": "'; --", "page": "-1"}, 0),
        ({"has_video": "maybe", "starred": "\x00", "page": "999"}, 8),
    ],
)
def test_list_with_odd_input_gives_a_normal_page(client, sample_conference, query, count):
    response = client.get(LIST, query)

    assert response.status_code == 200
    assert response.context["paginator"].count == count
    assert Talk.objects.count() == 8


def test_list_offers_the_feed_of_a_single_tag(client, sample_conference):
    html = client.get(LIST, {"tag": "security"}).content.decode()

    assert f'href="{reverse("feeds:tag", args=["security"])}"' in html


def list_page_queries(client, django_assert_num_queries, query, expected):
    client.get(LIST, query)  # warm the content type cache
    cache.clear()  # but not the cached facets
    with django_assert_num_queries(expected):
        response = client.get(LIST, query)
    return response


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # count and facets, page, credits, tags, links
        ({}, 5),
        # plus the ids of the search's best matches
        ({"q": "talk"}, 6),
        # plus the ids of the tags
        ({"q": "talk", "tag": ["go", "dns"], "starred": "1", "has_video": "1", "sort": "title"}, 7),
    ],
)
def test_list_query_count_does_not_grow_with_talks(
    client, db, django_assert_num_queries, query, expected
):
    from talks.models import Link

    # As many talks as a search must find to be offered no "Did you mean …?" (its queries
    # are counted in test_search_suggestions), then more.
    for _ in range(suggest.LITTLE):
        talk = TalkFactory(
            title="A talk", tags=["go", "dns"], speakers=[SpeakerFactory()], recommended=True
        )
        Link.objects.create(talk=talk, kind=Link.Kind.RECORDING, url="https://x.org/v")
    list_page_queries(client, django_assert_num_queries, query, expected)

    for _ in range(3):
        talk = TalkFactory(
            title="Another talk", tags=["go", "dns"], speakers=[SpeakerFactory()], recommended=True
        )
        Link.objects.create(talk=talk, kind=Link.Kind.RECORDING, url="https://x.org/w")

    response = list_page_queries(client, django_assert_num_queries, query, expected)
    assert len(response.context["talks"]) == suggest.LITTLE + 3


def test_list_query_count_with_named_filters(client, db, django_assert_num_queries):
    speaker = SpeakerFactory(slug="ada")
    TalkFactory(speakers=[speaker], conference=ConferenceFactory(slug="cc"))
    query = {"speaker": "ada", "company": speaker.company.slug, "conference": "cc"}

    # 5 as above, plus the speaker, company and conference names for the chips
    list_page_queries(client, django_assert_num_queries, query, 8)


# --- The detail page ------------------------------------------------------------------------


def test_related_talks_share_tags_first_then_speaker_never_itself(client, db):
    speaker = SpeakerFactory()
    talk = TalkFactory(tags=["go", "dns", "raft"], speakers=[speaker])
    two_tags = TalkFactory(tags=["go", "dns"])
    one_tag_same_speaker = TalkFactory(tags=["raft"], speakers=[speaker])
    one_tag = TalkFactory(tags=["go"])
    same_company = TalkFactory(speakers=[SpeakerFactory(company=speaker.company)])
    TalkFactory(tags=["unrelated"])

    response = client.get(talk.get_absolute_url())

    assert list(response.context["related_talks"]) == [
        two_tags,
        one_tag_same_speaker,
        one_tag,
        same_company,
    ]


def test_related_talks_of_a_lonely_talk_are_empty(client, db):
    talk = TalkFactory()
    TalkFactory()

    assert list(client.get(talk.get_absolute_url()).context["related_talks"]) == []


def test_detail_query_count_does_not_grow_with_related_talks(
    client, db, django_assert_num_queries, without_page_cache
):
    talk = TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    # talk, credits, tags, links, conference links, notes, previous, next; related:
    # candidates by tags and by people, talks, their credits
    with django_assert_num_queries(12):
        client.get(talk.get_absolute_url())
    # Again: the related talks' ids come from the cache, only the talks are fetched.
    with django_assert_num_queries(10):
        response = client.get(talk.get_absolute_url())
    assert len(response.context["related_talks"]) == 1

    for _ in range(4):
        TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    with django_assert_num_queries(12):  # new talks: chosen again
        response = client.get(talk.get_absolute_url())
    assert len(response.context["related_talks"]) == 5
    with django_assert_num_queries(10):
        cached = client.get(talk.get_absolute_url()).context["related_talks"]
    assert [(t, t.shared_tags, t.same_speaker, t.same_company) for t in cached] == [
        (t, t.shared_tags, t.same_speaker, t.same_company)
        for t in response.context["related_talks"]
    ]
    assert [t.speaker_list() for t in cached] == [
        t.speaker_list() for t in response.context["related_talks"]
    ]


def test_detail_page_has_canonical_and_opengraph_tags(client, sample_conference):
    talk = Talk.objects.get(slug="docker-content-trust")

    html = client.get(talk.get_absolute_url()).content.decode()

    url = f"http://testserver{talk.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Docker content trust">' in html
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:description" content="Diogo is the security lead', html)
    assert "<title>Docker content trust · confnotes</title>" in html
    assert re.search(r'<meta name="description" content="Diogo is the security lead', html)


def test_pages_link_their_atom_feeds(client, sample_conference):
    conference_feed = reverse("feeds:conference", args=[sample_conference.slug])

    assert conference_feed in client.get(sample_conference.get_absolute_url()).content.decode()
    tag_feed = reverse("feeds:tag", args=["networking"])
    assert tag_feed in client.get("/tags/networking/").content.decode()
    assert reverse("feeds:talks") in client.get(LIST).content.decode()


def test_speaker_page_lists_talks_with_tags(client, sample_conference):
    html = client.get(reverse("speakers:detail", args=["diogo-monica"])).content.decode()

    assert "Docker content trust" in html
    assert 'href="/tags/security/"' in html


def test_long_lists_page_through_the_cached_order(client, db, monkeypatch, without_page_cache):
    from talks.views import catalogue as views

    monkeypatch.setattr(views, "CACHED_ORDER_PAGES", 1)
    for number in range(45):
        TalkFactory(title=f"Talk {number:02d}", tags=["go"])
    expected = list(Talk.objects.order_by("title", "pk").values_list("slug", flat=True))

    pages = [slugs(client.get(LIST, {"sort": "title", "page": page})) for page in (1, 2, 3)]

    # page 1 comes from the cached order, pages 2 and 3 from the database
    assert pages[0] + pages[1] + pages[2] == expected
    assert [slugs(client.get(LIST, {"sort": "title", "page": 1}))] == [pages[0]]


def test_cached_order_page_costs_a_fixed_number_of_queries(
    client, db, monkeypatch, django_assert_num_queries, without_page_cache
):
    from talks.views import catalogue as views

    monkeypatch.setattr(views, "CACHED_ORDER_PAGES", 1)
    for _ in range(25):
        TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    client.get(LIST, {"q": "talk"})
    cache.clear()
    # the best matches' ids, facets with the ids in order, then the page by id with
    # credits, tags, links
    with django_assert_num_queries(6):
        client.get(LIST, {"q": "talk"})
    # once cached: only the page
    with django_assert_num_queries(4):
        response = client.get(LIST, {"q": "talk"})
    assert len(response.context["talks"]) == 20


def test_list_search_for_stop_words_only_finds_nothing(client, sample_conference):
    response = client.get(LIST, {"q": "the and of", "sort": "relevance"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 0
