"""Drive Debian's Chromium (never a Playwright browser download) against the live server.

Outside CI the browser tests skip, with the reason, when no Chromium is installed; under
CI=true a missing browser or tool is a failure, so that a green CI means the tests ran.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from bench.chromium import CHROMIUM_FLAGS
from tests.factories import UserFactory
from tests.tools import NODE_MODULES, missing

AXE_PATH = NODE_MODULES / "axe-core" / "axe.min.js"


def find_chromium():
    """CHROME_PATH if set (and only it), else Debian's chromium; None when not installed."""
    configured = os.environ.get("CHROME_PATH")
    candidates = [configured] if configured else ["/usr/bin/chromium", shutil.which("chromium")]
    return next((path for path in candidates if path and Path(path).is_file()), None)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last: Playwright's sync API keeps an event loop in the main
    thread, which Django's async-safety check would otherwise see in later tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = find_chromium()
    if chromium is None:
        missing(
            f"No Chromium at {os.environ.get('CHROME_PATH') or '/usr/bin/chromium or on PATH'}"
            " (apt-get install chromium; never `playwright install`)"
        )
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "headless": True,
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(scope="session", autouse=True)
def _allow_orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls
    # (fixtures, users, the live server's flush at teardown) are still plain synchronous
    # code. Session-wide because that flush outlives function-scoped fixtures; the browser
    # tests run last, so no other test sees the setting.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, sample_conference):
    """The live server's base URL, with the factories' sample conference loaded."""
    return live_server.url


@pytest.fixture
def axe(page):
    """Run axe-core on the current page; returns the list of violations."""
    if not AXE_PATH.is_file():
        missing("axe-core is not installed: run `npm ci --ignore-scripts`")
    source = AXE_PATH.read_text()

    def run():
        # Evaluated through the DevTools protocol: an inline <script> would break the
        # pages' Content-Security-Policy (script-src 'self'), which must stay as served.
        page.evaluate(f"() => {{ {source}\n window.axe = axe; }}")
        return page.evaluate("async () => (await axe.run(document)).violations")

    return run


@pytest.fixture
def sign_in(site):
    """sign_in(context, user) gives a browser context the session of `user`."""

    def sign_in(context, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])

    return sign_in


@pytest.fixture
def person(db):
    return UserFactory(username="ada", first_name="Ada L.")


@pytest.fixture
def signed_in(page, person, sign_in):
    """The `page` fixture with `person` signed in."""
    sign_in(page.context, person)
    return page
