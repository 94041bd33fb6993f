"""PostgreSQL's full-text search: a stored, weighted, GIN-indexed vector per talk, queries
through `websearch_to_tsquery`, ranked with `ts_rank`, highlighted with `ts_headline`."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import F, QuerySet, Value

from ..models import Talk
from .document import DOCUMENT, plain_summary
from .query import MARK_END, MARK_START, as_websearch

CONFIG = "english"


def search_vector():
    """The weighted tsvector of a talk, as an expression usable in an UPDATE of Talk."""
    vector = None
    for part in DOCUMENT:
        piece = SearchVector(part.expression(), weight=part.weight, config=CONFIG)
        vector = piece if vector is None else vector + piece
    return vector


def index_talks(talk_ids=None):
    """Recompute the stored vector of these talks (all if None); returns how many.

    `talk_ids` is an iterable of primary keys or a `values_list(…, flat=True)` QuerySet,
    used as a subquery so that the whole update is one statement.
    """
    talks = Talk.objects.all()
    if isinstance(talk_ids, QuerySet):
        talks = talks.filter(pk__in=talk_ids)
    elif talk_ids is not None:
        talk_ids = {pk for pk in talk_ids if pk is not None}
        if not talk_ids:
            return 0
        talks = talks.filter(pk__in=talk_ids)
    return talks.update(search_vector=search_vector())


def search_query(terms):
    return SearchQuery(as_websearch(terms), search_type="websearch", config=CONFIG)


def search(talks, terms):
    """Talks matching the terms, annotated with `rank` (higher is better)."""
    query = search_query(terms)
    return talks.filter(search_vector=query).annotate(
        rank=SearchRank(F("search_vector"), query, normalization=Value(1))
    )


def with_snippets(talks, terms):
    """Annotate `headline`: the summary's passage around the matches, in markers."""
    return talks.annotate(
        headline=SearchHeadline(
            plain_summary(),
            search_query(terms),
            config=CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )
