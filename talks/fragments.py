"""Parts of pages rendered once for every signed-in reader, then made personal by substitution.

A list of talks looks the same to every signed-in reader except for their star buttons
(starred or not) and their CSRF token. `{% shared_fragment %}` renders its content once per
URL and data version for signed-in readers, with a placeholder for the token, and keeps both
versions of each star button; a request then costs one query for which of those talks the
reader starred and a few string replacements instead of the list's queries and templates.
Only views that put `share_fragments` in the context use it: a list that depends on the
reader (`?mine=1`, My stars) is always rendered.
"""

import hashlib

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import version
from .models import Star

CACHE_SECONDS = 60 * 60
# Stand for the reader's CSRF token and name in a shared fragment. HTML comments: text from
# the database is escaped or sanitised, so it can never contain one.
TOKEN_PLACEHOLDER = mark_safe("<!--csrf-token-of-the-reader-->")
NAME_PLACEHOLDER = mark_safe("<!--name-of-the-reader-->")
# Context variable: where the star buttons of the fragment being rendered are collected.
STAR_VARIANTS = "shared_fragment_stars"
# Request attribute: the shared fragments of the page, as rendered for everyone and for the
# reader (talks.readerpages).
PAGE_PARTS = "shared_fragments"


def key(request, template_name):
    """The cache key of a fragment of this template for this URL."""
    from confnotes.pagecache import release

    where = repr((template_name, request.get_full_path()))
    return version.cache_key("fragment", release(), hashlib.sha256(where.encode()).hexdigest())


def rendered(context, nodelist, template_name):
    """The fragment's HTML for this request: shared if the view allows it, personalised."""
    request = context.get("request")
    user = context.get("user")
    # Visitors who are not signed in get whole pages from the page cache (confnotes.pagecache);
    # a fragment kept for them too would only be one more cache write on every miss.
    signed_in = user is not None and user.is_authenticated
    if request is None or not context.get("share_fragments") or not signed_in:
        return nodelist.render(context)
    fragment_key = key(request, template_name)
    kept = cache.get(fragment_key)
    if kept is None:
        stars = {}
        with context.push({STAR_VARIANTS: stars, "csrf_token": TOKEN_PLACEHOLDER}):
            kept = (str(nodelist.render(context)), stars)
        cache.set(fragment_key, kept, CACHE_SECONDS)
    html = personalised(*kept, request=request, user=user)
    page_parts = getattr(request, PAGE_PARTS, None)
    if page_parts is not None:  # ReaderPageMiddleware may keep the page
        page_parts.append((kept, html))
    return mark_safe(html)  # noqa: S308


def personalised(html, stars, *, request, user):
    """The shared HTML with the reader's own star buttons and CSRF token."""
    if stars and user.is_authenticated:
        for talk_id in starred_ids(user) & stars.keys():
            unstarred_button, starred_button = stars[talk_id]
            html = html.replace(unstarred_button, starred_button, 1)
    if TOKEN_PLACEHOLDER in html:
        html = html.replace(TOKEN_PLACEHOLDER, get_token(request))
    if NAME_PLACEHOLDER in html:
        html = html.replace(NAME_PLACEHOLDER, escape(display_name(user)))
    return html


def reader_name(context):
    """The signed-in reader's name; inside a shared fragment, its placeholder."""
    if STAR_VARIANTS in context:
        return NAME_PLACEHOLDER
    return display_name(context["user"])


def starred_ids(user):
    """The ids of the talks `user` starred, cached until the data changes (stars change it)."""
    key = version.cache_key("starred", user.pk)
    ids = cache.get(key)
    if ids is None:
        ids = frozenset(Star.objects.filter(user=user).values_list("talk_id", flat=True))
        cache.set(key, ids, CACHE_SECONDS)
    return ids


def star_button(context, template, talk):
    """A talk's star button; inside a shared fragment, the unstarred one, both kept."""
    stars = context.get(STAR_VARIANTS)
    if stars is None or not context["user"].is_authenticated:
        return template.render(context)
    was_starred = getattr(talk, "is_starred", False)
    try:
        talk.is_starred = False
        unstarred = template.render(context)
        talk.is_starred = True
        stars[talk.pk] = (str(unstarred), str(template.render(context)))
    finally:
        talk.is_starred = was_starred
    return unstarred


class Deferred:
    """A QuerySet built only when something reads it: a page whose shared fragment is cached
    never does. Slices stay deferred (a paginator slices before the template reads)."""

    def __init__(self, build, count=None):
        self._build = build
        self._count = count
        self._built = None

    def built(self):
        if self._built is None:
            self._built = self._build()
        return self._built

    def __getitem__(self, index):
        return Deferred(lambda: self.built()[index])

    def __iter__(self):
        return iter(self.built())

    def __len__(self):
        return len(self.built())

    def __bool__(self):
        return bool(self.built())

    def count(self):
        """How many, by `count` if given (cheaper than building the QuerySet)."""
        if self._count is not None and self._built is None:
            return self._count()
        return self.built().count()


def display_name(user):
    """The name a person chose to show, else their username."""
    return user.get_full_name() or user.get_username()
