"""The catalogue's pages (talks/views/catalogue.py): home, the talk list and its filters, talk,
tag, speaker and conference pages. The list's search and facets: test_catalogue_search.py."""

import pytest
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


# A search combined with an unknown tag is an empty result, never a server error (issue 13).


@pytest.mark.parametrize("sort", ["", "relevance", "stars", "newest", "title", "writeup"])
def test_page_search_with_an_unknown_tag_is_an_empty_list(client, sample_conference, sort):
    response = client.get("/talks/", {"q": "docker", "tag": "nosuch", "sort": sort})

    assert response.status_code == 200
    assert "No talks match" in response.text
