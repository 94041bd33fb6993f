"""SQLite's full-text search: an FTS5 table with a column per document field (migration
0010_sqlite_fts5_index), queries as FTS5 MATCH expressions, ranked with bm25() weighted as
PostgreSQL weighs the fields, highlighted with snippet()."""

import functools
import sqlite3

from django.db import connection, transaction
from django.db.models import F, FloatField, Func, QuerySet, TextField, Value

from ..models import Talk, TalkIndexEntry
from .document import COLUMNS, DOCUMENT, plain_text
from .query import MARK_END, MARK_START, without_stop_words

TABLE = TalkIndexEntry._meta.db_table
# PostgreSQL's default weights of A, B, C and D in ts_rank.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
RANKING = "bm25({})".format(", ".join(str(WEIGHTS[part.weight]) for part in DOCUMENT))
SNIPPET_TOKENS = 32
# Statements over our own table and column names (no input in them).
DELETE_ALL = f"DELETE FROM {TABLE}"  # noqa: S608
DELETE = f"DELETE FROM {TABLE} WHERE rowid = %s"  # noqa: S608
INSERT = "INSERT INTO {} (rowid, {}) VALUES ({})".format(  # noqa: S608
    TABLE, ", ".join(part.name for part in DOCUMENT), ", ".join(["%s"] * (len(DOCUMENT) + 1))
)


@functools.cache
def fts5_available():
    """Whether the SQLite library Python uses has FTS5 (checked once)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(text)")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def table_exists():
    with connection.cursor() as cursor:
        return TABLE in connection.introspection.table_names(cursor)


def _documents(talks):
    """(id, text of each field) of these talks, as the index stores them."""
    columns = {f"_{part.name}": part.expression() for part in DOCUMENT}
    for pk, *texts in talks.order_by().annotate(**columns).values_list("pk", *columns):
        yield (
            pk,
            *(
                plain_text(text) if part.markdown else text or ""
                for part, text in zip(DOCUMENT, texts, strict=True)
            ),
        )


def index_talks(talk_ids=None):
    """Replace the index rows of these talks (all if None) by their current documents;
    rows of talks that no longer exist go. Returns how many talks were indexed."""
    talks = Talk.objects.all()
    if talk_ids is not None:
        talk_ids = list(talk_ids) if isinstance(talk_ids, QuerySet) else talk_ids
        talk_ids = {pk for pk in talk_ids if pk is not None}
        if not talk_ids:
            return 0
        talks = talks.filter(pk__in=talk_ids)
    rows = list(_documents(talks))
    # One transaction: never half an index, and one commit rather than one per row.
    with transaction.atomic(), connection.cursor() as cursor:
        if talk_ids is None:
            cursor.execute(DELETE_ALL)
        else:
            cursor.executemany(DELETE, [(pk,) for pk in talk_ids])
        cursor.executemany(INSERT, rows)
    return len(rows)


def _quoted(term):
    """A term as an FTS5 string: a phrase of its words, no operator or column name."""
    return '"' + term.replace('"', '""') + '"'


def _any_of(terms):
    return "(" + " OR ".join(_quoted(term) for term in terms) + ")"


def match_expression(terms):
    """The FTS5 query of the terms' groups, less their excluded terms ("" if no group)."""
    if not terms.groups:
        return ""
    expression = " AND ".join(_any_of(group) for group in terms.groups)
    if terms.excluded:
        expression = f"({expression}) NOT {_any_of(terms.excluded)}"
    return expression


def search(talks, terms):
    """Talks matching the terms, annotated with `rank` (higher is better)."""
    terms = without_stop_words(terms)
    if not terms.groups:
        # Nothing to find, or only words to exclude (as in PostgreSQL, the other talks).
        talks = talks.annotate(rank=Value(0.0, output_field=FloatField()))
        if not terms.excluded:
            return talks.none()
        excluded = TalkIndexEntry.objects.filter(document__match=_any_of(terms.excluded))
        return talks.exclude(pk__in=excluded.values("talk_id"))
    return talks.filter(
        index_entry__document__match=match_expression(terms), index_entry__rank__match=RANKING
    ).annotate(rank=-F("index_entry__rank"))


def with_snippets(talks, terms):
    """Annotate `headline`: the summary's passage around the matches, in markers."""
    if not without_stop_words(terms).groups:
        return talks  # no MATCH, so no snippet()
    return talks.annotate(
        headline=Func(
            F("index_entry__document"),
            Value(COLUMNS["summary"]),
            Value(MARK_START),
            Value(MARK_END),
            Value("…"),
            Value(SNIPPET_TOKENS),
            function="snippet",
            output_field=TextField(),
        )
    )
