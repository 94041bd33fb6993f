"""Reading schedule files (frab XML, schedule JSON, iCalendar) into records: no database."""

import datetime
import zoneinfo

import pytest

from transfer.schedule import ScheduleError, guess_format, read

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def read_file(path, **options):
    return read(path.read_bytes(), name=path.name, **options)


def berlin(day, hour, minute=0):
    return datetime.datetime(2024, 6, day, hour, minute, tzinfo=BERLIN)


def timetable(reading):
    """(title, start, end, room, speakers, cancelled) of each talk read."""
    return [
        (
            talk.title,
            talk.slot.starts_at,
            talk.slot.ends_at,
            talk.slot.room,
            [speaker.name for speaker in talk.speakers],
            talk.slot.cancelled,
        )
        for talk in reading.conference.talks
    ]


DEMOCON = [
    (
        "Opening keynote: Software that lasts",
        berlin(12, 9),
        berlin(12, 9, 45),
        "Main Hall",
        ["Ada Lovelace"],
        False,
    ),
    (
        "Scaling Django with PostgreSQL",
        berlin(12, 10),
        berlin(12, 10, 30),
        "Main Hall",
        ["Grace Hopper", "José Núñez"],
        False,
    ),
    ("Rust für Pythonistas", berlin(12, 10), berlin(12, 10, 30), "Room B", ["Karl Müller"], False),
    ("Type hints in practice", berlin(12, 13), berlin(12, 13, 45), "Room B", ["Mia Chen"], False),
    (
        "Observability for small teams",
        berlin(13, 10),
        berlin(13, 10, 30),
        "Main Hall",
        ["Sam O'Neil"],
        False,
    ),
    (
        "Workshop: Testing with pytest",
        berlin(13, 10),
        berlin(13, 12),
        "Room B",
        ["Mia Chen", "Grace Hopper"],
        False,
    ),
    ("Lightning talks", berlin(13, 16), berlin(13, 17), "Main Hall", [], False),
]


@pytest.mark.parametrize("name", ["democon2024.xml", "democon2024.json", "democon2024.ics"])
def test_read_pretalx_formats_give_the_same_timetable(schedules, name):
    reading = read_file(schedules / name)

    assert timetable(reading) == DEMOCON
    assert [talk.position for talk in reading.conference.talks] == [1, 2, 3, 4, 5, 6, 7]
    conference = reading.conference
    assert (conference.name, conference.time_zone) == ("DemoCon 2024", "Europe/Berlin")
    assert (conference.start_date, conference.end_date) == (
        datetime.date(2024, 6, 12),
        datetime.date(2024, 6, 13),
    )


@pytest.mark.parametrize("event", ["democon2024", "cdd23"])
def test_read_xml_and_json_of_one_event_give_equal_records(schedules, event):
    from_xml = read_file(schedules / f"{event}.xml").conference
    from_json = read_file(schedules / f"{event}.json").conference

    for talk in from_json.talks:  # frab's JSON gives each talk its page; its XML does not
        talk.links = [link for link in talk.links if link.label != "Schedule page"]
    for talk in from_xml.talks:
        talk.links = [link for link in talk.links if link.label != "Schedule page"]
    assert from_xml == from_json


def test_read_pretalx_xml_gives_track_type_language_links_and_keys(schedules):
    talks = read_file(schedules / "democon2024.xml").conference.talks

    scaling = talks[1]
    assert scaling.key == "schedule:0b6f1c52-8a1e-5d2b-9c43-000000000103"
    assert (scaling.slot.track, scaling.slot.session_type, scaling.slot.language) == (
        "Web",
        "Talk",
        "en",
    )
    assert [(link.kind, link.label, link.url) for link in scaling.links] == [
        ("recording", "Recording", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "slides",
            "Slides",
            "https://pretalx.example.org/media/democon2024/submissions/SCAL03/slides.pdf",
        ),
        ("reference", "Schedule page", "https://pretalx.example.org/democon2024/talk/SCAL03/"),
    ]
    assert talks[3].summary == (
        "*Gradual typing in a 200,000-line codebase*\n\nWhere mypy paid off, and where it did not."
    )
    assert talks[5].summary == (
        "Bring a laptop with Python 3.11 or newer.\n\n"
        "Fixtures, parametrisation and plugins, hands on."
    )


def test_read_skips_breaks_and_meals(schedules):
    assert read_file(schedules / "democon2024.xml").skipped == [
        "event 102: Coffee break",
        "event 105: Lunch",
    ]
    assert read_file(schedules / "democon2024.ics").skipped == ["VEVENT 3: Lunch"]
    assert read_file(schedules / "cdd23.xml").skipped == ["event 9003: Pause"]


def test_read_ics_leaves_what_it_does_not_say_unset(schedules):
    talk = read_file(schedules / "democon2024.ics").conference.talks[1]

    assert talk.key == "schedule:pretalx-democon2024-SCAL03@pretalx.example.org"
    assert (talk.slot.track, talk.slot.session_type, talk.slot.language) == (None, None, None)


def test_read_frab_xml_with_offsets_cancellation_and_a_day_past_midnight(schedules):
    reading = read_file(schedules / "cdd23.xml")
    conference = reading.conference
    plus_one = datetime.timezone(datetime.timedelta(hours=1))

    assert (conference.slug, conference.time_zone) == ("cdd23", "+01:00")
    local = [
        (t.title, t.slot.starts_at.astimezone(plus_one).strftime("%d %H:%M"), t.slot.cancelled)
        for t in conference.talks
    ]
    assert local == [
        ("Reverse engineering a smart kettle", "27 11:00", False),
        ("Datenschutz im Verein", "27 11:00", False),
        ("Hardware hacking 101", "27 12:30", True),
        ("Late night retro computing", "27 23:30", False),
        ("Midnight lightning talks", "28 00:45", False),
        ("Closing: what we learned", "28 11:00", False),
    ]
    kettle = conference.talks[0]
    assert [(link.kind, link.label) for link in kettle.links] == [
        ("recording", "Recording on media.ccc.de"),
        ("slides", "Slides"),
    ]
    assert kettle.summary.startswith("*Or: why my tea needs a firmware update*\n\nWe opened it")


def test_read_ics_speakers_from_attendees_or_after_the_title():
    calendar = ics(
        event("1", "Django - the good parts"),
        event("2", "Testing - Jane Doe & John Roe"),
        event("3", "Panel", extra=["ATTENDEE;CN=Ann Lee:mailto:ann@example.org"]),
        event("4", "Status", extra=["STATUS:CANCELLED", "CATEGORIES:Ops,Web"]),
    )

    talks = read(calendar, conference_name="Test").conference.talks

    read_back = [
        (t.title, [s.name for s in t.speakers], t.slot.cancelled, t.slot.track) for t in talks
    ]
    assert read_back == [
        ("Django - the good parts", [], False, None),
        ("Panel", ["Ann Lee"], False, None),
        ("Status", [], True, "Ops"),
        ("Testing", ["Jane Doe", "John Roe"], False, None),
    ]


def test_read_ics_floating_times_need_a_time_zone():
    calendar = ics(event("1", "Talk", start="20240612T100000"))

    with pytest.raises(ScheduleError, match="says no time zone: give --time-zone"):
        read(calendar, conference_name="Test")
    talk = read(calendar, conference_name="Test", time_zone="Europe/Berlin").conference.talks[0]
    assert talk.slot.starts_at == berlin(12, 10)


def test_read_ics_all_day_events_are_not_talks():
    calendar = ics(event("1", "Day one", start=";VALUE=DATE:20240612"), event("2", "A talk"))

    assert [talk.title for talk in read(calendar, conference_name="T").conference.talks] == [
        "A talk"
    ]


def test_guess_format_by_name_then_content():
    assert guess_format("https://example.org/democon/schedule/export/schedule.json", b"") == "json"
    assert guess_format("feed", b"\xef\xbb\xbf  <?xml version='1.0'?>") == "xml"
    assert guess_format("feed", b"BEGIN:VCALENDAR\r\n") == "ics"
    with pytest.raises(ScheduleError, match="give --format"):
        guess_format("feed", b"hello")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<schedule><conference><title>&lol3;</title></conference></schedule>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><conference><title>&secret;</title></conference></schedule>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE schedule SYSTEM "http://127.0.0.1:9/evil.dtd">
<schedule><conference><title>x</title></conference></schedule>"""


@pytest.mark.parametrize(
    ("data", "fmt", "message"),
    [
        (b"<schedule><conference>", "xml", "line 1, column 22: not well-formed XML"),
        (BILLION_LAUGHS, "xml", "refused: the XML declares a DTD or entities"),
        (XXE, "xml", "refused: the XML declares a DTD or entities"),
        (EXTERNAL_DTD, "xml", "refused: the XML declares a DTD or entities"),
        (b"<html><body/></html>", "xml", "expected a <schedule> root element, not <html>"),
        (b"<schedule/>", "xml", "expected a <conference> element in <schedule>"),
        (
            b"<schedule><conference><title>T</title></conference><day><room><event id='1'>"
            b"<title>A</title><date>2024-06-12T10:00:00+02:00</date><duration>half an hour"
            b"</duration></event></room></day></schedule>",
            "xml",
            "event 1 <duration>: expected a duration like 00:30, not 'half an hour'",
        ),
        (
            b"<schedule><conference><title>T</title></conference><day><room><event>"
            b"<title>A</title></event></room></day></schedule>",
            "xml",
            "event \\(no id\\): expected a guid or an id attribute",
        ),
        (b"{'schedule': 1}", "json", "line 1, column 2: not JSON"),
        (b"[]", "json", "the document: expected an object"),
        (b'{"schedule": {"conference": {"days": {}}}}', "json", "days: expected a list"),
        (
            b'{"schedule": {"conference": {"title": "T", "days": [{"rooms": {"A": [{"id": 1, '
            b'"date": "2024-06-12T10:00:00+02:00", "duration": "00:30", '
            b'"title": ["not", "a", "string"]}]}}]}}}',
            "json",
            "expected 'title' to be a string",
        ),
        (
            b'{"schedule": {"conference": {"title": "T", "days": [{"rooms": {"A": [{"id": 1, '
            b'"title": "A", "date": "tomorrow", "duration": "00:30"}]}}]}}}',
            "json",
            "event 1: expected a date and time like 2024-06-12T10:00:00\\+02:00, not 'tomorrow'",
        ),
        (b"\xff\xfe\x00garbage", "json", "not JSON|expected UTF-8 JSON"),
        (b"this is not a calendar", "ics", "not an iCalendar file"),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:1\r\nSUMMARY:A\r\nDTSTART:soon\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n",
            "ics",
            "VEVENT 1: DTSTART",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:A\r\nDTSTART:20240612T100000Z\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n",
            "ics",
            "VEVENT 1: expected a UID",
        ),
    ],
)
def test_read_bad_files_raise_schedule_error_saying_what_is_wrong(data, fmt, message):
    with pytest.raises(ScheduleError, match=message):
        read(data, fmt=fmt, conference_name="Test")


def test_read_duplicate_ids_and_a_missing_name_are_errors(schedules):
    data = (schedules / "democon2024.ics").read_bytes()
    with pytest.raises(ScheduleError, match="names no conference: give one with --conference-name"):
        read(data.replace(b"X-WR-CALNAME:DemoCon 2024\r\n", b""), fmt="ics")
    twice = ics(event("1", "A"), event("1", "B"))
    with pytest.raises(ScheduleError, match="VEVENT 2: the same id as VEVENT 1"):
        read(twice, conference_name="T")


def event(uid, summary, *, start="20240612T100000Z", extra=()):
    start = start if start.startswith(";") else f":{start}"
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"SUMMARY:{summary}", f"DTSTART{start}"]
    if not start.startswith(";"):
        lines.append("DURATION:PT30M")
    return "\r\n".join([*lines, *extra, "END:VEVENT"])


def ics(*events):
    return "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *events, "END:VCALENDAR", ""]).encode()
