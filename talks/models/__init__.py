"""The talks app's models: the catalogue, what readers add to it, and PostgreSQL's summaries."""

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
    Note,
    NoteQuerySet,
    Star,
    star_count_subquery,
)
from .summary import FacetCount, TalkCompany, TalkFacets

__all__ = [
    "NOTE_BODY_MAX_LENGTH",
    "NOTE_TIME_MAX",
    "PREFETCHED_TAGS",
    "Conference",
    "ConferenceQuerySet",
    "FacetCount",
    "Link",
    "Note",
    "NoteQuerySet",
    "Star",
    "Talk",
    "TalkCompany",
    "TalkFacets",
    "TalkQuerySet",
    "TalkSpeaker",
    "star_count_subquery",
    "tags_with_counts",
]
