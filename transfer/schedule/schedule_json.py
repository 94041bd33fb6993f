"""Read the schedule JSON (voc/schedule's `validator/json/schema.json`) of frab and pretalx.

pretalx serves it at `/<event>/schedule/export/schedule.json`: `{"schedule": {"conference":
{"days": [{"rooms": {"Room": [event, ...]}}]}}}`. Every value is checked for its type
before use, so a file of the wrong shape gives an error that says where, never a crash.
"""

import json

from talks.models import parse_time_zone

from .events import Event, Schedule, ScheduleError, parse_date, parse_datetime, parse_duration


def read(data, *, time_zone=""):
    """A `Schedule` from the bytes of a schedule JSON file; raises ScheduleError.

    `time_zone` replaces the one the file names (times without an offset are read in it).
    """
    try:
        document = json.loads(data)
    except UnicodeDecodeError:
        raise ScheduleError("expected UTF-8 JSON") from None
    except json.JSONDecodeError as error:
        raise ScheduleError(
            f"line {error.lineno}, column {error.colno}: not JSON ({error.msg})"
        ) from None
    root = _object(document, "the document")
    schedule = _object(root.get("schedule"), "schedule")
    conference = _object(schedule.get("conference"), "schedule.conference")
    acronym = _string(conference, "acronym", "schedule.conference")
    time_zone = time_zone or _string(conference, "time_zone_name", "schedule.conference")
    tzinfo = parse_time_zone(time_zone)
    result = Schedule(
        title=_string(conference, "title", "schedule.conference"),
        acronym=acronym,
        start=parse_date(_string(conference, "start", "schedule.conference"), "conference.start"),
        end=parse_date(_string(conference, "end", "schedule.conference"), "conference.end"),
        time_zone=time_zone,
        base_url=_string(schedule, "base_url", "schedule"),
        events=[],
    )
    days = conference.get("days")
    if not isinstance(days, list):
        raise ScheduleError("schedule.conference.days: expected a list of days")
    for index, day in enumerate(days):
        path = f"schedule.conference.days[{index}]"
        rooms = _object(_object(day, path).get("rooms"), f"{path}.rooms")
        for room, events in rooms.items():
            if not isinstance(events, list):
                raise ScheduleError(f"{path}.rooms[{room!r}]: expected a list of events")
            for number, event in enumerate(events):
                where = f"{path}.rooms[{room!r}][{number}]"
                result.events.append(_event(_object(event, where), where, room, acronym, tzinfo))
    return result


def _object(value, path):
    if not isinstance(value, dict):
        raise ScheduleError(f"{path}: expected an object")
    return value


def _string(data, key, path, *, required=False):
    """`data[key]` as a stripped string ("" for a missing or null value)."""
    value = data.get(key)
    if value is None and not required:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ScheduleError(f"{path}: expected {key!r} to be a string")
    return str(value).strip()


def _event(data, where, room, acronym, tzinfo):
    event_id = _string(data, "id", where)
    guid = _string(data, "guid", where)
    if not guid and not event_id:
        raise ScheduleError(f"{where}: expected a 'guid' or an 'id'")
    label = f"event {event_id or guid}"
    starts_at = parse_datetime(_string(data, "date", where, required=True), label, tzinfo=tzinfo)
    duration = parse_duration(_string(data, "duration", where, required=True), label)
    return Event(
        key=guid or f"{acronym}:{event_id}",
        title=_string(data, "title", where, required=True),
        starts_at=starts_at,
        ends_at=starts_at + duration,
        where=label,
        room=_string(data, "room", where) or room,
        track=_string(data, "track", where),
        session_type=_string(data, "type", where),
        language=_string(data, "language", where),
        subtitle=_string(data, "subtitle", where),
        abstract=_string(data, "abstract", where),
        description=_string(data, "description", where),
        persons=_persons(data.get("persons"), where),
        links=_links(data, where),
        url=_string(data, "url", where),
    )


def _persons(value, where):
    """Names from frab's {"public_name"} or pretalx's {"name"} objects, or plain strings."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ScheduleError(f"{where}: expected 'persons' to be a list")
    names = []
    for number, person in enumerate(value):
        if isinstance(person, str):
            names.append(person)
            continue
        person = _object(person, f"{where}.persons[{number}]")
        names.append(
            _string(person, "name", f"{where}.persons[{number}]")
            or _string(person, "public_name", f"{where}.persons[{number}]")
        )
    return names


def _links(data, where):
    """(url, label) of 'links' and 'attachments': URL strings or {"url", "title"} objects."""
    links = []
    for key in ("links", "attachments"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            raise ScheduleError(f"{where}: expected {key!r} to be a list")
        for number, link in enumerate(value):
            if isinstance(link, str):
                links.append((link, ""))
                continue
            path = f"{where}.{key}[{number}]"
            link = _object(link, path)
            links.append((_string(link, "url", path), _string(link, "title", path)))
    return links
