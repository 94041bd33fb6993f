"""Full-text search over talks: one small interface, one backend per database engine.

PostgreSQL searches with its own full-text search (`postgres`); SQLite, the embedded
default, with its FTS5 engine (`sqlite`) when the library has it and the index table was
created, else with plain substring matches (`fallback`). The backend is chosen by the
connection's vendor, the SQLite check made once. Callers use only these functions;
`index_talks()` is called by `talks.changes` whenever a talk's document may have changed.
"""

import functools
import html
import warnings

from django.db import connection

from . import fallback, postgres, sqlite
from .query import MARK_END, MARK_START, SearchTerms, clean_query, parse_query

__all__ = [
    "SearchTerms",
    "best_first",
    "clean_query",
    "index_talks",
    "parse_query",
    "search",
    "snippet_html",
    "with_snippets",
]


@functools.cache
def _sqlite_backend():
    if not sqlite.fts5_available():
        return fallback
    if not sqlite.table_exists():
        warnings.warn(
            "SQLite has FTS5 but the search index table talks_talk_fts is missing (migrations "
            "not applied, or FTS5 came with a later SQLite): searching without it. Apply, or "
            "re-apply, migration talks.0010_sqlite_fts5_index to create and fill it.",
            stacklevel=3,
        )
        return fallback
    return sqlite


def backend():
    """The search module for the default database's engine."""
    if connection.vendor == "postgresql":
        return postgres
    if connection.vendor == "sqlite":
        return _sqlite_backend()
    return fallback


def search(talks, terms):
    """Talks matching the parsed `terms`, annotated with `rank` (higher is better)."""
    if not terms:
        return talks
    return backend().search(talks, terms)


def best_first(searched, terms, ties=()):
    """The talks of `search(…, terms)` best first, for taking the first few; `ties` orders
    equal ranks where the engine can do it without ranking every match."""
    engine = backend()
    if hasattr(engine, "best_first"):
        return engine.best_first(searched, terms, ties)
    return searched.order_by("-rank", *ties)


def with_snippets(talks, terms):
    """Talks annotated, where the engine can, with `headline`: the summary's passage around
    the matches, in markers."""
    if not terms:
        return talks
    return backend().with_snippets(talks, terms)


def index_talks(talk_ids=None):
    """Bring these talks' search documents up to date (all talks if None)."""
    return backend().index_talks(talk_ids)


def snippet_html(talk, terms):
    """Safe HTML of a summary passage with the searched words in <mark>, or ""."""
    headline = getattr(talk, "headline", None)
    if not terms or not headline or MARK_START not in headline:
        return ""
    escaped = html.escape(" ".join(headline.split()))
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
