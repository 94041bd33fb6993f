"""Facets of a talk list: the tags, speakers and companies present in it, with counts.

Each facet is one GROUP BY query over the matching talks (as a subquery), whatever the
number of talks, so a list page costs the same number of queries for 1 or 100,000 talks.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from taggit.models import TaggedItem

from .models import Talk, TalkSpeaker

LIMIT = 20


@dataclass(frozen=True)
class Facet:
    slug: str
    name: str
    count: int


def _talk_ids(talks):
    """The matching talks as a subquery, or None when they are all the talks."""
    if not talks.query.where:
        return None
    return talks.order_by().values("pk")


def tag_facets(talks, limit=LIMIT):
    """The most used tags among `talks`, with how many of them carry each."""
    items = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Talk))
    talk_ids = _talk_ids(talks)
    if talk_ids is not None:
        items = items.filter(object_id__in=talk_ids)
    rows = (
        items.values("tag_id", "tag__slug", "tag__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "tag__name")[:limit]
    )
    return [Facet(row["tag__slug"], row["tag__name"], row["count"]) for row in rows]


def speaker_facets(talks, limit=LIMIT):
    """The speakers with most talks among `talks`, with how many of them each gave."""
    credits = TalkSpeaker.objects.all()
    talk_ids = _talk_ids(talks)
    if talk_ids is not None:
        credits = credits.filter(talk_id__in=talk_ids)
    rows = (
        credits.values("speaker_id", "speaker__slug", "speaker__name")
        .annotate(count=Count("talk_id"))  # a speaker is credited once per talk
        .order_by("-count", "speaker__name")[:limit]
    )
    return [Facet(row["speaker__slug"], row["speaker__name"], row["count"]) for row in rows]


def company_facets(talks, limit=LIMIT):
    """The companies with most talks among `talks`, with how many of them their people gave."""
    credits = TalkSpeaker.objects.filter(speaker__company__isnull=False)
    talk_ids = _talk_ids(talks)
    if talk_ids is not None:
        credits = credits.filter(talk_id__in=talk_ids)
    rows = (
        credits.values("speaker__company_id", "speaker__company__slug", "speaker__company__name")
        # Two speakers of one company on one talk count once.
        .annotate(count=Count("talk_id", distinct=True))
        .order_by("-count", "speaker__company__name")[:limit]
    )
    return [
        Facet(row["speaker__company__slug"], row["speaker__company__name"], row["count"])
        for row in rows
    ]
