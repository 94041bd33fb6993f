"""Failed log-ins lock out the account and the address for a while (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from accounts.network import client_ip
from tests.factories import UserFactory

PASSWORD = "a-long-unusual-passphrase-42"
SITE = ("/accounts/login/", "/me/stars/")
ADMIN = ("/admin/login/", "/admin/")


def log_in(client, path, username, password, address="203.0.113.7", **headers):
    return client.post(
        path, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(client, private_path):
    return client.get(private_path).status_code == 200


@pytest.mark.parametrize(("login_path", "private_path"), [SITE, ADMIN], ids=["site", "admin"])
def test_fifty_wrong_passwords_then_the_right_one_does_not_log_in(
    client, db, login_path, private_path
):
    UserFactory(username="ada", password=PASSWORD, is_staff=True)

    statuses = [log_in(client, login_path, "ada", f"guess-{n}").status_code for n in range(50)]
    right = log_in(client, login_path, "ada", PASSWORD)

    assert statuses == [200] * 4 + [429] * 46
    assert right.status_code == 429
    assert not signed_in(client, private_path)


def test_lockout_page_says_when_to_try_again(client, db):
    UserFactory(username="ada", password=PASSWORD)
    for n in range(5):
        response = log_in(client, "/accounts/login/", "ada", f"guess-{n}")

    html = response.content.decode()
    assert response.status_code == 429
    assert 880 <= int(response["Retry-After"]) <= 900
    assert "<h1>Too many failed log-ins</h1>" in html
    assert (
        "After 5 wrong passwords, log-ins for this account or from this address are paused." in html
    )
    assert "Try again in 15 minutes, after <time datetime=" in html


def test_lockout_is_per_account_whatever_the_address(client, db):
    UserFactory(username="ada", password=PASSWORD)
    for n in range(5):
        log_in(client, "/accounts/login/", "ada", "wrong", address=f"198.51.100.{n}")

    response = log_in(client, "/accounts/login/", "ada", PASSWORD, address="192.0.2.99")

    assert response.status_code == 429
    assert not signed_in(client, "/me/stars/")


def test_lockout_is_per_address_whatever_the_account(client, db):
    UserFactory(username="ada", password=PASSWORD)
    for n in range(5):
        log_in(client, "/accounts/login/", f"someone-{n}", "wrong")

    response = log_in(client, "/accounts/login/", "ada", PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client, "/me/stars/")


def test_other_accounts_and_addresses_still_log_in_during_a_lockout(client, db):
    UserFactory(username="ada", password=PASSWORD)
    UserFactory(username="bob", password=PASSWORD)
    for _n in range(5):
        log_in(client, "/accounts/login/", "ada", "wrong")

    response = log_in(client, "/accounts/login/", "bob", PASSWORD, address="192.0.2.1")

    assert response.status_code == 302
    assert signed_in(client, "/me/stars/")


def test_lockout_ends_after_the_cool_off(client, db):
    UserFactory(username="ada", password=PASSWORD)
    for _n in range(5):
        log_in(client, "/accounts/login/", "ada", "wrong")
    attempt = AccessAttempt.objects.get()
    AccessAttempt.objects.update(attempt_time=attempt.attempt_time - timedelta(minutes=16))

    response = log_in(client, "/accounts/login/", "ada", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client, "/me/stars/")


def test_a_successful_log_in_clears_earlier_failures(client, db):
    UserFactory(username="ada", password=PASSWORD)
    for _n in range(4):
        log_in(client, "/accounts/login/", "ada", "wrong")
    log_in(client, "/accounts/login/", "ada", PASSWORD)
    client.logout()

    statuses = [log_in(client, "/accounts/login/", "ada", "wrong").status_code for _ in range(4)]

    assert statuses == [200] * 4


def test_a_forged_forwarded_header_does_not_escape_the_address_lockout(client, db):
    UserFactory(username="ada", password=PASSWORD)
    for n in range(5):
        log_in(
            client, "/accounts/login/", f"someone-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}"
        )

    response = log_in(
        client, "/accounts/login/", "ada", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.200"
    )

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "192.0.2.10"),
        (1, "", "192.0.2.10"),
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.1", "1.2.3.4"),
        (2, "10.0.0.1", "192.0.2.10"),
        (1, "not-an-address", "192.0.2.10"),
        (1, "2001:DB8::1", "2001:db8::1"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.CONFNOTES_TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_behind_a_trusted_proxy_each_client_address_counts_on_its_own(client, db, settings):
    settings.CONFNOTES_TRUSTED_PROXIES = 1
    UserFactory(username="ada", password=PASSWORD)
    for n in range(5):
        log_in(
            client,
            "/accounts/login/",
            f"someone-{n}",
            "wrong",
            address="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.1",
        )

    response = log_in(
        client,
        "/accounts/login/",
        "ada",
        PASSWORD,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.2",
    )

    assert response.status_code == 302
