"""What a talk's search document holds: its fields, their weights, and how to read them."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.db.models import F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from ..models import Note, Talk, TalkSpeaker


def _credits():
    return TalkSpeaker.objects


def _public_notes():
    return Note.objects.public()


def _taggings():
    return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Talk))


def _joined(queryset, path):
    """All values of `path` in a queryset correlated to the talk, space-separated."""
    aggregated = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(text=StringAgg(path, delimiter=" "))
        .values("text")
    )
    return Coalesce(Subquery(aggregated), Value(""), output_field=TextField())


def _talks_whose(queryset, path, talk_field):
    """SQLite fallback: Q for talks with a related row whose `path` matches a pattern."""
    return lambda pattern: Q(
        pk__in=queryset().filter(**{f"{path}__iregex": pattern}).values(talk_field)
    )


@dataclass(frozen=True)
class DocumentField:
    """One kind of text in a talk's search document.

    `expression()` gives the text for PostgreSQL's vector (a field or a subquery correlated
    to the talk); `matches(pattern)` gives the fallback's Q for talks whose text matches a
    regular expression (`fallback_pattern`).
    """

    name: str
    weight: str  # A (most important) to D
    expression: object = field(repr=False)
    matches: object = field(repr=False)


# Markdown link targets, images' sources and emphasis/code/heading marks: not words anyone
# searches for, and noise in a snippet. (And the snippet's own markers, should a summary
# ever contain them.)
MARKDOWN_NOISE = "\\]\\([^)]*\\)|[*_`#>\\[\\]\ue000\ue001]+"


def plain_summary():
    """The summary with Markdown syntax and link targets removed, as a SQL expression."""
    return Func(
        F("summary"),
        Value(MARKDOWN_NOISE),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


DOCUMENT = (
    DocumentField("title", "A", lambda: F("title"), lambda pattern: Q(title__iregex=pattern)),
    DocumentField("topic", "A", lambda: F("topic"), lambda pattern: Q(topic__iregex=pattern)),
    DocumentField(
        "tags",
        "B",
        lambda: _joined(_taggings().filter(object_id=OuterRef("pk")), "tag__name"),
        _talks_whose(_taggings, "tag__name", "object_id"),
    ),
    DocumentField(
        "speakers",
        "B",
        lambda: _joined(_credits().filter(talk=OuterRef("pk")), "speaker__name"),
        _talks_whose(_credits, "speaker__name", "talk_id"),
    ),
    DocumentField(
        "companies",
        "B",
        lambda: _joined(_credits().filter(talk=OuterRef("pk")), "speaker__company__name"),
        _talks_whose(_credits, "speaker__company__name", "talk_id"),
    ),
    DocumentField("summary", "C", plain_summary, lambda pattern: Q(summary__iregex=pattern)),
    # Public notes: what readers wrote is searchable once its author shares it
    # (receivers in talks/signals.py keep this current).
    DocumentField(
        "notes",
        "D",
        lambda: _joined(_public_notes().filter(talk=OuterRef("pk")), "body"),
        _talks_whose(_public_notes, "body", "talk_id"),
    ),
)
