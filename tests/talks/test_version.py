import pytest
from django.core.cache import cache
from django.db import transaction

from talks import services, version
from tests.factories import TalkFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # real commits: bumps run on commit


def test_version_bumps_once_when_a_transaction_commits():
    talk, user = TalkFactory(), UserFactory()
    before = version.current()

    with transaction.atomic():
        services.star_toggle(talk=talk, user=user)
        talk.title = "Renamed"
        services.save(talk)
        assert version.current() == before  # nothing visible before the commit

    assert version.current() == before + 1


def test_version_stays_when_the_transaction_rolls_back():
    talk = TalkFactory()
    before = version.current()

    with pytest.raises(RuntimeError), transaction.atomic():
        talk.title = "Never"
        services.save(talk)
        raise RuntimeError

    assert version.current() == before


def test_lost_version_starts_above_every_earlier_one():
    TalkFactory()
    old = version.current()
    cache.delete(version.KEY)  # evicted, or the cache restarted

    assert version.current() > old
    assert version.cache_key("facets", "x") != f"confnotes:facets:{old}:x"
