"""The talks app's models: the catalogue, what readers add to it, PostgreSQL's summaries and
SQLite's search index."""

from .catalogue import (
    PREFETCHED_TAGS,
    Conference,
    ConferenceQuerySet,
    Link,
    Talk,
    TalkQuerySet,
    TalkSpeaker,
    tags_with_counts,
)
from .reader import (
    NOTE_BODY_MAX_LENGTH,
    NOTE_TIME_MAX,
    CalendarToken,
    Note,
    NoteQuerySet,
    Star,
    star_count_subquery,
)
from .search import TalkIndexEntry
from .schedule import Scheduled, ScheduleQuerySet, conference_tzinfo, parse_time_zone
from .summary import FacetCount, TalkCompany, TalkFacets

__all__ = [
    "NOTE_BODY_MAX_LENGTH",
    "NOTE_TIME_MAX",
    "PREFETCHED_TAGS",
    "CalendarToken",
    "Conference",
    "ConferenceQuerySet",
    "FacetCount",
    "Link",
    "Note",
    "NoteQuerySet",
    "ScheduleQuerySet",
    "Scheduled",
    "Star",
    "Talk",
    "TalkCompany",
    "TalkFacets",
    "TalkIndexEntry",
    "TalkQuerySet",
    "TalkSpeaker",
    "conference_tzinfo",
    "parse_time_zone",
    "star_count_subquery",
    "tags_with_counts",
]
