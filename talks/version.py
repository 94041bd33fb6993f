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

from asgiref.local import Local
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction

KEY = "confnotes:data-version"

# A request reads the version once, then keys everything on that one (its own writes read it
# again): a page is built from one version even if another process bumps it meanwhile, and
# its four or five cache keys cost one round trip, not one each.
_request = Local()


def _start_request(**kwargs):
    _request.active, _request.version = True, None


def _finish_request(**kwargs):
    _request.active, _request.version = False, None


request_started.connect(_start_request)
request_finished.connect(_finish_request)


def _remember(version):
    if getattr(_request, "active", False):
        _request.version = version
    return version


def _read():
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, time.time_ns(), None)
        version = cache.get(KEY)
    return version


def current():
    """The data version now (in a request: as the request first read it)."""
    if getattr(_request, "active", False) and _request.version is not None:
        return _request.version
    return _remember(_read())


def current_and(key):
    """The data version now and what the cache holds under `key`, in one round trip."""
    found = cache.get_many([KEY, key])
    if KEY not in found:
        return current(), found.get(key)
    return _remember(found[KEY]), found.get(key)


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
    _request.version = None  # this request's next read sees its own write


def changed_at(version):
    """When this data version began, in seconds since the epoch."""
    return version / 1e9


def cache_key(kind, *parts):
    """A cache key for data derived from the catalogue, valid for this data version only."""
    return ":".join(["confnotes", kind, str(current()), *map(str, parts)])
