"""The calendar of my stars: a secret address a calendar app subscribes to, no session."""

import datetime

import pytest
from icalendar import Calendar

from talks.models import CalendarToken
from tests.factories import StarFactory, TalkFactory, UserFactory

START = datetime.datetime(2024, 6, 12, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def reader(db):
    """A reader who starred a timed talk and an untimed one; another reader's star beside."""
    reader = UserFactory(username="reader")
    StarFactory(user=reader, talk=TalkFactory(title="Timed", slug="timed", starts_at=START))
    StarFactory(user=reader, talk=TalkFactory(title="Untimed", slug="untimed"))
    StarFactory(talk=TalkFactory(title="Not mine", slug="not-mine", starts_at=START))
    return reader


def summaries(response):
    return [str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]


def get_address(client, reader):
    """Sign in, ask for an address on My stars, sign out; returns the address's path."""
    client.force_login(reader)
    response = client.post("/me/calendar/", {"action": "renew"}, follow=True)
    assert response.redirect_chain == [("/me/stars/#calendar", 302)]
    path = response.context["calendar_url"].removeprefix("http://testserver")
    client.logout()
    return path


def test_calendar_address_serves_my_timed_stars_without_a_session(client, reader):
    path = get_address(client, reader)

    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "private, no-cache"
    assert summaries(response) == ["Timed"]
    token = CalendarToken.objects.get(user=reader).token
    assert path == f"/calendar/{token}.ics"
    assert len(token) >= 40


def test_calendar_address_follows_new_stars(client, reader):
    path = get_address(client, reader)
    StarFactory(user=reader, talk=TalkFactory(title="Later", slug="later", starts_at=START))

    assert sorted(summaries(client.get(path))) == ["Later", "Timed"]


def test_a_new_address_retires_the_old_one(client, reader):
    old = get_address(client, reader)

    new = get_address(client, reader)

    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_turning_the_address_off(client, reader):
    path = get_address(client, reader)
    client.force_login(reader)

    response = client.post("/me/calendar/", {"action": "revoke"}, follow=True)

    assert "Your calendar address is turned off." in response.text
    assert "calendar_url" not in response.context
    assert CalendarToken.objects.count() == 0
    client.logout()
    assert client.get(path).status_code == 404


def test_an_unknown_token_is_not_found(client, db):
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404


def test_calendar_actions_need_a_signed_in_post(client, reader):
    assert client.get("/me/calendar/").status_code in {302, 405}
    response = client.post("/me/calendar/", {"action": "renew"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client.force_login(reader)
    assert client.get("/me/calendar/").status_code == 405
    assert client.post("/me/calendar/", {"action": "explode"}).status_code == 400
    assert CalendarToken.objects.count() == 0


def test_my_stars_page_offers_an_address_then_shows_it(client, reader):
    client.force_login(reader)

    before = client.get("/me/stars/").text
    get_address(client, reader)
    client.force_login(reader)
    after = client.get("/me/stars/").text

    assert "Get a calendar address" in before
    token = CalendarToken.objects.get(user=reader).token
    assert f'value="http://testserver/calendar/{token}.ics"' in after
    assert f'href="webcal://testserver/calendar/{token}.ics"' in after


def test_my_stars_ics_download_needs_a_session(client, reader):
    assert client.get("/me/stars.ics").status_code == 302
    client.force_login(reader)

    assert summaries(client.get("/me/stars.ics")) == ["Timed"]
