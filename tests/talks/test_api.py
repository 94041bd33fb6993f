import re

import pytest
from django.core.cache import cache
from jsonschema import Draft202012Validator

from talks.models import Link, Talk
from talks.schemas import talk_data
from talks.search import suggest
from tests.factories import SpeakerFactory, TalkFactory


@pytest.fixture
def openapi(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


def validate(openapi, response, status=200):
    """Check a response against the schema the API itself publishes for that status."""
    path = response.request["PATH_INFO"]
    template = next(
        candidate
        for candidate in openapi["paths"]
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", candidate), path)
    )
    schema = openapi["paths"][template]["get"]["responses"][str(status)]["content"][
        "application/json"
    ]["schema"]
    validator = Draft202012Validator({**schema, "components": openapi["components"]})
    validator.validate(response.json())
    return response.json()


def test_api_talks_lists_talks_valid_against_the_schema(client, sample_conference, openapi):
    response = client.get("/api/talks")

    data = validate(openapi, response)
    assert data["count"] == 8
    assert data["pages"] == 1
    assert [item["slug"] for item in data["items"]][:2] == [
        "towards-a-containerized-future",
        "distributed-systems-with-almost-no-consensus",
    ]


def test_api_talk_shape(client, sample_conference, openapi):
    data = validate(openapi, client.get("/api/talks/docker-content-trust"))

    assert data["title"] == "Docker content trust"
    assert data["url"] == "/talks/docker-content-trust/"
    assert data["conference"] == {
        "slug": "sample-camp-london-2015",
        "name": "Sample Camp London 2015",
        "url": "/conferences/sample-camp-london-2015/",
    }
    assert data["speakers"] == [
        {
            "slug": "diogo-monica",
            "name": "Diogo Mónica",
            "url": "/speakers/diogo-monica/",
            "company": {"slug": "docker", "name": "Docker"},
        }
    ]
    assert {tag["slug"] for tag in data["tags"]} >= {"security"}
    assert data["recommended"] is True
    assert data["has_video"] is False
    assert data["links"][1] == {
        "kind": "reference",
        "url": "https://github.com/notaryproject/notary",
        "label": "Notary",
    }


def test_talk_data_is_the_api_shape(sample_conference, client):
    talk = Talk.objects.for_list().get(slug="container-visibility")

    assert client.get("/api/talks/container-visibility").json() == {
        **talk_data(talk),
        "recorded_on": None,
    }


def test_api_talks_search_and_filters(client, sample_conference, openapi):
    data = validate(openapi, client.get("/api/talks", {"q": "notary or consensus"}))
    assert {item["slug"] for item in data["items"]} == {
        "docker-content-trust",
        "distributed-systems-with-almost-no-consensus",
    }

    data = validate(openapi, client.get("/api/talks", {"tag": ["security", "images"]}))
    assert [item["slug"] for item in data["items"]] == ["docker-content-trust"]

    data = validate(openapi, client.get("/api/talks", {"recommended": "true", "sort": "title"}))
    titles = [item["title"] for item in data["items"]]
    assert titles == sorted(titles)
    assert data["count"] == Talk.objects.recommended().count()
    old = validate(openapi, client.get("/api/talks", {"starred": "true", "sort": "title"}))
    assert old == data  # the old name still works


def test_api_talks_paginates_with_links(client, db, openapi):
    for _ in range(5):
        TalkFactory()

    data = validate(openapi, client.get("/api/talks", {"page_size": 2, "page": 2}))

    assert data["count"] == 5
    assert data["pages"] == 3
    assert len(data["items"]) == 2
    assert data["next"] == "http://testserver/api/talks?page_size=2&page=3"
    assert data["previous"] == "http://testserver/api/talks?page_size=2&page=1"


def test_api_page_past_the_end_is_empty(client, db, openapi):
    TalkFactory()

    data = validate(openapi, client.get("/api/talks", {"page": 9}))

    assert data["items"] == []
    assert data["next"] is None


def test_api_unknown_talk_is_a_json_404(client, db, openapi):
    response = client.get("/api/talks/nope")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    validate(openapi, response, status=404)


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page_size": "1000"},
        {"starred": "maybe"},
        {"sort": "drop table"},
    ],
)
def test_api_bad_parameters_are_a_json_422(client, db, query):
    response = client.get("/api/talks", query)

    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_api_odd_search_text_is_not_an_error(client, sample_conference, openapi):
    data = validate(openapi, client.get("/api/talks", {"q": "'\"; DROP TABLE x; --" * 500}))

    assert data["count"] == 0


def test_api_unknown_path_is_a_json_404(client, db):
    response = client.get("/api/nothing/here")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_api_speakers_tags_and_conferences(client, sample_conference, openapi):
    speakers = validate(openapi, client.get("/api/speakers"))
    tags = validate(openapi, client.get("/api/tags"))
    conferences = validate(openapi, client.get("/api/conferences"))

    assert speakers["count"] == 8
    assert speakers["items"][0]["name"] == "Arjan Schaaf"
    assert speakers["items"][0]["talk_count"] == 1
    assert tags["count"] == 12
    assert tags["items"][0]["talk_count"] >= tags["items"][-1]["talk_count"]
    assert conferences["items"][0]["slug"] == "sample-camp-london-2015"
    assert conferences["items"][0]["talk_count"] == 8


def test_api_docs_are_served_without_external_urls(client, db):
    response = client.get("/api/docs")
    html = response.content.decode()

    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert re.findall(r"""(?:src|href)=["'](https?:)?//""", html) == []
    assert '"validatorUrl": null' in html


def test_api_openapi_lists_every_endpoint(openapi):
    assert set(openapi["paths"]) == {
        "/api/talks",
        "/api/talks/{slug}",
        "/api/speakers",
        "/api/tags",
        "/api/conferences",
    }


def make_talks(count):
    for _ in range(count):
        talk = TalkFactory(tags=["go", "dns"], speakers=[SpeakerFactory()])
        Link.objects.create(talk=talk, kind=Link.Kind.RECORDING, url="https://x.org/v")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/api/talks", 5),  # count, page, credits, tags, links
        ("/api/talks?q=talk&tag=go&has_video=1", 6),  # plus the tag ids
        ("/api/talks/talk-slug", 4),  # talk, credits, tags, links
        ("/api/speakers", 2),  # count, page
        ("/api/tags", 2),
        ("/api/conferences", 2),
    ],
)
def test_api_query_counts_do_not_grow_with_items(
    client, db, django_assert_num_queries, url, expected
):
    # As many talks as a search must find to be offered no "Did you mean …?" (its queries
    # are counted in test_search_suggestions), then more.
    make_talks(suggest.LITTLE)
    Talk.objects.filter(pk=Talk.objects.first().pk).update(slug="talk-slug")
    client.get(url)
    cache.clear()
    with django_assert_num_queries(expected):
        client.get(url)

    make_talks(3)
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("slug", ["%00", "a%00b", "%C3%A9", "x'%20OR%201=1"])
def test_api_odd_talk_slugs_are_a_json_404(client, db, slug):
    response = client.get(f"/api/talks/{slug}")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_api_empty_sort_means_the_default(client, db):
    TalkFactory()

    assert client.get("/api/talks", {"sort": ""}).status_code == 200


def test_api_talks_any_of_tags(client, db, openapi):
    TalkFactory(slug="signing", tags=["security"])
    TalkFactory(slug="overlay", tags=["networking"])
    TalkFactory(slug="storage", tags=["storage"])

    query = {"tag": ["security", "networking"], "match": "any"}
    data = validate(openapi, client.get("/api/talks", query))
    assert {item["slug"] for item in data["items"]} == {"signing", "overlay"}
    assert client.get("/api/talks", {"tag": "security", "match": "some"}).status_code == 422


# A search combined with an unknown tag is an empty page, never a server error (issue 13).


@pytest.mark.parametrize("sort", ["", "relevance", "stars", "newest", "title", "writeup"])
def test_api_search_with_an_unknown_tag_is_an_empty_page(client, sample_conference, sort):
    response = client.get(
        "/api/talks", {"q": "docker", "tag": ["nosuch", "security"], "sort": sort}
    )

    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["items"] == []


def test_search_with_a_known_tag_still_finds_talks(client, sample_conference):
    response = client.get("/api/talks", {"q": "docker", "tag": "security"})

    assert response.status_code == 200
    assert response.json()["count"] > 0
