"""How many accounts one address may create per hour: a counter in Django's cache."""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW = 60 * 60


def _keys(ip):
    # Not keyed on the data version (talks.version): a catalogue edit must not reset it.
    return f"accounts:signups:{ip}", f"accounts:signups:{ip}:since"


def signup_wait(ip):
    """Seconds until `ip` may create an account again (0: it may now)."""
    count_key, since_key = _keys(ip)
    if (cache.get(count_key) or 0) < settings.CONFNOTES_SIGNUPS_PER_HOUR:
        return 0
    since = cache.get(since_key) or time.time()
    return max(1, round(since + WINDOW - time.time()))


def signup_take(ip):
    """Count one sign-up from `ip`; False (counted all the same) if that is over the limit."""
    count_key, since_key = _keys(ip)
    if cache.add(count_key, 0, timeout=WINDOW):
        cache.set(since_key, time.time(), timeout=WINDOW)
    try:
        count = cache.incr(count_key)
    except ValueError:  # expired between add() and incr()
        cache.set_many({count_key: 1, since_key: time.time()}, timeout=WINDOW)
        count = 1
    return count <= settings.CONFNOTES_SIGNUPS_PER_HOUR
