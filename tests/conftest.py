import pytest
from django.core.management import call_command


@pytest.fixture
def container_camp(db):
    """The site's real data: the Container Camp London 2015 fixtures."""
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
