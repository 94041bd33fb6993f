"""/healthz and /readyz for load balancers and orchestrators.

Answered by the first middleware, before host checks, HTTPS redirects, sessions and the
page cache: probes come by address, not by the site's name, and are never cached.
- /healthz: the process answers (200, no database, no cache);
- /readyz: the database and the cache answer (200), or which does not (503), in JSON.
"""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse

logger = logging.getLogger(__name__)

PROBE_KEY = "confnotes:readyz"


def healthz():
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def database_ready():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_ready():
    cache.set(PROBE_KEY, 1, 10)
    return cache.get(PROBE_KEY) == 1


def check(name, probe):
    try:
        return "ok" if probe() else "error"
    except Exception:
        logger.exception("/readyz: the %s does not answer.", name)
        return "error"


def readyz():
    checks = {"database": check("database", database_ready), "cache": check("cache", cache_ready)}
    ready = all(result == "ok" for result in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthMiddleware:
    """Answer the probes before anything else runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        response = probe()
        response["Cache-Control"] = "no-store"
        return response
