"""Sign-ups are limited per address per hour (a counter in the cache)."""

import time
from unittest import mock

from django.contrib.auth import get_user_model

from accounts import limits

User = get_user_model()
PASSWORD = "a-long-unusual-passphrase-42"


def sign_up(client, username, address="203.0.113.7"):
    response = client.post(
        "/accounts/signup/",
        {"username": username, "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )
    client.logout()
    return response


def test_fifty_sign_ups_from_one_address_make_five_accounts(client, db):
    statuses = [sign_up(client, f"person{n}").status_code for n in range(50)]

    assert statuses == [302] * 5 + [429] * 45
    assert sorted(User.objects.values_list("username", flat=True)) == [
        f"person{n}" for n in range(5)
    ]


def test_the_limit_page_says_when_to_try_again(client, db):
    for n in range(5):
        sign_up(client, f"person{n}")

    post = sign_up(client, "person5")
    page = client.get("/accounts/signup/", REMOTE_ADDR="203.0.113.7")

    html = post.content.decode()
    assert (post.status_code, page.status_code) == (429, 429)
    assert 3590 <= int(post["Retry-After"]) <= 3600
    assert "<h1>Too many new accounts</h1>" in html
    assert "Try again in 60 minutes, after <time datetime=" in html
    assert 'name="password1"' not in html


def test_other_addresses_still_sign_up(client, db):
    for n in range(5):
        sign_up(client, f"person{n}")

    response = sign_up(client, "elsewhere", address="198.51.100.1")

    assert response.status_code == 302
    assert User.objects.filter(username="elsewhere").exists()


def test_invalid_sign_ups_do_not_count(client, db):
    for n in range(10):
        client.post("/accounts/signup/", {"username": f"x{n}", "password1": "a", "password2": "b"})

    assert sign_up(client, "person", address="127.0.0.1").status_code == 302


def test_the_limit_lifts_after_an_hour(client, db):
    for n in range(5):
        sign_up(client, f"person{n}")
    an_hour_later = time.time() + limits.WINDOW + 1

    with mock.patch("time.time", return_value=an_hour_later):
        response = sign_up(client, "person5")

    assert response.status_code == 302


def test_limit_follows_the_setting(client, db, settings):
    settings.CONFNOTES_SIGNUPS_PER_HOUR = 2

    statuses = [sign_up(client, f"person{n}").status_code for n in range(3)]

    assert statuses == [302, 302, 429]
