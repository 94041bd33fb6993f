"""Markdown to safe HTML: rendered with `markdown`, then sanitised with `nh3`."""

import functools
import html

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "kbd",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


@functools.lru_cache(maxsize=2048)
def render_markdown(text):
    """Markdown source to sanitised HTML: no scripts, no event handlers, no unsafe URLs."""
    rendered = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


@functools.lru_cache(maxsize=2048)
def markdown_to_text(text):
    """Markdown source as plain text, for excerpts and meta descriptions."""
    stripped = nh3.clean(render_markdown(text), tags=set())
    return " ".join(html.unescape(stripped).split())


@functools.lru_cache(maxsize=2048)
def render_note(text):
    """A person's note as sanitised HTML: as `render_markdown`, minus images."""
    # No images, so that a public note cannot make readers' browsers fetch from elsewhere.
    rendered = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS - {"img"},
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )


SUMMARY_EXCERPT = 1_000  # characters of a summary in lists and feeds


def markdown_start(text, limit=SUMMARY_EXCERPT):
    """The start of a Markdown text, at most `limit` characters (plus " …" when cut), cut
    at a paragraph break, else a line break, else a space, in its second half."""
    text = text or ""
    if len(text) <= limit:
        return text
    start = text[:limit]
    for separator in ("\n\n", "\n", " "):
        at = start.rfind(separator)
        if at >= limit // 2:
            start = start[:at]
            break
    return start.rstrip() + " …"
