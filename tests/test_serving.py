"""The site as served in production: two gunicorn workers sharing Redis (issue 12)."""

import contextlib
import http.cookiejar
import importlib.util
import os
import secrets
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from bench.production_site import free_port
from tests.tools import ROOT, missing

REDIS_URL = "redis://127.0.0.1:6379/14"
BADGE = "badge-recommended"


@pytest.fixture
def redis_url():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except Exception:
        missing(f"Redis at {REDIS_URL}")
    return REDIS_URL


@pytest.fixture
def site_env(tmp_path, redis_url):
    """A seeded SQLite database of its own, with an editor, and production settings."""
    if importlib.util.find_spec("gunicorn") is None:
        missing("gunicorn")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_DEBUG": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
        "REDIS_URL": redis_url,
    }
    for command in (["migrate"], ["seed"], ["collectstatic", "--no-input"]):
        manage(env, *command, "--verbosity", "0")
    prefix = manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model;"
        "from django.conf import settings;"
        "get_user_model().objects.create_superuser('editor', password='editor-password');"
        "print(settings.CACHES['default']['KEY_PREFIX'])",
    ).split()[-1]
    yield env
    import redis

    client = redis.Redis.from_url(redis_url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextlib.contextmanager
def gunicorn(env, workers):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers)]
    server = subprocess.Popen(  # noqa: S603 - our own server
        [*command, "--bind", f"127.0.0.1:{port}", "confnotes.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            with contextlib.suppress(OSError):
                if fetch(f"{url}/healthz").startswith("ok"):
                    break
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


def fetch(url):
    """An anonymous GET: a new connection, no cookies."""
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - http://127.0.0.1
        return response.read().decode()


def admin_session(url):
    """An opener signed in to the admin as the editor; returns it and its CSRF secret."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(f"{url}/admin/login/").read()
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    form = {
        "username": "editor",
        "password": "editor-password",
        "csrfmiddlewaretoken": csrf,
        "next": "/admin/",
    }
    opener.open(f"{url}/admin/login/?next=/admin/", urllib.parse.urlencode(form).encode()).read()
    assert any(cookie.name == "sessionid" for cookie in jar), "the editor could not sign in"
    csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    return opener, csrf


def test_an_admin_edit_shows_on_the_next_anonymous_request_on_every_worker(site_env, tmp_path):
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        pk, slug = database.execute(
            "SELECT id, slug FROM talks_talk WHERE NOT recommended ORDER BY id LIMIT 1"
        ).fetchone()
    with gunicorn(site_env, workers=2) as url:
        page = f"{url}/talks/{slug}/"
        # Every request a new connection: both workers serve it, and cache it.
        before = [fetch(page) for _ in range(12)]
        assert all(BADGE not in text for text in before)

        opener, csrf = admin_session(url)
        action = {
            "action": "mark_recommended",
            "_selected_action": str(pk),
            "csrfmiddlewaretoken": csrf,
        }
        opener.open(f"{url}/admin/talks/talk/", urllib.parse.urlencode(action).encode()).read()

        after = [fetch(page) for _ in range(12)]
        assert all(BADGE in text for text in after)
