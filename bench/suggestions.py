"""Time "Did you mean …?" (talks.search.suggest) and the upkeep of its words, in-process.

Usage (after `bench/make_synthetic.py` on the database in DATABASE_URL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/suggestions.py

Times, each the median of REPEAT runs after a few to warm the database's buffers:
- mistyped searches of the list page and the API, with the caches emptied before every
  request (a cached page costs what any cached page does), against the same searches
  spelled right and a search that finds nothing and suggests nothing;
- the engine's look-up of similar words alone (`similar_words`);
- on PostgreSQL, the word list's upkeep: re-indexing one talk with and without adding its
  words (rolled back), and rebuilding the whole list (as `talks.changes.everything_changed`
  does; rolled back).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "confnotes.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from talks.models import Talk  # noqa: E402
from talks.search import backend, postgres  # noqa: E402

settings.DEBUG = False
REPEAT = int(os.environ.get("BENCH_REPEAT", "20"))
WARMUP = 3

SEARCHES = [
    ("common word, mistyped (kubrenetes)", "kubrenetes"),
    ("the same, spelled right (kubernetes)", "kubernetes"),
    ("rare word, mistyped (unikernl)", "unikernl"),
    ("the same, spelled right (unikernel)", "unikernel"),
    ("two words, both mistyped (kubrenetes securty)", "kubrenetes securty"),
    ("nothing near (zzqxj)", "zzqxj"),
    (
        "twelve mistyped words",
        "kubrenetes securty dokcer netwrok clustr stroage "
        "laetncy schduler servcie tracnig metircs loggign",
    ),
]


def median_ms(run):
    for _ in range(WARMUP):
        run()
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    client = Client()
    print(f"{connection.vendor}, {Talk.objects.count():,} talks, backend {backend().__name__}")
    print("\n| search | list page (ms) | API (ms) | suggestion |")
    print("| --- | ---: | ---: | --- |")
    for label, q in SEARCHES:

        def page(q=q):
            cache.clear()
            response = client.get("/talks/", {"q": q})
            assert response.status_code == 200, (q, response.status_code)

        def api(q=q):
            cache.clear()
            response = client.get("/api/talks", {"q": q})
            assert response.status_code == 200, (q, response.status_code)
            return response

        found = api().json()["suggestion"]
        shown = f"{found['q']} ({found['count']:,})" if found else "none"
        print(f"| {label} | {median_ms(page):.1f} | {median_ms(api):.1f} | {shown} |")

    print("\n| similar_words alone | ms |")
    print("| --- | ---: |")
    for word in ("kubrenetes", "unikernl", "securty", "zzqxj"):
        print(f"| {word} | {median_ms(lambda w=word: backend().similar_words(w, 8)):.2f} |")

    if connection.vendor == "postgresql" and postgres.words_exist():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {postgres.WORDS}")
            print(f"\nword list: {cursor.fetchone()[0]:,} words")
            cursor.execute(f"SELECT pg_total_relation_size('{postgres.WORDS}')")
            print(f"word list with its index: {cursor.fetchone()[0] / 1e6:.1f} MB")
        talk_id = Talk.objects.order_by("pk").values_list("pk", flat=True)[12_345]
        talks = Talk.objects.filter(pk=talk_id)

        def rolled_back(run):
            def timed():
                with transaction.atomic():
                    run()
                    transaction.set_rollback(True)

            return timed

        vector = median_ms(
            rolled_back(lambda: talks.update(search_vector=postgres.search_vector()))
        )
        both = median_ms(rolled_back(lambda: postgres.index_talks([talk_id])))
        words = median_ms(rolled_back(lambda: postgres.index_words(talks)))
        print("\n| upkeep | ms |")
        print("| --- | ---: |")
        print(f"| one talk's vector | {vector:.2f} |")
        print(f"| one talk's words | {words:.2f} |")
        print(f"| one talk re-indexed (both, index_talks) | {both:.2f} |")
        global REPEAT
        REPEAT = 3
        rebuild = median_ms(
            rolled_back(lambda: postgres.index_words(Talk.objects.all(), everything=True))
        )
        print(f"| the whole word list rebuilt | {rebuild:.0f} |")


if __name__ == "__main__":
    main()
