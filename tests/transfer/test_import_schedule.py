"""manage.py import_schedule: schedules into the database, again, and changed."""

import datetime
import io
import zoneinfo

import pytest
from django.core.management import CommandError, call_command

from speakers.models import Speaker
from talks.models import Conference, Link, Note, Star, Talk
from tests.factories import NoteFactory, SpeakerFactory, StarFactory, TalkFactory
from tests.transfer.snapshot import database_state

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def import_schedule(source, *args, **options):
    """Run the command; returns what it printed."""
    out = io.StringIO()
    options.setdefault("verbosity", 1)
    call_command("import_schedule", str(source), *args, stdout=out, **options)
    return out.getvalue()


def local(talk):
    """ "Wed 10:00–10:30 Main Hall" in Berlin time."""
    start, end = talk.starts_at.astimezone(BERLIN), talk.ends_at.astimezone(BERLIN)
    return f"{start:%a %H:%M}–{end:%H:%M} {talk.room}"


@pytest.mark.django_db
def test_import_schedule_creates_the_conference_and_its_timed_talks(schedules):
    output = import_schedule(schedules / "democon2024.xml")

    assert output == (
        "democon2024: 7 talks were created, 0 updated, 0 unchanged. "
        "2 items that are not talks were skipped.\n"
    )
    conference = Conference.objects.get()
    assert (conference.slug, conference.name, conference.time_zone, conference.when) == (
        "democon2024",
        "DemoCon 2024",
        "Europe/Berlin",
        "12–13 June 2024",
    )
    talks = list(Talk.objects.for_list().order_by("starts_at", "room"))
    assert [(t.title, local(t), [s.name for s in t.speaker_list()]) for t in talks] == [
        ("Opening keynote: Software that lasts", "Wed 09:00–09:45 Main Hall", ["Ada Lovelace"]),
        (
            "Scaling Django with PostgreSQL",
            "Wed 10:00–10:30 Main Hall",
            ["Grace Hopper", "José Núñez"],
        ),
        ("Rust für Pythonistas", "Wed 10:00–10:30 Room B", ["Karl Müller"]),
        ("Type hints in practice", "Wed 13:00–13:45 Room B", ["Mia Chen"]),
        ("Observability for small teams", "Thu 10:00–10:30 Main Hall", ["Sam O'Neil"]),
        ("Workshop: Testing with pytest", "Thu 10:00–12:00 Room B", ["Mia Chen", "Grace Hopper"]),
        ("Lightning talks", "Thu 16:00–17:00 Main Hall", []),
    ]
    rust = Talk.objects.get(slug="rust-fur-pythonistas")
    assert (rust.track, rust.session_type, rust.language, rust.cancelled) == (
        "Languages",
        "Talk",
        "de",
        False,
    )
    assert rust.source_key == "schedule:0b6f1c52-8a1e-5d2b-9c43-000000000104"
    assert [(link.kind, link.label) for link in talks[1].links.all()] == [
        ("recording", "Recording"),
        ("slides", "Slides"),
        ("reference", "Schedule page"),
    ]
    assert talks[1].video().video_id == "dQw4w9WgXcQ"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["democon2024.xml", "democon2024.json", "democon2024.ics", "cdd23.xml", "cdd23.json"],
)
def test_import_schedule_twice_writes_the_same_rows(schedules, name):
    import_schedule(schedules / name)
    before = database_state()

    output = import_schedule(schedules / name)

    assert database_state() == before
    assert " 0 talks were created, 0 updated" in output


@pytest.mark.django_db
def test_import_schedule_in_another_format_updates_the_same_talks(schedules):
    import_schedule(schedules / "democon2024.xml")
    import_schedule(schedules / "democon2024.json")
    import_schedule(schedules / "democon2024.ics", slug="democon2024")

    assert Talk.objects.count() == 7
    # What an .ics does not say (track, type, language) is left as the XML said it.
    assert Talk.objects.get(slug="rust-fur-pythonistas").track == "Languages"


@pytest.mark.django_db
def test_import_schedule_merges_people_with_existing_speakers(schedules):
    ada = SpeakerFactory(name="Ada Lovelace", slug="ada")
    company = ada.company

    import_schedule(schedules / "democon2024.xml")
    import_schedule(schedules / "cdd23.xml")

    assert Speaker.objects.filter(name="Ada Lovelace").get() == ada
    assert Speaker.objects.get(pk=ada.pk).company == company  # the schedule names none: kept
    assert sorted(ada.talks.values_list("title", flat=True)) == [
        "Closing: what we learned",
        "Opening keynote: Software that lasts",
        "Reverse engineering a smart kettle",
    ]
    assert Speaker.objects.filter(name="Karl Müller").count() == 1


@pytest.mark.django_db
def test_import_schedule_frab_talk_cancelled_in_its_title(schedules):
    import_schedule(schedules / "cdd23.xml")

    talk = Talk.objects.get(slug="hardware-hacking-101")
    assert (talk.title, talk.cancelled) == ("Hardware hacking 101", True)
    assert Conference.objects.get().time_zone == "+01:00"


@pytest.mark.django_db
def test_reimport_of_a_changed_schedule_reports_and_marks_moves_renames_and_cancellations(
    schedules,
):
    import_schedule(schedules / "democon2024.xml")
    dropped = Talk.objects.get(slug="observability-for-small-teams")
    star = StarFactory(talk=dropped)
    note = NoteFactory(talk=dropped, body="Ask about sampling")

    output = import_schedule(schedules / "democon2024-changed.xml")

    assert output.splitlines() == [
        "moved: Scaling Django with PostgreSQL "
        "(Main Hall, Wed 12 Jun 10:00 → Room B, Wed 12 Jun 11:00)",
        "renamed: “Rust für Pythonistas” → “Rust for Pythonistas”",
        "cancelled: Observability for small teams",
        "democon2024: 1 talks were created, 3 updated, 3 unchanged. 1 talks in the database are "
        "not in the source (kept). Talks 1 moved, 1 renamed, 1 cancelled. "
        "2 items that are not talks were skipped.",
    ]
    moved = Talk.objects.get(slug="scaling-django-with-postgresql")
    assert (local(moved), moved.schedule_change) == (
        "Wed 11:00–11:30 Room B",
        "Moved from Main Hall, Wed 12 Jun 10:00",
    )
    renamed = Talk.objects.get(slug="rust-fur-pythonistas")  # same page, new title
    assert (renamed.title, renamed.language, renamed.schedule_change) == (
        "Rust for Pythonistas",
        "en",
        "Renamed from “Rust für Pythonistas”",
    )
    dropped.refresh_from_db()
    assert (dropped.cancelled, dropped.schedule_change) == (
        True,
        "No longer in the schedule",
    )
    assert list(Star.objects.filter(talk=dropped)) == [star]
    assert list(Note.objects.filter(talk=dropped)) == [note]
    assert Talk.objects.get(slug="packaging-python-in-2024").schedule_change == ""


@pytest.mark.django_db
def test_reimport_of_the_changed_schedule_again_changes_nothing(schedules):
    import_schedule(schedules / "democon2024.xml")
    import_schedule(schedules / "democon2024-changed.xml")
    before = database_state()

    output = import_schedule(schedules / "democon2024-changed.xml")

    assert database_state() == before
    assert output.startswith("democon2024: 0 talks were created, 0 updated, 7 unchanged.")


@pytest.mark.django_db
def test_reimport_of_the_first_schedule_brings_the_cancelled_talk_back(schedules):
    import_schedule(schedules / "democon2024.xml")
    import_schedule(schedules / "democon2024-changed.xml")

    output = import_schedule(schedules / "democon2024.xml")

    assert "back in the schedule: Observability for small teams" in output.splitlines()
    talk = Talk.objects.get(slug="observability-for-small-teams")
    assert (talk.cancelled, talk.schedule_change) == (False, "Back in the schedule")
    # The talk only the changed schedule had is now the one cancelled.
    assert Talk.objects.get(slug="packaging-python-in-2024").cancelled is True


@pytest.mark.django_db
def test_import_schedule_keeps_talks_of_a_write_up_that_have_no_time(schedules):
    import_schedule(schedules / "democon2024.xml")
    conference = Conference.objects.get()
    untimed = TalkFactory(conference=conference, slug="hallway-track")

    import_schedule(schedules / "democon2024.xml")

    untimed.refresh_from_db()
    assert (untimed.cancelled, untimed.schedule_change) == (False, "")


@pytest.mark.django_db
def test_import_schedule_makes_the_talks_searchable(client, schedules):
    import_schedule(schedules / "cdd23.xml")

    response = client.get("/talks/", {"q": "kettle"})

    assert [talk.slug for talk in response.context["talks"]] == [
        "reverse-engineering-a-smart-kettle"
    ]


@pytest.mark.django_db
def test_import_schedule_dry_run_prints_and_writes_nothing(schedules):
    output = import_schedule(schedules / "democon2024.xml", dry_run=True)

    assert Conference.objects.count() == Talk.objects.count() == Link.objects.count() == 0
    assert "+ talk lightning-talks: Lightning talks" in output.splitlines()
    assert "skipped: event 105: Lunch" in output.splitlines()
    assert output.splitlines()[-1].startswith("democon2024: 7 talks would be created")


@pytest.mark.django_db
def test_import_schedule_options_name_slug_and_time_zone(schedules):
    import_schedule(
        schedules / "cdd23.xml",
        slug="chaos-demo",
        conference_name="Chaos Demo Days",
        time_zone="Europe/Berlin",
    )

    conference = Conference.objects.get()
    assert (conference.slug, conference.name, conference.time_zone) == (
        "chaos-demo",
        "Chaos Demo Days",
        "Europe/Berlin",
    )
    first = Talk.objects.scheduled().first()
    assert first.starts_at == datetime.datetime(2023, 12, 27, 10, tzinfo=datetime.UTC)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (b"<schedule><conference>", {}, "line 1, column 22: not well-formed XML"),
        (
            b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<schedule/>",
            {},
            "refused: the XML declares a DTD or entities",
        ),
        (b'{"schedule": []}', {"format": "json"}, "schedule: expected an object"),
        (b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", {"format": "ics"}, "names no conference"),
        (
            b"<schedule><conference><title>T</title></conference></schedule>",
            {},
            "no talks in the schedule",
        ),
        (
            b"<schedule/>" + b" " * 100,
            {"max_size": 100},
            "larger than the limit of 100 bytes \\(--max-size raises it\\)",
        ),
    ],
)
def test_import_schedule_bad_files_give_a_command_error_and_write_nothing(
    tmp_path, schedules, content, options, message
):
    import_schedule(schedules / "cdd23.xml")
    before = database_state()
    path = tmp_path / "schedule.xml"
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        import_schedule(path, **options)

    assert database_state() == before


@pytest.mark.django_db
def test_import_schedule_database_refusal_writes_nothing(tmp_path, schedules):
    """A title over the column's length is refused before any write, on any database."""
    data = (schedules / "cdd23.xml").read_text(encoding="utf-8")
    path = tmp_path / "long.xml"
    path.write_text(data.replace("Datenschutz im Verein", "D" * 301), encoding="utf-8")

    with pytest.raises(CommandError, match="event 9002: the title is longer than 300 characters"):
        import_schedule(path)

    assert Conference.objects.count() == Talk.objects.count() == 0


@pytest.mark.django_db
def test_import_schedule_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read it"):
        import_schedule(tmp_path / "nope.xml")
