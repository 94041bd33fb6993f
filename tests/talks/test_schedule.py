"""The schedule: its layout (talks.timetable), the schedule page, times on talk pages."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from talks import timetable
from talks.models import Conference, Talk
from tests.factories import (
    ConferenceFactory,
    SpeakerFactory,
    StarFactory,
    TalkFactory,
    UserFactory,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def at(day, hour, minute=0):
    """A moment of June 2024 on Berlin's clocks."""
    return datetime.datetime(2024, 6, day, hour, minute, tzinfo=BERLIN)


def slot(title, start, minutes, room, **fields):
    return TalkFactory(
        title=title,
        slug=fields.pop("slug", None) or title.lower().replace(" ", "-"),
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=minutes),
        room=room,
        **fields,
    )


@pytest.fixture
def conference(db):
    """DemoCon: two days, two rooms, a talk past midnight and a cancelled one."""
    conference = ConferenceFactory(slug="democon", name="DemoCon", time_zone="Europe/Berlin")
    ada = SpeakerFactory(name="Ada Lovelace", slug="ada")
    slot("Keynote", at(12, 9), 45, "Main Hall", conference=conference, speakers=[ada])
    slot("Rust", at(12, 10), 30, "Room B", conference=conference, track="Languages")
    slot("Django", at(12, 10), 30, "Main Hall", conference=conference, session_type="Talk")
    slot("Late night", at(12, 23, 30), 60, "Room B", conference=conference)
    slot("Gone", at(13, 10), 30, "Main Hall", conference=conference, cancelled=True)
    slot("Workshop", at(13, 10), 120, "Room B", conference=conference)
    TalkFactory(conference=conference, title="Hallway track", slug="hallway")  # no time
    return conference


def layout(days):
    return [
        (day.date.isoformat(), [
            (s.starts_at.astimezone(BERLIN).strftime("%H:%M"), [t.title for t in s.talks])
            for s in day.slots
        ])
        for day in days
    ]  # fmt: skip


def test_timetable_days_group_by_local_date_then_start_in_room_order(conference):
    talks = list(Talk.objects.filter(conference=conference).for_schedule())

    assert timetable.rooms_in_order(talks) == ["Main Hall", "Room B"]
    first_day = [("09:00", ["Keynote"]), ("10:00", ["Django", "Rust"]), ("23:30", ["Late night"])]
    assert layout(timetable.days(talks, BERLIN)) == [
        ("2024-06-12", first_day),
        ("2024-06-13", [("10:00", ["Gone", "Workshop"])]),
    ]


def test_timetable_days_follow_the_time_zone(conference):
    talks = list(Talk.objects.filter(conference=conference).for_schedule())

    tokyo = timetable.days(talks, zoneinfo.ZoneInfo("Asia/Tokyo"))

    assert [(day.date.day, [t.title for s in day.slots for t in s.talks]) for day in tokyo] == [
        (12, ["Keynote", "Django", "Rust"]),
        (13, ["Late night", "Gone", "Workshop"]),  # 23:30 in Berlin is 06:30 in Tokyo
    ]


@pytest.mark.parametrize(
    ("moment", "during", "now", "following"),
    [
        (at(12, 9, 30), True, ["Keynote"], ["Django", "Rust"]),
        (at(12, 9, 50), True, [], ["Django", "Rust"]),  # between talks
        (at(13, 0, 15), True, ["Late night"], ["Workshop"]),  # the cancelled one is skipped
        (at(13, 11, 0), True, ["Workshop"], []),
        (at(11, 23, 0), False, [], ["Keynote"]),
        (at(14, 9, 0), False, [], []),
    ],
)
def test_timetable_now_and_next(conference, moment, during, now, following):
    talks = list(Talk.objects.filter(conference=conference).for_schedule())

    result = timetable.now_and_next(talks, moment, BERLIN)

    assert (result.during, [t.title for t in result.now], [t.title for t in result.next]) == (
        during,
        now,
        following,
    )


def freeze(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_schedule_page_lists_days_slots_and_rooms(client, conference, monkeypatch):
    freeze(monkeypatch, at(1, 12))  # weeks before: no "now"

    response = client.get("/conferences/democon/schedule/")

    assert response.status_code == 200
    assert layout(response.context["days"]) == layout(
        timetable.days(list(Talk.objects.filter(conference=conference).for_schedule()), BERLIN)
    )
    assert response.context["now_and_next"].during is False
    assert "On now" not in response.text
    assert "Hallway track" not in response.text  # no time, not on the schedule
    html = response.text
    assert '<h2 id="day-2024-06-12-heading">Wednesday 12 June 2024</h2>' in html
    assert '<time datetime="2024-06-12T23:30:00+02:00">23:30</time>' in html
    assert '<li class="card slot-talk is-cancelled">' in html
    assert "times in Europe/Berlin" in html


def test_schedule_page_shows_what_is_on_now_and_next(client, conference, monkeypatch):
    freeze(monkeypatch, at(12, 9, 30))

    response = client.get("/conferences/democon/schedule/")

    now_and_next = response.context["now_and_next"]
    assert [talk.title for talk in now_and_next.now] == ["Keynote"]
    assert [talk.title for talk in now_and_next.next] == ["Django", "Rust"]
    assert "On now" in response.text
    assert '<time datetime="2024-06-12T10:00:00+02:00">Wed 10:00</time>' in response.text


def test_schedule_page_between_talks_says_nothing_is_on(client, conference, monkeypatch):
    freeze(monkeypatch, at(12, 9, 50))

    response = client.get("/conferences/democon/schedule/")

    assert "Nothing is on right now." in response.text


def test_schedule_page_marks_my_starred_talks(client, conference):
    reader = UserFactory()
    StarFactory(talk=Talk.objects.get(slug="rust"), user=reader)
    client.force_login(reader)

    response = client.get("/conferences/democon/schedule/")

    starred = [
        t.title
        for day in response.context["days"]
        for s in day.slots
        for t in s.talks
        if t.is_starred
    ]
    assert starred == ["Rust"]
    assert "(you starred it)" in response.text


def test_schedule_page_of_a_conference_without_times_is_not_found(client, db):
    TalkFactory(conference=ConferenceFactory(slug="untimed"))

    assert client.get("/conferences/untimed/schedule/").status_code == 404
    assert client.get("/conferences/nope/schedule/").status_code == 404


def test_schedule_page_has_no_inline_styles_or_scripts(client, conference):
    html = client.get("/conferences/democon/schedule/").text

    assert " style=" not in html
    assert "<script>" not in html and "<script " not in html.replace('<script src="', "")


@pytest.mark.parametrize("signed_in", [False, True])
def test_schedule_page_queries_do_not_grow_with_talks(
    client, db, django_assert_num_queries, signed_in
):
    reader = UserFactory()
    counts = []
    for number, size in enumerate([1, 3]):
        conference = ConferenceFactory(slug=f"c{number}", time_zone="Europe/Berlin")
        for n in range(size):
            talk = slot(
                f"Talk {number} {n}",
                at(12, 9 + n),
                30,
                f"Room {n}",
                conference=conference,
                speakers=[SpeakerFactory(), SpeakerFactory()],
            )
            StarFactory(talk=talk, user=reader)
        counts.append(conference.slug)
    if signed_in:
        client.force_login(reader)
    expected = 4 if signed_in else 3  # (user,) conference, talks, credits; sessions are cached

    for slug in counts:
        with django_assert_num_queries(expected):
            response = client.get(f"/conferences/{slug}/schedule/")
        assert response.status_code == 200


def test_talk_page_shows_time_room_and_changes_in_the_conference_time_zone(client, conference):
    talk = Talk.objects.get(slug="django")
    talk.schedule_change = "Moved from Room B, Wed 12 Jun 09:00"
    talk.save()

    html = client.get("/talks/django/").text

    assert '<time datetime="2024-06-12T10:00:00+02:00">Wednesday 12 June 2024, 10:00</time>' in html
    assert "· <strong>Main Hall</strong>" in html
    assert "Moved from Room B, Wed 12 Jun 09:00" in html
    assert 'href="/conferences/democon/schedule/"' in html
    assert 'class="badge badge-cancelled"' in client.get("/talks/gone/").text


def test_talk_page_without_a_time_shows_none(client, conference):
    html = client.get("/talks/hallway/").text

    assert 'class="talk-when"' not in html


def test_conference_page_links_its_schedule_only_when_it_has_times(client, conference):
    untimed = ConferenceFactory(slug="untimed")
    TalkFactory(conference=untimed)

    assert 'href="/conferences/democon/schedule/"' in client.get("/conferences/democon/").text
    assert "/schedule/" not in client.get("/conferences/untimed/").text
    assert Conference.objects.with_schedule_flag().get(slug="democon").has_schedule is True


def test_shared_schedule_page_changes_when_a_talk_starts(client, conference, monkeypatch):
    freeze(monkeypatch, at(12, 8, 50))
    before = client.get("/conferences/democon/schedule/")
    assert "Nothing is on right now." in before.text
    assert before["Cache-Control"] == "public, max-age=60"
    assert "Nothing is on right now." in client.get("/conferences/democon/schedule/").text

    freeze(monkeypatch, at(12, 9, 1))  # the keynote has started: the shared copy is stale
    after = client.get("/conferences/democon/schedule/")

    assert [talk.title for talk in after.context["now_and_next"].now] == ["Keynote"]
