"""Lists and my write-up in a real Chromium, with JavaScript and without (issue 15)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from talks import services
from talks.models import Talk, TalkList
from tests.factories import NoteFactory, StarFactory

pytestmark = pytest.mark.browser


def slugs(talk_list):
    return list(talk_list.items.order_by("position", "pk").values_list("talk__slug", flat=True))


def list_link(page, title):
    return page.get_by_role("link", name=f"Save to a list for “{title}”")


@pytest.fixture
def no_javascript(browser, person, sign_in):
    """A signed-in page of a browser context with JavaScript off."""
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, person)
    yield context.new_page()
    context.close()


@pytest.fixture
def three(person):
    """`person`'s Watch later with three talks."""
    watch_later = services.watch_later(owner=person)
    for slug in ("docker-content-trust", "kubernetes", "container-visibility"):
        services.list_add(talk_list=watch_later, talk=Talk.objects.get(slug=slug))
    return watch_later


def test_saving_a_talk_to_lists_happens_in_place(site, signed_in, person):
    page = signed_in
    page.goto(f"{site}/talks/?tag=security")
    page.evaluate("window.__samePage = true")
    link = list_link(page, "Docker content trust")

    link.click()
    panel = page.locator("#talk-docker-content-trust .list-panel")
    watch_later = panel.get_by_role("checkbox", name="Watch later")
    expect(link).to_have_attribute("aria-expanded", "true")
    expect(watch_later).to_be_focused()
    expect(watch_later).not_to_be_checked()

    watch_later.check()
    expect(page.get_by_role("status").filter(has_text="Saved in Watch later")).to_have_count(1)
    assert slugs(TalkList.objects.get(is_watch_later=True)) == ["docker-content-trust"]

    panel.get_by_label("and a new list named").fill("Security")
    panel.get_by_role("button", name="Save").click()
    expect(panel.get_by_role("checkbox", name="Security")).to_be_checked()
    expect(watch_later).to_be_checked()
    assert slugs(TalkList.objects.get(name="Security")) == ["docker-content-trust"]

    watch_later.uncheck()
    expect(page.get_by_role("status").filter(has_text="Taken out of Watch later")).to_have_count(1)
    assert slugs(TalkList.objects.get(is_watch_later=True)) == []

    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(link).to_be_focused()
    expect(link).to_have_attribute("aria-expanded", "false")
    assert page.evaluate("window.__samePage") is True  # no page load at all


def test_a_talk_page_saves_to_a_list_in_place(site, signed_in):
    page = signed_in
    page.goto(f"{site}/talks/kubernetes/")
    list_link(page, "Kubernetes").click()
    page.locator(".talk-header .list-panel").get_by_role("checkbox", name="Watch later").check()

    expect(page.get_by_role("status").filter(has_text="Saved in Watch later")).to_have_count(1)
    assert slugs(TalkList.objects.get(is_watch_later=True)) == ["kubernetes"]
    assert page.url == f"{site}/talks/kubernetes/"


def test_saving_without_javascript_posts_the_form_and_comes_back(site, no_javascript):
    page = no_javascript
    page.goto(f"{site}/talks/?tag=security")

    list_link(page, "Docker content trust").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Save to a list")
    page.get_by_role("checkbox", name="Watch later").check()
    page.get_by_label("and a new list named").fill("To show the team")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(f"{site}/talks/?tag=security#talk-docker-content-trust")
    assert slugs(TalkList.objects.get(is_watch_later=True)) == ["docker-content-trust"]
    assert slugs(TalkList.objects.get(name="To show the team")) == ["docker-content-trust"]

    list_link(page, "Docker content trust").click()
    page.get_by_role("checkbox", name="Watch later").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{site}/talks/?tag=security#talk-docker-content-trust")
    assert slugs(TalkList.objects.get(is_watch_later=True)) == []


def test_anonymous_save_to_a_list_asks_to_log_in(site, page, person):
    page.goto(f"{site}/talks/")
    page.get_by_role("link", name="Save to a list for “Kubernetes” (log in first)").click()
    expect(page).to_have_url(f"{site}/accounts/login/?next=/talks/kubernetes/")


def test_moving_and_removing_happen_in_place(site, signed_in, three):
    page = signed_in
    page.goto(f"{site}/me/lists/{three.pk}/")
    page.evaluate("window.__samePage = true")
    titles = page.locator(".list-item .talk-card-title a")
    expect(titles).to_have_text(["Docker content trust", "Kubernetes", "Container visibility"])
    expect(page.get_by_role("button", name="Move “Docker content trust” up")).to_be_disabled()

    down = page.get_by_role("button", name="Move “Docker content trust” down")
    down.click()
    expect(titles).to_have_text(["Kubernetes", "Docker content trust", "Container visibility"])
    expect(down).to_be_focused()
    down.click()
    expect(titles).to_have_text(["Kubernetes", "Container visibility", "Docker content trust"])
    expect(down).to_be_disabled()
    up = page.get_by_role("button", name="Move “Docker content trust” up")
    expect(up).to_be_focused()  # the button pressed can no longer move it: focus its twin
    assert slugs(three) == ["kubernetes", "container-visibility", "docker-content-trust"]

    page.get_by_role("button", name="Remove “Kubernetes” from the list").click()
    expect(titles).to_have_text(["Container visibility", "Docker content trust"])
    expect(page.locator("[data-list-count]")).to_have_text("2 talks")
    expect(page.get_by_role("button", name="Move “Container visibility” up")).to_be_disabled()
    assert slugs(three) == ["container-visibility", "docker-content-trust"]

    for title in ["Container visibility", "Docker content trust"]:
        page.get_by_role("button", name=f"Remove “{title}” from the list").click()
    expect(page.locator("[data-list-empty]")).to_be_visible()
    assert slugs(three) == []
    assert page.evaluate("window.__samePage") is True


def test_moving_and_removing_without_javascript(site, no_javascript, three):
    page = no_javascript
    page.goto(f"{site}/me/lists/{three.pk}/")
    titles = page.locator(".list-item .talk-card-title a")

    page.get_by_role("button", name="Move “Container visibility” up").click()
    expect(page).to_have_url(f"{site}/me/lists/{three.pk}/#item-container-visibility")
    expect(titles).to_have_text(["Docker content trust", "Container visibility", "Kubernetes"])

    page.get_by_role("button", name="Remove “Docker content trust” from the list").click()
    expect(page).to_have_url(f"{site}/me/lists/{three.pk}/")
    expect(titles).to_have_text(["Container visibility", "Kubernetes"])
    assert slugs(three) == ["container-visibility", "kubernetes"]


@pytest.mark.parametrize("javascript", [True, False])
def test_create_share_rename_and_delete_a_list(site, browser, person, sign_in, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    sign_in(context, person)
    page = context.new_page()
    page.goto(f"{site}/me/lists/")
    expect(page.locator(".my-list-name")).to_have_text(["Watch later"])

    page.get_by_label("Name").fill("Talks to show the team")
    page.get_by_role("button", name="Create list").click()
    talk_list = TalkList.objects.get(name="Talks to show the team")
    expect(page).to_have_url(f"{site}/me/lists/{talk_list.pk}/")
    expect(page.locator(".lead")).to_have_text("0 talks · private")
    services.list_add(talk_list=talk_list, talk=Talk.objects.get(slug="kubernetes"))

    page.get_by_role("button", name="Share by a secret link").click()
    address = page.get_by_label("Address").input_value()
    talk_list.refresh_from_db()
    assert address == f"{site}/lists/{talk_list.share_token}/"
    stranger = browser.new_context()
    shared = stranger.new_page()
    shared.goto(address)
    expect(shared.get_by_role("heading", level=1)).to_have_text("Talks to show the team")
    expect(shared.locator(".talk-card-title a")).to_have_text(["Kubernetes"])
    expect(shared.locator('meta[name="robots"]')).to_have_attribute("content", "noindex, nofollow")

    page.get_by_role("button", name="Make a new address").click()
    assert page.get_by_label("Address").input_value() != address
    assert shared.goto(address).status == 404
    stranger.close()

    page.get_by_role("link", name="Rename").click()
    page.get_by_label("Name").fill("For the team")
    page.get_by_role("button", name="Rename").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("For the team")

    page.get_by_role("link", name="Delete").click()
    page.get_by_role("button", name="Delete the list").click()
    expect(page).to_have_url(f"{site}/me/lists/")
    expect(page.locator(".my-list-name")).to_have_text(["Watch later"])
    context.close()


def test_a_list_downloads_as_markdown(site, signed_in, three):
    page = signed_in
    page.goto(f"{site}/me/lists/{three.pk}/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as Markdown").click()
    download = download_info.value
    assert download.suggested_filename == "confnotes-watch-later.md"
    text = Path(download.path()).read_text()
    headings = re.findall(r"^## .*$", text, flags=re.MULTILINE)
    assert headings == [
        "## 1\\. Docker content trust",
        "## 2\\. Kubernetes",
        "## 3\\. Container visibility",
    ]


@pytest.mark.parametrize("javascript", [True, False])
def test_write_up_preview_chooses_private_notes_and_downloads(
    site, browser, person, sign_in, javascript
):
    trust = Talk.objects.get(slug="docker-content-trust")
    StarFactory(talk=trust, user=person)
    NoteFactory(talk=trust, author=person, visibility="public", body="Keys *offline*.")
    NoteFactory(talk=trust, author=person, body="Ask the team about notary.")
    context = browser.new_context(java_script_enabled=javascript)
    sign_in(context, person)
    page = context.new_page()

    page.goto(f"{site}/conferences/sample-camp-london-2015/")
    page.get_by_role("link", name="Your write-up of Sample Camp London 2015").click()
    preview = page.locator(".writeup-preview")
    expect(preview.get_by_role("heading", level=3)).to_have_text(
        ["Diogo Mónica, Docker - Docker Content Trust ★"]
    )
    expect(preview).to_contain_text("Keys offline.")
    expect(preview).not_to_contain_text("Ask the team about notary.")

    page.get_by_label("Put my private notes in too").check()
    page.get_by_role("button", name="Update the preview").click()
    expect(page).to_have_url(f"{site}/me/writeup/sample-camp-london-2015/?private=1")
    expect(preview).to_contain_text("Ask the team about notary.")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download sample-camp-london-2015.md").click()
    download = download_info.value
    assert download.suggested_filename == "sample-camp-london-2015.md"
    text = Path(download.path()).read_text()
    assert text.startswith("# Sample Camp London 2015\n")
    assert "## Diogo Mónica, Docker - Docker Content Trust ★\n" in text
    assert "Ask the team about notary." in text
    context.close()


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize(
    "path", ["/me/lists/", "/me/lists/{pk}/", "/me/writeup/sample-camp-london-2015/"]
)
def test_list_pages_never_scroll_sideways_on_phones(
    site, browser, person, sign_in, three, width, path
):
    services.list_share(talk_list=three)
    context = browser.new_context(
        viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True
    )
    sign_in(context, person)
    page = context.new_page()
    page.goto(f"{site}{path.format(pk=three.pk)}")
    if path == "/me/lists/{pk}/":
        list_link(page, "Kubernetes").click()
        page.locator(".list-panel").wait_for()
    sizes = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert sizes == [width, width]
    context.close()
