"""A signed-in person's own things: stars, notes, and the My stars / My notes pages."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from .. import services
from ..exports import notes_as_markdown
from ..forms import NoteForm
from ..models import Note, Star, Talk
from .catalogue import ForgivingPaginationMixin

STAR_ACTIONS = {"star": True, "unstar": False}


def safe_next(request, default):
    """The `next` the request names if it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def wants_json(request):
    return request.headers.get("X-Requested-With") == "XMLHttpRequest" or request.headers.get(
        "Accept", ""
    ).startswith("application/json")


@require_POST
def star(request, slug):
    """Star or unstar a talk; answers JSON to fetch() and redirects back otherwise."""
    talk = get_object_or_404(Talk, slug=slug)
    if not request.user.is_authenticated:
        if wants_json(request):
            login_url = redirect_to_login(talk.get_absolute_url()).url
            return JsonResponse({"login_url": login_url}, status=401)
        return redirect_to_login(talk.get_absolute_url())
    action = request.POST.get("action", "")
    if action and action not in STAR_ACTIONS:
        return HttpResponseBadRequest("Unknown star action.")
    if action:
        starred = services.star_set(talk=talk, user=request.user, starred=STAR_ACTIONS[action])
    else:
        starred = services.star_toggle(talk=talk, user=request.user)
    if wants_json(request):
        return JsonResponse({"starred": starred, "count": talk.stars.count()})
    return redirect(safe_next(request, talk.get_absolute_url()))


def posted(request):
    """The form data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def own_note_or_404(request, slug, pk):
    """The signed-in person's note, or 404 whether the note is missing or somebody else's."""
    return get_object_or_404(
        Note.objects.select_related("talk"), pk=pk, talk__slug=slug, author=request.user
    )


@login_required
def note_create(request, slug):
    talk = get_object_or_404(Talk, slug=slug)
    form = NoteForm(posted(request), talk=talk, author=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_create(talk=talk, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(note)
    return render(request, "talks/note_form.html", {"form": form, "talk": talk})


@login_required
def note_edit(request, slug, pk):
    note = own_note_or_404(request, slug, pk)
    form = NoteForm(posted(request), instance=note, talk=note.talk, author=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_update(note=note, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(note)
    return render(request, "talks/note_form.html", {"form": form, "talk": note.talk, "note": note})


@login_required
def note_delete(request, slug, pk):
    note = own_note_or_404(request, slug, pk)
    if request.method == "POST":
        services.note_delete(note=note)
        return redirect(f"{note.talk.get_absolute_url()}#notes")
    return render(request, "talks/note_confirm_delete.html", {"note": note, "talk": note.talk})


class MyStarsView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    """The talks I starred, most recently starred first."""

    template_name = "talks/my_stars.html"
    context_object_name = "talks"

    def get_queryset(self):
        user = self.request.user
        starred_at = Star.objects.filter(talk=OuterRef("pk"), user=user).values("created")
        return (
            Talk.objects.starred_by(user)
            .for_list()
            .with_star_counts(user)
            .alias(starred_at=Subquery(starred_at[:1]))
            .order_by("-starred_at", "pk")
        )


def talks_with_my_notes(user):
    """Talks `user` has notes on, most recently noted first, with `my_notes` prefetched."""
    latest = Note.objects.by(user).filter(talk=OuterRef("pk")).order_by("-created")
    return (
        Talk.objects.filter(pk__in=Note.objects.by(user).values("talk_id"))
        .for_list()
        .alias(last_noted=Subquery(latest.values("created")[:1]))
        .order_by("-last_noted", "pk")
        .prefetch_related(
            Prefetch("notes", queryset=Note.objects.by(user).in_video_order(), to_attr="my_notes")
        )
    )


class MyNotesView(LoginRequiredMixin, ForgivingPaginationMixin, ListView):
    """My notes, grouped by talk."""

    template_name = "talks/my_notes.html"
    context_object_name = "talks"

    def get_queryset(self):
        return talks_with_my_notes(self.request.user)


@login_required
def my_notes_markdown(request):
    """All my notes as one Markdown file to download."""
    text = notes_as_markdown(
        talks_with_my_notes(request.user),
        site_url=request.build_absolute_uri("/"),
        exported=timezone.now(),
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="confnotes-my-notes.md"'
    return response
