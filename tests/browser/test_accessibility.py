"""axe-core (from npm, injected by Playwright) finds no violations on any public page,
in the light and the dark theme."""

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.browser

# Every public page, with the states that change what it shows. The sign-in, star and
# note pages join this list with issue 3.
PAGES = [
    "/",
    "/talks/",
    "/talks/?tag=security",
    "/talks/?tag=security&tag=kubernetes",  # no match: the empty state
    "/talks/?starred=1&page=2",
    "/talks/docker-content-trust/",
    "/talks/towards-a-containerized-future/",
    "/speakers/",
    "/speakers/diogo-monica/",
    "/companies/",
    "/companies/docker/",
    "/tags/",
    "/tags/security/",
    "/conferences/",
    "/conferences/container-camp-london-2015/",
    "/no-such-page/",  # the 404 page
]


def describe(violations):
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in violations
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(site, page, axe, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}{path}")
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_server_error_page_has_no_axe_violations(site, page, axe, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/")
    page.set_content(render_to_string("500.html"))
    page.wait_for_load_state()
    assert describe(axe()) == []


def test_talk_page_with_the_player_open_has_no_axe_violations(site, page, axe):
    page.route("https://**/*", lambda route: route.abort())
    page.goto(f"{site}/talks/docker-content-trust/")
    page.locator(".video-facade").click()
    page.locator(".video iframe").wait_for()
    assert describe(axe()) == []
