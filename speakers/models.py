from django.db import models

from confnotes.reversing import slug_url


class Company(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    website = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("companies:detail", self.slug)


class SpeakerQuerySet(models.QuerySet):
    def for_list(self):
        """Speakers with their company and how many talks they gave, in one query."""
        return (
            self.select_related("company")
            .annotate(talk_count=models.Count("talks", distinct=True))
            .order_by("name", "pk")
        )


class Speaker(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    company = models.ForeignKey(
        Company,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speakers",
    )
    bio = models.TextField(blank=True, help_text="A few sentences; Markdown.")
    website = models.URLField(max_length=500, blank=True)

    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("speakers:detail", self.slug)
