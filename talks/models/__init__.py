"""The talks app's models: the catalogue, what readers add to it, PostgreSQL's summaries and
SQLite's search index."""

from .conference import Conference, ConferenceQuerySet
from .links import Link
from .lists import (
    LIST_NAME_MAX_LENGTH,
    LISTS_PER_PERSON,
    TALKS_PER_LIST,
    WATCH_LATER,
    TalkList,
    TalkListItem,
    TalkListQuerySet,
)
from .reader import (
    NOTE_BODY_MAX_LENGTH,
    NOTE_TIME_MAX,
    CalendarToken,
    Note,
    NoteQuerySet,
    Star,
)
from .schedule import Scheduled, ScheduleQuerySet, conference_tzinfo, parse_time_zone
from .search import TalkIndexEntry
from .summary import FacetCount, TalkCompany, TalkFacets
from .talk import PREFETCHED_TAGS, Talk, TalkQuerySet, TalkSpeaker, tags_with_counts

__all__ = [
    "LISTS_PER_PERSON",
    "LIST_NAME_MAX_LENGTH",
    "NOTE_BODY_MAX_LENGTH",
    "NOTE_TIME_MAX",
    "PREFETCHED_TAGS",
    "TALKS_PER_LIST",
    "WATCH_LATER",
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
    "TalkList",
    "TalkListItem",
    "TalkListQuerySet",
    "TalkQuerySet",
    "TalkSpeaker",
    "conference_tzinfo",
    "parse_time_zone",
    "tags_with_counts",
]
