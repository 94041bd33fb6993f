"""The read-only JSON API under /api/ (django-ninja): talks with search and filters,
one talk, speakers, tags and conferences. OpenAPI schema at /api/openapi.json, docs at
/api/docs (served from ninja's bundled static files, no CDN)."""

import math
import re
from functools import partial
from typing import Literal

from csp.decorators import csp_update
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema
from ninja.openapi.docs import Swagger
from pydantic import Field

from speakers.models import Speaker

from .models import Conference, Talk, TalkSpeaker, tags_with_counts
from .rendering import SUMMARY_EXCERPT
from .schemas import (
    ConferencePage,
    Error,
    SpeakerPage,
    TagPage,
    TalkOut,
    TalkPage,
    ValidationErrors,
    conference_data,
    speaker_data,
    talk_data,
)
from .search.facets import count_of, with_cached_order
from .search.filters import SORTS, TalkFilters
from .search.suggest import suggestion

MAX_PAGE_SIZE = 100
SLUG = re.compile(r"[-\w]+")
CACHED_ORDER_ITEMS = 200  # long results keep the order of their first items in the cache
# What any operation may answer besides its own: bad parameters, a bug, the database away.
# Errors raised in a view reach Django (ninja re-raises them when DEBUG is off), where
# confnotes.middleware answers them in JSON: 503 for a database fault, 500 otherwise.
ERRORS = {422: ValidationErrors, 500: Error, 503: Error}

api = NinjaAPI(
    title="confnotes API",
    version="1",
    description="Read-only access to conference talks, speakers, tags and conferences.",
    urls_namespace="api",
    # validatorUrl: Swagger UI would otherwise load a badge from validator.swagger.io.
    docs=Swagger(settings={"validatorUrl": None}),
    # Swagger UI's stylesheet draws its icons as data: images; nothing else needs them.
    docs_decorator=csp_update({"img-src": ["data:"]}),
)


class Paging(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")


class TalkQuery(Paging):
    q: str = Field(
        "",
        description='Web-search syntax: words, "quoted phrases", -excluded, `or`.',
        json_schema_extra={"example": "docker"},
    )
    tag: list[str] = Field(
        default_factory=list,
        description="Tag slug; repeat for several (see `match`).",
        json_schema_extra={"example": ["security"]},
    )
    match: Literal["all", "any"] = Field(
        "all", description="`all`: talks with every `tag` given; `any`: with at least one."
    )
    speaker: str = Field(
        "", description="Speaker slug.", json_schema_extra={"example": "miek-gieben"}
    )
    company: str = Field("", description="Company slug.", json_schema_extra={"example": "red-hat"})
    conference: str = Field(
        "",
        description="Conference slug.",
        json_schema_extra={"example": "container-camp-london-2015"},
    )
    recommended: bool = Field(False, description="Only talks the write-up recommends.")
    starred: bool = Field(
        False, deprecated=True, description="The old name of `recommended`, still accepted."
    )
    has_video: bool = Field(False, description="Only talks with a linked recording.")
    sort: Literal[("", *SORTS)] | None = Field(  # type: ignore[valid-type]
        None, description="Default (or empty): relevance when searching, else write-up order."
    )


def paginate(request, queryset, paging, serialize, count=None):
    """One page of a QuerySet as the API's page dict (two queries plus any prefetches)."""
    count = queryset.count() if count is None else count
    pages = max(1, math.ceil(count / paging.page_size))
    start = (paging.page - 1) * paging.page_size
    items = queryset[start : start + paging.page_size] if start < count else []

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": paging.page,
        "pages": pages,
        "next": link(paging.page + 1) if paging.page < pages else None,
        "previous": link(min(paging.page - 1, pages)) if paging.page > 1 else None,
        "items": [serialize(item) for item in items],
    }


@api.get(
    "/talks", response={200: TalkPage, **ERRORS}, tags=["talks"], summary="Search and filter talks"
)
def list_talks(request, params: Query[TalkQuery]):
    """Talks matching the search and every filter; the same parameters as the /talks/ page."""
    filters = TalkFilters.from_query(request.GET)
    matching = filters.apply(Talk.objects.all())
    ordered = filters.order(matching)
    # Lists carry the start of each summary; the whole one is on the talk's own endpoint.
    talks = ordered.for_data().with_summary_start(SUMMARY_EXCERPT + 1)
    count = count_of(matching, cached=filters.cacheable)
    if filters.cacheable:
        talks = with_cached_order(talks, ordered, count, CACHED_ORDER_ITEMS)
    page = paginate(request, talks, params, partial(talk_data, excerpt=True), count=count)
    return {**page, "suggestion": suggestion_data(request, suggestion(filters, count))}


def suggestion_data(request, suggested):
    """The API's dict of a Suggestion (None for none)."""
    if suggested is None:
        return None
    query = request.GET.copy()
    query["q"] = suggested.q
    query.pop("page", None)
    url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return {"q": suggested.q, "count": suggested.count, "url": url}


@api.get(
    "/talks/{slug}",
    response={200: TalkOut, 404: Error, **ERRORS},
    tags=["talks"],
    summary="One talk",
)
def get_talk(request, slug: str):
    if not SLUG.fullmatch(slug):  # and never send a NUL to PostgreSQL
        raise Http404("No talk with that slug.")
    return talk_data(get_object_or_404(Talk.objects.for_data(), slug=slug))


@api.get(
    "/speakers",
    response={200: SpeakerPage, **ERRORS},
    tags=["speakers"],
    summary="Speakers by name",
)
def list_speakers(request, paging: Query[Paging]):
    talk_counts = (
        TalkSpeaker.objects.filter(speaker=OuterRef("pk"))
        .order_by()
        .values("speaker")
        .annotate(n=Count("pk"))
        .values("n")
    )
    speakers = (
        Speaker.objects.select_related("company")
        .annotate(talk_count=Coalesce(Subquery(talk_counts), 0))
        .order_by("name", "pk")
    )
    return paginate(
        request,
        speakers,
        paging,
        lambda speaker: {**speaker_data(speaker), "talk_count": speaker.talk_count},
    )


@api.get("/tags", response={200: TagPage, **ERRORS}, tags=["tags"], summary="Tags, most used first")
def list_tags(request, paging: Query[Paging]):
    return paginate(
        request,
        tags_with_counts(),
        paging,
        lambda tag: {
            "slug": tag.slug,
            "name": tag.name,
            "url": reverse("tags:detail", kwargs={"slug": tag.slug}),
            "talk_count": tag.talk_count,
        },
    )


@api.get(
    "/conferences",
    response={200: ConferencePage, **ERRORS},
    tags=["conferences"],
    summary="Conferences",
)
def list_conferences(request, paging: Query[Paging]):
    return paginate(
        request,
        Conference.objects.with_talk_counts(),
        paging,
        lambda conference: {
            **conference_data(conference),
            "talk_count": conference.talk_count,
        },
    )


def not_found(request, path=""):
    """Unknown /api/ paths answer in JSON, like the rest of the API."""
    return JsonResponse({"detail": "Not Found"}, status=404)
