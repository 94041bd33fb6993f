"""Schemathesis against the API's own OpenAPI schema, with all its checks (issue 13).

Every phase (examples, coverage, fuzzing) and both generation modes (valid and invalid
data) run with a bounded number of examples per operation, so the suite stays quick.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from confnotes.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)


@pytest.fixture(autouse=True)
def data(sample_conference):
    """The sample conference, in the test's transaction: as Django's test client does, keep the
    WSGI app from closing the connection (and so losing the transaction) after a request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield sample_conference
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.fuzz
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case):
    # The WSGI test client does not decompress what GZipMiddleware compresses.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
