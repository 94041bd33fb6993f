"""Hypothesis fuzzes the talk list's query parameters: no combination gives a 5xx (issue 13)."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import UserFactory

# Words and slugs that exist in the sample conference, so that searches and filters match
# something, mixed with search syntax and any text at all (control characters included;
# never lone surrogates, which no client can send).
KNOWN = [
    "docker",
    "kubernetes",
    "security",
    "monitoring",
    "networking",
    "mandy-waite",
    "ocelot-uproar",
    "sample-camp-london-2015",
]
SYNTAX = ["", "-", '"', '"docker', "or", "-docker", "docker or dns", "*", "%", "_", "'", "\\"]
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)
VALUE = st.one_of(st.sampled_from(KNOWN + SYNTAX), ANY_TEXT)
FLAG = st.one_of(st.sampled_from(["1", "0", "true", "yes", "on", "null", ""]), ANY_TEXT)
SORT = st.one_of(st.sampled_from(["relevance", "writeup", "title", "newest", "stars", ""]), VALUE)
PAGE = st.one_of(st.integers(-5, 10**30).map(str), VALUE)

QUERY = st.fixed_dictionaries(
    {},
    optional={
        "q": VALUE,
        "tag": st.lists(VALUE, max_size=3),
        "speaker": VALUE,
        "company": VALUE,
        "conference": VALUE,
        "recommended": FLAG,
        "starred": FLAG,
        "mine": FLAG,
        "has_video": FLAG,
        "sort": SORT,
        "page": PAGE,
    },
)


@pytest.fixture
def clients(sample_conference):
    signed_in = Client()
    signed_in.force_login(UserFactory(username="ada"))
    return {"anonymous": Client(), "signed in": signed_in}


@pytest.mark.fuzz
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=QUERY, who=st.sampled_from(["anonymous", "signed in"]))
def test_talk_list_never_answers_a_server_error(clients, query, who):
    response = clients[who].get("/talks/", query)

    assert response.status_code in {200, 302}
