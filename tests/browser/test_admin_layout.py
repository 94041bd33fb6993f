"""The editors' pages fit the window: no sideways scroll at 1280 px or on a phone."""

import pytest
from playwright.sync_api import expect

from talks.models import Link, Talk
from tests.factories import LinkFactory, NoteFactory, UserFactory

pytestmark = pytest.mark.browser

PAGES = [
    "/admin/",
    "/admin/talks/talk/",
    "/admin/talks/talk/{talk}/change/",
    "/admin/talks/note/",
    "/admin/talks/note/{note}/change/",
    "/admin/speakers/speaker/",
    "/admin/talks/conference/{conference}/change/",
]


@pytest.fixture
def editor_page(site, page, sign_in):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    sign_in(page.context, editor)
    talk = Talk.objects.get(slug="docker-content-trust")
    LinkFactory(
        talk=talk,
        kind=Link.Kind.SLIDES,
        url="https://www.slideshare.net/a-very-long-path/" + "segment-" * 20,
    )
    note = NoteFactory(talk=talk, body="A **public** note " * 30, time=754, visibility="public")
    ids = {"talk": talk.pk, "note": note.pk, "conference": talk.conference_id}
    return page, ids


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", PAGES)
def test_admin_page_has_no_horizontal_overflow(site, editor_page, path, width):
    page, ids = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + path.format(**ids))
    expect(page.locator("#content")).to_be_visible()

    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")

    assert overflow <= 0, f"{path} is {overflow} px wider than a {width} px window"


def test_note_preview_follows_typing(site, editor_page):
    page, ids = editor_page
    page.goto(f"{site}/admin/talks/note/{ids['note']}/change/")
    expect(page.locator("#id_time")).to_have_value("12:34")

    page.locator("#id_body").fill("Now *emphasised*")

    expect(page.locator(".note-preview em")).to_have_text("emphasised")
