"""A conference's schedule page: its timed talks by day and time, with what is on now."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView

from .. import timetable
from ..models import Conference, Talk


class ConferenceScheduleView(ListView):
    """Days, then start times, then rooms; "now" and "next" during the conference."""

    template_name = "talks/conference_schedule.html"
    context_object_name = "talks"
    allow_empty = False  # a conference without times has no schedule: 404

    def get(self, request, *args, **kwargs):
        self.conference = get_object_or_404(Conference, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        talks = Talk.objects.filter(conference=self.conference)
        return talks.for_schedule(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        talks, tzinfo = list(self.object_list), self.conference.tzinfo
        context["conference"] = self.conference
        context["tzinfo"] = tzinfo
        context["time_zone_name"] = self.conference.time_zone or "UTC"
        context["days"] = timetable.days(talks, tzinfo)
        context["rooms"] = timetable.rooms_in_order(talks)
        moment = timezone.now()
        context["now_and_next"] = timetable.now_and_next(talks, moment, tzinfo)
        self.changes_at = timetable.next_change(talks, moment)
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # "On now" and "Next" change when a talk starts or ends: a shared copy of the page
        # may be served until then only (confnotes/pagecache.py reads this).
        if self.changes_at is not None:
            response.shared_until = self.changes_at.timestamp()
        return response
