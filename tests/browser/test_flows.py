"""End-to-end flows in a real Chromium against the live server."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from talks import services
from talks.models import Link, Note, Star, Talk
from tests.factories import LinkFactory, NoteFactory, StarFactory, UserFactory

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"localhost", "127.0.0.1"}


def third_party(url):
    return urlsplit(url).hostname not in LOCAL_HOSTS and not url.startswith("data:")


def test_browse_filter_open_and_play_loads_the_player_only_on_click(site, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    # The sandbox has no internet; answer the video host's requests ourselves.
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    in_the_playlist("docker-content-trust", 10)

    page.goto(f"{site}/talks/")
    expect(page.locator(".talk-card")).to_have_count(8)
    page.locator(".sidebar").get_by_role("link", name=re.compile(r"^security\b")).click()
    expect(page).to_have_url(f"{site}/talks/?tag=security")
    expect(page.locator(".talk-card-title a")).to_have_text(
        ["Lessons learnt from running potentially malicious code", "Docker content trust"]
    )
    expect(page.locator(".page-head .lead")).to_have_text("2 talks match your filters.")

    page.get_by_role("link", name="Docker content trust", exact=True).click()
    expect(page).to_have_url(f"{site}/talks/docker-content-trust/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Docker content trust")
    facade = page.locator(".video-facade")
    expect(facade).to_be_visible()
    expect(page.locator(".video iframe")).to_have_count(0)
    assert [url for url in requests if third_party(url)] == []

    facade.click()
    iframe = page.locator(".video iframe")
    expect(iframe).to_have_count(1)
    src = iframe.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/videoseries?list=")
    assert "&index=9&" in src  # the player counts from 0
    expect(iframe).to_have_attribute("title", "Docker content trust")
    expect(page.locator(".video-link a")).to_be_visible()  # left when the player fails
    assert [url for url in requests if third_party(url)][:1] == [src]


def in_the_playlist(slug, position):
    """An editor gives the talk its place in the conference playlist."""
    talk = Talk.objects.get(slug=slug)
    talk.playlist_position = position
    services.save(talk)


def test_filters_apply_in_place_with_javascript_and_back_restores_the_list(site, page):
    page.goto(f"{site}/talks/")
    page.evaluate("window.__samePage = true")

    page.locator(".sidebar").get_by_role("link", name=re.compile(r"^security\b")).click()
    expect(page).to_have_url(f"{site}/talks/?tag=security")
    expect(page.locator(".talk-card")).to_have_count(2)
    expect(page).to_have_title("Talks tagged security · confnotes")
    assert page.evaluate("window.__samePage") is True  # no full reload

    page.locator(".chips").get_by_role("link", name="Remove filter tag: security").click()
    expect(page.locator(".talk-card")).to_have_count(8)
    page.go_back()
    expect(page).to_have_url(f"{site}/talks/?tag=security")
    expect(page.locator(".talk-card")).to_have_count(2)
    assert page.evaluate("window.__samePage") is True


def test_filters_and_video_link_work_without_javascript(site, browser):
    in_the_playlist("docker-content-trust", 10)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/talks/")
    page.locator(".sidebar").get_by_role("link", name=re.compile(r"^security\b")).click()
    expect(page).to_have_url(f"{site}/talks/?tag=security")
    expect(page.locator(".talk-card")).to_have_count(2)
    page.get_by_role("link", name="Docker content trust", exact=True).click()
    facade = page.locator(".video-facade")
    expect(facade).to_have_attribute(
        "href", re.compile(r"^https://www\.youtube\.com/playlist\?list=")
    )
    context.close()


def test_keyboard_alone_reaches_skips_filters_and_opens_a_talk(site, page):
    page.goto(f"{site}/talks/")

    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    expect(page.locator(".skip-link")).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/talks/#main")

    # From the main landmark, Tab walks the talk cards, then the filters.
    security = page.locator(".sidebar").get_by_role("link", name=re.compile(r"^security\b"))
    for _ in range(100):
        page.keyboard.press("Tab")
        if security.evaluate("link => link === document.activeElement"):
            break
    expect(security).to_be_focused()
    outline = security.evaluate("link => getComputedStyle(link).outlineStyle")
    assert outline == "solid"  # a visible focus ring

    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/talks/?tag=security")
    # Focus stays on the same filter, now switched on, so the next Tab carries on from there.
    active = page.locator(".sidebar .tag.is-active")
    expect(active).to_have_text(re.compile(r"^security\b"))
    expect(active).to_be_focused()

    first_title = page.locator(".talk-card-title a").first
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if first_title.evaluate("link => link === document.activeElement"):
            break
    expect(first_title).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        f"{site}/talks/lessons-learnt-from-running-potentially-malicious-code/"
    )


def test_keyboard_plays_the_video_facade_and_a_start_time_is_honoured(site, page):
    in_the_playlist("docker-content-trust", 10)
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    page.goto(f"{site}/talks/docker-content-trust/")
    facade = page.locator(".video-facade")
    facade.focus()
    expect(facade).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".video iframe")).to_have_count(1)
    assert page.url == f"{site}/talks/docker-content-trust/"  # the link was not followed

    # Notes (issue 3) jump the player with confnotes.loadVideo(facade, seconds).
    page.goto(f"{site}/talks/docker-content-trust/")
    page.evaluate("confnotes.loadVideo(document.querySelector('.video-facade'), 90)")
    src = page.locator(".video iframe").get_attribute("src")
    assert src.endswith("&index=9&autoplay=1&rel=0&start=90")


def test_links_to_a_moment_start_and_then_move_the_player(site, page):
    in_the_playlist("docker-content-trust", 10)
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    page.goto(f"{site}/talks/docker-content-trust/")
    # What a timed note renders (issue 3): a link to the moment, marked with data-seek.
    page.evaluate(
        """() => document.querySelector(".talk-summary").insertAdjacentHTML("beforeend",
            '<a id="at-75" data-seek="75" href="https://example.org/?t=75">1:15</a>' +
            '<a id="at-120" data-seek="120" href="https://example.org/?t=120">2:00</a>')"""
    )
    page.click("#at-75")
    iframe = page.locator(".video iframe")
    expect(iframe).to_have_attribute("src", re.compile(r"&index=9&autoplay=1&rel=0&start=75$"))
    page.click("#at-120")
    expect(iframe).to_have_attribute("src", re.compile(r"&index=9&autoplay=1&rel=0&start=120$"))
    expect(page.locator(".video iframe")).to_have_count(1)
    assert page.url == f"{site}/talks/docker-content-trust/"


def test_filter_results_are_announced_to_screen_readers(site, page):
    page.goto(f"{site}/talks/")
    page.locator(".sidebar").get_by_role("link", name="Recommended only").click()
    expect(page).to_have_url(f"{site}/talks/?recommended=1")
    expect(page.get_by_role("status")).to_have_text("5 talks match your filters.")


def test_print_style_keeps_the_talk_and_drops_the_chrome(site, page):
    page.goto(f"{site}/talks/docker-content-trust/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".video", ".prev-next"):
        expect(page.locator(selector)).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".talk-summary")).to_be_visible()
    link_after = page.locator(".talk-links a").first.evaluate(
        "link => getComputedStyle(link, '::after').content"
    )
    assert link_after == '" (https://theupdateframework.io/)"'  # printed links keep their URL


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/talks/",
        "/talks/?tag=security",
        "/talks/docker-content-trust/",
        "/speakers/",
        "/tags/",
    ],
)
def test_phone_sized_viewport_never_scrolls_sideways(site, browser, width, path):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{site}{path}")
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes == [width, width]
    # The page's text is still readable size, not shrunk to fit.
    font_size = page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)")
    assert font_size >= 16
    context.close()


def test_admin_edit_of_a_title_shows_on_the_public_page(site, page):
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    talk = Talk.objects.get(slug="docker-content-trust")

    page.goto(f"{site}/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{site}/admin/talks/talk/{talk.pk}/change/")
    page.get_by_label("Title").fill("Docker content trust, signed and sealed")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(f"{site}/talks/docker-content-trust/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Docker content trust, signed and sealed"
    )
    expect(page).to_have_title("Docker content trust, signed and sealed · confnotes")


# Accounts, people's stars and timed notes (issue 3).

RECORDING = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def star_button(page, title):
    return page.get_by_role("button", name=f"Star {title}")


def test_sign_up_star_unstar_and_keep_a_timed_note(site, page):
    page.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), lambda route: route.abort())
    talk = Talk.objects.get(slug="docker-content-trust")
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url=RECORDING, label="Recording")

    page.goto(f"{site}/accounts/signup/")
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Display name").fill("Grace H.")
    page.get_by_label("Password:", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("Password confirmation").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Grace H.")

    page.goto(f"{site}/talks/docker-content-trust/")
    page.evaluate("window.__samePage = true")
    star = star_button(page, "Docker content trust")
    count = page.locator(".talk-header [data-star-count]")
    expect(star).to_have_attribute("aria-pressed", "false")
    expect(star.locator("[data-star-label]")).to_have_text("Star")
    star.click()
    expect(star).to_have_attribute("aria-pressed", "true")
    expect(star.locator("[data-star-label]")).to_have_text("Starred")
    expect(count).to_have_text("Starred by 1")
    assert list(Star.objects.values_list("user__username", "talk__slug")) == [
        ("grace", "docker-content-trust")
    ]
    star.click()
    expect(star).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("")
    assert page.evaluate("window.__samePage") is True  # no page load either time
    assert Star.objects.count() == 0

    page.get_by_label("Note:", exact=True).fill("The **root key** stays offline.")
    page.get_by_label("Time in the recording:").fill("1:02")
    page.get_by_label("Public: anybody reading the talk").check()
    page.get_by_role("button", name="Add note").click()
    note = Note.objects.get()
    expect(page).to_have_url(f"{site}/talks/docker-content-trust/#note-{note.pk}")
    item = page.locator(f"#note-{note.pk}")
    expect(item.locator(".note-body")).to_have_text("The root key stays offline.")
    expect(item.locator(".note-visibility")).to_have_text("Public")
    time = item.get_by_role("link", name="1:02")
    expect(time).to_have_attribute("href", f"{RECORDING}&t=62s")

    time.click()
    iframe = page.locator(".video iframe")
    expect(iframe).to_have_attribute(
        "src", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=62"
    )
    assert page.url == f"{site}/talks/docker-content-trust/#note-{note.pk}"

    page.get_by_role("navigation", name="Account").get_by_role("link", name="My notes").click()
    expect(page).to_have_url(f"{site}/me/notes/")
    expect(page.locator(".my-notes-talk h2")).to_have_text(["Docker content trust"])
    expect(page.locator(".my-notes .note-time")).to_have_text(["▶ 1:02"])
    expect(page.locator(".my-notes .note-body")).to_have_text(["The root key stays offline."])
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Markdown").click()
    download = download_info.value
    assert download.suggested_filename == "confnotes-my-notes.md"
    markdown = Path(download.path()).read_text()
    assert "Docker content trust" in markdown
    assert "The **root key** stays offline." in markdown
    assert "1:02" in markdown


def test_keyboard_toggles_a_star_in_the_list_and_keeps_focus(site, signed_in):
    page = signed_in
    page.goto(f"{site}/talks/")
    star = star_button(page, "Docker content trust")
    for _ in range(120):
        page.keyboard.press("Tab")
        if star.evaluate("button => button === document.activeElement"):
            break
    expect(star).to_be_focused()
    assert star.evaluate("button => getComputedStyle(button).outlineStyle") == "solid"

    page.keyboard.press("Enter")
    expect(star).to_have_attribute("aria-pressed", "true")
    expect(star).to_be_focused()
    page.keyboard.press("Space")
    expect(star).to_have_attribute("aria-pressed", "false")
    expect(star).to_be_focused()
    page.keyboard.press("Space")
    expect(star).to_have_attribute("aria-pressed", "true")
    expect(star).to_be_focused()
    assert list(Star.objects.values_list("user__username", "talk__slug")) == [
        ("ada", "docker-content-trust")
    ]


def test_star_without_javascript_posts_the_form_and_comes_back_to_the_list(
    site, browser, person, sign_in
):
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, person)
    page = context.new_page()
    page.goto(f"{site}/talks/?tag=security")
    star = star_button(page, "Docker content trust")

    star.click()
    expect(page).to_have_url(f"{site}/talks/?tag=security#talk-docker-content-trust")
    expect(star).to_have_attribute("aria-pressed", "true")
    expect(star.locator("[data-star-label]")).to_have_text("Starred")
    expect(page.locator("#talk-docker-content-trust .star-count")).to_have_text("Starred by 1")
    assert list(Star.objects.values_list("user__username", "talk__slug")) == [
        ("ada", "docker-content-trust")
    ]

    star.click()
    expect(page).to_have_url(f"{site}/talks/?tag=security#talk-docker-content-trust")
    expect(star).to_have_attribute("aria-pressed", "false")
    assert Star.objects.count() == 0
    context.close()


def test_anonymous_star_asks_to_log_in_and_comes_back_to_the_talk(site, page, person):
    page.goto(f"{site}/talks/")
    page.get_by_role("link", name="Star Docker content trust (log in first)").click()
    expect(page).to_have_url(f"{site}/accounts/login/?next=/talks/docker-content-trust/")
    expect(page.locator(".lead")).to_have_text(
        "Log in to continue: stars and notes need an account."
    )
    page.get_by_label("Username").fill("ada")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(f"{site}/talks/docker-content-trust/")
    expect(star_button(page, "Docker content trust")).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize(
    "path", ["/talks/docker-content-trust/", "/me/notes/", "/me/stars/", "/accounts/signup/"]
)
def test_phone_sized_viewport_never_scrolls_sideways_with_notes(
    site, browser, person, sign_in, width, path
):
    talk = Talk.objects.get(slug="docker-content-trust")
    LinkFactory(talk=talk, kind=Link.Kind.RECORDING, url=RECORDING)
    StarFactory(talk=talk, user=person)
    long_url = "https://example.org/" + "abcdefghij" * 12  # no break opportunity
    NoteFactory(talk=talk, author=person, time=3725, body=f"Read {long_url} later.")
    context = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
    )
    if path != "/accounts/signup/":
        sign_in(context, person)
    page = context.new_page()
    page.goto(f"{site}{path}")
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes == [width, width]
    context.close()


# Layout (issue 15): filters on phones, sign-up returns to the page.


def test_phone_opens_the_filters_above_the_results(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site}/talks/")
    toggle = page.get_by_role("link", name="Filters")
    first_card = page.locator(".talk-card").first
    assert page.locator("#filters").bounding_box()["y"] > first_card.bounding_box()["y"]

    toggle.click()

    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#filters")).to_be_focused()
    filters_top = page.locator("#filters").bounding_box()["y"]
    assert toggle.bounding_box()["y"] < filters_top < first_card.bounding_box()["y"]
    page.locator("#filters").get_by_role("link", name=re.compile(r"^security\b")).click()
    expect(page).to_have_url(f"{site}/talks/?tag=security")
    expect(page.locator(".talk-card")).to_have_count(2)


def test_phone_filters_link_jumps_to_them_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site}/talks/")
    page.get_by_role("link", name="Filters").click()
    expect(page).to_have_url(f"{site}/talks/#filters")
    expect(page.locator("#filters")).to_be_in_viewport()
    context.close()


def test_wide_talk_page_puts_speaker_links_and_related_beside_the_summary(site, page):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{site}/talks/docker-content-trust/")
    summary = page.locator(".talk-summary").bounding_box()
    side = page.locator(".talk-side").bounding_box()
    assert side["x"] >= summary["x"] + summary["width"]
    assert side["y"] < summary["y"] + summary["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 1440


def test_sign_up_from_a_talk_comes_back_to_it(site, page):
    page.goto(f"{site}/talks/docker-content-trust/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("lin")
    page.get_by_label("Password:", exact=True).fill("a long and unusual passphrase")
    page.get_by_label("Password confirmation").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(f"{site}/talks/docker-content-trust/")
