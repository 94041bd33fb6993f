"""A conference's content as plain data, to compare two imports field by field."""

from taggit.models import Tag

from speakers.models import Company, Speaker
from talks.models import Conference, Link, Talk, TalkSpeaker
from transfer.load import CONFERENCE_FIELDS


def conference_snapshot(slug):
    """Everything a reader sees of a conference: its fields, links and talks, without ids."""
    conference = Conference.objects.get(slug=slug)
    fields = {name: getattr(conference, name) for name in ("slug", *CONFERENCE_FIELDS)}
    fields["links"] = [
        (link.kind, link.url, link.label) for link in conference.links.order_by("position", "pk")
    ]
    fields["talks"] = [talk_snapshot(talk) for talk in Talk.objects.filter(conference=conference)]
    return fields


def talk_snapshot(talk):
    return {
        "slug": talk.slug,
        "title": talk.title,
        "topic": talk.topic,
        "summary": talk.summary,
        "recommended": talk.recommended,
        "position": talk.position,
        "recorded_on": talk.recorded_on,
        "duration": talk.duration,
        "thumbnail_url": talk.thumbnail_url,
        "speakers": [
            (
                credit.speaker.name,
                credit.speaker.slug,
                credit.speaker.website,
                credit.speaker.company.name if credit.speaker.company else "",
                credit.speaker.company.website if credit.speaker.company else "",
            )
            for credit in talk.credits.select_related("speaker__company")
        ],
        "tags": sorted(tag.name for tag in talk.tags.all()),
        "links": [(link.kind, link.url, link.label) for link in talk.links.order_by("position")],
    }


def database_state():
    """Every row the importer could touch, to prove that nothing changed."""
    return (
        list(Conference.objects.values()),
        list(Talk.objects.values()),
        list(TalkSpeaker.objects.values()),
        list(Link.objects.values()),
        list(Speaker.objects.values()),
        list(Company.objects.values()),
        sorted(Talk.tags.through.objects.values_list("tag__name", "object_id")),
    )


def empty_database():
    """Delete every conference, talk, speaker, company and tag (flush cannot run in a test)."""
    Conference.objects.all().delete()
    Speaker.objects.all().delete()
    Company.objects.all().delete()
    Tag.objects.all().delete()
