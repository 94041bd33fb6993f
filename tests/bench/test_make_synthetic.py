import pytest
from django.core.management import CommandError, call_command
from django.test.utils import override_settings

from bench.synthetic import COMMON_WORD, RARE_WORD, Command
from speakers.models import Speaker
from talks.models import Talk
from talks.search import parse_query, search
from tests.factories import TalkFactory


@override_settings(DEBUG=False)
def test_make_synthetic_fills_an_empty_database(db, client):
    call_command(Command(), talks=120, speakers=30, tags=12, companies=5, stdout=None)

    assert Talk.objects.count() == 120
    assert Speaker.objects.count() == 30
    assert search(Talk.objects.all(), parse_query(RARE_WORD)).count() == 20
    assert search(Talk.objects.all(), parse_query(COMMON_WORD)).count() > 10
    assert client.get("/talks/?tag=topic-0&tag=topic-1").status_code == 200


def test_make_synthetic_refuses_a_database_with_talks(db):
    TalkFactory()

    with pytest.raises(CommandError):
        call_command(Command(), talks=10, speakers=5, tags=3, companies=2)
