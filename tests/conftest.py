import pytest
from django.core.management import call_command
from django.db import connection


@pytest.fixture
def container_camp(db):
    """The site's real data: the Container Camp London 2015 fixtures. Only for tests of that
    data itself (test_fixtures.py, importing and exporting its write-up, the HTML check of
    its pages); other tests build theirs with tests/factories.py (`sample_conference`)."""
    call_command("loaddata", "container-camp-london-2015", verbosity=0)
    from talks.models import Conference

    return Conference.objects.get(slug="container-camp-london-2015")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with the production hasher costs ~0.3 s per user; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached counts and facets must not leak from one test's data into another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def data_version_bumps_at_once(request, monkeypatch):
    """A test runs inside a transaction that never commits, so `version.bump()`'s
    on-commit callback would never run: bump at once instead. Tests marked
    `django_db(transaction=True)` really commit and keep the on-commit behaviour."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return
    from talks import version

    monkeypatch.setattr(version, "bump", version._increment)


@pytest.fixture
def without_page_cache(settings, monkeypatch):
    """For tests of what lies under the caches of rendered pages and fragments (views and
    their own caches of counts, orders and related talks)."""
    from talks import fragments

    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "confnotes.pagecache.PageCacheMiddleware"
    ]
    monkeypatch.setattr(
        fragments, "rendered", lambda context, nodelist, name: nodelist.render(context)
    )


def pytest_runtest_setup(item):
    """`@pytest.mark.postgres("why")`: the test needs PostgreSQL; elsewhere it skips."""
    marker = item.get_closest_marker("postgres")
    if marker and connection.vendor != "postgresql":
        reason = marker.args[0] if marker.args else "needs PostgreSQL"
        pytest.skip(f"PostgreSQL only: {reason}")


@pytest.fixture
def sample_conference(db):
    """A small conference built through the factories (tests/factories.py's SAMPLE_TALKS)."""
    from tests.factories import sample_conference

    return sample_conference()
