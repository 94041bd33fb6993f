"""Read the frab schedule XML that frab, pretalx and the CCC video team's tools export.

The layout is that of voc/schedule's `schedule.xml.xsd` (transfer/schemas/): a `<schedule>`
of `<day>`s of `<room>`s of `<event>`s. Reading is lenient where exporters differ (pretalx
adds `<url>`, `<time_zone_name>` and `<base_url>`; some leave out `<date>`) and strict
about what a talk cannot do without. The parser refuses DTDs and entities (no XXE, no
"billion laughs") and never opens the network.
"""

import datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from talks.models import parse_time_zone

from .events import Event, Schedule, ScheduleError, parse_date, parse_datetime, parse_duration


def read(data, *, time_zone=""):
    """A `Schedule` from the bytes of a frab XML file; raises ScheduleError.

    `time_zone` replaces the one the file names (times without an offset are read in it).
    """
    root = _parse(data)
    if root.tag != "schedule":
        raise ScheduleError(f"expected a <schedule> root element, not <{root.tag}>")
    conference = root.find("conference")
    if conference is None:
        raise ScheduleError("expected a <conference> element in <schedule>")
    acronym = _text(conference, "acronym")
    time_zone = time_zone or _text(conference, "time_zone_name")
    tzinfo = parse_time_zone(time_zone)
    schedule = Schedule(
        title=_text(conference, "title"),
        acronym=acronym,
        start=parse_date(_text(conference, "start"), "<conference><start>"),
        end=parse_date(_text(conference, "end"), "<conference><end>"),
        time_zone=time_zone,
        base_url=_text(conference, "base_url"),
        events=[],
    )
    for day in root.findall("day"):
        day_date = day.get("date", "")
        for room in day.findall("room"):
            for event in room.findall("event"):
                schedule.events.append(
                    _event(event, room.get("name", ""), day_date, acronym, tzinfo)
                )
    return schedule


def _parse(data):
    try:
        return fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ScheduleError(f"refused: the XML declares a DTD or entities ({error})") from None
    except ParseError as error:
        line, column = error.position
        raise ScheduleError(f"line {line}, column {column}: not well-formed XML") from None


def _text(element, tag):
    """The stripped text of `element`'s child `tag`, "" when it is missing or empty."""
    return (element.findtext(tag) or "").strip()


def _event(element, room_name, day_date, acronym, tzinfo):
    event_id = element.get("id", "").strip()
    guid = element.get("guid", "").strip()
    where = f"event {event_id or guid or '(no id)'}"
    if not guid and not event_id:
        raise ScheduleError(f"{where}: expected a guid or an id attribute")
    starts_at = _start(element, day_date, where, tzinfo)
    duration = parse_duration(_text(element, "duration"), f"{where} <duration>")
    return Event(
        key=guid or f"{acronym}:{event_id}",
        title=_text(element, "title"),
        starts_at=starts_at,
        ends_at=starts_at + duration,
        where=where,
        room=_text(element, "room") or room_name,
        track=_text(element, "track"),
        session_type=_text(element, "type"),
        language=_text(element, "language"),
        subtitle=_text(element, "subtitle"),
        abstract=_text(element, "abstract"),
        description=_text(element, "description"),
        persons=[(person.text or "").strip() for person in element.iterfind("persons/person")],
        links=[
            (link.get("href", ""), (link.text or "").strip())
            for link in [
                *element.iterfind("links/link"),
                *element.iterfind("attachments/attachment"),
            ]
        ],
        url=_text(element, "url"),
    )


def _start(element, day_date, where, tzinfo):
    """The event's start: its <date>, else its day's date and its <start> time."""
    text = _text(element, "date")
    if text:
        return parse_datetime(text, f"{where} <date>", tzinfo=tzinfo)
    start = _text(element, "start")
    try:
        day = datetime.date.fromisoformat(day_date)
        time = datetime.time.fromisoformat(start)
    except ValueError:
        raise ScheduleError(
            f"{where}: expected a <date>, or a <start> time on a dated <day>"
        ) from None
    if tzinfo is None:
        raise ScheduleError(f"{where}: the start {start!r} says no time zone (no <date>)")
    return datetime.datetime.combine(day, time, tzinfo=tzinfo)
