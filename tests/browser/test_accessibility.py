"""axe-core (from npm, injected by Playwright) finds no violations on any public page,
in the light and the dark theme."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone
from playwright.sync_api import expect

from talks import services
from talks.models import Talk
from tests.factories import (
    ConferenceFactory,
    SpeakerFactory,
    StarFactory,
    TalkFactory,
    notes_on_a_recorded_talk,
)

pytestmark = pytest.mark.browser

# Every public page, with the states that change what it shows; the account, star and
# note pages follow below.
PAGES = [
    "/",
    "/talks/",
    "/talks/?tag=security",
    "/talks/?tag=security&tag=kubernetes",  # no match: the empty state
    "/talks/?q=kubrenetes+securty",  # no match, and "Did you mean …?"
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
    "/conferences/sample-camp-london-2015/",
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
    talk = Talk.objects.get(slug="docker-content-trust")
    talk.playlist_position = 10  # an editor placed it in the conference playlist
    services.save(talk)
    page.route("https://**/*", lambda route: route.abort())
    page.goto(f"{site}/talks/docker-content-trust/")
    page.locator(".video-facade").click()
    page.locator(".video iframe").wait_for()
    assert describe(axe()) == []


# ---- Accounts, people's stars and notes (issue 3) ----

ACCOUNT_PAGES = [
    "/accounts/login/",
    "/accounts/login/?next=/talks/docker-content-trust/",
    "/accounts/signup/",
]
# Signed in, with stars and notes; {public} and {private} are the person's own notes.
PERSONAL_PAGES = [
    "/talks/",  # star buttons, pressed and not
    "/talks/docker-content-trust/",  # own public and private notes, another's, the note form
    "/talks/docker-content-trust/notes/{public}/edit/",
    "/talks/docker-content-trust/notes/{private}/delete/",
    "/talks/docker-content-trust/notes/new/",
    "/me/stars/",
    "/me/notes/",
    "/accounts/password_change/",
    "/accounts/password_change/done/",
]


@pytest.fixture
def own_notes(person):
    """`person` starred two talks and wrote a public timed and a private note on a talk
    with a recording, beside somebody else's public note."""
    notes = notes_on_a_recorded_talk(person, private_body="Try notary on *our* registry.")
    StarFactory(talk=Talk.objects.get(slug="towards-a-containerized-future"), user=person)
    return notes


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ACCOUNT_PAGES)
def test_account_page_has_no_axe_violations(site, page, axe, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}{path}")
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PERSONAL_PAGES)
def test_signed_in_page_has_no_axe_violations(site, signed_in, axe, own_notes, path, scheme):
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}{path.format(**own_notes)}")
    assert page.locator(".account-nav").get_by_role("link", name="My notes").count() == 1
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/me/stars/", "/me/notes/", "/talks/docker-content-trust/"])
def test_signed_in_empty_state_has_no_axe_violations(site, signed_in, axe, path, scheme):
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}{path}")
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sign_up_with_errors_has_no_axe_violations(site, page, axe, person, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Username:").fill("ada")  # taken
    page.get_by_label("Email:").fill("not an address")
    page.get_by_label("Password:", exact=True).fill("short")
    page.get_by_label("Password confirmation:").fill("different")
    page.get_by_role("button", name="Create account").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_log_in_with_errors_has_no_axe_violations(site, page, axe, person, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/accounts/login/")
    page.get_by_label("Username:").fill("ada")
    page.get_by_label("Password:").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".errorlist")).to_be_visible()
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_note_form_with_errors_has_no_axe_violations(site, signed_in, axe, own_notes, scheme):
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/talks/docker-content-trust/notes/{own_notes['public']}/edit/")
    page.get_by_label("Note:", exact=True).fill("")
    page.get_by_label("Time in the recording:").fill("1:75")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".form-error-summary")).to_be_visible()
    expect(page.locator(".errorlist")).to_have_count(2)
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_password_change_with_errors_has_no_axe_violations(site, signed_in, axe, scheme):
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/accounts/password_change/")
    page.get_by_label("Old password:").fill("wrong")
    page.get_by_label("New password:", exact=True).fill("short")
    page.get_by_label("New password confirmation:").fill("other")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert describe(axe()) == []


def test_star_and_note_flow_has_no_axe_violations(site, signed_in, axe, own_notes):
    page = signed_in
    page.route("https://**/*", lambda route: route.abort())
    page.goto(f"{site}/talks/docker-content-trust/")
    star = page.locator(".talk-header .star-button")
    star.click()
    expect(star).to_have_attribute("aria-pressed", "false")
    page.locator(".note-list").get_by_role("link", name="1:02").click()
    page.locator(".video iframe").wait_for()
    assert describe(axe()) == []


# ---- Schedules (issue 14) ----


@pytest.fixture
def live_schedule(db):
    """A conference on today by the real clock: a talk on now, two next (one cancelled), and
    one the last import moved."""
    now = timezone.now()
    conference = ConferenceFactory(slug="live", name="Live Conf", time_zone="Europe/Berlin")

    def timed(title, slug, start, minutes, room, **fields):
        return TalkFactory(
            conference=conference,
            title=title,
            slug=slug,
            starts_at=now + datetime.timedelta(minutes=start),
            ends_at=now + datetime.timedelta(minutes=start + minutes),
            room=room,
            **fields,
        )

    timed("On now", "on-now", -10, 30, "Main Hall", track="Web", speakers=[SpeakerFactory()])
    timed("Up next", "up-next", 30, 30, "Room B", session_type="Workshop", language="en")
    timed("Called off", "called-off", 30, 30, "Main Hall", cancelled=True,
          schedule_change="No longer in the schedule")  # fmt: skip
    timed("Moved", "moved", 60, 30, "Room B", schedule_change="Moved from Main Hall, Mon 10:00")
    return conference


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(
    "path", ["/conferences/live/schedule/", "/talks/moved/", "/talks/called-off/"]
)
def test_schedule_page_has_no_axe_violations(site, page, axe, live_schedule, path, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}{path}")
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_my_stars_with_a_calendar_address_has_no_axe_violations(
    site, signed_in, axe, person, live_schedule, scheme
):
    StarFactory(talk=Talk.objects.get(slug="on-now"), user=person)
    services.calendar_token_renew(user=person)
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/me/stars/")
    assert page.get_by_label("Your calendar address").input_value().endswith(".ics")
    assert describe(axe()) == []


def test_schedule_page_on_a_phone_fits_the_screen(site, page, live_schedule):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site}/conferences/live/schedule/")
    assert page.get_by_role("heading", name="On now").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


# ---- Lists and my write-up (issue 15) ----

# Signed in as `person`, with `own_lists`; {watch_later}, {empty} and {token} are filled in.
LIST_PAGES = [
    "/me/lists/",
    "/me/lists/{watch_later}/",  # talks with moves and removal, shared
    "/me/lists/{empty}/",  # the empty state, private
    "/me/lists/{empty}/rename/",
    "/me/lists/{empty}/delete/",
    "/talks/kubernetes/lists/?next=/talks/",
    "/me/writeup/sample-camp-london-2015/",
    "/me/writeup/sample-camp-london-2015/?private=1",
]


@pytest.fixture
def own_lists(person, own_notes):
    """`person`'s Watch later with three talks, shared, and an empty private list."""
    watch_later = services.watch_later(owner=person)
    for slug in ("docker-content-trust", "kubernetes", "container-visibility"):
        services.list_add(talk_list=watch_later, talk=Talk.objects.get(slug=slug))
    services.list_share(talk_list=watch_later)
    empty, _ = services.list_create(owner=person, name="Empty for now")
    return {"watch_later": watch_later.pk, "empty": empty.pk, "token": watch_later.share_token}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_and_write_up_page_has_no_axe_violations(
    site, signed_in, axe, own_lists, path, scheme
):
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}{path.format(**own_lists)}")
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_shared_list_has_no_axe_violations(site, page, axe, own_lists, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/lists/{own_lists['token']}/")
    assert describe(axe()) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_list_panel_and_form_errors_have_no_axe_violations(
    site, signed_in, axe, own_lists, scheme, monkeypatch
):
    monkeypatch.setattr(services, "LISTS_PER_PERSON", 2)  # the person has two already
    page = signed_in
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{site}/talks/")
    page.get_by_role("link", name="Save to a list for “Kubernetes”").click()
    panel = page.locator("#talk-kubernetes .list-panel")
    expect(panel.get_by_role("checkbox", name="Watch later")).to_be_checked()
    panel.get_by_label("and a new list named").fill("One too many")
    panel.get_by_role("button", name="Save").click()
    expect(panel.locator(".form-error-summary")).to_be_visible()
    assert describe(axe()) == []

    page.goto(f"{site}/me/lists/")
    page.get_by_role("button", name="Create list").click()
    expect(page.locator(".errorlist")).to_be_visible()
    assert describe(axe()) == []
