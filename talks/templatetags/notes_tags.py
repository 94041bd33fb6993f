from django import template

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
