from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from talks.rendering import markdown_to_text, render_markdown
from talks.search import snippet_html

register = template.Library()


@register.filter
def markdown(text):
    """Render Markdown as sanitised HTML."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.filter
def excerpt(text, words=30):
    """The first words of a Markdown text, as plain text."""
    return Truncator(markdown_to_text(text)).words(int(words), truncate="…")


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with some parameters replaced (None or "" removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return format_html("?{}", encoded) if encoded else "?"


@register.simple_tag(takes_context=True)
def query_without(context, key, value=None):
    """The current query string without one parameter (or one of its values)."""
    query = context["request"].GET.copy()
    if value is None:
        query.pop(key, None)
    else:
        query.setlist(key, [item for item in query.getlist(key) if item != str(value)])
    query.pop("page", None)
    encoded = query.urlencode()
    return format_html("?{}", encoded) if encoded else "?"


@register.simple_tag(takes_context=True)
def query_add(context, key, value):
    """The current query string with one more value for a repeatable parameter."""
    query = context["request"].GET.copy()
    values = query.getlist(key)
    if str(value) not in values:
        query.setlist(key, [*values, str(value)])
    query.pop("page", None)
    return format_html("?{}", query.urlencode())


@register.simple_tag
def search_snippet(talk, terms):
    """The summary passage matching a search, with the hits in <mark> (or "" without one)."""
    if not terms:
        return ""
    return mark_safe(snippet_html(talk, terms))  # noqa: S308 - escaped before marking
