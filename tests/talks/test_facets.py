from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from taggit.models import TaggedItem

from talks import facets
from talks.filters import TalkFilters
from talks.models import Talk, TalkSpeaker
from tests.factories import CompanyFactory, SpeakerFactory, TalkFactory


def matching(query):
    return TalkFilters.from_query(QueryDict(query)).apply(Talk.objects.all())


def test_tag_facets_count_tags_among_the_results(db):
    TalkFactory(tags=["go", "dns"], recommended=True)
    TalkFactory(tags=["go"], recommended=True)
    TalkFactory(tags=["go", "rust"])

    assert facets.tag_facets(matching("starred=1")) == [
        facets.Facet("go", "go", 2),
        facets.Facet("dns", "dns", 1),
    ]


def test_tag_facet_counts_equal_a_direct_count(container_camp):
    talks = matching("q=docker")
    content_type = ContentType.objects.get_for_model(Talk)

    for facet in facets.tag_facets(talks):
        direct = TaggedItem.objects.filter(
            content_type=content_type, tag__slug=facet.slug, object_id__in=talks.values("pk")
        ).count()
        assert facet.count == direct == talks.tagged(facet.slug).count()


def test_speaker_and_company_facet_counts_equal_a_direct_count(container_camp):
    talks = matching("tag=security")

    for facet in facets.speaker_facets(talks):
        assert facet.count == talks.by_speaker(facet.slug).count()
    for facet in facets.company_facets(talks):
        assert facet.count == talks.by_company(facet.slug).count()
    assert sum(facet.count for facet in facets.speaker_facets(talks)) == (
        TalkSpeaker.objects.filter(talk__in=talks).count()
    )


def test_company_facet_counts_a_talk_once_for_two_colleagues(db):
    acme = CompanyFactory(slug="acme", name="Acme")
    TalkFactory(speakers=[SpeakerFactory(company=acme), SpeakerFactory(company=acme)])

    assert facets.company_facets(Talk.objects.all()) == [facets.Facet("acme", "Acme", 1)]


def test_facets_of_no_results_are_empty(db):
    TalkFactory(tags=["go"])

    assert facets.tag_facets(matching("tag=nope")) == []
    assert facets.speaker_facets(matching("tag=nope")) == []


def test_facets_take_one_query_each(db, django_assert_num_queries):
    TalkFactory(tags=["go"], speakers=[SpeakerFactory()])
    talks = matching("q=talk&tag=go")
    ContentType.objects.get_for_model(Talk)

    with django_assert_num_queries(3):
        facets.tag_facets(talks)
        facets.speaker_facets(talks)
        facets.company_facets(talks)
