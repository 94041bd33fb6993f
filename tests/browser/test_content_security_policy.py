"""Every page, the admin and /api/docs run under the strict CSP with no violation (issue 13).

Violations are collected two ways: the `securitypolicyviolation` events of each document
(recorded by a script that Playwright adds before the page's own) and Chromium's console
messages about Content-Security-Policy or Permissions-Policy.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from talks import services
from talks.models import Link, Note, Star, Talk
from tests.factories import (
    ConferenceFactory,
    LinkFactory,
    NoteFactory,
    StarFactory,
    TalkFactory,
    UserFactory,
)

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI} at ${where}`);
});
"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy|Permissions.Policy|Refused to", re.I)
PLAYER = re.compile(r"^https://(www\.youtube-nocookie\.com|player\.vimeo\.com)/")
PLAYER_PAGE = "<!doctype html><title>player</title><p>A stand-in for the video player.</p>"


@pytest.fixture
def watched(page):
    """The page, recording policy violations; `watched.violations()` lists them so far."""
    messages = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if POLICY_MESSAGE.search(message.text) else None
        ),
    )
    # No internet here: the players answer from this process, anything else is refused.
    page.route(PLAYER, lambda route: route.fulfill(content_type="text/html", body=PLAYER_PAGE))
    page.route(
        re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"),
        lambda route: route.abort() if not PLAYER.match(route.request.url) else route.fallback(),
    )

    def violations():
        events = page.evaluate("window.__cspViolations || []")
        return [*events, *messages]

    page.violations = violations
    return page


def open_cleanly(page, url, status=200):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == status, url
    csp = response.header_value("content-security-policy")
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response.header_value("permissions-policy")
    assert page.violations() == [], url


@pytest.fixture
def annotated(sample_conference, person):
    talk = Talk.objects.get(slug="docker-content-trust")
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url="https://youtu.be/dQw4w9WgXcQ")
    note = NoteFactory(talk=talk, author=person, body="The **root key** stays *offline*.", time=62)
    return talk, note


PUBLIC_PAGES = [
    "/",
    "/talks/",
    "/talks/?q=docker&tag=security&sort=title",
    "/talks/docker-content-trust/",
    "/speakers/",
    "/speakers/loris-degioanni/",
    "/companies/",
    "/companies/sysdig/",
    "/tags/",
    "/tags/security/",
    "/conferences/",
    "/conferences/sample-camp-london-2015/",
    "/accounts/login/",
    "/accounts/signup/",
    "/api/docs",
]


def test_public_pages_and_api_docs_have_no_policy_violation(site, watched, annotated):
    for path in PUBLIC_PAGES:
        open_cleanly(watched, f"{site}{path}")
    open_cleanly(watched, f"{site}/talks/no-such-talk/", status=404)
    # Swagger UI really ran: it read the schema and drew the operations.
    watched.goto(f"{site}/api/docs")
    expect(watched.locator(".opblock-summary-path").first).to_be_visible()
    watched.locator(".opblock-summary").first.click()
    expect(watched.get_by_role("button", name="Try it out")).to_be_visible()
    assert watched.violations() == []


def test_signed_in_pages_have_no_policy_violation(site, watched, annotated, sign_in, person):
    talk, note = annotated
    sign_in(watched.context, person)
    for path in [
        "/talks/",
        f"/talks/{talk.slug}/",
        "/me/stars/",
        "/me/notes/",
        f"/talks/{talk.slug}/notes/new/",
        f"/talks/{talk.slug}/notes/{note.pk}/edit/",
        f"/talks/{talk.slug}/notes/{note.pk}/delete/",
        "/accounts/password_change/",
    ]:
        open_cleanly(watched, f"{site}{path}")


def test_admin_pages_have_no_policy_violation(site, watched, annotated, sign_in):
    talk, note = annotated
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    sign_in(watched.context, editor)
    for path in [
        "/admin/",
        "/admin/talks/talk/",
        f"/admin/talks/talk/{talk.pk}/change/",
        "/admin/talks/talk/add/",
        f"/admin/talks/note/{note.pk}/change/",
        "/admin/talks/link/add/",
    ]:
        open_cleanly(watched, f"{site}{path}")
    # The admin's scripts work: an autocomplete widget opens and searches.
    watched.goto(f"{site}/admin/talks/link/add/")
    watched.locator(".field-talk .select2-selection").click()
    watched.locator(".select2-search__field").fill("content trust")
    expect(watched.locator(".select2-results__option")).to_have_text(["Docker content trust"])
    assert watched.violations() == []


def test_star_button_and_player_work_under_the_policy(site, watched, annotated, sign_in, person):
    talk, _ = annotated
    sign_in(watched.context, person)
    watched.goto(f"{site}/talks/{talk.slug}/")
    watched.evaluate("window.__samePage = true")

    star = watched.get_by_role("button", name=f"Star {talk.title}")
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    assert watched.evaluate("window.__samePage") is True  # fetch() ran, no form post
    assert list(Star.objects.values_list("user__username", flat=True)) == ["ada"]

    watched.locator(".video-facade").first.click()
    player = watched.frame_locator(".video iframe")
    expect(player.locator("p")).to_have_text("A stand-in for the video player.")
    assert Note.objects.count() == 1
    assert watched.violations() == []


def test_schedule_pages_have_no_policy_violation(site, watched, sign_in, person):
    """The schedule, a timed talk, and My stars with its calendar address (issue 14)."""
    start = timezone.now()
    conference = ConferenceFactory(slug="live", time_zone="Europe/Berlin")
    talk = TalkFactory(
        conference=conference,
        slug="timed",
        starts_at=start,
        ends_at=start + datetime.timedelta(minutes=30),
        room="Main Hall",
        schedule_change="Moved from Room B",
    )
    StarFactory(talk=talk, user=person)
    services.calendar_token_renew(user=person)
    sign_in(watched.context, person)
    for path in ["/conferences/live/schedule/", "/talks/timed/", "/me/stars/"]:
        open_cleanly(watched, f"{site}{path}")


def test_list_and_write_up_pages_have_no_policy_violation(
    site, watched, annotated, sign_in, person
):
    from talks import services

    talk, _ = annotated
    watch_later = services.watch_later(owner=person)
    for slug in (talk.slug, "kubernetes"):
        services.list_add(talk_list=watch_later, talk=Talk.objects.get(slug=slug))
    services.list_share(talk_list=watch_later)
    sign_in(watched.context, person)
    for path in [
        "/me/lists/",
        f"/me/lists/{watch_later.pk}/",
        f"/me/lists/{watch_later.pk}/rename/",
        f"/talks/{talk.slug}/lists/",
        "/me/writeup/sample-camp-london-2015/?private=1",
    ]:
        open_cleanly(watched, f"{site}{path}")
    # What site.js does there: a panel fetched and saved in place, a talk moved in place.
    watched.goto(f"{site}/talks/")
    watched.get_by_role("link", name="Save to a list for “Kubernetes”").click()
    box = watched.locator(".list-panel").get_by_role("checkbox", name="Watch later")
    box.uncheck()
    expect(watched.get_by_role("status").filter(has_text="Taken out of")).to_have_count(1)
    box.check()
    expect(watched.get_by_role("status").filter(has_text="Saved in")).to_have_count(1)
    watched.goto(f"{site}/me/lists/{watch_later.pk}/")
    watched.get_by_role("button", name="Move “Docker content trust” down").click()
    expect(watched.locator(".list-item .talk-card-title a")).to_have_text(
        ["Kubernetes", "Docker content trust"]
    )
    assert watched.violations() == []
    watched.context.clear_cookies()
    open_cleanly(watched, f"{site}/lists/{watch_later.share_token}/")
