"""Every error of the API is JSON with its status, and declared in the OpenAPI schema."""

import pytest
from django.test import Client

from talks import api
from tests.talks.test_api import validate

OPERATIONS = ["/api/talks", "/api/talks/{slug}", "/api/speakers", "/api/tags", "/api/conferences"]


@pytest.fixture
def openapi(client, db):
    return client.get("/api/openapi.json").json()


@pytest.mark.parametrize("path", OPERATIONS)
def test_api_schema_declares_every_status_an_operation_can_answer(openapi, path):
    expected = {"200", "422", "500", "503"} | ({"404"} if "{slug}" in path else set())

    assert set(openapi["paths"][path]["get"]["responses"]) == expected


def test_api_repeated_boolean_is_a_declared_422(client, db, openapi):
    response = client.get("/api/talks?starred=null&starred=null")

    assert response.status_code == 422
    data = validate(openapi, response, status=422)
    assert data["detail"][0]["loc"] == ["query", "starred"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/talks", "/api/talks/some-talk", "/api/tags"])
def test_api_other_methods_are_a_json_405(client, db, method, path):
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json() == {"detail": "Method Not Allowed"}


def test_api_bug_is_a_json_500_valid_against_the_schema(db, openapi, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(api, "paginate", broken)
    response = Client(raise_request_exception=False).get("/api/tags")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert validate(openapi, response, status=500) == {"detail": "Internal Server Error"}
