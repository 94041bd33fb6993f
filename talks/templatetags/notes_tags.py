from django import template
from django.utils.safestring import mark_safe

from talks.rendering import render_note

register = template.Library()


@register.filter
def watch_at(video, seconds):
    """The recording's URL `seconds` into the talk, or "" without a video of the talk itself.

    (A video known by its place in a playlist links to the playlist, whose page cannot
    start at a moment; the page's own player does, through `seek_to`.)"""
    if not video or video.is_playlist or seconds is None:
        return ""
    return video.watch_url(video.moment(seconds))


@register.filter
def seek_to(video, seconds):
    """Seconds into the video of `seconds` into the talk, for the page's own player."""
    return video.moment(seconds) if video and seconds is not None else ""


@register.filter
def display_name(user):
    """The name a person chose to show, else their username."""
    return user.get_full_name() or user.get_username()


@register.filter
def note_markdown(text):
    """A note's Markdown as sanitised HTML (no scripts, handlers, unsafe URLs or images)."""
    return mark_safe(render_note(text))  # noqa: S308 - nh3 has sanitised it
