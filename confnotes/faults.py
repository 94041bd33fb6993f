"""Database faults answered as 503 Service Unavailable with Retry-After, never as a 500.

Two kinds: the database cannot be reached (or gave up: connection refused, closed, locked,
timed out), and the database refuses writes (a read-only SQLite file; PostgreSQL with
`default_transaction_read_only`). Reads keep working in the second case.
"""

import logging
import time

from django.conf import settings
from django.db import Error, InterfaceError, OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.template import loader

logger = logging.getLogger(__name__)

READ_ONLY_SQLSTATE = "25006"  # PostgreSQL's read_only_sql_transaction
UNAVAILABLE = "The database is unavailable right now. Please try again in a moment."
READ_ONLY = "The site is read-only for maintenance right now: reading works, changes do not."


def database_error(exc):
    """The database error (DatabaseError or InterfaceError) that `exc` is or that led to it
    (e.g. a session that could not be saved), else None."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, Error):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def fault_kind(exc):
    """ "read-only" or "unavailable" for a database fault, None for any other exception."""
    exc = database_error(exc)
    if exc is None:
        return None
    cause = exc.__cause__  # the driver's error: psycopg2 names its code pgcode, psycopg sqlstate
    sqlstate = getattr(cause, "pgcode", None) or getattr(cause, "sqlstate", None)
    if sqlstate == READ_ONLY_SQLSTATE or "readonly database" in str(exc):
        return "read-only"
    if isinstance(exc, OperationalError | InterfaceError):
        return "unavailable"
    return None


def wants_json(request):
    """Whether the request is the API's or a script's that reads JSON."""
    return (
        request.path_info.startswith("/api/")
        or request.headers.get("X-Requested-With") == "XMLHttpRequest"
        or request.headers.get("Accept", "").startswith("application/json")
    )


def fault_response(request, exc):
    """The 503 answer to a database fault (JSON or an HTML page), or None for other errors."""
    kind = fault_kind(exc)
    if kind is None:
        return None
    logger.warning("Database %s on %s %s: %s", kind, request.method, request.path, exc)
    if kind == "read-only":
        retire_connections()
    message = READ_ONLY if kind == "read-only" else UNAVAILABLE
    if wants_json(request):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # Rendered without the request: context processors would ask the database again.
        html = loader.get_template("503.html").render({"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(settings.CONFNOTES_RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def retire_connections():
    """Have Django close this thread's connections when the request ends, so that the next
    request asks afresh: a database made read-only for a while (PostgreSQL's
    `default_transaction_read_only` applies to new connections) is writable again as soon
    as it is, not when a persistent connection ages out (DJANGO_CONN_MAX_AGE)."""
    for connection in connections.all(initialized_only=True):
        connection.close_at = time.monotonic()
