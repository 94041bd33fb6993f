"""Static files as production serves them: collected with hashed names, compressed, and
sent by whitenoise with long cache headers."""

import gzip

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TEN_YEARS = "max-age=315360000, public, immutable"


@pytest.fixture
def collected(tmp_path):
    """collectstatic into a temporary STATIC_ROOT with the production storage."""
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=PRODUCTION_STORAGES,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        yield tmp_path


@pytest.mark.parametrize(
    "name", ["css/site.css", "js/site.js", "css/lists.css", "js/lists.js", "favicon.svg"]
)
def test_static_file_is_served_hashed_compressed_and_cached_for_years(collected, name):
    url = static(name)
    stem, _, extension = name.rpartition(".")
    assert url.startswith(f"/static/{stem}.")
    assert url.endswith(f".{extension}")
    assert len(url) == len(f"/static/{name}") + 13  # ".0123456789ab"

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Cache-Control"] == TEN_YEARS
    assert response["Content-Encoding"] == "gzip"
    assert response["Vary"] == "Accept-Encoding"
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == (collected / url.removeprefix("/static/")).read_bytes()


def test_pages_link_the_hashed_stylesheet_and_script(collected, sample_conference):
    response = Client().get("/talks/")

    html = response.content.decode()
    assert f'href="{static("css/site.css")}"' in html
    assert f'src="{static("js/site.js")}"' in html
    assert f'href="{static("favicon.svg")}"' in html


def test_favicon_ico_redirects_to_the_hashed_icon(collected):
    response = Client().get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("favicon.svg")


def test_stylesheet_and_script_stay_small(collected):
    sizes = {
        name: (collected / (static(name).removeprefix("/static/") + ".gz")).stat().st_size
        for name in ("css/site.css", "js/site.js")
    }
    # Budget for the list page's 50 kB: both files together stay well under 10 kB gzipped.
    assert sizes["css/site.css"] + sizes["js/site.js"] < 10_000


def test_signed_in_readers_files_stay_small(collected):
    sizes = [
        (collected / (static(name).removeprefix("/static/") + ".gz")).stat().st_size
        for name in ("css/lists.css", "js/lists.js")
    ]
    # Lists' styles and script, only for signed-in readers, add under 4 kB gzipped.
    assert sum(sizes) < 4_000


def test_only_signed_in_readers_load_the_lists_files(client, sample_conference):
    from tests.factories import UserFactory

    anonymous = client.get("/talks/").content.decode()
    client.force_login(UserFactory())
    signed_in = client.get("/talks/").content.decode()

    for name in ('href="/static/css/lists.css"', 'src="/static/js/lists.js"'):
        assert name not in anonymous
        assert name in signed_in
    # After site.js, whose helpers it uses (deferred scripts run in document order).
    assert signed_in.index("js/site.js") < signed_in.index("js/lists.js")


def test_pages_are_compressed_for_browsers_that_accept_gzip(client, sample_conference):
    plain = client.get("/talks/")
    compressed = client.get("/talks/", HTTP_ACCEPT_ENCODING="gzip, br")

    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    page = gzip.decompress(compressed.content)
    assert page.startswith(b"<!doctype html>")
    assert b"<title>Talks \xc2\xb7 confnotes</title>" in page
    # The list page's HTML is a fraction of the 50 kB budget once compressed.
    assert len(compressed.content) < 10_000
