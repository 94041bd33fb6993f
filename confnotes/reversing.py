"""URLs of pages named by a slug (or by their name alone), built without a full `reverse()`
each time.

A talk list page links to ~180 talks, speakers and tags; Django's `reverse()` walks the
resolver for each (about 40 µs), which made URL building a fifth of the page's Python
time. `slug_url()` reverses each URL name once per URLconf and script prefix, with a
placeholder, and then fills in the slug. Values a plain slug pattern would not accept
go through `reverse()`, so its errors stay the same.
"""

import re
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

PLACEHOLDER = "slug-placeholder"
# What Django's `slug` converter accepts (ASCII only); anything else goes to reverse().
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
# What `reverse()` leaves unquoted in a path (django.urls.resolvers).
SAFE = "!$&'()*+,;=/~:@"


@lru_cache(maxsize=64)
def _template(viewname, script_prefix, urlconf):
    return reverse(viewname, urlconf=urlconf, kwargs={"slug": PLACEHOLDER}).split(PLACEHOLDER)


def slug_url(viewname, slug):
    """`reverse(viewname, kwargs={"slug": slug})` for a URL whose only argument is a slug."""
    slug = str(slug)
    if not PLAIN_SLUG.fullmatch(slug):
        return reverse(viewname, kwargs={"slug": slug})
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    before, after = _template(viewname, get_script_prefix(), urlconf)
    return before + quote(slug, safe=SAFE) + after


@lru_cache(maxsize=64)
def _path(viewname, script_prefix, urlconf):
    return reverse(viewname, urlconf=urlconf)


def named_url(viewname):
    """`reverse(viewname)` for a URL without arguments (reversed once per URLconf and prefix)."""
    return _path(viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
