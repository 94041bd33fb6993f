"""The plain search for SQLite without FTS5 (talks/search/fallback.py)."""

from django.urls import reverse

from talks import search
from talks.models import Talk
from talks.search import fallback, parse_query


def slugs_of(talks):
    return list(talks.order_by("-rank", "position").values_list("slug", flat=True))


def fallback_found(text):
    return slugs_of(fallback.search(Talk.objects.all(), parse_query(text)))


def test_fallback_finds_words_anywhere_in_the_document(sample_conference):
    assert fallback_found("notary") == ["docker-content-trust"]
    assert fallback_found("Boreham") == ["distributed-systems-with-almost-no-consensus"]
    assert fallback_found("ocelot") == ["lessons-learnt-from-running-potentially-malicious-code"]
    assert fallback_found("p2p") == ["containers-at-hyperspeed"]
    assert fallback_found('"bare metal"') == ["towards-a-containerized-future"]


def test_fallback_reads_exclusions_alternatives_and_stop_words(sample_conference):
    assert "docker-content-trust" not in fallback_found("security -docker")
    assert set(fallback_found("notary or consensus")) == {
        "docker-content-trust",
        "distributed-systems-with-almost-no-consensus",
    }
    assert fallback_found("the") == []
    assert len(fallback_found("-notary")) == 7


def test_list_without_fts5_still_searches(client, sample_conference, monkeypatch):
    monkeypatch.setattr(search, "backend", lambda: fallback)

    response = client.get(reverse("talks:list"), {"q": "consensus"})

    assert [talk.slug for talk in response.context["talks"]] == [
        "distributed-systems-with-almost-no-consensus"
    ]
    assert "<mark>" not in response.content.decode()
