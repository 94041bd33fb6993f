"""/healthz and /readyz (confnotes/health.py)."""

import pytest
from django.core.cache import cache
from django.db import OperationalError

from confnotes import health


def test_healthz_answers_without_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"
    assert response["Cache-Control"] == "no-store"


def test_probes_answer_whatever_the_host(client, db):
    """Orchestrators probe by address, which is not among the allowed hosts."""
    assert client.get("/healthz", headers={"host": "10.1.2.3:8000"}).status_code == 200
    assert client.get("/readyz", headers={"host": "10.1.2.3:8000"}).status_code == 200


def test_readyz_is_ok_when_the_database_and_cache_answer(client, db):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert response["Cache-Control"] == "no-store"


def test_readyz_is_503_when_the_database_fails(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr(health, "connection", Unreachable())

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "error", "cache": "ok"},
    }


def test_readyz_is_503_when_the_cache_fails(client, db, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("cache unreachable")

    monkeypatch.setattr(cache, "set", unreachable)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "error"}


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_probes_are_never_cached(client, db, url, django_assert_num_queries):
    client.get(url)
    response = client.get(url)

    assert "ETag" not in response
    assert response["Cache-Control"] == "no-store"
