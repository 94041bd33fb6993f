"""Whole pages for visitors who are not signed in, from the shared cache.

Django's UpdateCacheMiddleware and FetchFromCacheMiddleware in one, with two differences:
an entry holds the data version it was rendered at (`talks.version`) and is served only
while that is the current version, read in the same round trip as the entry, so an edit
shows on the next request on every process and nothing has to expire to become correct;
and who may share a page is decided before the view runs, from the request's cookies:

- a request is shared (answered from the cache, its response stored) only if it is a GET
  or HEAD without a session cookie, a messages cookie or an Authorization header; whoever
  carries a session cookie is served by the views, signed in or not (an expired session's
  cookie is deleted by that response, so the next request is shared again);
- a response is stored only if it is a 200, 301 or 404, sets no cookie (a CSRF token
  sets one: such pages are never shared), says nothing against caching, and varies on
  nothing but Cookie and Accept-Encoding. The key has the URL (scheme, host, path and the
  query parameters in sorted order), whether the response is gzipped, and the code's
  release; a newer version's page replaces an older one under the same key.

Shared responses say `Cache-Control: public, max-age=60` with an ETag and Last-Modified
from the data version, so conditional requests get 304; everything personal (a request
with a session cookie, a response that sets a cookie or varies on Cookie) says
`Cache-Control: private`. It sits above GZipMiddleware and the policy headers
(django-csp, Permissions-Policy), so hits send the stored bytes and headers as they are;
static files pass through to whitenoise. If the cache fails, pages are rendered as if it
were empty.
"""

import hashlib
import logging
import math
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe

from talks import version

logger = logging.getLogger(__name__)

MAX_AGE = 60  # seconds a browser or proxy may reuse a shared page without asking
KEEP_SECONDS = 60 * 60  # an entry of an old version is garbage; this bounds how long it stays
STORED_STATUSES = {200, 301, 404}
SHAREABLE_VARY = {"cookie", "accept-encoding"}
PRIVATE_CONTROLS = {"private", "no-store", "no-cache"}
SOURCES = {".py", ".html", ".txt", ".xml"}
VALIDATORS = {
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
}


@once
def release():
    """A hash of the templates and code this process serves (entries of other code differ)."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    packages = [folder for folder in root.iterdir() if (folder / "__init__.py").is_file()]
    sources = [root / "templates", *packages]
    files = [path for folder in sources for path in folder.rglob("*") if path.suffix in SOURCES]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"  # hashed static file names
    for path in sorted([*files, manifest]):
        if path.is_file():
            name = path.relative_to(root) if path.is_relative_to(root) else path.name
            digest.update(str(name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@once
def static_prefix():
    return "/" + settings.STATIC_URL.lstrip("/")


def is_shared(request):
    """Whether this request may be answered with, and add to, what everyone shares."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and not request.path_info.startswith(static_prefix())  # whitenoise answers those
        and not cookies.get(settings.SESSION_COOKIE_NAME)
        and not cookies.get("messages")
        and "HTTP_AUTHORIZATION" not in request.META
    )


def page_key(request):
    """The cache key of the page this shared request asks for (raises DisallowedHost)."""
    query = sorted(request.GET.lists())
    gzipped = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    url = f"{request.scheme}://{request.get_host()}{request.path}"
    digest = hashlib.sha256(repr((url, query, bool(gzipped))).encode()).hexdigest()
    return f"confnotes:page:{release()}:{digest}"


def is_storable(response):
    """Whether this response to a shared request may be shared."""
    if response.status_code not in STORED_STATUSES or response.streaming or response.cookies:
        return False
    controls = {
        field.split("=")[0].strip().lower()
        for field in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if controls & PRIVATE_CONTROLS:
        return False
    varies = {field.lower() for field in cc_delim_re.split(response.get("Vary", "")) if field}
    return varies <= SHAREABLE_VARY


def is_personal(request, response):
    """Whether a response that is not shared may hold something of one person."""
    return (
        bool(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
        or "HTTP_AUTHORIZATION" in request.META
        or bool(response.cookies)
        or "cookie" in response.get("Vary", "").lower()
    )


def share(response, key, data_version):
    """Mark a response as shared: public, with an ETag and Last-Modified of its version."""
    tag = hashlib.sha256(f"{data_version}:{key}".encode()).hexdigest()[:16]
    response.headers["ETag"] = f'W/"{tag}"'
    response.headers["Last-Modified"] = http_date(version.changed_at(data_version))
    patch_cache_control(response, public=True, max_age=MAX_AGE)


def stored(response):
    """What to keep of a response: the response itself, pickled as Django's cache middleware
    does; attributes that outer middleware read (django-csp's per-view policy) travel with it.
    Its body in one piece: a feed is written in hundreds of chunks, each of which the server
    would otherwise send on its own."""
    response.content = response.content
    return response


def restored(kept, request):
    if request.method == "HEAD":
        kept.content = b""  # Content-Length still gives the GET's length
    return kept


def conditional(request, response):
    """304 when the request's validators match the response's, else the response."""
    if not VALIDATORS & request.META.keys():
        return response
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


class PageCacheMiddleware:
    """Answer shared requests from the cache, store shareable responses, mark the rest."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key_of(request)
        if key is None:
            response = self.get_response(request)
            if is_personal(request, response):
                patch_cache_control(response, private=True)
            return response
        data_version, kept = self.cache_get(key)
        if data_version is None:  # no cache: render, keep nothing
            return self.get_response(request)
        if kept is not None and kept[0] == data_version and timezone.now().timestamp() < kept[2]:
            return conditional(request, restored(kept[1], request))
        response = self.get_response(request)
        if not is_storable(response):
            if is_personal(request, response):
                patch_cache_control(response, private=True)
            return response
        share(response, key, data_version)
        if request.method == "GET":  # a server may have dropped a HEAD response's body
            # A page that changes with the clock (a schedule's "on now") says until when.
            until = getattr(response, "shared_until", math.inf)
            self.cache_set(key, (data_version, stored(response), until))
        return conditional(request, response)

    def key_of(self, request):
        """The cache key of a shared request, None for any other."""
        if not is_shared(request):
            return None
        try:
            return page_key(request)
        except DisallowedHost:
            return None  # CommonMiddleware answers 400

    def cache_get(self, key):
        """(data version, kept entry) in one round trip; (None, None) if the cache fails."""
        try:
            return version.current_and(key)
        except Exception:
            logger.exception("Page cache unavailable; rendering the page.")
            return None, None

    def cache_set(self, key, kept):
        try:
            cache.set(key, kept, KEEP_SECONDS)
        except Exception:
            logger.exception("Page cache unavailable; the page is not stored.")
