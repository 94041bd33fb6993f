"""Time the browsing and search endpoints in-process, the way a WSGI server would call them.

Usage (after `manage.py make_synthetic` on the database in DATABASE_URL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/run.py

Each case is requested a few times to warm caches, then REPEAT times; server time is the
wall time of the full Django request (URL routing, views, queries, templates, JSON).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "confnotes.settings")
# DEBUG=1 only for the development secret key and unhashed static files; switched off below.
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.management.commands.make_synthetic import COMMON_WORD, RARE_WORD  # noqa: E402

settings.DEBUG = False  # no query logging, production-like error handling
REPEAT = int(os.environ.get("BENCH_REPEAT", "60"))
WARMUP = 5
TARGET_MS = 50

CASES = [
    ("list page", "/talks/"),
    ("two-tag filter", "/talks/?tag=topic-0&tag=topic-1"),
    (f"common-word search ({COMMON_WORD})", f"/talks/?q={COMMON_WORD}"),
    (f"rare-word search ({RARE_WORD})", f"/talks/?q={RARE_WORD}"),
    ("API list", "/api/talks"),
]
EXTRA_CASES = [
    ("list page 2, sorted by title", "/talks/?sort=title&page=2"),
    ("search + tag + starred", f"/talks/?q={COMMON_WORD}&tag=topic-0&starred=1"),
    ("API search", f"/api/talks?q={COMMON_WORD}"),
    ("talk detail (related talks)", "/talks/talk-12345/"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(client, url):
    for _ in range(WARMUP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), len(queries)


def main():
    from talks.models import Talk

    client = Client()
    print(f"{connection.vendor}, {Talk.objects.count():,} talks, {REPEAT} requests per case")
    print(f"| {'case':<42} | median ms | p95 ms | queries |")
    print(f"|{'-' * 44}|----------:|-------:|--------:|")
    failed = False
    cases = CASES + (EXTRA_CASES if "--all" in sys.argv else [])
    for name, url in cases:
        median, p95, queries = measure(client, url)
        flag = "" if p95 < TARGET_MS else " (over target)"
        failed |= (name, url) in CASES and p95 >= TARGET_MS
        print(f"| {name:<42} | {median:9.1f} | {p95:6.1f} | {queries:7d} |{flag}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
