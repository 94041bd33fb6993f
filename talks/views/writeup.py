"""My write-up of a conference, from my stars and notes: previewed, then downloaded."""

import re

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from ..models import Conference, Note, Star, Talk
from ..reader_exports import writeup_as_markdown
from ..rendering import render_note


def writeup_talks(conference, user, *, private):
    """The conference's talks `user` starred or wrote notes on, in write-up order, with
    `is_starred` and `my_notes` (their private ones too only if `private`)."""
    notes = Note.objects.by(user).in_video_order()
    if not private:
        notes = notes.public()
    starred = Star.objects.filter(user=user).values("talk_id")
    return (
        Talk.objects.filter(conference=conference)
        .filter(Q(pk__in=starred) | Q(pk__in=notes.values("talk_id")))
        .for_list()
        .with_star_counts(user)
        .prefetch_related(Prefetch("notes", queryset=notes, to_attr="my_notes"))
        .order_by("position", "pk")
    )


HEADING = re.compile(r"<(/?)h([2-5])>")


def headings_under(html):
    """Rendered headings one level down (h2 becomes h3...), to sit under the page's own."""
    return HEADING.sub(lambda match: f"<{match[1]}h{int(match[2]) + 1}>", html)


def wants_private(request):
    return request.GET.get("private") in {"1", "on"}


def writeup_text(request, conference, talks):
    return writeup_as_markdown(
        conference,
        talks,
        author=request.user.get_full_name() or request.user.get_username(),
        site_url=request.build_absolute_uri("/"),
    )


@login_required
def writeup_preview(request, slug):
    """The write-up as it will read, with the choice of putting private notes in."""
    conference = get_object_or_404(Conference, slug=slug)
    private = wants_private(request)
    talks = list(writeup_talks(conference, request.user, private=private))
    text = writeup_text(request, conference, talks)
    # The title is this page's heading; the rest renders as any note does (sanitised).
    body = text.split("\n", 2)[2]
    context = {
        "conference": conference,
        "talks": talks,
        "private": private,
        "preview": mark_safe(headings_under(render_note(body))),  # noqa: S308 - nh3 has sanitised it
    }
    return render(request, "talks/writeup_preview.html", context)


@login_required
def writeup_markdown(request, slug):
    """The write-up as a Markdown file that `import_writeup` reads."""
    conference = get_object_or_404(Conference, slug=slug)
    talks = writeup_talks(conference, request.user, private=wants_private(request))
    response = HttpResponse(
        writeup_text(request, conference, talks), content_type="text/markdown; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slugify(conference.slug)}.md"'
    return response
