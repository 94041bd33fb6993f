"""The data version: one number, bumped once per committed change to what visitors see.

Every cache of derived data (counts, facets, related talks, whole pages) puts the
version in its key, so an edit is visible on the next request on every server process
that shares the cache, and no entry ever has to expire to become correct. The version
lives in the shared cache and is the time of the change in nanoseconds, so pages can say
when they last changed (`changed_at`). Each bump writes a value never used before, after
its commit: two processes bumping at once cannot both write the same one (unless in the
same nanosecond), and a page rendered before a commit is never filed under a version
written after it. A lost version (evicted, restarted cache) starts again from the clock,
so old entries are never revived.
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


def current_and(key):
    """The data version now and what the cache holds under `key`, in one round trip."""
    found = cache.get_many([KEY, key])
    if KEY not in found:
        return current(), found.get(key)
    return found[KEY], found.get(key)


def bump():
    """Start a new data version once the current transaction commits (at once outside one).

    Several writes in one transaction bump it once; a rolled-back transaction not at all.
    """
    pending = any(callback is _increment for _, callback, _ in connection.run_on_commit)
    if not pending:
        transaction.on_commit(_increment)


def _increment():
    # Not cache.incr: the file and database caches do theirs as a read and a write, so two
    # processes could write the same number; the clock gives each bump its own.
    cache.set(KEY, max(time.time_ns(), (cache.get(KEY) or 0) + 1), None)


def changed_at(version):
    """When this data version began, in seconds since the epoch."""
    return version / 1e9


def cache_key(kind, *parts):
    """A cache key for data derived from the catalogue, valid for this data version only."""
    return ":".join(["confnotes", kind, str(current()), *map(str, parts)])
