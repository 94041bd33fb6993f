import pytest
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from taggit.models import TaggedItem

from talks import services, version
from talks.models import Talk, TalkSpeaker
from talks.search import facets
from talks.search.facets import Facet, facets_of
from talks.search.filters import TalkFilters
from tests.factories import CompanyFactory, SpeakerFactory, TalkFactory


def matching(query):
    return TalkFilters.from_query(QueryDict(query)).apply(Talk.objects.all())


def test_facets_count_tags_among_the_results(db):
    TalkFactory(tags=["go", "dns"], recommended=True)
    TalkFactory(tags=["go"], recommended=True)
    TalkFactory(tags=["go", "rust"])

    result = facets_of(matching("starred=1"))

    assert result.count == 2
    assert result.tags == [Facet("go", "go", 2), Facet("dns", "dns", 1)]


def test_facets_of_all_talks(db):
    acme = CompanyFactory(slug="acme", name="Acme")
    ada = SpeakerFactory(slug="ada", name="Ada", company=acme)
    TalkFactory(tags=["go"], speakers=[ada])
    TalkFactory(tags=["go", "dns"], speakers=[ada])

    result = facets_of(Talk.objects.all())

    assert result.count == 2
    assert result.tags == [Facet("go", "go", 2), Facet("dns", "dns", 1)]
    assert result.speakers == [Facet("ada", "Ada", 2)]
    assert result.companies == [Facet("acme", "Acme", 2)]


def test_tag_facet_counts_equal_a_direct_count(sample_conference):
    talks = matching("q=docker")
    content_type = ContentType.objects.get_for_model(Talk)

    result = facets_of(talks)

    assert result.count == talks.count() > 0
    assert result.tags
    for facet in result.tags:
        direct = TaggedItem.objects.filter(
            content_type=content_type, tag__slug=facet.slug, object_id__in=talks.values("pk")
        ).count()
        assert facet.count == direct == talks.tagged(facet.slug).count()


def test_speaker_and_company_facet_counts_equal_a_direct_count(sample_conference):
    talks = matching("q=container")

    result = facets_of(talks)

    assert result.speakers and result.companies
    for facet in result.speakers:
        assert facet.count == talks.by_speaker(facet.slug).count()
    for facet in result.companies:
        assert facet.count == talks.by_company(facet.slug).count()
    assert sum(facet.count for facet in result.speakers) == (
        TalkSpeaker.objects.filter(talk__in=talks).count()
    )


def test_company_facet_counts_a_talk_once_for_two_colleagues(db):
    acme = CompanyFactory(slug="acme", name="Acme")
    TalkFactory(speakers=[SpeakerFactory(company=acme), SpeakerFactory(company=acme)])

    assert facets_of(Talk.objects.all()).companies == [Facet("acme", "Acme", 1)]


def test_facets_are_limited_to_the_most_used(db):
    for number in range(5):
        TalkFactory(tags=[f"tag{n}" for n in range(number + 1)])

    assert [facet.slug for facet in facets_of(Talk.objects.all(), limit=2).tags] == [
        "tag0",
        "tag1",
    ]


def test_facets_of_no_results_are_empty(db):
    TalkFactory(tags=["go"], speakers=[SpeakerFactory()])

    assert facets_of(matching("tag=nope")) == facets.Facets()


def test_facets_take_one_query(db, django_assert_num_queries):
    TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    talks = matching("q=talk&tag=go")
    ContentType.objects.get_for_model(Talk)

    with django_assert_num_queries(1):
        facets_of(talks)


def test_cached_facets_are_forgotten_when_data_changes(db, django_assert_num_queries):
    talk = TalkFactory(tags=["go"])
    assert facets_of(Talk.objects.all()).tags == [Facet("go", "go", 1)]
    with django_assert_num_queries(0):
        facets_of(Talk.objects.all())

    talk.tags.add("dns")
    services.saved(talk)

    assert facets_of(Talk.objects.all()).tags == [Facet("dns", "dns", 1), Facet("go", "go", 1)]


def test_cached_facets_are_forgotten_after_the_admin_stars_talks(admin_client, db):
    talk = TalkFactory()
    assert facets_of(matching("starred=1")).count == 0

    admin_client.post(
        "/admin/talks/talk/",
        {"action": "mark_recommended", "_selected_action": [talk.pk]},
    )

    assert facets_of(matching("starred=1")).count == 1


def test_uncached_facets_query_every_time(db, django_assert_num_queries):
    TalkFactory(tags=["go"])
    facets_of(Talk.objects.all(), cached=False)

    with django_assert_num_queries(1):
        result = facets_of(Talk.objects.all(), cached=False)
    assert result.count == 1


def test_losing_the_cache_version_never_revives_old_counts(db):
    from django.core.cache import cache

    TalkFactory()
    assert facets_of(Talk.objects.all()).count == 1
    TalkFactory()
    cache.delete(version.KEY)  # evicted, say

    assert facets_of(Talk.objects.all()).count == 2


@pytest.mark.parametrize(
    "query",
    [
        "q=container",
        "q=docker",
        "starred=1",
        "q=container&sort=title",
        "starred=1&sort=newest",
        "q=security&sort=writeup",
    ],
)
def test_first_ids_come_with_the_facets_in_the_order_asked(sample_conference, query):
    filters = TalkFilters.from_query(QueryDict(query))
    talks = filters.apply(Talk.objects.all())
    ordered = filters.order(talks)

    result = facets_of(talks, ordered=ordered, first=5, cached=False)

    expected = list(ordered.values_list("pk", flat=True)[:5])
    assert result.first_ids == expected
    assert len(expected) == min(5, result.count) > 0


def test_first_ids_of_no_results_are_empty(db):
    talks = matching("tag=nope")

    assert facets_of(talks, ordered=talks.order_by("title"), first=5).first_ids == []


def test_facets_with_first_ids_take_one_query(db, django_assert_num_queries):
    for _ in range(3):
        TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    talks = matching("q=talk&tag=go")
    ContentType.objects.get_for_model(Talk)

    with django_assert_num_queries(1):
        result = facets_of(talks, ordered=talks.order_by("-pk"), first=2, cached=False)

    assert result.first_ids == list(talks.order_by("-pk").values_list("pk", flat=True)[:2])
