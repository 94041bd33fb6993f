"""The catalogue's pages (talks/views/catalogue.py): home, the talk list with its search,
filters and facets, talk, tag, speaker and conference pages."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from talks import services
from talks.models import Link, Talk
from tests.factories import (
    SAMPLE_PLAYLIST,
    ConferenceFactory,
    LinkFactory,
    SpeakerFactory,
    TalkFactory,
)

LIST = reverse("talks:list")


def slugs(response):
    return [talk.slug for talk in response.context["talks"]]


def titles(response):
    return [talk.title for talk in response.context["talks"]]


def test_home_shows_the_only_conference_and_its_talks(client, sample_conference):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["conference"] == sample_conference
    assert len(response.context["talks"]) == 8
    assert "September 2015" in response.text


def test_home_lists_conferences_once_there_are_several(client, sample_conference):
    other = ConferenceFactory(name="PyCon Test", year=2014)  # older: listed after
    response = client.get("/")
    assert list(response.context["conferences"]) == [sample_conference, other]


def test_talk_list_shows_all_talks_in_writeup_order(client, sample_conference):
    response = client.get(reverse("talks:list"))
    assert response.status_code == 200
    assert titles(response)[:3] == [
        "Towards a Containerized Future",
        "Distributed systems with (almost) no consensus",
        "Kubernetes",
    ]


def test_talk_list_tag_filter_lists_security_talks_only(client, sample_conference):
    response = client.get("/talks/?tag=security")
    assert titles(response) == [
        "Lessons learnt from running potentially malicious code",
        "Docker content trust",
    ]
    assert "Kubernetes" not in titles(response)


def test_talk_list_repeated_tags_mean_all_of_them(client, sample_conference):
    response = client.get("/talks/?tag=kubernetes&tag=networking")
    assert titles(response) == ["Docker network performance in the public cloud"]


def test_talk_list_recommended_filter_shows_recommended_talks(client, sample_conference):
    response = client.get("/talks/?recommended=1")
    assert len(titles(response)) == 5
    assert all(talk.recommended for talk in response.context["talks"])


def test_talk_list_old_starred_links_still_mean_recommended(client, sample_conference):
    old = client.get("/talks/?starred=1")
    assert titles(old) == titles(client.get("/talks/?recommended=1"))
    assert 'href="?recommended=1' not in old.text  # the chip removes the old name too
    assert "Recommended only" in old.text


def test_talk_list_speaker_filter(client, sample_conference):
    response = client.get("/talks/?speaker=diogo-monica")
    assert titles(response) == ["Docker content trust"]


def test_talk_list_filters_combine(client, sample_conference):
    response = client.get("/talks/?tag=monitoring&starred=1")
    assert titles(response) == [
        "Lessons learnt from running potentially malicious code",
        "Container visibility",
    ]


def test_talk_list_unknown_tag_says_nothing_matches(client, sample_conference):
    response = client.get("/talks/?tag=does-not-exist")
    assert response.status_code == 200
    assert titles(response) == []
    assert "No talks match" in response.text
    assert "Try removing a filter" in response.text


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?page=-1",
        "?page=",
        "?tag=" + "x" * 5000,
        "?tag=%00%01",
        "?tag=' OR 1=1 --",
        "?speaker=%00",
        "?starred=maybe",
        "?tag=a&tag=b&tag=c&tag=d&tag=e&tag=f&tag=g&tag=h&tag=i&tag=j&tag=k&tag=l",
        "?%ff=%fe",
    ],
)
def test_talk_list_junk_query_strings_give_a_normal_page(client, sample_conference, query):
    response = client.get("/talks/" + query)
    assert response.status_code == 200


def test_talk_list_out_of_range_page_shows_the_last_page(client, db):
    conference = ConferenceFactory()
    TalkFactory.create_batch(25, conference=conference)
    response = client.get("/talks/?page=99999")
    assert response.context["page_obj"].number == 2
    assert len(response.context["talks"]) == 5


def test_pagination_links_keep_the_filters(client, db):
    TalkFactory.create_batch(25, tags=["security"])
    response = client.get("/talks/?tag=security&starred=")
    assert 'href="?tag=security&amp;starred=&amp;page=2"' in response.text


def test_talk_detail_shows_speakers_company_star_tags_summary_and_neighbours(
    client, sample_conference
):
    response = client.get("/talks/lessons-learnt-from-running-potentially-malicious-code/")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Lessons learnt from running potentially malicious code</h1>" in page
    assert "Ben Hall" in page
    assert "(Ocelot Uproar)" in page
    assert ">Recommended</span>" in page
    assert 'href="/tags/security/"' in page
    assert "<strong>shutting down the host from a container</strong>" in page
    assert "<code>--ulimit nproc</code>" in page
    assert response.context["previous_talk"].title == (
        "Docker network performance in the public cloud"
    )
    assert response.context["next_talk"].title == "Docker content trust"


def test_talk_detail_links_the_conference_playlist_without_playing_it(client, sample_conference):
    response = client.get("/talks/kubernetes/")
    assert "It is in the <a href=" in response.text
    assert f'href="{SAMPLE_PLAYLIST}"' in response.text
    assert "data-embed-url" not in response.text  # no play box for another talk's video
    assert "<iframe" not in response.text


def test_talk_detail_embeds_its_own_recording_on_request_only(client, db):
    talk = TalkFactory()
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/d9BAUBEyFgM")
    response = client.get(talk.get_absolute_url())
    assert "Play the recording" in response.text
    assert 'href="https://www.youtube.com/watch?v=d9BAUBEyFgM"' in response.text
    assert "<iframe" not in response.text


def test_first_and_last_talks_have_one_neighbour(client, sample_conference):
    first = client.get("/talks/towards-a-containerized-future/")
    last = client.get("/talks/containers-at-hyperspeed/")
    assert first.context["previous_talk"] is None
    assert first.context["next_talk"].slug == "distributed-systems-with-almost-no-consensus"
    assert last.context["previous_talk"].slug == "container-visibility"
    assert last.context["next_talk"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/talks/no-such-talk/",
        "/speakers/nobody/",
        "/tags/no-such-tag/",
        "/conferences/nowhere/",
        "/companies/nobody-inc/",
        "/talks/%E2%98%85/",
    ],
)
def test_unknown_slugs_give_a_friendly_404(client, sample_conference, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Not found" in response.text
    assert "Browse all talks" in response.text


def test_tag_list_shows_counts(client, sample_conference):
    response = client.get("/tags/")
    counts = {tag.name: tag.talk_count for tag in response.context["tags"]}
    assert counts["security"] == 2
    assert counts["networking"] == 2
    assert counts["kubernetes"] == 3


def test_tag_detail_lists_tagged_talks(client, sample_conference):
    response = client.get("/tags/networking/")
    assert titles(response) == [
        "Distributed systems with (almost) no consensus",
        "Docker network performance in the public cloud",
    ]


def test_conference_detail_lists_its_talks(client, sample_conference):
    response = client.get(sample_conference.get_absolute_url())
    assert len(titles(response)) == 8
    assert "Ada Writer" in response.text


def test_edits_show_on_the_public_pages_at_once(client, sample_conference):
    talk = Talk.objects.get(slug="kubernetes")
    client.get(talk.get_absolute_url())
    talk.title = "Kubernetes, renamed"
    services.save(talk)
    assert "<h1>Kubernetes, renamed</h1>" in client.get(talk.get_absolute_url()).text


def test_favicon_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")


# Enough talks for a second page (20 a page): a query per talk or per page would show.
MORE_THAN_A_PAGE = 25


def make_talks(count):
    conference = ConferenceFactory()
    for _ in range(count):
        speakers = [SpeakerFactory(), SpeakerFactory()]
        talk = TalkFactory(conference=conference, speakers=speakers, tags=["a", "b"])
        LinkFactory(talk=talk)
    return Talk.objects.filter(conference=conference).first()


@pytest.mark.parametrize("count", [1, MORE_THAN_A_PAGE])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/talks/", 5),
        ("/talks/?tag=a&tag=b&starred=", 6),
        ("/tags/", 1),
        ("/tags/a/", 6),
        ("/speakers/", 1),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, count, url, queries
):
    make_talks(count)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, MORE_THAN_A_PAGE])  # two: the detail page has a related talk
def test_home_and_detail_pages_run_a_fixed_number_of_queries(
    client, db, django_assert_num_queries, count
):
    talk = make_talks(count)
    with django_assert_num_queries(8):
        assert client.get("/").status_code == 200
    with django_assert_num_queries(12):
        assert client.get(talk.get_absolute_url()).status_code == 200
    speaker = talk.speaker_list()[0]
    company_url = speaker.company.get_absolute_url()
    with django_assert_num_queries(5):
        assert client.get(speaker.get_absolute_url()).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(company_url).status_code == 200


def test_any_of_tags_page_counts_what_each_tag_would_give(client, db):
    TalkFactory(title="Signing", tags=["security"])
    TalkFactory(title="Scanning", tags=["security", "images"])
    TalkFactory(title="Overlay", tags=["networking"])
    TalkFactory(title="Storage", tags=["storage"])

    response = client.get("/talks/?tag=security&tag=networking&match=any")

    assert titles(response) == ["Signing", "Scanning", "Overlay"]
    # Disjunctive: each tag counts the talks it would add, not those among the results.
    counts = {facet.slug: facet.count for facet in response.context["tag_facets"]}
    assert counts == {"security": 2, "networking": 1, "images": 1, "storage": 1}
    assert "Talks tagged security or networking" in response.text
    assert ">or networking <" in response.text  # the second chip
    assert 'href="?tag=security&amp;tag=networking&amp;tag=storage&amp;match=any"' in response.text


def test_all_of_tags_page_counts_within_the_results(client, db):
    TalkFactory(title="Scanning", tags=["security", "images"])
    TalkFactory(title="Signing", tags=["security"])

    response = client.get("/talks/?tag=security")

    counts = {facet.slug: facet.count for facet in response.context["tag_facets"]}
    assert counts == {"security": 2, "images": 1}
    assert 'href="?tag=security&amp;match=any"' in response.text


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
        ({"q": "talk"}, 5),
        # plus the ids of the tags
        ({"q": "talk", "tag": ["go", "dns"], "starred": "1", "has_video": "1", "sort": "title"}, 6),
    ],
)
def test_list_query_count_does_not_grow_with_talks(
    client, db, django_assert_num_queries, query, expected
):
    speaker = SpeakerFactory()
    TalkFactory(title="A talk", tags=["go", "dns"], speakers=[speaker], recommended=True)
    from talks.models import Link

    Link.objects.create(talk=Talk.objects.get(), kind=Link.Kind.RECORDING, url="https://x.org/v")
    list_page_queries(client, django_assert_num_queries, query, expected)

    for _ in range(3):
        talk = TalkFactory(
            title="Another talk", tags=["go", "dns"], speakers=[SpeakerFactory()], recommended=True
        )
        Link.objects.create(talk=talk, kind=Link.Kind.RECORDING, url="https://x.org/w")

    response = list_page_queries(client, django_assert_num_queries, query, expected)
    assert len(response.context["talks"]) == 4


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
    # facets with the ids in order, then the page by id with credits, tags, links
    with django_assert_num_queries(5):
        client.get(LIST, {"q": "talk"})
    # once cached: only the page
    with django_assert_num_queries(4):
        response = client.get(LIST, {"q": "talk"})
    assert len(response.context["talks"]) == 20


def test_list_search_for_stop_words_only_finds_nothing(client, sample_conference):
    response = client.get(LIST, {"q": "the and of", "sort": "relevance"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 0


# A search combined with an unknown tag is an empty result, never a server error (issue 13).


@pytest.mark.parametrize("sort", ["", "relevance", "stars", "newest", "title", "writeup"])
def test_page_search_with_an_unknown_tag_is_an_empty_list(client, sample_conference, sort):
    response = client.get("/talks/", {"q": "docker", "tag": "nosuch", "sort": sort})

    assert response.status_code == 200
    assert "No talks match" in response.text
