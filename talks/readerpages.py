"""Whole pages for signed-in readers: stored as everyone sees them, made personal per request.

A page whose every personal part lies in shared fragments (talks.fragments: the head and
header, and the content of the lists of talks) is the same for every signed-in reader once
the fragments' placeholders are put back. ReaderPageMiddleware keeps that page per URL, with
the data version it was rendered at (read with it in one round trip), and answers the next
signed-in request for the URL with the reader's star buttons, CSRF token and name put in,
without the view, its queries or its templates.

It keeps a page only if the view rendered shared fragments, nothing else of the reader
(their name, username or a CSRF token) is left outside them, and no message was pending;
it answers only GETs by signed-in readers without pending messages.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.http import HttpResponse

from . import fragments, version

KEPT_TYPE = "text/html; charset=utf-8"


def page_key(request):
    from confnotes.pagecache import release

    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"confnotes:reader-page:{release()}:{path}"


def messages_pending(request):
    return bool(request.COOKIES.get("messages")) or "_messages" in request.session


def is_reader_request(request):
    return (
        request.method == "GET"
        and request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        and request.user.is_authenticated
        and not messages_pending(request)
    )


def shared_page(request, response, parts):
    """The page as everyone sees it, with its star buttons; None if it cannot be shared."""
    if (
        response.status_code != 200
        or response.streaming
        or response.get("Content-Type") != KEPT_TYPE
        or len(parts) < 2  # the head and the content
        or messages_pending(request)
    ):
        return None
    page = response.content.decode()
    outside = page
    stars = {}
    for (shared, part_stars), personal in parts:
        if personal not in page:
            return None
        page = page.replace(personal, shared, 1)
        outside = outside.replace(personal, "", 1)
        stars.update(part_stars)
    user = request.user
    traces = ("csrfmiddlewaretoken", fragments.display_name(user), user.get_username())
    if any(trace in outside for trace in traces):
        return None
    return page, stars


class ReaderPageMiddleware:
    """Answer signed-in readers' GETs of shareable pages from the cache (the last middleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            reader = is_reader_request(request)
        except DatabaseError:  # the view meets it too, and the fault is answered there
            reader = False
        if not reader:
            return self.get_response(request)
        key = page_key(request)
        data_version, kept = version.current_and(key)
        if kept is not None and kept[0] == data_version:
            html = fragments.personalised(*kept[1:], request=request, user=request.user)
            return HttpResponse(html, content_type=KEPT_TYPE)
        parts = []
        setattr(request, fragments.PAGE_PARTS, parts)
        response = self.get_response(request)
        shared = shared_page(request, response, parts)
        if shared is not None:
            cache.set(key, (data_version, *shared), fragments.CACHE_SECONDS)
        return response
