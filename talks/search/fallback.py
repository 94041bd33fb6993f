"""Search where the database has no full-text engine (SQLite built without FTS5): talks
whose document contains every word, case-insensitively; no stemming, ranking or snippet."""

from django.db.models import FloatField, Func, Q, TextField, Value
from django.db.models.functions import Coalesce

from .document import DOCUMENT
from .query import without_stop_words


def document():
    """The whole search document of a talk as one text (Markdown left as written)."""
    parts = [Coalesce(part.expression(), Value(""), output_field=TextField()) for part in DOCUMENT]
    # One flat `a || ' ' || b …`: Concat nests a function call per part.
    return Func(
        *parts, arg_joiner=" || ' ' || ", template="(%(expressions)s)", output_field=TextField()
    )


def index_talks(talk_ids=None):
    """Nothing is stored: matches read the tables."""
    return 0


def search(talks, terms):
    """Talks whose document contains the terms; `rank` is 0 for all."""
    terms = without_stop_words(terms)
    talks = talks.annotate(rank=Value(0.0, output_field=FloatField()))
    if not terms:
        return talks.none()
    condition = Q()
    for group in terms.groups:
        alternatives = Q()
        for term in group:
            alternatives |= Q(_document__icontains=term)
        condition &= alternatives
    for term in terms.excluded:
        condition &= ~Q(_document__icontains=term)
    return talks.alias(_document=document()).filter(condition)


def with_snippets(talks, terms):
    """No snippets."""
    return talks


def similar_words(word, limit):
    """No vocabulary to suggest from."""
    return []
