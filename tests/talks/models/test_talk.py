"""Talk querysets: `playable`, written as SQL (talks.models.expressions), picks the talks that
can play, on cards and in the video filter alike. (Star counts, also written as SQL:
tests/talks/models/test_reader.py.)"""

import pytest

from talks.models import Link, Talk
from tests.factories import (
    ConferenceFactory,
    LinkFactory,
    TalkFactory,
)


@pytest.fixture
def every_kind_of_talk(db):
    """Talks that can play for each reason, and talks that cannot for each reason."""
    with_playlist, without_playlist = ConferenceFactory(), ConferenceFactory()
    LinkFactory(talk=None, conference=with_playlist, kind=Link.Kind.PLAYLIST)
    LinkFactory(talk=None, conference=without_playlist, kind=Link.Kind.NOTES)
    talks = {
        "own recording": TalkFactory(conference=without_playlist),
        "place in a playlist": TalkFactory(conference=with_playlist, playlist_position=3),
        "both": TalkFactory(conference=with_playlist, playlist_position=1),
        "no place in the playlist": TalkFactory(conference=with_playlist),
        "place, no playlist": TalkFactory(conference=without_playlist, playlist_position=2),
        "slides only": TalkFactory(conference=without_playlist),
        "nothing": TalkFactory(conference=without_playlist),
    }
    for name in ("own recording", "both"):
        LinkFactory(talk=talks[name], kind=Link.Kind.RECORDING)
    LinkFactory(talk=talks["slides only"], kind=Link.Kind.SLIDES)
    return talks


def test_playable_on_cards_is_what_the_video_filter_picks(every_kind_of_talk):
    cards = {talk.pk: talk.playable for talk in Talk.objects.for_list()}
    filtered = set(Talk.objects.with_video().values_list("pk", flat=True))

    assert {pk for pk, playable in cards.items() if playable} == filtered
    assert {name for name, talk in every_kind_of_talk.items() if cards[talk.pk]} == {
        "own recording",
        "place in a playlist",
        "both",
    }


def test_playable_holds_in_a_filtered_joined_and_nested_query(every_kind_of_talk):
    talk = every_kind_of_talk["place in a playlist"]
    joined = Talk.objects.filter(links__kind=Link.Kind.RECORDING).for_list()
    nested = Talk.objects.filter(pk__in=Talk.objects.for_list().values("pk")).for_list()

    assert Talk.objects.for_list().get(pk=talk.pk).playable is True
    assert {t.playable for t in joined} == {True}
    assert sum(t.playable for t in nested) == 3
