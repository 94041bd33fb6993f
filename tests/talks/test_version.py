"""The data version (talks.version): a new value per change, and the time of the change."""

import time

from django.core.cache import cache

from talks import version


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


def test_a_lost_version_starts_above_every_earlier_one():
    for _ in range(3):
        version._increment()
    old = version.current()
    cache.delete(version.KEY)

    assert version.current() > old
