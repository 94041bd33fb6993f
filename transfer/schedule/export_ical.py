"""Timed talks out as an iCalendar file that calendar apps import or subscribe to."""

import datetime
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from talks.models import parse_time_zone
from talks.rendering import markdown_to_text

PRODID = "-//confnotes//schedule//EN"
REFRESH = datetime.timedelta(hours=1)


def talks_to_ical(talks, *, name, site_url, time_zone=""):
    """The bytes of a VCALENDAR named `name` with one VEVENT per timed talk.

    Talks come from `TalkQuerySet.for_calendar()`; `site_url` ("https://host") makes their
    links absolute and their UIDs stable. Cancelled talks stay in, with STATUS:CANCELLED,
    so that a subscribed calendar shows the cancellation instead of losing the event.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    if time_zone and "/" in time_zone and parse_time_zone(time_zone):
        calendar.add("x-wr-timezone", time_zone)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    host = urlsplit(site_url).hostname or "confnotes"
    for talk in talks:
        calendar.add_component(_event(talk, site_url.rstrip("/"), host))
    return calendar.to_ical()


def _event(talk, site_url, host):
    url = f"{site_url}{talk.get_absolute_url()}"
    event = Event()
    event.add("uid", f"talk-{talk.pk}@{host}")
    event.add("dtstamp", talk.updated)
    event.add("last-modified", talk.updated)
    event.add("dtstart", talk.starts_at)
    event.add("dtend", talk.ends_at or talk.starts_at)
    event.add("summary", talk.title)
    event.add("status", "CANCELLED" if talk.cancelled else "CONFIRMED")
    if talk.room:
        event.add("location", talk.room)
    if talk.track:
        event.add("categories", [talk.track])
    event.add("url", url)
    event.add("description", _description(talk, url))
    return event


def _description(talk, url):
    speakers = ", ".join(speaker.name for speaker in talk.speaker_list())
    parts = [
        f"{talk.conference.name}" + (f" · {speakers}" if speakers else ""),
        talk.schedule_change,
        markdown_to_text(talk.summary).strip(),
        url,
    ]
    return "\n\n".join(part for part in parts if part)
