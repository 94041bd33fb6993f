"""When and where a talk is given: the schedule fields of a talk and what reads them.

`Scheduled` is the abstract part of `Talk` that a schedule import fills (start, end, room,
track, type, language, cancelled); `ScheduleQuerySet` the part of `TalkQuerySet` that reads
it; `conference_tzinfo` the time zone a conference's times are shown in.
"""

import datetime
import re
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

UTC_OFFSET = re.compile(r"^(?P<sign>[+-])(?P<hours>\d{2}):(?P<minutes>\d{2})$")


def parse_time_zone(name):
    """A tzinfo from an IANA name ("Europe/Berlin") or a UTC offset ("+01:00"), else None."""
    match = UTC_OFFSET.match(name or "")
    if match:
        minutes = int(match["hours"]) * 60 + int(match["minutes"])
        if minutes >= 24 * 60:
            return None
        sign = -1 if match["sign"] == "-" else 1
        return datetime.timezone(datetime.timedelta(minutes=sign * minutes))
    if not name or name.startswith(("/", ".")) or ".." in name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def validate_time_zone(name):
    """A validator for `Conference.time_zone`: empty, an IANA name or a UTC offset."""
    if name and parse_time_zone(name) is None:
        raise ValidationError(
            f"{name!r} is neither a time zone name like Europe/Berlin nor an offset like +01:00."
        )


# Talk.Meta adds it: a child's Meta replaces the constraints of an abstract parent's.
ENDS_AFTER_START = models.CheckConstraint(
    condition=Q(ends_at__isnull=True)
    | Q(starts_at__isnull=False, ends_at__gte=models.F("starts_at")),
    name="talk_ends_after_start",
)


def conference_tzinfo(conference):
    """The time zone the conference's times are shown in (UTC when it names none)."""
    return parse_time_zone(conference.time_zone) or datetime.UTC


class ScheduleQuerySet(models.QuerySet):
    def scheduled(self):
        """Talks with a start time, in time order (then room, so a slot reads left to right)."""
        return self.filter(starts_at__isnull=False).order_by("starts_at", "room", "position", "pk")

    def not_cancelled(self):
        """Talks that still take place."""
        return self.filter(cancelled=False)

    def for_calendar(self):
        """What a calendar or frab export reads: conference, speakers and links of each talk."""
        return (
            self.scheduled().select_related("conference").with_speakers().prefetch_related("links")
        )

    def for_schedule(self, user=None):
        """What a schedule shows of each talk: speakers and the reader's star, no tags."""
        return (
            self.scheduled()
            .defer("summary", "search_vector")
            .with_speakers()
            .with_star_counts(user)
        )


class Scheduled(models.Model):
    """A talk's place in the conference's schedule, when a schedule says it."""

    starts_at = models.DateTimeField("starts", null=True, blank=True)
    ends_at = models.DateTimeField("ends", null=True, blank=True)
    room = models.CharField(max_length=200, blank=True)
    track = models.CharField(max_length=200, blank=True)
    session_type = models.CharField(
        "type", max_length=100, blank=True, help_text='As the schedule says: "Talk", "Workshop".'
    )
    language = models.CharField(max_length=20, blank=True, help_text='A code like "en".')
    cancelled = models.BooleanField(
        default=False, help_text="The schedule dropped or cancelled it; it is kept with its notes."
    )
    schedule_change = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the last schedule import changed about it (moved, renamed, cancelled).",
    )

    class Meta:
        abstract = True

    @property
    def is_scheduled(self):
        """True when the talk has a start time."""
        return self.starts_at is not None
