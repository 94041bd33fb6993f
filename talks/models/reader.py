"""What readers add to talks: their stars and their notes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q

from ..timecode import format_timecode


class Star(models.Model):
    """One person's star on one talk: at most one per person and talk."""

    talk = models.ForeignKey("talks.Talk", on_delete=models.CASCADE, related_name="stars")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stars"
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "talk"], name="star_unique_per_user")
        ]

    def __str__(self):
        return f"{self.user} ★ {self.talk}"


NOTE_BODY_MAX_LENGTH = 10_000
NOTE_TIME_MAX = 100 * 3600 - 1  # 99:59:59, far beyond any talk


class NoteQuerySet(models.QuerySet):
    def public(self):
        """Notes anybody may read."""
        return self.filter(visibility=Note.Visibility.PUBLIC)

    def by(self, user):
        """Notes written by `user`."""
        return self.filter(author=user)

    def visible_to(self, user):
        """Public notes, plus the signed-in user's own private ones."""
        if user is None or not user.is_authenticated:
            return self.public()
        return self.filter(Q(visibility=Note.Visibility.PUBLIC) | Q(author=user))

    def in_video_order(self):
        """Timed notes by their time in the recording, then untimed ones, oldest first."""
        return self.order_by(models.F("time").asc(nulls_last=True), "created", "pk")


class Note(models.Model):
    """A person's Markdown note on a talk, optionally pinned to a time in the recording."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private: only me"
        PUBLIC = "public", "Public: anybody reading the talk"

    talk = models.ForeignKey("talks.Talk", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes"
    )
    body = models.TextField(
        help_text="Markdown.",
        max_length=NOTE_BODY_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTE_BODY_MAX_LENGTH)],
    )
    time = models.PositiveIntegerField(
        "time in the recording",
        null=True,
        blank=True,
        validators=[MaxValueValidator(NOTE_TIME_MAX)],
        help_text="Seconds from the start of the recording.",
    )
    visibility = models.CharField(max_length=10, choices=Visibility, default=Visibility.PRIVATE)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created", "pk"]
        indexes = [
            models.Index(fields=["talk", "visibility"]),
            models.Index(fields=["author", "talk"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(visibility__in=["private", "public"]), name="note_visibility_valid"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="note_body_not_empty"),
        ]

    def __str__(self):
        return f"Note by {self.author} on {self.talk}"

    def get_absolute_url(self):
        return f"{self.talk.get_absolute_url()}#note-{self.pk}"

    def clean(self):
        duration = self.talk.duration if self.talk_id else None
        if self.time is not None and duration and self.time > duration:
            raise ValidationError(
                {
                    "time": f"The recording is only {format_timecode(duration)} long; "
                    f"pick a time up to {format_timecode(duration)}."
                }
            )

    @property
    def is_public(self):
        return self.visibility == self.Visibility.PUBLIC

    @property
    def timecode(self):
        """The time as "12:34" or "1:02:03", or "" for an untimed note."""
        return "" if self.time is None else format_timecode(self.time)


class CalendarToken(models.Model):
    """The secret in the address of one person's calendar of starred talks.

    A calendar app subscribes to the address without a session, so the token is the only
    key: random, one per person, replaced or deleted from the My stars page.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token"
    )
    token = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"Calendar of {self.user}"
