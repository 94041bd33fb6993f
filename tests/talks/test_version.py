import time

import pytest
from django.core.cache import cache
from django.db import transaction

from talks import services, version
from tests.factories import TalkFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # real commits: bumps run on commit


def test_version_bumps_once_when_a_transaction_commits(monkeypatch):
    talk, user = TalkFactory(), UserFactory()
    before = version.current()
    bumps = []
    increment = version._increment
    monkeypatch.setattr(version, "_increment", lambda: bumps.append(increment()))

    with transaction.atomic():
        services.star_toggle(talk=talk, user=user)
        talk.title = "Renamed"
        services.save(talk)
        assert version.current() == before  # nothing visible before the commit

    assert len(bumps) == 1
    assert version.current() > before


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


def test_each_bump_is_a_new_later_version():
    first = version.current()
    version._increment()
    second = version.current()
    version._increment()

    assert first < second < version.current()


def test_the_version_says_when_the_data_changed():
    before = time.time()
    version._increment()

    assert before - 1 <= version.changed_at(version.current()) <= time.time() + 1


def test_current_and_reads_the_version_with_an_entry():
    cache.set("some-entry", "kept")

    assert version.current_and("some-entry") == (version.current(), "kept")
    assert version.current_and("no-entry") == (version.current(), None)
    cache.delete(version.KEY)
    lost, kept = version.current_and("some-entry")
    assert (lost, kept) == (version.current(), "kept")


@pytest.fixture
def in_a_request():
    """What request_started and request_finished do to the version (called directly: the
    signals would also close the test's database connection)."""
    version._start_request()
    yield
    version._finish_request()


def test_a_request_keys_everything_on_the_version_it_first_read(in_a_request):
    first = version.current()
    cache.set(version.KEY, first + 10)  # another process's edit, mid-request

    assert version.current() == first
    assert version.cache_key("facets", "x") == f"confnotes:facets:{first}:x"
    version._finish_request()
    assert version.current() == first + 10  # the next request sees it


def test_a_request_sees_its_own_write(in_a_request):
    talk = TalkFactory()
    first = version.current()

    talk.title = "Renamed"
    services.save(talk)

    assert version.current() > first


def test_outside_a_request_each_read_is_fresh():
    first = version.current()
    cache.set(version.KEY, first + 10)

    assert version.current() == first + 10
