"""Full-text search over talks: one small interface, one backend per database engine.

PostgreSQL searches with its own full-text search (`postgres`); SQLite, the embedded
default, with its engine (`sqlite`). The backend is chosen by the connection's vendor.
Callers use only these functions; `index_talks()` is called by `talks.changes` whenever a
talk's document may have changed.
"""

import html

from django.db import connection

from ..rendering import markdown_to_text
from . import postgres, sqlite
from .query import MARK_END, MARK_START, SearchTerms, clean_query, parse_query

__all__ = [
    "SearchTerms",
    "clean_query",
    "index_talks",
    "parse_query",
    "search",
    "snippet_html",
    "with_snippets",
]


def backend():
    """The search module for the default database's engine."""
    return postgres if connection.vendor == "postgresql" else sqlite


def search(talks, terms):
    """Talks matching the parsed `terms`, annotated with `rank` (higher is better)."""
    if not terms:
        return talks
    return backend().search(talks, terms)


def with_snippets(talks, terms):
    """Talks annotated, where the engine can, with the summary passage around the matches."""
    if not terms:
        return talks
    return backend().with_snippets(talks, terms)


def index_talks(talk_ids=None):
    """Bring these talks' search documents up to date (all talks if None)."""
    return backend().index_talks(talk_ids)


def snippet_html(talk, terms):
    """Safe HTML of a summary passage with the searched words in <mark>, or ""."""
    if not terms:
        return ""
    headline = getattr(talk, "headline", None)
    if headline is None:
        text = markdown_to_text(talk.summary).replace(MARK_START, "").replace(MARK_END, "")
        headline = sqlite.headline(text, terms)
    headline = " ".join(headline.split())
    if MARK_START not in headline:
        return ""
    escaped = html.escape(headline)
    return escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
