"""Fetching a schedule by URL: a local http.server on 127.0.0.1 stands in for pretalx."""

import http.server
import threading
import time

import pytest
from django.core.management import call_command

from talks.models import Talk
from transfer.schedule import ScheduleError
from transfer.schedule.fetch import fetch


class Handler(http.server.BaseHTTPRequestHandler):
    routes = {}  # path -> (status, headers, body or a callable writing it)

    def do_GET(self):
        status, headers, body = self.routes.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if callable(body):
            body(self.wfile)
        else:
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads, block_on_close = True, False

    def handle_error(self, request, client_address):
        """A client that gave up (the timeout tests) is expected: no traceback."""


@pytest.fixture
def server():
    """A threaded HTTP server on a free port of 127.0.0.1; yields (base URL, routes)."""
    Handler.routes = {}
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", Handler.routes
    httpd.shutdown()
    httpd.server_close()


def test_fetch_returns_the_body(server):
    base, routes = server
    routes["/schedule.xml"] = (200, {"Content-Length": "7"}, b"<x>1</x>"[:7])

    assert fetch(f"{base}/schedule.xml") == b"<x>1</x"


def test_fetch_refuses_a_declared_length_over_the_cap(server):
    base, routes = server
    routes["/big"] = (200, {"Content-Length": "5000"}, b"x" * 5000)

    with pytest.raises(ScheduleError, match="larger than the limit of 1 KB"):
        fetch(f"{base}/big", max_size=1000)


def test_fetch_stops_reading_an_undeclared_body_at_the_cap(server):
    base, routes = server
    routes["/stream"] = (200, {}, b"x" * 300_000)  # no Content-Length: read until closed

    with pytest.raises(ScheduleError, match="larger than the limit of 100 KB"):
        fetch(f"{base}/stream", max_size=100_000)


def test_fetch_reports_http_errors(server):
    base, _ = server

    with pytest.raises(ScheduleError, match="the server answered 404 Not Found"):
        fetch(f"{base}/missing")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("ftp://127.0.0.1/schedule.xml", "refused a redirect to 'ftp://127.0.0.1/schedule.xml'"),
        ("file:///etc/passwd", "Redirection to url 'file:///etc/passwd' is not allowed"),
    ],
)
def test_fetch_refuses_a_redirect_to_another_scheme(server, target, message):
    base, routes = server
    routes["/moved"] = (302, {"Location": target}, b"")

    with pytest.raises(ScheduleError, match=message):
        fetch(f"{base}/moved")


def test_fetch_gives_up_on_a_slow_server(server):
    base, routes = server

    def trickle(out):
        for _ in range(20):
            out.write(b"x")
            out.flush()
            time.sleep(0.1)

    routes["/slow"] = (200, {}, trickle)

    started = time.monotonic()
    with pytest.raises(ScheduleError, match=r"took over 0.5 seconds|no answer within"):
        fetch(f"{base}/slow", timeout=0.5)
    assert time.monotonic() - started < 1.5


def test_fetch_refuses_other_schemes():
    with pytest.raises(ScheduleError, match="is not an http\\(s\\) URL"):
        fetch("file:///etc/passwd")


@pytest.mark.django_db
def test_import_schedule_from_a_url(server, schedules):
    base, routes = server
    body = (schedules / "democon2024.json").read_bytes()
    routes["/democon2024/schedule/export/schedule.json"] = (
        200,
        {"Content-Type": "application/json", "Content-Length": str(len(body))},
        body,
    )

    call_command(
        "import_schedule", f"{base}/democon2024/schedule/export/schedule.json", verbosity=0
    )

    assert Talk.objects.count() == 7
