"""Conferences: where talks were given, and when."""

import calendar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q

from confnotes.reversing import slug_url

from .schedule import conference_tzinfo, validate_time_zone


class ConferenceQuerySet(models.QuerySet):
    def with_talk_counts(self):
        """Conferences annotated with `talk_count`, newest first."""
        # Aggregating queries drop Meta.ordering, so say it again.
        return self.annotate(talk_count=Count("talks", distinct=True)).order_by(
            *self.model._meta.ordering
        )

    def with_schedule_flag(self):
        """Conferences annotated with `has_schedule`: some talk of theirs has a time."""
        talks = self.model._meta.get_field("talks").related_model.objects
        timed = talks.filter(conference=OuterRef("pk"), starts_at__isnull=False)
        return self.annotate(has_schedule=Exists(timed))


class Conference(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    # When it was held, as precisely as the sources say: a year, a month, or days.
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    month = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    writeup_author = models.CharField("write-up author", max_length=200, blank=True)
    writeup_author_url = models.URLField("write-up author URL", max_length=500, blank=True)
    writeup_url = models.URLField("write-up URL", max_length=500, blank=True)
    raw_notes_url = models.URLField("raw notes URL", max_length=500, blank=True)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Where its schedule's times are shown: Europe/Berlin, or an offset like +01:00.",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-month", "-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(month__isnull=True) | Q(month__gte=1, month__lte=12),
                name="conference_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=False, end_date__gte=models.F("start_date")),
                name="conference_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("conferences:detail", self.slug)

    def playlist(self):
        """The conference's playlist video (YouTube), or None; uses prefetched links."""
        return next(
            (
                link.video
                for link in self.links.all()
                if link.video is not None and link.video.is_playlist
            ),
            None,
        )

    @property
    def tzinfo(self):
        """The time zone its schedule's times are shown in (UTC when it names none)."""
        return conference_tzinfo(self)

    @property
    def when(self):
        """When it was held, saying no more than is known: "September 2015", "2015" or the days."""
        if self.start_date:
            start = self.start_date
            end = self.end_date or start
            if end == start:
                return f"{start.day} {calendar.month_name[start.month]} {start.year}"
            if (end.year, end.month) == (start.year, start.month):
                return f"{start.day}–{end.day} {calendar.month_name[start.month]} {start.year}"
            return (
                f"{start.day} {calendar.month_name[start.month]} – "
                f"{end.day} {calendar.month_name[end.month]} {end.year}"
            )
        if self.year and self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year) if self.year else ""
