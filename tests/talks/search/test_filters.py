from django.http import QueryDict

from talks.models import Link, Talk
from talks.search.filters import TalkFilters
from tests.factories import (
    CompanyFactory,
    ConferenceFactory,
    LinkFactory,
    SpeakerFactory,
    TalkFactory,
)


def filtered(query):
    filters = TalkFilters.from_query(QueryDict(query))
    return list(filters.order(filters.apply(Talk.objects.all())))


def test_filters_read_every_parameter():
    filters = TalkFilters.from_query(
        QueryDict(
            "q=raft&tag=Go&tag=dns&tag=go&speaker=ada&company=acme&conference=cc"
            "&starred=1&has_video=yes&sort=title"
        )
    )

    assert filters == TalkFilters(
        q="raft",
        tags=["go", "dns"],
        speaker="ada",
        company="acme",
        conference="cc",
        recommended=True,
        has_video=True,
        sort="title",
    )


def test_filters_ignore_an_unknown_sort():
    assert TalkFilters.from_query(QueryDict("sort=drop")).sort == ""


def test_sort_defaults_to_relevance_only_when_searching():
    assert TalkFilters.from_query(QueryDict("q=raft")).sort_key == "relevance"
    assert TalkFilters.from_query(QueryDict("")).sort_key == "writeup"
    assert TalkFilters.from_query(QueryDict("sort=relevance")).sort_key == "writeup"


def test_tag_filters_need_every_tag(db):
    both = TalkFactory(tags=["go", "dns"])
    TalkFactory(tags=["go"])
    TalkFactory(tags=["dns"])

    assert filtered("tag=go&tag=dns") == [both]


def test_search_combines_with_tag_and_starred(db):
    wanted = TalkFactory(title="Raft in Go", tags=["go"], recommended=True)
    TalkFactory(title="Raft in Go, unstarred", tags=["go"])
    TalkFactory(title="Raft elsewhere", tags=["rust"], recommended=True)
    TalkFactory(title="Paxos in Go", tags=["go"], recommended=True)

    assert filtered("q=raft&tag=go&starred=1") == [wanted]


def test_speaker_and_company_filters_combine(db):
    acme = CompanyFactory(slug="acme")
    ada = SpeakerFactory(slug="ada", company=acme)
    bob = SpeakerFactory(slug="bob", company=acme)
    by_ada = TalkFactory(speakers=[ada])
    TalkFactory(speakers=[bob])
    TalkFactory(speakers=[SpeakerFactory()])

    assert filtered("speaker=ada&company=acme") == [by_ada]
    assert len(filtered("company=acme")) == 2


def test_conference_filter(db):
    talk = TalkFactory(conference=ConferenceFactory(slug="cc"))
    TalkFactory()

    assert filtered("conference=cc") == [talk]


def test_has_video_keeps_talks_with_a_recording(db):
    with_video = TalkFactory()
    LinkFactory(talk=with_video, kind=Link.Kind.RECORDING, url="https://youtu.be/dQw4w9WgXcQ")
    slides_only = TalkFactory()
    LinkFactory(talk=slides_only, kind=Link.Kind.SLIDES)

    assert filtered("has_video=1") == [with_video]


def test_sort_by_title_and_newest(db):
    old = TalkFactory(title="Beta", conference=ConferenceFactory(year=2014))
    new = TalkFactory(title="Alpha", conference=ConferenceFactory(year=2016))

    assert filtered("sort=title") == [new, old]
    assert filtered("sort=newest") == [new, old]
    assert filtered("sort=writeup") == [old, new]


def test_unknown_slugs_give_no_talks(db):
    TalkFactory(tags=["go"])

    assert filtered("tag=nope") == []
    assert filtered("speaker=nope&company=nope") == []


def test_any_of_tags_lists_talks_with_either_tag(db):
    security = TalkFactory(title="Signing", tags=["security"])
    networking = TalkFactory(title="Overlay", tags=["networking"])
    TalkFactory(title="Storage", tags=["storage"])

    assert filtered("tag=security&tag=networking&match=any") == [security, networking]
    assert filtered("tag=security&tag=networking") == []


def test_any_of_tags_ignores_unknown_tags_but_not_all_of_them(db):
    security = TalkFactory(tags=["security"])

    assert filtered("tag=security&tag=nosuch&match=any") == [security]
    assert filtered("tag=nosuch&tag=other&match=any") == []
    assert filtered("q=anything&tag=nosuch&match=any") == []


def test_any_of_tags_reads_as_or():
    filters = TalkFilters.from_query(QueryDict("tag=security&tag=networking&match=ANY"))
    assert filters.match_any
    assert filters.tags_text == "security or networking"
    assert TalkFilters.from_query(QueryDict("tag=a&tag=b&match=junk")).tags_text == "a and b"
