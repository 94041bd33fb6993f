"""Read an iCalendar (.ics) schedule, as pretalx and many conference sites publish one.

Each VEVENT with a start time is an event: SUMMARY the title, LOCATION the room, the first
of CATEGORIES the track, DESCRIPTION the abstract, URL its page, STATUS:CANCELLED a
cancellation. Speakers come from ORGANIZER and ATTENDEE names or, as pretalx writes them,
from a summary "Title - Jane Doe, John Roe". All-day events are not talks.
"""

import datetime

from icalendar import Calendar

from talks.models import parse_time_zone

from ..people import is_placeholder, looks_like_person, split_people
from .events import Event, Schedule, ScheduleError


def read(data, *, time_zone=""):
    """A `Schedule` from the bytes of an .ics file; raises ScheduleError.

    `time_zone` replaces the calendar's X-WR-TIMEZONE; floating times (no zone, no offset)
    are read in it, and are an error when neither says one.
    """
    try:
        calendar = Calendar.from_ical(data)
    except ValueError as error:
        raise ScheduleError(f"not an iCalendar file ({_first_line(error)})") from None
    if calendar.name != "VCALENDAR":
        raise ScheduleError(f"expected a VCALENDAR, not a {calendar.name}")
    zone_name = time_zone or _text(calendar, "X-WR-TIMEZONE") or _zone_of_first_vtimezone(calendar)
    tzinfo = parse_time_zone(zone_name)
    schedule = Schedule(title=_text(calendar, "X-WR-CALNAME"), time_zone=zone_name, events=[])
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        where = f"VEVENT {number}"
        if component.errors:
            name, problem = component.errors[0]
            raise ScheduleError(f"{where}: {name}: {problem}")
        try:
            event = _event(component, where, tzinfo)
        except (ValueError, TypeError, AttributeError) as error:
            raise ScheduleError(f"{where}: cannot read it ({_first_line(error)})") from None
        if event is not None:
            schedule.events.append(event)
    return schedule


def _first_line(error):
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


def _text(component, name):
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value).strip() if value is not None else ""


def _zone_of_first_vtimezone(calendar):
    for timezone in calendar.walk("VTIMEZONE"):
        return _text(timezone, "TZID")
    return ""


def _moment(value, where, tzinfo):
    """An aware datetime from a DTSTART or DTEND value; None for an all-day date."""
    if not isinstance(value, datetime.datetime):
        return None
    if value.tzinfo is None:
        if tzinfo is None:
            raise ScheduleError(
                f"{where}: the time {value:%Y-%m-%d %H:%M} says no time zone: give --time-zone"
            )
        value = value.replace(tzinfo=tzinfo)
    return value


def _event(component, where, tzinfo):
    start = component.get("DTSTART")
    if start is None:
        raise ScheduleError(f"{where}: expected a DTSTART")
    starts_at = _moment(start.dt, where, tzinfo)
    if starts_at is None:
        return None  # an all-day event: a conference day, not a talk
    end, duration = component.get("DTEND"), component.get("DURATION")
    if end is not None:
        ends_at = _moment(end.dt, where, tzinfo) or starts_at
    elif duration is not None:
        ends_at = starts_at + duration.dt
    else:
        ends_at = starts_at
    uid = _text(component, "UID")
    if not uid:
        raise ScheduleError(f"{where}: expected a UID")
    title, persons = _title_and_persons(component)
    categories = component.get("CATEGORIES")
    if isinstance(categories, list):
        categories = categories[0] if categories else None
    tracks = [str(category).strip() for category in categories.cats] if categories else []
    return Event(
        key=uid,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        where=where,
        room=_text(component, "LOCATION"),
        track=next((track for track in tracks if track), None),
        session_type=None,
        language=None,
        abstract=_text(component, "DESCRIPTION"),
        persons=persons,
        url=_text(component, "URL"),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
    )


def _title_and_persons(component):
    """The title, and the speakers named by ORGANIZER/ATTENDEE or after the title's " - "."""
    title = _text(component, "SUMMARY")
    persons = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = component.get(name) or []
        for value in values if isinstance(values, list) else [values]:
            common_name = str(value.params.get("CN", "")).strip()
            if common_name:
                persons.append(common_name)
    if persons or " - " not in title:
        return title, persons
    head, tail = title.rsplit(" - ", 1)
    names = split_people(tail)
    if not head.strip() or not names:
        return title, []
    if all(is_placeholder(name) for name in names):  # "Lightning talks - Various speakers"
        return head.strip(), []
    if all(looks_like_person(name) for name in names):
        return head.strip(), names
    return title, []
