"""The public JSON shape of talks, speakers, tags and conferences.

`talk_data(talk)` is the one place that turns a Talk into its JSON dict; the API serves
it (validated by `TalkOut`) and anything else that exports talks should reuse it. The
talk must come from `Talk.objects.for_data()` (or what builds on it), so that speakers,
tags and links are prefetched.
"""

from datetime import date
from typing import Any

from ninja import Schema
from pydantic import Field

from .rendering import SUMMARY_EXCERPT, markdown_start


class CompanyRef(Schema):
    slug: str
    name: str


class SpeakerRef(Schema):
    slug: str
    name: str
    url: str = Field(description="Path of the speaker's page on this site.")
    company: CompanyRef | None


class TagRef(Schema):
    slug: str
    name: str


class ConferenceRef(Schema):
    slug: str
    name: str
    url: str


class LinkOut(Schema):
    kind: str = Field(description="recording, playlist, slides, notes or reference.")
    url: str
    label: str


class TalkOut(Schema):
    slug: str
    title: str
    topic: str = Field(description='The short label of the write-up heading, e.g. "CRDTs".')
    url: str = Field(description="Path of the talk's page on this site.")
    conference: ConferenceRef
    speakers: list[SpeakerRef] = Field(description="In billing order.")
    tags: list[TagRef]
    summary: str = Field(
        description="Markdown, as in the write-up. In lists only its first 1,000 characters "
        "or so (see summary_truncated); whole from /api/talks/{slug}."
    )
    summary_truncated: bool = Field(
        False, description="The summary is longer than shown here (in lists)."
    )
    recommended: bool = Field(description="Recommended by the write-up's author.")
    position: int = Field(description="Order in the write-up.")
    recorded_on: date | None
    duration: int | None = Field(description="Length of the recording in seconds, if known.")
    thumbnail_url: str
    has_video: bool = Field(description="A recording of this talk is linked.")
    links: list[LinkOut]


def speaker_data(speaker):
    """A speaker (with `company` selected) as the API's JSON dict."""
    company = speaker.company
    return {
        "slug": speaker.slug,
        "name": speaker.name,
        "url": speaker.get_absolute_url(),
        "company": {"slug": company.slug, "name": company.name} if company else None,
    }


def conference_data(conference):
    """A conference as the API's JSON dict (without its talk count)."""
    return {
        "slug": conference.slug,
        "name": conference.name,
        "url": conference.get_absolute_url(),
        "city": conference.city,
        "country": conference.country,
        "year": conference.year,
        "month": conference.month,
        "start_date": conference.start_date,
        "end_date": conference.end_date,
        "when": conference.when,
    }


def summary_excerpt(talk):
    """(the start of the talk's summary, whether it was cut), from `summary_start`
    (`TalkQuerySet.with_summary_start`) when the talk has it."""
    source = talk.summary_start if hasattr(talk, "summary_start") else talk.summary
    return markdown_start(source, SUMMARY_EXCERPT), len(source or "") > SUMMARY_EXCERPT


def talk_data(talk, *, excerpt=False):
    """A talk (with prefetched credits, tags and links) as the API's JSON dict; with
    `excerpt`, only the start of its summary (lists)."""
    conference = talk.conference
    summary, truncated = summary_excerpt(talk) if excerpt else (talk.summary, False)
    return {
        "slug": talk.slug,
        "title": talk.title,
        "topic": talk.topic,
        "url": talk.get_absolute_url(),
        "conference": {
            "slug": conference.slug,
            "name": conference.name,
            "url": conference.get_absolute_url(),
        },
        "speakers": [speaker_data(speaker) for speaker in talk.speaker_list()],
        "tags": [{"slug": tag.slug, "name": tag.name} for tag in talk.tag_list()],
        "summary": summary,
        "summary_truncated": truncated,
        "recommended": talk.recommended,
        "position": talk.position,
        "recorded_on": talk.recorded_on,
        "duration": talk.duration,
        "thumbnail_url": talk.thumbnail_url,
        "has_video": talk.recording() is not None,
        "links": [
            {"kind": link.kind, "url": link.url, "label": link.label} for link in talk.links.all()
        ],
    }


class SpeakerOut(Schema):
    slug: str
    name: str
    url: str
    company: CompanyRef | None
    talk_count: int


class TagOut(Schema):
    slug: str
    name: str
    url: str
    talk_count: int


class ConferenceOut(Schema):
    slug: str
    name: str
    url: str
    city: str
    country: str
    year: int | None
    month: int | None
    start_date: date | None
    end_date: date | None
    when: str = Field(description='As precisely as known: "September 2015", "2015" or the days.')
    talk_count: int


class Page(Schema):
    count: int = Field(description="How many items match, on all pages.")
    page: int
    pages: int
    next: str | None = Field(description="URL of the next page, if any.")
    previous: str | None


class SearchSuggestion(Schema):
    q: str = Field(description="The search with its mistyped words corrected.")
    count: int = Field(description="How many talks it finds, with the same filters.")
    url: str = Field(description="This endpoint with that search, the other parameters kept.")


class TalkPage(Page):
    items: list[TalkOut]
    suggestion: SearchSuggestion | None = Field(
        None,
        description="Did you mean …? When a search finds few talks or none and some of its "
        "words look mistyped, the corrected search, if it finds more.",
    )


class SpeakerPage(Page):
    items: list[SpeakerOut]


class TagPage(Page):
    items: list[TagOut]


class ConferencePage(Page):
    items: list[ConferenceOut]


class Error(Schema):
    detail: str


class ValidationIssue(Schema):
    type: str
    loc: list[str | int] = Field(description='Where: ["query", "page"].')
    msg: str
    ctx: dict[str, Any] | None = None


class ValidationErrors(Schema):
    detail: list[ValidationIssue]
