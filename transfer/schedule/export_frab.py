"""A conference's timed talks out as frab schedule XML, valid against voc/schedule's XSD
(transfer/schemas/schedule.xml.xsd): days of rooms of events, times in the venue's zone.

Cancelled talks are left out, as frab leaves them out. An event keeps the guid of the
schedule it was imported from, so that tools matching events by guid see the same event.
"""

import datetime
import uuid
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from talks import timetable

MAX_DURATION = datetime.timedelta(hours=99, minutes=59)


def conference_to_frab(conference, talks, *, site_url):
    """The bytes of a frab XML `<schedule>` of `conference`'s `talks` (`for_calendar()`)."""
    talks = [talk for talk in talks if not talk.cancelled]
    tzinfo = conference.tzinfo
    days = timetable.days(talks, tzinfo)
    rooms = timetable.rooms_in_order(talks)
    schedule = Element("schedule")
    version = max((talk.updated for talk in talks), default=conference.updated)
    SubElement(schedule, "version").text = version.astimezone(datetime.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    head = SubElement(schedule, "conference")
    SubElement(head, "title").text = conference.name
    SubElement(head, "acronym").text = conference.slug
    if days:
        SubElement(head, "start").text = days[0].date.isoformat()
        SubElement(head, "end").text = days[-1].date.isoformat()
        SubElement(head, "days").text = str(len(days))
    for index, day in enumerate(days, start=1):
        day_talks = [talk for slot in day.slots for talk in slot.talks]
        element = SubElement(
            schedule,
            "day",
            index=str(index),
            date=day.date.isoformat(),
            start=_local(min(t.starts_at for t in day_talks), tzinfo).isoformat(),
            end=_local(max(_end(t) for t in day_talks), tzinfo).isoformat(),
        )
        for room in rooms:
            in_room = [talk for talk in day_talks if talk.room == room]
            if in_room:
                room_element = SubElement(element, "room", name=room)
                for talk in in_room:
                    room_element.append(_event(talk, tzinfo, site_url.rstrip("/")))
    indent(schedule)
    return tostring(schedule, encoding="utf-8", xml_declaration=True) + b"\n"


def _local(moment, tzinfo):
    return moment.astimezone(tzinfo)


def _end(talk):
    return talk.ends_at or talk.starts_at


def _event(talk, tzinfo, site_url):
    start = _local(talk.starts_at, tzinfo)
    event = Element("event", id=str(talk.pk), guid=event_guid(talk, site_url))
    fields = [
        ("date", start.isoformat()),
        ("start", f"{start:%H:%M}"),
        ("duration", _duration(_end(talk) - talk.starts_at)),
        ("room", talk.room),
        ("slug", talk.slug),
        ("title", talk.title),
        ("subtitle", ""),
        ("track", talk.track),
        ("type", talk.session_type or "Talk"),
        ("language", talk.language),
        ("abstract", talk.summary),
    ]
    for tag, text in fields:
        SubElement(event, tag).text = text
    persons = SubElement(event, "persons")
    for speaker in talk.speaker_list():
        SubElement(persons, "person", id=str(speaker.pk)).text = speaker.name
    links = SubElement(event, "links")
    for link in talk.links.all():
        SubElement(links, "link", href=link.url).text = link.label or link.get_kind_display()
    return event


def event_guid(talk, site_url):
    """The schedule's own guid when the talk came from one, else one derived from its URL."""
    key = talk.source_key.removeprefix("schedule:")
    try:
        return str(uuid.UUID(key))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url}{talk.get_absolute_url()}"))


def _duration(length):
    minutes = int(min(max(length, datetime.timedelta(0)), MAX_DURATION).total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
