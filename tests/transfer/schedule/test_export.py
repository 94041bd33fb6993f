"""Schedules out: frab XML valid against voc/schedule's XSD, iCalendar of a conference."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from icalendar import Calendar
from lxml import etree

from talks.models import Talk
from tests.factories import ConferenceFactory, SpeakerFactory, TalkFactory
from tests.transfer.conftest import REPO

SCHEMA = etree.XMLSchema(etree.parse(str(REPO / "transfer" / "schemas" / "schedule.xml.xsd")))


def validate(xml_bytes):
    """The parsed document, after asserting it is valid against the copied XSD."""
    document = etree.fromstring(xml_bytes)
    assert SCHEMA.validate(document), str(SCHEMA.error_log)
    return document


def import_schedule(path, **options):
    call_command("import_schedule", str(path), verbosity=0, **options)


def timetable(slug):
    """(title, start, end, room, speakers, cancelled) of a conference's timed talks."""
    return [
        (t.title, t.starts_at, t.ends_at, t.room, [s.name for s in t.speaker_list()], t.cancelled)
        for t in Talk.objects.filter(conference__slug=slug).for_schedule()
    ]


def test_the_copied_schema_accepts_the_frab_test_schedule(schedules):
    validate((schedules / "cdd23.xml").read_bytes())


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["democon2024.xml", "democon2024-changed.xml", "cdd23.json"])
def test_frab_export_of_an_imported_schedule_is_valid(client, schedules, name):
    import_schedule(schedules / name)
    slug = "cdd23" if name.startswith("cdd23") else "democon2024"

    response = client.get(f"/conferences/{slug}/schedule.xml")

    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = validate(response.content)
    events = document.findall("day/room/event")
    live = Talk.objects.filter(conference__slug=slug, cancelled=False)
    assert sorted(event.findtext("title") for event in events) == sorted(t.title for t in live)


@pytest.mark.django_db
def test_frab_export_keeps_guids_local_times_and_people(client, schedules):
    import_schedule(schedules / "democon2024.xml")

    document = validate(client.get("/conferences/democon2024/schedule.xml").content)

    assert [(day.get("index"), day.get("date")) for day in document.findall("day")] == [
        ("1", "2024-06-12"),
        ("2", "2024-06-13"),
    ]
    event = document.find("day/room/event[title='Scaling Django with PostgreSQL']")
    assert event.get("guid") == "0b6f1c52-8a1e-5d2b-9c43-000000000103"
    assert [event.findtext(tag) for tag in ("date", "start", "duration", "room", "track")] == [
        "2024-06-12T10:00:00+02:00",
        "10:00",
        "00:30",
        "Main Hall",
        "Web",
    ]
    assert [person.text for person in event.iterfind("persons/person")] == [
        "Grace Hopper",
        "José Núñez",
    ]
    assert [link.text for link in event.iterfind("links/link")] == [
        "Recording",
        "Slides",
        "Schedule page",
    ]


@pytest.mark.django_db
def test_frab_export_reads_back_to_the_same_timetable(client, schedules, tmp_path):
    import_schedule(schedules / "cdd23.xml")
    exported = tmp_path / "export.xml"
    exported.write_bytes(client.get("/conferences/cdd23/schedule.xml").content)

    import_schedule(exported, slug="cdd23-again")

    live = [row for row in timetable("cdd23") if not row[-1]]
    assert timetable("cdd23-again") == live


@pytest.mark.django_db
def test_frab_export_of_talks_entered_by_hand_is_valid(client):
    conference = ConferenceFactory(slug="by-hand")
    start = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
    TalkFactory(conference=conference, starts_at=start, speakers=[SpeakerFactory()])
    TalkFactory(conference=conference, starts_at=start, ends_at=start + datetime.timedelta(days=5))

    document = validate(client.get("/conferences/by-hand/schedule.xml").content)

    events = document.findall("day/room/event")
    assert [(e.findtext("room"), e.findtext("duration"), e.findtext("type")) for e in events] == [
        ("", "00:00", "Talk"),
        ("", "99:59", "Talk"),
    ]
    assert len({event.get("guid") for event in events}) == 2


@pytest.mark.django_db
def test_conference_ics_has_an_event_per_timed_talk(client, schedules):
    import_schedule(schedules / "democon2024.xml")
    import_schedule(schedules / "democon2024-changed.xml")

    response = client.get("/conferences/democon2024/schedule.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "DemoCon 2024"
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert len(events) == Talk.objects.count() == 8
    moved = events["Scaling Django with PostgreSQL"]
    talk = Talk.objects.get(slug="scaling-django-with-postgresql")
    assert (moved["UID"], moved["DTSTART"].dt, str(moved["LOCATION"])) == (
        f"talk-{talk.pk}@testserver",
        datetime.datetime(2024, 6, 12, 9, 0, tzinfo=datetime.UTC),
        "Room B",
    )
    assert str(moved["URL"]) == "http://testserver/talks/scaling-django-with-postgresql/"
    assert "Moved from Main Hall" in str(moved["DESCRIPTION"])
    assert str(events["Observability for small teams"]["STATUS"]) == "CANCELLED"


@pytest.mark.django_db
def test_schedule_exports_of_a_conference_without_times_are_not_found(client):
    TalkFactory(conference=ConferenceFactory(slug="untimed"))

    assert client.get("/conferences/untimed/schedule.ics").status_code == 404
    assert client.get("/conferences/untimed/schedule.xml").status_code == 404
    assert client.get("/conferences/nope/schedule.xml").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("options", [{"format": "frab"}, {"output": "schedule.xml"}])
def test_export_conference_as_frab(schedules, tmp_path, options):
    import_schedule(schedules / "cdd23.xml")
    out = io.StringIO()
    if "output" in options:
        options = {"output": str(tmp_path / options["output"])}

    call_command("export_conference", "cdd23", stdout=out, stderr=io.StringIO(), **options)

    data = (tmp_path / "schedule.xml").read_bytes() if "output" in options else out.getvalue()
    document = validate(data.encode() if isinstance(data, str) else data)
    assert document.findtext("conference/acronym") == "cdd23"


@pytest.mark.django_db
def test_export_conference_as_ical(schedules):
    import_schedule(schedules / "cdd23.xml")
    out = io.StringIO()

    call_command(
        "export_conference", "cdd23", format="ical", site_url="https://c.example", stdout=out
    )

    events = Calendar.from_ical(out.getvalue()).walk("VEVENT")
    assert len(events) == 6
    assert all(str(event["URL"]).startswith("https://c.example/talks/") for event in events)


@pytest.mark.django_db
def test_export_conference_schedule_of_a_conference_without_times():
    TalkFactory(conference=ConferenceFactory(slug="untimed"))

    with pytest.raises(CommandError, match="untimed has no talks with times"):
        call_command("export_conference", "untimed", format="frab")
