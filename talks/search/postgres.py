"""PostgreSQL's full-text search: a stored, weighted, GIN-indexed vector per talk, queries
through `websearch_to_tsquery`, highlighted with `ts_headline`; words for "Did you mean …?"
from a list of the catalogue's words, nearest first by pg_trgm.

Ranked with the RUM extension's score where its index exists (migration 0014_rum_index):
RUM keeps each word's positions in the index, so the best matches of a common word come
out of the index in order without reading every match. Elsewhere ranked with `ts_rank`,
which reads the vector of every match. The two scores differ: RUM's (cover density, as
`ts_rank_cd`) does not divide by the document's length, `ts_rank(…, 1)` does; both weigh
titles (A) over tags, speakers and companies (B) over summaries (C) over notes (D).
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, FloatField, Func, QuerySet, TextField, Value
from django.db.models.functions import Coalesce

from ..models import Talk
from .document import DOCUMENT, MARKDOWN_NOISE, SUGGESTED_FIELDS
from .query import MARK_END, MARK_START, as_websearch

CONFIG = "english"


def plain(expression):
    """Markdown text without its syntax and link targets (`document.plain_text`), in SQL."""
    return Func(
        expression,
        Value(MARKDOWN_NOISE),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def plain_summary():
    return plain(F("summary"))


def search_vector():
    """The weighted tsvector of a talk, as an expression usable in an UPDATE of Talk."""
    vector = None
    for part in DOCUMENT:
        text = plain(part.expression()) if part.markdown else part.expression()
        piece = SearchVector(text, weight=part.weight, config=CONFIG)
        vector = piece if vector is None else vector + piece
    return vector


def index_talks(talk_ids=None):
    """Recompute the stored vector of these talks (all if None), and add their words to the
    word list; returns how many talks.

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
    if talk_ids is None and uses_rum() and not connection.in_atomic_block:
        # RUM adds a row's entries one by one (GIN defers them to a pending list): ~7 ms
        # a talk against ~1 for GIN at 100,000 talks, 10 minutes for all of them. Building
        # the index afresh takes seconds; the table is locked meanwhile, as after a bulk
        # load, the only write that re-indexes everything. Not inside a caller's
        # transaction: its deferred foreign-key checks forbid CREATE INDEX until it ends.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP INDEX {RUM_INDEX}")
            count = talks.update(search_vector=search_vector())
            cursor.execute(CREATE_RUM_INDEX)
    else:
        count = talks.update(search_vector=search_vector())
    index_words(talks, everything=talk_ids is None)
    return count


def search_query(terms):
    return SearchQuery(as_websearch(terms), search_type="websearch", config=CONFIG)


RUM_INDEX = "talks_talk_search_vector_rum"
CREATE_RUM_INDEX = (
    f"CREATE INDEX {RUM_INDEX} ON talks_talk USING rum (search_vector rum_tsvector_ops)"
)
_rum_indexes = {}  # database name -> whether it has a valid RUM index of the vectors


def uses_rum():
    """Whether this database has the RUM index of 0014_rum_index (checked once per database)."""
    name = connection.settings_dict["NAME"]
    if name not in _rum_indexes:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "WHERE c.relname = %s AND i.indisvalid",
                [RUM_INDEX],
            )
            _rum_indexes[name] = cursor.fetchone() is not None
    return _rum_indexes[name]


class RumDistance(Func):
    """`vector <=> query`: RUM's distance (1 / its score), the order its index returns."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


class RumScore(Func):
    """RUM's score of a vector for a query (higher is better), as its index ranks."""

    function = "rum_ts_score"
    output_field = FloatField()


def search(talks, terms):
    """Talks matching the terms, annotated with `rank` (higher is better)."""
    query = search_query(terms)
    if uses_rum():
        rank = RumScore(F("search_vector"), query)
    else:
        rank = SearchRank(F("search_vector"), query, normalization=Value(1))
    return talks.filter(search_vector=query).annotate(rank=rank)


def best_first(searched, terms, ties):
    """Talks of `search()` best first, for taking the first few: with RUM, in the index's
    order (equal scores in the index's own order, not `ties`: ordering them would mean
    reading every match); else by rank, then `ties`."""
    if uses_rum():
        distance = RumDistance(F("search_vector"), search_query(terms))
        return searched.alias(_distance=distance).order_by("_distance")
    return searched.order_by("-rank", *ties)


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


# --- "Did you mean …?": the catalogue's words ------------------------------------------------

# Every word of the talks' suggested fields (document.SUGGESTED_FIELDS) as written, lower-cased
# and unstemmed, with a trigram index (pg_trgm, GiST: it orders by distance). Created by
# migration 0012_search_words where pg_trgm can be installed; without it, no suggestions.
WORDS = "talks_search_word"
# A word worth suggesting: letters only (no numbers, addresses, or parts of either).
WORD_PATTERN = "^[[:alpha:]]{3,40}$"
# The distinct words of some documents, counted by ts_stat (which takes its query as text:
# Django's compiled SQL with its parameters inlined by the driver) rather than unnest() and
# DISTINCT: 23 s instead of 62 s for 100,000 talks (BENCHMARKS.md).
ADD_WORDS = (
    f"INSERT INTO {WORDS} (word) SELECT word FROM ts_stat(%s) WHERE word ~ %s "  # noqa: S608
    "ON CONFLICT DO NOTHING"
)
NEAREST = f"SELECT word FROM {WORDS} ORDER BY word <-> %s LIMIT %s"  # noqa: S608


def words_exist():
    """Whether the word list is there (pg_trgm was available to migration 0012)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [WORDS])
        return cursor.fetchone()[0]


def suggested_text():
    """The suggested fields of a talk as one text (Markdown without its syntax), in SQL."""
    parts = []
    for part in DOCUMENT:
        if part.name in SUGGESTED_FIELDS:
            text = plain(part.expression()) if part.markdown else part.expression()
            parts.append(Coalesce(text, Value(""), output_field=TextField()))
    return Func(
        *parts, arg_joiner=" || ' ' || ", template="(%(expressions)s)", output_field=TextField()
    )


def index_words(talks, *, everything=False):
    """Add the words of these talks to the word list; `everything`: they are all the talks,
    and the list is rebuilt (words no talk has any more leave it).

    Between rebuilds the list only grows: a word that left every talk stays until the next
    one (`talks.changes.everything_changed`). It is never suggested for that: a suggestion
    counts the talks its words find first (talks.search.suggest).
    """
    if not words_exist():
        return
    documents, params = (
        talks.order_by()
        .annotate(_text=suggested_text())
        .values_list("_text")
        .query.sql_with_params()
    )
    documents = connection.ops.compose_sql(documents, params)
    vectors = f"SELECT to_tsvector('simple', d.text) FROM ({documents}) AS d (text)"  # noqa: S608
    with connection.cursor() as cursor:
        if everything:
            cursor.execute(f"DELETE FROM {WORDS}")  # noqa: S608
        cursor.execute(ADD_WORDS, [vectors, WORD_PATTERN])


def similar_words(word, limit):
    """The catalogue's words nearest to `word` by trigrams (pg_trgm's `<->`, through the
    index), nearest first."""
    if not words_exist():
        return []
    with connection.cursor() as cursor:
        cursor.execute(NEAREST, [word, limit])
        return [found for (found,) in cursor.fetchall()]
