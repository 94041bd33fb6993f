"""One request through Django's test client, timed: the whole request and its SQL; and the
cache as an edit leaves it, for cold requests."""

import importlib
import time

from django.core.cache import cache
from django.db import connection


def empty_cache():
    """The cache as right after an edit: nothing derived from the data is in it, and the
    new data version is (an edit writes it; code from before the data version has none)."""
    cache.clear()
    try:
        version = importlib.import_module("talks.version")
    except ImportError:
        return
    version.current()


def timed_get(client, url):
    """(response, milliseconds in all, milliseconds in database calls) of a GET of `url`."""
    db_time = [0.0]

    def timer(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            db_time[0] += time.perf_counter() - started

    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    return response, elapsed * 1000, db_time[0] * 1000
