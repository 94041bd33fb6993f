"""Error pages share the site's design."""

from django.core.exceptions import SuspiciousOperation
from django.test import RequestFactory
from django.views import defaults


def test_server_error_page_uses_the_site_stylesheet_without_touching_the_database(
    db, django_assert_num_queries
):
    request = RequestFactory().get("/talks/broken/")

    with django_assert_num_queries(0):
        response = defaults.server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert '<header class="site-header">' in html
    assert "<h1>Something went wrong</h1>" in html


def test_not_found_page_is_in_the_site_design_with_ways_onward(client, db):
    response = client.get("/talks/no-such-talk/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<header class="site-header">' in html
    assert '<p class="error-code" aria-hidden="true">404</p>' in html
    assert '<a href="/talks/">Browse all talks</a>' in html


def test_bad_request_page_links_to_the_log_in_page(db):
    """The 400 page keeps its header's log-in link (Django 5.2 renders it with the request)."""
    request = RequestFactory().get("/talks/")

    response = defaults.bad_request(request, SuspiciousOperation("bad"))

    assert response.status_code == 400
    assert '<header class="site-header">' in response.content.decode()
    assert 'href="/accounts/login/' in response.content.decode()
