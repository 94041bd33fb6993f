from django import template
from django.utils.safestring import mark_safe

from talks.rendering import render_note

register = template.Library()


@register.filter
def watch_at(video, seconds):
    """The recording's URL at `seconds`, or "" when there is no video of the talk itself."""
    if not video or video.is_playlist or seconds is None:
        return ""
    return video.watch_url(seconds)


@register.filter
def display_name(user):
    """The name a person chose to show, else their username."""
    return user.get_full_name() or user.get_username()


@register.filter
def note_markdown(text):
    """A note's Markdown as sanitised HTML (no scripts, handlers, unsafe URLs or images)."""
    return mark_safe(render_note(text))  # noqa: S308 - nh3 has sanitised it
