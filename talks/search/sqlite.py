"""SQLite's full-text search: an FTS5 table with a column per document field (migration
0010_sqlite_fts5_index), queries as FTS5 MATCH expressions, ranked with bm25() weighted as
PostgreSQL weighs the fields, highlighted with snippet(); words for "Did you mean …?" from
the index's own vocabulary (fts5vocab tables over it, migration 0012_search_words)."""

import functools
import re
import sqlite3
import unicodedata

from django.db import connection, transaction
from django.db.models import F, FloatField, Func, QuerySet, TextField, Value

from ..models import Talk, TalkIndexEntry
from .document import COLUMNS, DOCUMENT, SUGGESTED_FIELDS, plain_text
from .query import MARK_END, MARK_START, without_stop_words
from .spelling import distance

TABLE = TalkIndexEntry._meta.db_table
# PostgreSQL's default weights of A, B, C and D in ts_rank.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
RANKING = "bm25({})".format(", ".join(str(WEIGHTS[part.weight]) for part in DOCUMENT))
SNIPPET_TOKENS = 32
# Statements over our own table and column names (no input in them).
DELETE_ALL = f"DELETE FROM {TABLE}"  # noqa: S608
DELETE = f"DELETE FROM {TABLE} WHERE rowid = %s"  # noqa: S608
# fts5vocab tables over the index (migration 0012_search_words): each term (a Porter stem)
# per column with the number of talks it is in, and each occurrence (talk, column, token).
VOCABULARY = f"{TABLE}_vocabulary"
OCCURRENCES = f"{TABLE}_occurrences"
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


# --- "Did you mean …?": the index's vocabulary ------------------------------------------------

# A token as FTS5's unicode61 tokenizer reads one: a run of letters and digits.
TOKEN = re.compile(r"[^\W_]+")
_SUGGESTED = ", ".join(f"'{name}'" for name in SUGGESTED_FIELDS)
# The stems of the suggested fields that begin with a given letter, with their talk counts.
STEMS = (
    f"SELECT term, SUM(doc) FROM {VOCABULARY} "  # noqa: S608 - our own names
    f"WHERE term >= %s AND term < %s AND col IN ({_SUGGESTED}) "
    "AND length(term) BETWEEN %s AND %s GROUP BY term"
)
# A few occurrences of each of some stems, with the text of their talk's columns: one SELECT
# per stem (each looks its term up in the index), in one statement.
_COLUMNS = ", ".join(f"f.{name}" for name in SUGGESTED_FIELDS)
OCCURRENCES_OF = (
    f"SELECT * FROM (SELECT o.term, o.col, o.offset, {_COLUMNS} FROM {OCCURRENCES} o "  # noqa: S608
    f"JOIN {TABLE} f ON f.rowid = o.doc WHERE o.term = %s AND o.col IN ({_SUGGESTED}) LIMIT 3)"
)


def unaccented(text):
    """Lower-case text without diacritics, as the index's tokenizer reads it."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def vocabulary_exists():
    with connection.cursor() as cursor:
        return VOCABULARY in connection.introspection.table_names(cursor)


def similar_words(word, limit):
    """Words of the catalogue that may be what `word` was meant to be, likeliest first.

    The index holds stems ("kubernet", "secur"), and FTS5 has no fuzzy matching: the
    candidates are the stems that begin with the word's first letter, nearest first (by
    `spelling.distance`) to as much of the word as the stem is long (a stem is the start of
    its words), then most used; each is shown as a word it stands for in the talks' own
    text (the token at one of its occurrences).
    """
    word = unaccented(word)
    if not word or not vocabulary_exists():
        return []
    first = word[0]
    with connection.cursor() as cursor:
        cursor.execute(STEMS, [first, chr(ord(first) + 1), 3, len(word) + 2])
        stems = cursor.fetchall()
        stems.sort(key=lambda row: (distance(row[0], word[: len(row[0])]), -row[1]))
        stems = [stem for stem, _talks in stems[:limit]]
        if not stems:
            return []
        cursor.execute(" UNION ALL ".join([OCCURRENCES_OF] * len(stems)), stems)
        occurrences = cursor.fetchall()
    words = []
    for stem in stems:
        found = _word_of(stem, [row[1:] for row in occurrences if row[0] == stem])
        if found and found not in words:
            words.append(found)
    return words


def _word_of(stem, occurrences):
    """A word of the talks' text that the index reads as `stem`, from some of its
    occurrences (column, offset, texts of the columns); None if none will do."""
    for column, offset, *texts in occurrences:
        tokens = TOKEN.findall(texts[SUGGESTED_FIELDS.index(column)] or "")
        word = tokens[offset].lower() if offset < len(tokens) else ""
        # Porter stems are the start of their word but for the last letter or two ("happi"
        # of "happy"): anything else means the tokenizers disagree, and the word is no good.
        if word.isalpha() and unaccented(word).startswith(stem[: max(1, len(stem) - 2)]):
            return word
    return None
