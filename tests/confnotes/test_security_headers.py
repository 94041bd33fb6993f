"""A strict Content-Security-Policy and a Permissions-Policy on every response (issue 13)."""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import OperationalError, connections

from talks.video import parse_video_url
from tests.factories import TalkFactory

TEMPLATES = Path(settings.BASE_DIR) / "templates"
PLAYERS = "https://www.youtube-nocookie.com https://player.vimeo.com"
POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "frame-src": PLAYERS,
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
PERMISSIONS = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), "
    'autoplay=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com"), '
    'encrypted-media=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com"), '
    'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com"), '
    'picture-in-picture=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")'
)


def directives(response):
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/talks/", 200),
        ("/talks/some-talk/", 200),
        ("/talks/no-such-talk/", 404),
        ("/accounts/login/", 200),
        ("/api/talks", 200),
        ("/api/nothing", 404),
        ("/feeds/talks/", 200),
        ("/robots.txt", 200),
        ("/static/css/site.css", 200),
        ("/admin/login/", 200),
    ],
)
def test_every_response_has_the_strict_policy_and_permissions(client, db, path, status):
    TalkFactory(slug="some-talk")

    response = client.get(path)

    assert response.status_code == status
    assert directives(response) == POLICY
    assert response["Permissions-Policy"] == PERMISSIONS


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_api_docs_may_show_data_images_and_nothing_more(client, db, path):
    response = client.get(path)

    assert directives(response) == {**POLICY, "img-src": "'self' data:"}


def test_a_405_and_a_503_carry_the_policy_too(client, db, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    not_allowed = client.post("/api/talks")
    monkeypatch.setattr(connections["default"], "ensure_connection", refuse)
    unavailable = client.get("/talks/")
    monkeypatch.undo()

    assert (not_allowed.status_code, unavailable.status_code) == (405, 503)
    assert directives(not_allowed) == directives(unavailable) == POLICY
    assert unavailable["Permissions-Policy"] == PERMISSIONS


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ?t=90",
        "https://www.youtube.com/playlist?list=PLabcdef",
        "https://vimeo.com/123456",
    ],
)
def test_frame_src_allows_every_player_the_pages_embed(url):
    embed = urlsplit(parse_video_url(url).embed_url())

    assert f"{embed.scheme}://{embed.netloc}" in POLICY["frame-src"].split()


INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)|<style\b|\sstyle=|\son[a-z]+=|javascript:",
    re.IGNORECASE,
)


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda path: path.name)
def test_templates_have_no_inline_script_style_or_handler(template):
    assert INLINE.findall(template.read_text()) == []
