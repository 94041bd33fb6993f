"""Summaries PostgreSQL keeps by triggers so that facet counts read a few rows."""

from django.contrib.postgres.fields import ArrayField
from django.db import models


class FacetCount(models.Model):
    """How many talks each tag, speaker and company has, and how many talks there are.

    Kept exact by PostgreSQL triggers on the talk, tagging, credit and speaker tables
    (migration 0006_perf), whatever writes them, so the facets of the whole catalogue are
    a read of a few rows instead of an aggregation of every tagging and credit. Unused
    (and empty) on other databases, where talks.search.facets aggregates the tables themselves.
    """

    class Kind(models.TextChoices):
        TALK = "talk"  # one row, item 0: the number of talks
        TAG = "tag"  # taggings of talks per tag
        SPEAKER = "speaker"  # credits per speaker
        COMPANY = "company"  # talks with at least one speaker from the company

    kind = models.CharField(max_length=10, choices=Kind)
    item_id = models.BigIntegerField()
    talks = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "item_id"], name="facet_count_unique")
        ]
        indexes = [models.Index(fields=["kind", "-talks", "item_id"], name="facet_count_top")]

    def __str__(self):
        return f"{self.kind} {self.item_id}: {self.talks}"


class TalkCompany(models.Model):
    """How many of a talk's credits are speakers of a company (PostgreSQL triggers keep it):
    a company's talk count changes only when one of these goes from 0 to more, or back."""

    talk_id = models.BigIntegerField()
    company_id = models.BigIntegerField()
    credits = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["talk_id", "company_id"], name="talk_company_unique")
        ]

    def __str__(self):
        return f"talk {self.talk_id}, company {self.company_id}: {self.credits}"


class TalkFacets(models.Model):
    """A talk's tag, speaker and company ids, one row per talk with any.

    Kept by PostgreSQL triggers on the tagging, credit, speaker and talk tables (migration
    0007_talk_facets), so that the facets of a filtered list count the ids of the matching
    talks' rows in one narrow table (`unnest`) instead of joining every tagging and credit.
    The triggers recompute a talk's row from the tables after locking the talk, so two
    transactions tagging the same talk at once cannot leave a stale row. The table exists
    on every database (as SearchVectorField does), but only PostgreSQL fills and reads it.
    """

    talk_id = models.BigIntegerField(primary_key=True)
    tag_ids = ArrayField(models.BigIntegerField(), default=list)
    speaker_ids = ArrayField(models.BigIntegerField(), default=list)
    company_ids = ArrayField(models.BigIntegerField(), default=list)

    def __str__(self):
        return f"facets of talk {self.talk_id}"
