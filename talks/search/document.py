"""What a talk's search document holds: its fields, their weights, and how to read them."""

import re
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Aggregate, F, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from taggit.models import TaggedItem

from ..models import Note, Talk, TalkSpeaker


class JoinedText(Aggregate):
    """The values of an expression, space-separated (GROUP_CONCAT on SQLite)."""

    function = "STRING_AGG"
    output_field = TextField()

    def __init__(self, expression):
        super().__init__(expression, Value(" "))

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


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
        .annotate(text=JoinedText(path))
        .values("text")
    )
    return Coalesce(Subquery(aggregated), Value(""), output_field=TextField())


@dataclass(frozen=True)
class DocumentField:
    """One kind of text in a talk's search document.

    `expression()` gives the text as SQL (a field or a subquery correlated to the talk);
    Markdown text (`markdown`) is indexed without its syntax (`plain_text`).
    """

    name: str
    weight: str  # A (most important) to D
    expression: object = field(repr=False)
    markdown: bool = False


# Markdown link targets, images' sources and emphasis/code/heading marks: not words anyone
# searches for, and noise in a snippet. (And the snippet's own markers, should a summary
# ever contain them.) Written for both Python's `re` and PostgreSQL's regexp_replace.
MARKDOWN_NOISE = "\\]\\([^)]*\\)|[*_`#>\\[\\]\ue000\ue001]+"


def plain_text(markdown):
    """Markdown without its syntax and link targets, as the search indexes it."""
    return re.sub(MARKDOWN_NOISE, " ", markdown or "")


DOCUMENT = (
    DocumentField("title", "A", lambda: F("title")),
    DocumentField("topic", "A", lambda: F("topic")),
    DocumentField(
        "tags", "B", lambda: _joined(_taggings().filter(object_id=OuterRef("pk")), "tag__name")
    ),
    DocumentField(
        "speakers", "B", lambda: _joined(_credits().filter(talk=OuterRef("pk")), "speaker__name")
    ),
    DocumentField(
        "companies",
        "B",
        lambda: _joined(_credits().filter(talk=OuterRef("pk")), "speaker__company__name"),
    ),
    DocumentField("summary", "C", lambda: F("summary"), markdown=True),
    # Public notes: what readers wrote is searchable once its author shares it
    # (talks.changes re-indexes a talk when one of its notes changes).
    DocumentField(
        "notes", "D", lambda: _joined(_public_notes().filter(talk=OuterRef("pk")), "body")
    ),
)

# The column of each field in SQLite's index (talks.search.sqlite), by name.
COLUMNS = {part.name: number for number, part in enumerate(DOCUMENT)}

# The fields whose words "Did you mean …?" suggests (talks.search.suggest): the catalogue's
# own words, not what readers wrote in their notes.
SUGGESTED_FIELDS = ("title", "topic", "tags", "speakers", "companies", "summary")
