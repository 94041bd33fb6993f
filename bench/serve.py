"""`make bench-serve`: the site under its production server beside a bare Django view.

Serves the seed data (a fresh SQLite database unless --database-url) with gunicorn, DEBUG
off, and beside it `bench/bare_wsgi.py` (a bare Django view returning 20 kB from memory)
under the same server and worker count. Then wrk measures each page in turn, the bare view
right before each one, and the script prints req/s, p50 and p99, each page's ratio to the bare
view measured just before it, and the CPU time the server's processes spent per request
(steadier than req/s on a shared machine) as a Markdown table. The cache is the site's
default (a file cache under var/cache) unless REDIS_URL is set.
"""

import argparse
import contextlib
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.production_site import free_port, manage  # noqa: E402

GUNICORN_CONF = ROOT / "confnotes" / "gunicorn.conf.py"
TARGETS = {"anonymous /talks/": 0.5, "anonymous talk": 0.5, "signed-in /talks/": 0.15}

# Makes a reader with two stars and a signed-in session; prints the session key and a talk.
SIGNED_IN = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from talks import services
from talks.models import Talk
user = get_user_model().objects.create_user("bench-reader", password="bench-reader-password")
talks = list(Talk.objects.order_by("position", "pk"))
for talk in talks[:2]:
    services.star_set(talk=talk, user=user, starred=True)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(session.session_key, talks[0].get_absolute_url())
"""


def wait_until_up(url):
    for _ in range(150):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer.")


def fetch(url, cookie=None):
    """Status, text and the CSRF cookie set, if any."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        set_cookies = response.headers.get_all("Set-Cookie") or []
        csrf = next((c.split(";")[0] for c in set_cookies if c.startswith("csrftoken=")), None)
        return response.status, response.read().decode(), csrf


@contextlib.contextmanager
def gunicorn(app, env, workers):
    """Serve `app` with gunicorn on a free port; yield its base URL."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}"]
    if GUNICORN_CONF.is_file():  # make run's settings, for the site and the yardstick alike
        command += ["--config", str(GUNICORN_CONF)]
    command += ["--workers", str(workers)]
    server = subprocess.Popen(
        [*command, app],
        cwd=ROOT,
        env={**env, "WEB_CONCURRENCY": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/")
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


def cpu_seconds(pid):
    """CPU time (user + system) of a process and its children (gunicorn's workers)."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(stat.parent.name) == pid or int(fields[1]) == pid:
                ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, args, cookie=None):
    """req/s, p50 and p99 (ms) and the number of requests of one wrk run."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--timeout", "10s"]  # a slow page is measured, not counted as an error
    command += ["--latency", *(["-H", f"Cookie: {cookie}"] if cookie else []), url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        raise SystemExit(f"wrk saw errors on {url}:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return rate, p50, p99, requests


def site_env(folder, args):
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": args.database_url or f"sqlite:///{Path(folder) / 'db.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    return env


def measure(args):
    with tempfile.TemporaryDirectory() as folder:
        env = site_env(folder, args)
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "seed", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        made = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SIGNED_IN],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        session_key, talk_url = made.stdout.split()[-2:]
        cookie = f"sessionid={session_key}"
        bare_env = {key: value for key, value in env.items() if key != "DJANGO_SETTINGS_MODULE"}
        with (
            gunicorn("confnotes.wsgi", env, args.workers) as (site, site_pid),
            gunicorn("bench.bare_wsgi", bare_env, args.workers) as (bare, bare_pid),
        ):
            status, page, csrf = fetch(f"{site}/talks/", cookie)
            if status != 200 or "bench-reader" not in page:
                raise SystemExit("The session cookie does not sign in.")
            cookie = f"{cookie}; {csrf}"  # a browser sends back the CSRF cookie it was given
            cases = [
                ("bare Django view (20 kB)", f"{bare}/", None, bare_pid),
                ("anonymous /", f"{site}/", None, site_pid),
                ("anonymous /talks/", f"{site}/talks/", None, site_pid),
                ("anonymous talk", f"{site}{talk_url}", None, site_pid),
                ("anonymous /talks/?tag=security", f"{site}/talks/?tag=security", None, site_pid),
                ("anonymous /api/talks", f"{site}/api/talks", None, site_pid),
                ("anonymous /feeds/talks/", f"{site}/feeds/talks/", None, site_pid),
                ("signed-in /talks/", f"{site}/talks/", cookie, site_pid),
            ]
            results = []
            for name, url, case_cookie, pid in cases:
                # The bare view again right before each page: on a shared machine the load
                # changes within a run, and a ratio is fair only between neighbours.
                adjacent = measured(f"{bare}/", None, bare_pid, args)
                results.append((name, *measured(url, case_cookie, pid, args), adjacent))
    return results


def measured(url, cookie, pid, args):
    """Bytes, req/s, p50, p99 and the server's CPU ms per request of one wrk run."""
    size = len(fetch(url, cookie)[1].encode())
    before = cpu_seconds(pid)
    rate, p50, p99, requests = wrk(url, args, cookie)
    return size, rate, p50, p99, (cpu_seconds(pid) - before) * 1000 / requests


def report(results):
    lines = [
        "| page | bytes | req/s | p50 | p99 | bare view req/s just before | ratio to bare "
        "| server CPU per request | ratio by CPU | target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    missed = []
    for name, size, rate, p50, p99, cpu_ms, adjacent in results:
        bare_rate, bare_cpu = adjacent[1], adjacent[4]
        ratio = rate / bare_rate
        target = TARGETS.get(name)
        verdict = ""
        if target is not None:
            verdict = f"≥ {target}: {'yes' if ratio >= target else '**no**'}"
            if ratio < target:
                missed.append(name)
        lines.append(
            f"| {name} | {size:,} | {rate:,.0f} | {p50:.2f} ms | {p99:.2f} ms | {bare_rate:,.0f} "
            f"| {ratio:.2f} | {cpu_ms:.2f} ms | {bare_cpu / cpu_ms:.2f} | {verdict} |"
        )
    return "\n".join(lines), missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--database-url", help="serve this database (seeded if empty)")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    results = measure(args)
    table, missed = report(results)
    print(table)
    cache = "Redis" if args.redis_url else "the file cache"
    config = f" ({GUNICORN_CONF.relative_to(ROOT)})" if GUNICORN_CONF.is_file() else ""
    print(f"\n{args.workers} gunicorn workers{config}, wrk -t{args.threads} ", end="")
    print(f"-c{args.connections} -d{args.duration}s per page, {cache}.")
    if missed:
        raise SystemExit(f"Below target: {', '.join(missed)}")


if __name__ == "__main__":
    main()
