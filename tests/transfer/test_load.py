"""transfer.load: a Catalogue shared by the conferences of one run."""

import pytest

from speakers.models import Speaker
from talks import search
from talks.models import Talk
from tests.factories import SpeakerFactory, TalkFactory
from transfer.load import Catalogue, ImportProblem, import_conference
from transfer.records import ConferenceRecord, SpeakerRecord, TalkRecord


def conference(slug, *talks):
    return ConferenceRecord(name=slug.title(), slug=slug, talks=list(talks))


def talk(key, title, *speakers, slug=None):
    return TalkRecord(
        key=key, title=title, slug=slug, speakers=[SpeakerRecord(name) for name in speakers]
    )


@pytest.mark.django_db
def test_catalogue_forgets_what_a_rolled_back_import_wrote():
    TalkFactory(slug="taken")
    catalogue = Catalogue()
    failing = conference("a-2020", talk("a1", "First", "Zed Zimmer", slug="taken"))
    with pytest.raises(ImportProblem, match=r"the slug 'taken' is taken"):
        import_conference(failing, catalogue=catalogue)

    import_conference(conference("b-2021", talk("b1", "Second", "Zed Zimmer")), catalogue=catalogue)

    zed = Speaker.objects.get(name="Zed Zimmer")
    assert list(zed.talks.values_list("title", flat=True)) == ["Second"]


@pytest.mark.django_db
def test_catalogue_keeps_what_each_conference_wrote_for_the_next():
    SpeakerFactory(name="Ana López", slug="ana-lopez")
    catalogue = Catalogue()

    import_conference(
        conference("a-2020", talk("a1", "One", "ana lopez", "Bo")), catalogue=catalogue
    )
    import_conference(
        conference("b-2021", talk("b1", "One", "Bo", "Ana Lopez")), catalogue=catalogue
    )

    assert sorted(Speaker.objects.values_list("slug", flat=True)) == ["ana-lopez", "bo"]
    assert sorted(Talk.objects.values_list("slug", flat=True)) == ["one", "one-2"]
    assert Speaker.objects.get(slug="bo").talks.count() == 2


@pytest.mark.django_db
def test_a_speakers_new_company_reaches_their_talks_in_other_conferences():
    catalogue = Catalogue()
    import_conference(conference("a-2020", talk("a1", "Caching", "Jane Doe")), catalogue=catalogue)
    later = talk("b1", "Queues", "Jane Doe")
    later.speakers[0].company = "Initech"

    import_conference(conference("b-2021", later), catalogue=catalogue)

    terms = search.parse_query("initech")
    assert sorted(search.search(Talk.objects.all(), terms).values_list("title", flat=True)) == [
        "Caching",
        "Queues",
    ]
