"""Schedules out over HTTP: iCalendar of a conference or of someone's stars, frab XML."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from talks.models import CalendarToken, Conference, Talk

from .schedule.export_frab import conference_to_frab
from .schedule.export_ical import talks_to_ical

CALENDAR = "text/calendar; charset=utf-8"


def site_url(request):
    """ "https://host" of this request, for absolute links and stable UIDs."""
    return request.build_absolute_uri("/").rstrip("/")


def timed_talks(conference):
    """The conference's talks with times, for an export; 404 when it has none."""
    talks = list(Talk.objects.filter(conference=conference).for_calendar())
    if not talks:
        raise Http404("This conference has no schedule.")
    return talks


def download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def conference_ics(request, slug):
    """The conference's schedule as iCalendar."""
    conference = get_object_or_404(Conference, slug=slug)
    content = talks_to_ical(
        timed_talks(conference),
        name=conference.name,
        site_url=site_url(request),
        time_zone=conference.time_zone,
    )
    return download(content, CALENDAR, f"{conference.slug}.ics")


@require_GET
def conference_frab(request, slug):
    """The conference's schedule as frab XML."""
    conference = get_object_or_404(Conference, slug=slug)
    content = conference_to_frab(conference, timed_talks(conference), site_url=site_url(request))
    return download(content, "application/xml; charset=utf-8", f"{conference.slug}.xml")


def starred_calendar(request, user):
    talks = Talk.objects.starred_by(user).for_calendar()
    content = talks_to_ical(talks, name="My starred talks (confnotes)", site_url=site_url(request))
    response = download(content, CALENDAR, "confnotes-stars.ics")
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def starred_ics(request, token):
    """The starred talks of whoever holds this secret address: no session needed."""
    calendar_token = get_object_or_404(CalendarToken.objects.select_related("user"), token=token)
    response = starred_calendar(request, calendar_token.user)
    # The address is the secret: keep it out of search engines and other sites' logs.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_GET
@login_required
def my_stars_ics(request):
    """My starred talks as iCalendar, for a signed-in download."""
    return starred_calendar(request, request.user)
