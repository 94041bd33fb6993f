"""The data version: one number, bumped once per committed change to what visitors see.

Every cache of derived data (counts, facets, related talks, whole pages) puts the
version in its key, so an edit is visible on the next request on every server process
that shares the cache, and no entry ever has to expire to become correct. The version
lives in the shared cache; a lost one (evicted, restarted cache) starts again from the
clock, so old entries are never revived.
"""

import time

from django.core.cache import cache
from django.db import connection, transaction

KEY = "confnotes:data-version"


def current():
    """The data version now."""
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, time.time_ns(), None)
        version = cache.get(KEY)
    return version


def bump():
    """Start a new data version once the current transaction commits (at once outside one).

    Several writes in one transaction bump it once; a rolled-back transaction not at all.
    """
    pending = any(callback is _increment for _, callback, _ in connection.run_on_commit)
    if not pending:
        transaction.on_commit(_increment)


def _increment():
    try:
        cache.incr(KEY)
    except ValueError:  # lost: a new series, above any earlier one
        cache.add(KEY, time.time_ns(), None)


def cache_key(kind, *parts):
    """A cache key for data derived from the catalogue, valid for this data version only."""
    return ":".join(["confnotes", kind, str(current()), *map(str, parts)])
