"""Database faults answer 503 with Retry-After (HTML, or JSON under /api/), never a 500.

Unreachable: every connection attempt fails; the site recovers by itself once the database
is back. Read-only: reads keep working, writes get a clear 503.
"""

import socket
import time

import pytest
from django.db import InterfaceError, OperationalError, connection, connections, transaction
from django.test import Client

from confnotes.faults import READ_ONLY, UNAVAILABLE
from confnotes.views import server_error
from tests.factories import TalkFactory, UserFactory

PAGES = ["/", "/talks/", "/talks/{slug}/", "/tags/", "/speakers/", "/me/stars/"]
API = ["/api/talks", "/api/talks/{slug}", "/api/tags"]


@pytest.fixture
def talk(db):
    return TalkFactory(slug="crdts", tags=["go"])


@pytest.fixture
def person(db):
    return UserFactory(username="ada")


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


@pytest.fixture(
    params=[
        OperationalError("connection to server failed: Connection refused"),
        InterfaceError("connection already closed"),
    ],
    ids=["refused", "closed"],
)
def database_down(db, request):
    """Every query fails as when the server is gone; undo() brings it back."""

    def refuse():
        raise request.param

    with pytest.MonkeyPatch.context() as outage:
        outage.setattr(connections["default"], "ensure_connection", refuse)
        yield outage


@pytest.fixture
def read_only_database(db):
    """The database refuses writes: PRAGMA query_only on SQLite, a read-only transaction on
    PostgreSQL (what `default_transaction_read_only` gives every transaction)."""
    savepoint = transaction.savepoint()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET transaction_read_only = on")
    yield
    if connection.vendor == "sqlite":
        # On the driver's connection: Django refuses queries after an error in an atomic block.
        connection.connection.execute("PRAGMA query_only = OFF")
    # Back to before the failed write; on PostgreSQL this also ends the read-only mode.
    transaction.set_rollback(False)
    transaction.savepoint_rollback(savepoint)
    connection.close_at = None  # the test's connection must outlive it (see retire_connections)


def assert_503_page(response, message):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    # "private" too when the request carries a session or the answer sets a cookie (pagecache)
    assert "no-store" in response["Cache-Control"].split(", ")
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>Unavailable for a moment</h1>" in response.text
    assert message in response.text


def assert_503_json(response, message):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": message}


@pytest.mark.parametrize("path", PAGES)
def test_unreachable_database_gives_a_503_page_then_recovers(signed_in, talk, database_down, path):
    url = path.format(slug=talk.slug)

    assert_503_page(signed_in.get(url), UNAVAILABLE)

    database_down.undo()
    assert signed_in.get(url).status_code == 200


@pytest.mark.parametrize("path", API)
def test_unreachable_database_gives_a_json_503_under_api_then_recovers(
    client, talk, database_down, path
):
    url = path.format(slug=talk.slug)

    assert_503_json(client.get(url), UNAVAILABLE)

    database_down.undo()
    assert client.get(url).status_code == 200


def test_unreachable_database_gives_a_503_to_a_log_in(client, person, database_down):
    response = client.post("/accounts/login/", {"username": "ada", "password": "x"})

    assert_503_page(response, UNAVAILABLE)


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.postgres("the real fault needs a database server: SQLite has none")
@pytest.mark.django_db(transaction=True)
def test_postgresql_on_a_closed_port_gives_503_and_the_site_recovers(client):
    """The real fault: the server is not listening."""
    TalkFactory(slug="crdts")
    database = connections["default"]
    port = database.settings_dict["PORT"]
    database.close()
    database.settings_dict["PORT"] = closed_port()
    try:
        down = client.get("/talks/crdts/")
        api_down = client.get("/api/talks")
    finally:
        database.close()
        database.settings_dict["PORT"] = port

    assert_503_page(down, UNAVAILABLE)
    assert_503_json(api_down, UNAVAILABLE)
    assert client.get("/talks/crdts/").status_code == 200


@pytest.mark.parametrize("path", [*PAGES, *API])
def test_read_only_database_still_serves_reads(signed_in, talk, read_only_database, path):
    response = signed_in.get(path.format(slug=talk.slug))

    assert response.status_code == 200


def test_read_only_database_star_is_a_503_page(signed_in, talk, read_only_database):
    response = signed_in.post(f"/talks/{talk.slug}/star/", {"action": "star"})

    assert_503_page(response, READ_ONLY)


def test_read_only_database_star_from_a_script_is_json(signed_in, talk, read_only_database):
    response = signed_in.post(
        f"/talks/{talk.slug}/star/",
        {"action": "star"},
        headers={"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"},
    )

    assert_503_json(response, READ_ONLY)


def test_read_only_fault_has_the_connection_closed_after_the_request(
    signed_in, talk, read_only_database
):
    """A new connection sees the database writable again as soon as it is."""
    signed_in.post(f"/talks/{talk.slug}/star/", {"action": "star"})

    assert connection.close_at is not None
    assert connection.close_at <= time.monotonic()


def test_read_only_database_note_is_a_503_page(signed_in, talk, read_only_database):
    response = signed_in.post(
        f"/talks/{talk.slug}/notes/new/", {"body": "Mine", "visibility": "private"}
    )

    assert_503_page(response, READ_ONLY)


def test_read_only_database_log_in_is_a_503_page(client, person, read_only_database):
    response = client.post(
        "/accounts/login/", {"username": "ada", "password": "correct horse battery staple"}
    )

    assert_503_page(response, READ_ONLY)


def test_read_only_database_sign_up_is_a_503_page(client, db, read_only_database):
    password = "a-long-unusual-passphrase-42"
    response = client.post(
        "/accounts/signup/",
        {"username": "newbie", "first_name": "N", "password1": password, "password2": password},
    )

    assert_503_page(response, READ_ONLY)


def test_read_only_database_fault_in_a_middleware_is_a_503_too(
    signed_in, talk, read_only_database, settings
):
    """A session saved after the view (by SessionMiddleware) fails outside any view."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    signed_in.raise_request_exception = False

    response = signed_in.get(f"/talks/{talk.slug}/")

    assert_503_page(response, READ_ONLY)


def test_other_errors_are_still_a_500(db, monkeypatch):
    from talks.views import catalogue

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(catalogue.TalkListView, "get", broken)
    response = Client(raise_request_exception=False).get("/talks/")

    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in response.text


def test_server_error_handler_answers_503_for_a_database_fault(rf):
    """handler500 sees what no view caught, e.g. a fault in a middleware's response step."""
    request = rf.get("/talks/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)

    assert_503_page(response, UNAVAILABLE)
