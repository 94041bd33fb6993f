"""What every schedule format reads into, and how its events become talk records.

The format modules (`frab_xml`, `schedule_json`, `ical`) only read a file into a `Schedule`
of `Event`s; this module decides which events are talks (breaks and other non-talk items
are skipped) and turns them into the records `transfer.load` writes. Pure: no database.
"""

import datetime
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.utils.text import slugify

from talks.models import parse_time_zone

from ..people import is_placeholder
from ..records import (
    ConferenceRecord,
    LinkRecord,
    SlotRecord,
    SpeakerRecord,
    TalkRecord,
    clean_name,
    is_web_url,
    link_kind,
    name_key,
    source_key,
)

# Limits of the talk's schedule fields (talks.models.schedule.Scheduled).
LIMITS = {"room": 200, "track": 200, "session_type": 100, "language": 20}
NAME_MAX = 200
# Event types that are never talks, and titles that are not when nobody gives them.
NON_TALK_TYPES = {
    "break",
    "pause",
    "coffee",
    "coffee break",
    "lunch",
    "lunch break",
    "meal",
    "food",
    "registration",
}
NON_TALK_TITLE = re.compile(
    r"^(?:(?:coffee|tea|lunch|afternoon|morning|short|long)\s+)?break\b"
    r"|^(?:lunch|dinner|breakfast|coffee|registration|check-in|doors open|pause)\b",
    re.IGNORECASE,
)
CANCELLED_TITLE = re.compile(
    r"^\s*(?:\[(?:cancell?ed|abgesagt)\]|\((?:cancell?ed|abgesagt)\)|(?:cancell?ed|abgesagt)\s*[:\-–—])\s*",
    re.IGNORECASE,
)
RECORDING_HOSTS = {"media.ccc.de", "www.media.ccc.de"}
RECORDING_LABEL = re.compile(r"\b(?:recording|video|aufzeichnung)\b", re.IGNORECASE)


class ScheduleError(ValueError):
    """A schedule that cannot be imported: where, and why. Nothing was written."""


@dataclass
class Event:
    """One item of a schedule, as the file says it (times are aware datetimes)."""

    key: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    where: str  # for messages: "event 25", "VEVENT 3"
    # None: the format does not say (an .ics has no type), so an import leaves it alone.
    room: str | None = ""
    track: str | None = ""
    session_type: str | None = ""
    language: str | None = ""
    subtitle: str = ""
    abstract: str = ""
    description: str = ""
    persons: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, label)
    url: str = ""  # the talk's own page on the schedule's site
    cancelled: bool = False


@dataclass
class Schedule:
    """A conference's schedule as one file says it."""

    title: str
    events: list[Event]
    acronym: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None
    time_zone: str = ""
    base_url: str = ""


@dataclass
class Reading:
    """A schedule read into a conference record, with what was left out and why."""

    conference: ConferenceRecord
    skipped: list[str] = field(default_factory=list)


def parse_duration(text, where):
    """A timedelta from a schedule's "HH:MM", "HH:MM:SS" or "D:HH:MM"; ScheduleError if not."""
    match = re.fullmatch(r"(?:(\d+):)??(\d{1,3}):(\d{2})(?::(\d{2}))?", (text or "").strip())
    if not match:
        raise ScheduleError(f"{where}: expected a duration like 00:30, not {text!r}")
    days, hours, minutes, seconds = (int(part or 0) for part in match.groups())
    if minutes >= 60 or seconds >= 60:
        raise ScheduleError(f"{where}: expected a duration like 00:30, not {text!r}")
    return datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)


def parse_datetime(text, where, *, tzinfo=None):
    """An aware datetime from ISO 8601 text; naive text is read in `tzinfo` (else an error)."""
    try:
        moment = datetime.datetime.fromisoformat((text or "").strip())
    except ValueError:
        raise ScheduleError(
            f"{where}: expected a date and time like 2024-06-12T10:00:00+02:00, not {text!r}"
        ) from None
    if moment.tzinfo is None:
        if tzinfo is None:
            raise ScheduleError(f"{where}: the time {text!r} says no time zone or offset")
        moment = moment.replace(tzinfo=tzinfo)
    return moment


def parse_date(text, where):
    """A date from "2024-06-12" (or the date of a datetime); None for empty text."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        raise ScheduleError(f"{where}: expected a date like 2024-06-12, not {text!r}") from None


def is_talk(event):
    """False for breaks, meals, registration and the like."""
    kind = " ".join((event.session_type or "").lower().split())
    if kind in NON_TALK_TYPES:
        return False
    return bool(event.persons) or not NON_TALK_TITLE.match(event.title)


def without_cancelled_mark(title):
    """(title, True) for "CANCELLED: Title" and its variants, else (title, False)."""
    bare = CANCELLED_TITLE.sub("", title, count=1)
    return (bare.strip(), True) if bare != title else (title, False)


def read_schedule(schedule, *, slug=None, name=None):
    """The conference record of a `Schedule`: its talks in time order, non-talks skipped."""
    title = clean_name(name or schedule.title)
    if not title:
        raise ScheduleError("the schedule names no conference: give one with --conference-name")
    conference = ConferenceRecord(
        name=title,
        slug=slug or slugify(schedule.acronym) or slugify(title),
        start_date=schedule.start,
        end_date=schedule.end,
        time_zone=_time_zone(schedule),
    )
    reading = Reading(conference=conference)
    talks, seen = [], {}
    for event in schedule.events:
        event.title, marked = without_cancelled_mark(clean_name(event.title))
        event.cancelled = event.cancelled or marked
        if not is_talk(event):
            reading.skipped.append(f"{event.where}: {event.title or '(untitled)'}")
            continue
        if event.key in seen:
            raise ScheduleError(f"{event.where}: the same id as {seen[event.key]} ({event.key})")
        seen[event.key] = event.where
        talks.append(event)
    talks.sort(key=lambda event: (event.starts_at, event.room or "", event.title))
    conference.talks = [
        _talk(event, position, base_url=schedule.base_url)
        for position, event in enumerate(talks, start=1)
    ]
    _set_dates(conference, talks)
    return reading


def _time_zone(schedule):
    """The schedule's time zone name, else the UTC offset of its first event, else ""."""
    if schedule.time_zone and parse_time_zone(schedule.time_zone):
        return schedule.time_zone
    for event in schedule.events:
        offset = event.starts_at.utcoffset()
        if offset is not None:
            minutes = int(offset.total_seconds()) // 60
            sign = "-" if minutes < 0 else "+"
            return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return ""


def _set_dates(conference, talks):
    """The conference's first and last day: as the schedule says, else from its talks."""
    if talks and conference.start_date is None:
        tzinfo = parse_time_zone(conference.time_zone) or datetime.UTC
        days = [event.starts_at.astimezone(tzinfo).date() for event in talks]
        conference.start_date, conference.end_date = min(days), max(days)
    if (
        conference.end_date
        and conference.start_date
        and conference.end_date < conference.start_date
    ):
        raise ScheduleError("the conference ends before it starts")
    if conference.end_date and not conference.start_date:
        conference.end_date = None
    if conference.start_date:
        conference.year, conference.month = conference.start_date.year, conference.start_date.month


def _talk(event, position, *, base_url):
    where = event.where
    if not event.title:
        raise ScheduleError(f"{where}: the talk has no title")
    if event.ends_at < event.starts_at:
        raise ScheduleError(f"{where}: the talk ends before it starts")
    slot = SlotRecord(
        starts_at=event.starts_at.astimezone(datetime.UTC),
        ends_at=event.ends_at.astimezone(datetime.UTC),
        cancelled=event.cancelled,
    )
    for name, limit in LIMITS.items():
        value = getattr(event, name)
        value = None if value is None else clean_name(value)
        if value and len(value) > limit:
            raise ScheduleError(f"{where}: the {name.replace('_', ' ')} is over {limit} characters")
        setattr(slot, name, value)
    return TalkRecord(
        key=source_key(f"schedule:{event.key}"),
        title=event.title,
        speakers=_speakers(event),
        summary=_summary(event),
        position=position,
        links=_links(event, base_url),
        slot=slot,
        origin=where,
    )


def _speakers(event):
    speakers = {}
    for person in event.persons:
        name = clean_name(person)
        if not name or is_placeholder(name):
            continue
        if len(name) > NAME_MAX:
            raise ScheduleError(f"{event.where}: a person's name is over {NAME_MAX} characters")
        speakers.setdefault(name_key(name), SpeakerRecord(name=name))
    return list(speakers.values())


def _summary(event):
    parts = []
    if clean_name(event.subtitle):
        parts.append(f"*{clean_name(event.subtitle)}*")
    abstract, description = event.abstract.strip(), event.description.strip()
    parts += [abstract] if abstract else []
    if description and description != abstract:
        parts.append(description)
    return "\n\n".join(parts)


def _links(event, base_url):
    """The event's links and attachments (relative ones resolved), then its own page."""
    links, seen = [], set()
    wanted = [(url, label, None) for url, label in event.links]
    wanted.append((event.url, "Schedule page", "reference"))
    for url, label, kind in wanted:
        url = urljoin(base_url, url.strip()) if url and base_url else (url or "").strip()
        if not url or url in seen or not is_web_url(url):
            continue
        seen.add(url)
        links.append(
            LinkRecord(url=url, label=clean_name(label)[:200], kind=kind or _kind(url, label))
        )
    return links


def _kind(url, label):
    """recording, playlist, slides or reference: by host, then by what the label says."""
    kind = link_kind(url)
    if kind != "reference":
        return kind
    host = (urlsplit(url).hostname or "").lower()
    if host in RECORDING_HOSTS or RECORDING_LABEL.search(label or ""):
        return "recording"
    if re.search(r"\bslides?\b|\bfolien\b", label or "", re.IGNORECASE):
        return "slides"
    return "reference"
