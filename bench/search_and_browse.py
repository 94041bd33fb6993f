"""Time the browsing and search endpoints in-process, the way a WSGI server would call them.

Usage (after `bench/make_synthetic.py` on the database in DATABASE_URL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/search_and_browse.py [--all]

On a real catalogue (after `manage.py import_pyvideo` of the whole pyvideo/data repository),
`--pyvideo` searches real words instead of the synthetic data's planted ones: "python" (in
about half the talks) and "pyodide" (in about 30), or BENCH_COMMON_WORD and BENCH_RARE_WORD;
the two-tag filter takes the two of its ten most used tags that share the most talks, and the
talk page the 12,346th talk by id.

`--without=facet-counts` or `--without=talk-facets` serves the pages as if that set of
triggers and its summary tables were removed (talks/models/summary.py): the facets are
then aggregated from the tagging and credit tables, as on SQLite. What each set buys is
the difference (BENCHMARKS.md, "Triggers and summary tables").

Each case is requested a few times to warm the database's buffers, then REPEAT times,
"cold" (the cached counts and facets of talks/facets.py emptied before every request)
and "warm" (served from that cache, as repeated views are until the data changes).
Server time is the wall time of the full Django request (URL routing, view, queries,
templates or JSON) through the test client, without network.
"""

import os
import statistics
import sys
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

from bench.synthetic import COMMON_WORD, RARE_WORD  # noqa: E402
from bench.timing import empty_cache, timed_get  # noqa: E402

settings.DEBUG = False  # no query logging, production-like error handling
REPEAT = int(os.environ.get("BENCH_REPEAT", "60"))
WARMUP = 5
TARGET_MS = 50

PYVIDEO_COMMON_WORD = os.environ.get("BENCH_COMMON_WORD", "python")
PYVIDEO_RARE_WORD = os.environ.get("BENCH_RARE_WORD", "pyodide")


def cases(*, common, rare, tags, talk):
    """(the cases with a target, the others) for these words, two tags and a talk's slug."""
    first, second = tags
    targets = [
        ("list page", "/talks/"),
        ("two-tag filter", f"/talks/?tag={first}&tag={second}"),
        (f"common-word search ({common})", f"/talks/?q={common}"),
        (f"rare-word search ({rare})", f"/talks/?q={rare}"),
        ("API list", "/api/talks"),
    ]
    extras = [
        ("list page 2, sorted by title", "/talks/?sort=title&page=2"),
        ("search + tag + starred", f"/talks/?q={common}&tag={first}&starred=1"),
        ("API search", f"/api/talks?q={common}"),
        ("talk detail (related talks)", f"/talks/{talk}/"),
    ]
    return targets, extras


def pyvideo_cases():
    """The cases on a real catalogue: real words, two popular tags, a talk of its."""
    from talks.models import Talk

    talk = Talk.objects.order_by("pk").values_list("slug", flat=True)[12345]
    return cases(common=PYVIDEO_COMMON_WORD, rare=PYVIDEO_RARE_WORD, tags=tag_pair(), talk=talk)


def tag_pair(among=10):
    """Of the `among` most used tags, the two on the most talks together (pyvideo's tags
    seldom meet: its two most used, "lightning-talks" and "talk", share no talk)."""
    import itertools

    from django.db.models import Count
    from taggit.models import Tag, TaggedItem

    tags = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses", "pk")
    talks = {
        slug: set(TaggedItem.objects.filter(tag__slug=slug).values_list("object_id", flat=True))
        for slug in tags.values_list("slug", flat=True)[:among]
    }
    pairs = itertools.combinations(talks, 2)
    return max(pairs, key=lambda pair: len(talks[pair[0]] & talks[pair[1]]))


SYNTHETIC_CASES = cases(
    common=COMMON_WORD, rare=RARE_WORD, tags=("topic-0", "topic-1"), talk="talk-12345"
)


# --without=NAME: the switch of talks.search.facets that reads what that set of triggers keeps.
WITHOUT = {"facet-counts": "uses_facet_counts", "talk-facets": "uses_talk_facets"}


def without_summaries(argv):
    """Switch off the summaries named by --without=NAME arguments; their names."""
    names = [arg.split("=", 1)[1] for arg in argv if arg.startswith("--without=")]
    if names:
        from talks.search import facets

        for name in names:
            setattr(facets, WITHOUT[name], lambda: False)
    return names


def cpu_times():
    """The machine's CPU time counters (Linux /proc/stat), or None elsewhere."""
    try:
        with open("/proc/stat") as stat:
            return [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None


def steal_share(before, after):
    """The share of CPU time the hypervisor gave to other machines between two readings.

    On a shared virtual machine this varies from hour to hour and slows everything it
    touches, so a figure taken at 50 % steal is not comparable with one taken at 0 %.
    """
    if not before or not after or len(before) < 8:
        return None
    deltas = [late - early for early, late in zip(before, after, strict=False)]
    return deltas[7] / sum(deltas) if sum(deltas) else None


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def count_queries(client, url):
    queries = []

    def counter(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    return len(queries)


def measure(client, url, cold):
    """Median and p95 in ms; `cold` empties the count/facet cache before every request."""
    for _ in range(WARMUP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    if cold:
        empty_cache()
    queries = count_queries(client, url)
    timings, db_timings = [], []
    for _ in range(REPEAT):
        if cold:
            empty_cache()
        _, elapsed_ms, db_ms = timed_get(client, url)
        timings.append(elapsed_ms)
        db_timings.append(db_ms)
    return (
        statistics.median(timings),
        percentile(timings, 0.95),
        statistics.median(db_timings),
        queries,
    )


def main():
    from talks.models import Talk

    client = Client()
    targets, extras = pyvideo_cases() if "--pyvideo" in sys.argv else SYNTHETIC_CASES
    removed = without_summaries(sys.argv)
    print(f"{connection.vendor}, {Talk.objects.count():,} talks, {REPEAT} requests per case")
    if removed:
        print(f"without the summaries of: {', '.join(removed)}")
    print(f"load average before: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    cpu_before = cpu_times()
    print()
    print(f"| {'case':<38} | cache | median ms | p95 ms | of which SQL (median) | queries |")
    print(f"|{'-' * 40}|-------|----------:|-------:|---------------------:|--------:|")
    failed = False
    for name, url in targets + (extras if "--all" in sys.argv else []):
        for cold in (True, False):
            median, p95, sql, queries = measure(client, url, cold)
            flag = "" if p95 < TARGET_MS else " over"
            failed |= (name, url) in targets and p95 >= TARGET_MS
            label = "cold" if cold else "warm"
            print(
                f"| {name:<38} | {label:<5} | {median:9.1f} | {p95:6.1f} | {sql:20.1f} "
                f"| {queries:7d} |{flag}"
            )
    print(f"\nload average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    steal = steal_share(cpu_before, cpu_times())
    if steal is not None:
        print(f"CPU steal during the run: {steal:.0%} of the machine's CPU time")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
