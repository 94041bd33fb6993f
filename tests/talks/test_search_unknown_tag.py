"""A search combined with an unknown tag is an empty result, never a server error (issue 13)."""

import pytest


@pytest.mark.parametrize("sort", ["", "relevance", "stars", "newest", "title", "writeup"])
def test_page_search_with_an_unknown_tag_is_an_empty_list(client, sample_conference, sort):
    response = client.get("/talks/", {"q": "docker", "tag": "nosuch", "sort": sort})

    assert response.status_code == 200
    assert "No talks match" in response.text


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
