"""What the importers remember between runs (nothing visitors see)."""

from django.db import models

from talks.models import Conference


class ImportedFolder(models.Model):
    """The files a conference was last imported from, as one digest: a re-import of a whole
    pyvideo repository skips the conferences whose folder has not changed since."""

    conference = models.OneToOneField(
        Conference, on_delete=models.CASCADE, primary_key=True, related_name="imported_folder"
    )
    digest = models.CharField(max_length=64, help_text="SHA-256 of the reader and the files.")
    talk_count = models.PositiveIntegerField(
        help_text="The conference's talks right after the import: fewer now (a talk deleted "
        "in admin) and the next import reads the folder again."
    )
    imported = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["conference"]

    def __str__(self):
        return f"{self.conference} ({self.digest[:12]})"
