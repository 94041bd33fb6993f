"""Compare versions of the code, or the code with and without a set of summaries, request by
request: on a shared machine whose load changes from minute to minute, runs of
bench/search_and_browse.py one after the other differ by more than what is measured.

Each arm is a worker process (the Django test client in-process, as search_and_browse.py)
started in a checkout of the code; the driver sends the same request to every arm in turn,
in a new random order each time, so that the machine's load falls on all arms alike.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/interleaved.py now=. before=/tmp/before \\
        'no-counts=.,--without=facet-counts' 'no-rows=.,--without=talk-facets'

An arm is NAME=DIRECTORY, then optionally commas and the worker's options: --without=NAME
as in search_and_browse.py (the code in DIRECTORY must have talks.search.facets' switches),
--settings=MODULE (another settings module, importable from DIRECTORY or PYTHONPATH).
The first arm is the base the others are compared with. BENCH_REPEAT requests per case and
arm (default 40), after 5 to warm up; "cold" empties the cache before each request, as an
edit leaves it (bench/timing.py).
"""

import os
import random
import statistics
import subprocess
import sys
from pathlib import Path

REPEAT = int(os.environ.get("BENCH_REPEAT", "40"))
WARMUP = 5
# The target cases of search_and_browse.py on the synthetic data (make_synthetic.py).
CASES = [
    ("list page", "/talks/"),
    ("two-tag filter", "/talks/?tag=topic-0&tag=topic-1"),
    ("common-word search (kubernetes)", "/talks/?q=kubernetes"),
    ("rare-word search (unikernel)", "/talks/?q=unikernel"),
    ("API list", "/api/talks"),
]


def worker(options):
    """Answer 'cold|warm URL' lines with 'total_ms sql_ms status', for the code in the
    current directory."""
    sys.path.insert(0, os.getcwd())
    for option in options:
        if option.startswith("--settings="):
            os.environ["DJANGO_SETTINGS_MODULE"] = option.split("=", 1)[1]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "confnotes.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    # This script's own bench/timing.py, whatever the checkout under test has.
    sys.path.append(str(Path(__file__).resolve().parent))
    from timing import empty_cache, timed_get

    settings.DEBUG = False
    for option in options:
        if option.startswith("--without="):
            from talks.search import facets

            switch = {"facet-counts": "uses_facet_counts", "talk-facets": "uses_talk_facets"}
            setattr(facets, switch[option.split("=", 1)[1]], lambda: False)
    client = Client()
    for line in sys.stdin:
        mode, url = line.split()
        if mode == "cold":
            empty_cache()
        response, elapsed_ms, db_ms = timed_get(client, url)
        print(f"{elapsed_ms:.3f} {db_ms:.3f} {response.status_code}", flush=True)


class Arm:
    def __init__(self, spec):
        self.name, rest = spec.split("=", 1)
        directory, *self.options = rest.split(",")
        self.directory = Path(directory).resolve()
        python = self.directory / ".venv" / "bin" / "python"
        self.process = subprocess.Popen(
            [str(python), str(Path(__file__).resolve()), "--worker", *self.options],
            cwd=self.directory,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def get(self, mode, url):
        self.process.stdin.write(f"{mode} {url}\n")
        self.process.stdin.flush()
        total, sql, status = self.process.stdout.readline().split()
        assert status == "200", (self.name, url, status)
        return float(total), float(sql)

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(specs):
    arms = [Arm(spec) for spec in specs]
    base = arms[0]
    print(f"{REPEAT} requests per case and arm, interleaved; base: {base.name}")
    print(f"load average before: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print()
    header = " | ".join(f"{arm.name}: median / p95 (SQL)" for arm in arms)
    others = " | ".join(f"{arm.name} / {base.name}" for arm in arms[1:])
    print(f"| case | cache | {header} | {others} |")
    print("|---|---|" + "---:|" * (2 * len(arms) - 1))
    try:
        for name, url in CASES:
            for mode in ("cold", "warm"):
                times = {arm.name: [] for arm in arms}
                sqls = {arm.name: [] for arm in arms}
                for _ in range(WARMUP):
                    for arm in arms:
                        arm.get("warm", url)
                for _ in range(REPEAT):
                    for arm in random.sample(arms, len(arms)):
                        total, sql = arm.get(mode, url)
                        times[arm.name].append(total)
                        sqls[arm.name].append(sql)
                cells = [
                    f"{statistics.median(times[arm.name]):.1f} / "
                    f"{percentile(times[arm.name], 0.95):.1f} "
                    f"({statistics.median(sqls[arm.name]):.1f})"
                    for arm in arms
                ]
                base_median = statistics.median(times[base.name])
                ratios = [
                    f"{statistics.median(times[arm.name]) / base_median:.2f}×" for arm in arms[1:]
                ]
                print(f"| {name} | {mode} | {' | '.join(cells)} | {' | '.join(ratios)} |")
    finally:
        for arm in arms:
            arm.close()
    print(f"\nload average after: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2:])
    else:
        main(sys.argv[1:])
