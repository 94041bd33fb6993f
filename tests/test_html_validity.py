"""The Nu HTML Checker (npm `vnu-jar`, run with Java) reports no errors on any page template.

The checker will not fetch loopback URLs itself, so the pages are rendered with the test
client, written to files and checked in one run of the checker.
"""

import datetime
import json
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django.views import defaults

from accounts.limits import signup_take
from tests.factories import (
    ConferenceFactory,
    SpeakerFactory,
    UserFactory,
    notes_on_a_recorded_talk,
)
from tests.tools import NODE_MODULES, ROOT, missing

VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Every page template, in the states that change its markup.
PAGES_WITH_DATA = {
    "home": "/",
    "talk-list": "/talks/",
    "talk-list-filtered": "/talks/?tag=security&starred=1",
    "talk-list-every-filter": "/talks/?tag=security&speaker=diogo-monica&company=docker"
    "&conference=container-camp-london-2015",
    "talk-list-no-match": "/talks/?tag=security&tag=kubernetes",
    "talk-list-did-you-mean": "/talks/?q=kubrenetes+securty",
    "talk-detail": "/talks/docker-content-trust/",
    "talk-detail-first": "/talks/towards-a-containerized-future/",
    "speaker-list": "/speakers/",
    "speaker-detail": "/speakers/diogo-monica/",
    "company-list": "/companies/",
    "company-detail": "/companies/docker/",
    "tag-list": "/tags/",
    "tag-detail": "/tags/security/",
    "conference-list": "/conferences/",
    "conference-detail": "/conferences/container-camp-london-2015/",
    "not-found": "/no-such-page/",
}
EMPTY_PAGES = {
    "home-empty": "/",
    "talk-list-empty": "/talks/",
    "speaker-list-empty": "/speakers/",
    "company-list-empty": "/companies/",
    "tag-list-empty": "/tags/",
    "conference-list-empty": "/conferences/",
}


def check_with_vnu(pages, folder):
    """Write each page to a file, run the checker once, return its errors by page name."""
    java = shutil.which("java")
    if java is None:
        missing("Java is not installed (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        missing("vnu-jar is not installed: run `npm ci --ignore-scripts`")
    paths = {}
    for name, html in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(html)
        paths[name] = path
    names = {f"file:{path}": name for name, path in paths.items()}  # how vnu names files
    result = subprocess.run(  # noqa: S603 - fixed command, our own files
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--errors-only",
            *map(str, paths.values()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        (
            names.get(message.get("url"), message.get("url")),
            message.get("lastLine"),
            message["message"],
        )
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert result.returncode in (0, 1), result.stderr
    return errors


def render_pages(client, paths):
    pages = {}
    for name, path in paths.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        pages[name] = response.content
    return pages


def test_every_page_with_the_site_data_is_valid_html(client, container_camp, tmp_path):
    # The site's own data on purpose: its real write-up prose (lists, links, code, accents)
    # is what visitors see, and must render as valid HTML.
    pages = render_pages(client, PAGES_WITH_DATA)
    request = RequestFactory().get("/")
    pages["server-error"] = defaults.server_error(request).content
    pages["bad-request"] = defaults.bad_request(request, Exception()).content
    pages["forbidden"] = defaults.permission_denied(request, Exception()).content

    assert check_with_vnu(pages, tmp_path) == []


def test_every_empty_state_is_valid_html(client, db, tmp_path):
    pages = render_pages(client, EMPTY_PAGES)
    conference = ConferenceFactory()
    pages["conference-without-talks"] = client.get(conference.get_absolute_url()).content
    speaker = SpeakerFactory()
    pages["speaker-without-talks"] = client.get(speaker.get_absolute_url()).content

    assert check_with_vnu(pages, tmp_path) == []


ACCOUNT_PAGES = {
    "login": "/accounts/login/",
    "login-to-continue": "/accounts/login/?next=/talks/docker-content-trust/",
    "signup": "/accounts/signup/",
}
# Signed in; {public} and {private} are the person's own notes.
PERSONAL_PAGES = {
    "talk-list-signed-in": "/talks/",
    "talk-detail-with-notes": "/talks/docker-content-trust/",
    "note-new": "/talks/docker-content-trust/notes/new/",
    "note-edit": "/talks/docker-content-trust/notes/{public}/edit/",
    "note-delete": "/talks/docker-content-trust/notes/{private}/delete/",
    "my-stars": "/me/stars/",
    "my-notes": "/me/notes/",
    "password-change": "/accounts/password_change/",
    "password-change-done": "/accounts/password_change/done/",
    "account": "/accounts/",
    "account-delete": "/accounts/delete/",
}
EMPTY_PERSONAL_PAGES = {
    "my-stars-empty": "/me/stars/",
    "my-notes-empty": "/me/notes/",
    "talk-detail-no-notes": "/talks/docker-content-trust/",
}


def render_form_errors(client, path, data):
    response = client.post(path, data)
    assert response.status_code == 200, path
    assert b'class="errorlist' in response.content, path
    return response.content


def test_every_account_star_and_note_page_is_valid_html(client, sample_conference, tmp_path):
    pages = render_pages(client, ACCOUNT_PAGES)
    person = UserFactory(username="ada", first_name="Ada L.")
    pages["signup-errors"] = render_form_errors(
        client,
        "/accounts/signup/",
        {"username": "ada", "email": "nope", "password1": "short", "password2": "other"},
    )
    pages["login-errors"] = render_form_errors(
        client, "/accounts/login/", {"username": "ada", "password": "wrong"}
    )
    notes = notes_on_a_recorded_talk(person, private_body="<script>x</script> *mine*")
    client.force_login(person)
    pages |= render_pages(
        client, {name: path.format(**notes) for name, path in PERSONAL_PAGES.items()}
    )
    pages["note-new-errors"] = render_form_errors(
        client,
        "/talks/docker-content-trust/notes/new/",
        {"body": "", "time": "1:75", "visibility": "public"},
    )
    pages["note-edit-errors"] = render_form_errors(
        client,
        f"/talks/docker-content-trust/notes/{notes['public']}/edit/",
        {"body": "x" * 20_000, "time": "soon", "visibility": "nobody"},
    )
    pages["password-change-errors"] = render_form_errors(
        client,
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "short", "new_password2": "other"},
    )
    pages["account-delete-errors"] = render_form_errors(
        client, "/accounts/delete/", {"password": "wrong"}
    )
    client.logout()
    for _ in range(5):
        locked = client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    assert locked.status_code == 429
    pages["login-locked-out"] = locked.content
    for _ in range(5):
        signup_take("192.0.2.1")
    limited = client.get("/accounts/signup/", REMOTE_ADDR="192.0.2.1")
    assert limited.status_code == 429
    pages["signup-limited"] = limited.content

    assert check_with_vnu(pages, tmp_path) == []


def test_every_empty_personal_page_is_valid_html(client, sample_conference, tmp_path):
    client.force_login(UserFactory())
    pages = render_pages(client, EMPTY_PERSONAL_PAGES)

    assert check_with_vnu(pages, tmp_path) == []


SCHEDULES = ROOT / "tests" / "transfer" / "schedules"
# A pretalx-style schedule, then its changed version: moved, renamed and cancelled talks.
SCHEDULE_PAGES = {
    "schedule": "/conferences/democon2024/schedule/",
    "conference-with-schedule": "/conferences/democon2024/",
    "talk-detail-moved": "/talks/scaling-django-with-postgresql/",
    "talk-detail-cancelled": "/talks/observability-for-small-teams/",
}


def test_every_schedule_page_is_valid_html(client, db, tmp_path, monkeypatch):
    for name in ("democon2024.xml", "democon2024-changed.xml"):
        call_command("import_schedule", str(SCHEDULES / name), verbosity=0)
    person = UserFactory()
    talk_on_now = "/talks/workshop-testing-with-pytest/"
    client.force_login(person)
    client.post(f"{talk_on_now}star/", {"action": "star"})
    pages = {"my-stars-without-calendar": client.get("/me/stars/").content}
    client.post("/me/calendar/", {"action": "renew"})
    pages["my-stars-with-calendar"] = client.get("/me/stars/").content
    client.logout()
    pages |= render_pages(client, SCHEDULE_PAGES)
    during = datetime.datetime(2024, 6, 13, 9, 15, tzinfo=datetime.UTC)  # 11:15 in Berlin
    monkeypatch.setattr(timezone, "now", lambda: during)
    cache.clear()  # the clock went back two years: forget the page shared since
    pages["schedule-on-now"] = client.get("/conferences/democon2024/schedule/").content
    assert b"On now" in pages["schedule-on-now"]

    assert check_with_vnu(pages, tmp_path) == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (b"<!doctype html><html lang=en><title>x</title><p>fine", []),
        (b"<!doctype html><html lang=en><title>x</title><p><div>bad</div></span>", ["broken"]),
    ],
)
def test_checker_reports_errors_it_finds(tmp_path, html, expected):
    errors = check_with_vnu({"broken": html}, tmp_path)
    assert [name for name, _line, _message in errors][:1] == expected


def lists_of(person):
    """`person`'s Watch later (three talks, shared) and an empty private list."""
    from talks import services
    from talks.models import Talk

    watch_later = services.watch_later(owner=person)
    for slug in ("docker-content-trust", "kubernetes", "container-visibility"):
        services.list_add(talk_list=watch_later, talk=Talk.objects.get(slug=slug))
    services.list_share(talk_list=watch_later)
    empty, _ = services.list_create(owner=person, name="Empty <for now>")
    return watch_later, empty


def test_every_list_and_write_up_page_is_valid_html(client, sample_conference, tmp_path):
    person = UserFactory(username="ada", first_name="Ada L.")
    notes_on_a_recorded_talk(person, private_body="<script>x</script> *mine*")
    watch_later, empty = lists_of(person)
    client.force_login(person)
    pages = render_pages(
        client,
        {
            "my-lists": "/me/lists/",
            "list": f"/me/lists/{watch_later.pk}/",
            "list-empty": f"/me/lists/{empty.pk}/",
            "list-rename": f"/me/lists/{empty.pk}/rename/",
            "list-delete": f"/me/lists/{empty.pk}/delete/",
            "talk-lists": "/talks/kubernetes/lists/?next=/talks/%23talk-kubernetes",
            "writeup": "/me/writeup/sample-camp-london-2015/",
            "writeup-private": "/me/writeup/sample-camp-london-2015/?private=1",
        },
    )
    for name, path, data in [
        ("my-lists-errors", "/me/lists/", {"name": ""}),
        ("list-rename-errors", f"/me/lists/{empty.pk}/rename/", {"name": "watch later"}),
        ("talk-lists-errors", "/talks/kubernetes/lists/", {"new_list": "x" * 101}),
    ]:
        response = client.post(path, data)
        assert response.status_code == 400, path
        pages[name] = response.content
    client.logout()
    pages["shared-list"] = client.get(watch_later.get_shared_url()).content
    client.force_login(UserFactory())
    pages["writeup-empty"] = client.get("/me/writeup/sample-camp-london-2015/").content

    assert check_with_vnu(pages, tmp_path) == []
