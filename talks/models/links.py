"""Links of talks and conferences: recordings, playlists, slides, notes and references."""

from django.db import models
from django.db.models import Q

from ..video import parse_video_url


class Link(models.Model):
    """A link of a talk or of a conference: recording, playlist, slides, notes or reference."""

    class Kind(models.TextChoices):
        RECORDING = "recording", "Recording"
        PLAYLIST = "playlist", "Playlist"
        SLIDES = "slides", "Slides"
        NOTES = "notes", "Notes"
        REFERENCE = "reference", "Reference"

    talk = models.ForeignKey(
        "talks.Talk", on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    conference = models.ForeignKey(
        "talks.Conference", on_delete=models.CASCADE, null=True, blank=True, related_name="links"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.REFERENCE)
    url = models.URLField("URL", max_length=1000)
    label = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(talk__isnull=False, conference__isnull=True)
                | Q(talk__isnull=True, conference__isnull=False),
                name="link_belongs_to_talk_or_conference",
            )
        ]

    def __str__(self):
        return self.label or self.url

    @property
    def video(self):
        """The embeddable YouTube or Vimeo video this link points at, or None."""
        return parse_video_url(self.url)
