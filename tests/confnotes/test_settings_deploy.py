"""`manage.py check --deploy` passes with a production environment; HTTPS comes from the
environment (issue 13)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "notes.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://notes.example.org",
    "DJANGO_SECURE_COOKIES": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_PROXY_SSL_HEADER": "1",
}


def run(*args, **env):
    """Run Python in the project with only `env` for Django's variables."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "PYTEST"))
    }
    environment["DJANGO_SECRET_KEY_FILE"] = "/nonexistent/secret_key"
    environment.update(env)
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_gives_no_warning_in_production():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


@pytest.mark.parametrize(
    ("missing", "warning"),
    [
        ("DJANGO_SECURE_HSTS_SECONDS", "security.W004"),
        ("DJANGO_SECURE_SSL_REDIRECT", "security.W008"),
        ("DJANGO_SECURE_COOKIES", "security.W012"),
    ],
)
def test_check_deploy_warns_without_each_https_setting(missing, warning):
    environment = {key: value for key, value in PRODUCTION.items() if key != missing}

    result = run("manage.py", "check", "--deploy", **environment)

    assert warning in result.stderr


SHOW = (
    "import confnotes.settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
    " s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"
)


def test_https_is_off_by_default_for_plain_http_on_a_laptop():
    result = run("-c", SHOW, DJANGO_DEBUG="1")

    assert result.stdout.strip() == "0 False False False None"


def test_https_settings_come_from_the_environment():
    result = run("-c", SHOW, **PRODUCTION)

    assert result.stdout.strip() == "31536000 True True True ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_hsts_seconds_must_be_a_number():
    result = run("-c", SHOW, DJANGO_DEBUG="1", DJANGO_SECURE_HSTS_SECONDS="a year")

    assert result.returncode != 0
    assert "DJANGO_SECURE_HSTS_SECONDS must be a whole number, not 'a year'." in result.stderr


def test_behind_a_proxy_https_requests_are_secure_and_get_hsts(client, db, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    plain = client.get("/robots.txt")
    proxied = client.get("/robots.txt", headers={"X-Forwarded-Proto": "https"})

    assert (plain.status_code, plain["Location"]) == (301, "https://testserver/robots.txt")
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
