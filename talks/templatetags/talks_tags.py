from urllib.parse import urlencode

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from confnotes import reversing
from talks.rendering import SUMMARY_EXCERPT, markdown_start, markdown_to_text, render_markdown
from talks.search import snippet_html

register = template.Library()

# Parameters that still work under an old name (filters.py reads both).
OLD_NAMES = {"recommended": ("starred",)}


@register.filter
def markdown(text):
    """Render Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.filter
def excerpt(text, words=30):
    """The first words of a Markdown text, as plain text."""
    # A long summary is cut before rendering: the words shown are in its first characters.
    start = markdown_start(text, max(SUMMARY_EXCERPT, int(words) * 30))
    return Truncator(markdown_to_text(start)).words(int(words), truncate="…")


def _current_query(context):
    """The request's query as {key: [values]}, in order (cheaper to copy than a QueryDict)."""
    return {key: list(values) for key, values in context["request"].GET.lists()}


def _as_href(query):
    """A query {key: [values]} as an href ("?" alone when empty), encoded like QueryDict."""
    encoded = urlencode([(key, value) for key, values in query.items() for value in values])
    return format_html("?{}", encoded) if encoded else "?"


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (None or "" removes one)."""
    query = _current_query(context)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = [str(value)]
    return _as_href(query)


@register.simple_tag(takes_context=True)
def query_without(context, key, value=None):
    """The current query string without one parameter (or one of its values)."""
    query = _current_query(context)
    if value is None:
        query.pop(key, None)
        for old_name in OLD_NAMES.get(key, ()):
            query.pop(old_name, None)
    elif key in query:
        query[key] = [item for item in query[key] if item != str(value)]
    query.pop("page", None)
    return _as_href(query)


@register.simple_tag(takes_context=True)
def query_add(context, key, value):
    """The current query string with one more value for a repeatable parameter."""
    query = _current_query(context)
    values = query.setdefault(key, [])
    if str(value) not in values:
        values.append(str(value))
    query.pop("page", None)
    return _as_href(query)


@register.simple_tag
def search_snippet(talk, terms):
    """The summary passage matching a search, with the hits in <mark> (or "" without one)."""
    if not terms:
        return ""
    return mark_safe(snippet_html(talk, terms))  # noqa: S308 - escaped before marking


@register.simple_tag
def slug_url(viewname, slug):
    """`{% url viewname slug %}` for the many slug URLs of a list page, without a full reverse."""
    return reversing.slug_url(viewname, slug)
