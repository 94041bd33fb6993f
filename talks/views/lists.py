"""A reader's lists of talks: all of them at /me/lists/, one page each, a talk's lists, and a
list shared by its secret address."""

import re

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import services
from ..models import LIST_NAME_MAX_LENGTH, Talk, TalkList
from ..reader_exports import list_as_markdown
from .reader import safe_next, wants_json

MOVES = {"up": -1, "down": 1}


class ListNameForm(forms.Form):
    name = forms.CharField(label="Name", max_length=LIST_NAME_MAX_LENGTH)


def own_list_or_404(request, pk):
    """The signed-in person's list, or 404 whether it is missing or somebody else's."""
    return get_object_or_404(TalkList.objects.owned_by(request.user), pk=pk)


def my_lists(user, queryset):
    """`user`'s lists from `queryset` (owned_by(user) and annotations), "Watch later" made
    if it is not there yet (once per person: no query more afterwards)."""
    lists = list(queryset)
    if not any(talk_list.is_watch_later for talk_list in lists):
        services.watch_later(owner=user)
        lists = list(queryset.all())
    return lists


def list_talks(talk_list, user):
    """The talks of `talk_list` in its order, with what a talk card shows."""
    return (
        Talk.objects.filter(list_items__talk_list=talk_list)
        .for_list()
        .with_star_counts(user)
        .order_by("list_items__position", "list_items__pk")
    )


def error_text(error):
    return " ".join(error.messages)


# --- All my lists --------------------------------------------------------------------------


@login_required
def lists_index(request):
    """My lists, with a form to start a new one (POSTed here)."""
    form = ListNameForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            talk_list, _ = services.list_create(owner=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error_text(error))
        else:
            return redirect(talk_list)
    queryset = TalkList.objects.owned_by(request.user).with_talk_counts()
    lists = my_lists(request.user, queryset)
    status = 400 if form.errors else 200
    return render(request, "talks/lists/index.html", {"lists": lists, "form": form}, status=status)


@login_required
def list_detail(request, pk):
    """One of my lists: its talks in order, with moves, removal, sharing and download."""
    talk_list = own_list_or_404(request, pk)
    talks = list(list_talks(talk_list, request.user))
    return render(request, "talks/lists/detail.html", {"talk_list": talk_list, "talks": talks})


@login_required
def list_rename(request, pk):
    talk_list = own_list_or_404(request, pk)
    initial = {"name": talk_list.name}
    form = ListNameForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.list_rename(talk_list=talk_list, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error_text(error))
        else:
            return redirect(talk_list)
    status = 400 if form.errors else 200
    context = {"talk_list": talk_list, "form": form}
    return render(request, "talks/lists/rename.html", context, status=status)


@login_required
def list_delete(request, pk):
    talk_list = own_list_or_404(request, pk)
    if talk_list.is_watch_later:
        return HttpResponseBadRequest("“Watch later” cannot be deleted.")
    if request.method == "POST":
        services.list_delete(talk_list=talk_list)
        return redirect("me:lists")
    return render(request, "talks/lists/delete.html", {"talk_list": talk_list})


@login_required
@require_POST
def list_share(request, pk):
    """Share a list by a secret address (a new one on request), or make it private again."""
    talk_list = own_list_or_404(request, pk)
    action = request.POST.get("action", "")
    if action not in {"share", "renew", "private"}:
        return HttpResponseBadRequest("Unknown sharing action.")
    services.list_share(talk_list=talk_list, shared=action != "private", renew=action == "renew")
    return redirect(f"{talk_list.get_absolute_url()}#sharing")


def markdown_response(talk_list, talks, request):
    text = list_as_markdown(
        talk_list, talks, site_url=request.build_absolute_uri("/"), exported=timezone.now()
    )
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    filename = slugify(talk_list.name) or "list"
    response["Content-Disposition"] = f'attachment; filename="confnotes-{filename}.md"'
    return response


@login_required
def list_markdown(request, pk):
    talk_list = own_list_or_404(request, pk)
    return markdown_response(talk_list, list_talks(talk_list, request.user), request)


# --- One talk in one list ------------------------------------------------------------------


def item_or_404(request, pk, slug):
    return own_list_or_404(request, pk), get_object_or_404(Talk, slug=slug)


@login_required
@require_POST
def item_move(request, pk, slug):
    """Move a talk up or down its list; answers JSON to fetch() and redirects back otherwise."""
    talk_list, talk = item_or_404(request, pk, slug)
    direction, to = request.POST.get("direction", ""), request.POST.get("to", "")
    if direction not in MOVES and not to:
        return HttpResponseBadRequest("Move up or down.")
    if to and not re.fullmatch(r"-?\d{1,9}", to):
        return HttpResponseBadRequest("Move to a place given by its number.")
    if to:  # the place it should end up in (site.js): sending it twice moves it once
        position = services.list_move(talk_list=talk_list, talk=talk, to=int(to))
    else:
        position = services.list_move(talk_list=talk_list, talk=talk, by=MOVES[direction])
    if position is None:
        raise Http404("That talk is not in the list.")
    if wants_json(request):
        return JsonResponse({"position": position})
    return redirect(f"{talk_list.get_absolute_url()}#item-{talk.slug}")


@login_required
@require_POST
def item_remove(request, pk, slug):
    talk_list, talk = item_or_404(request, pk, slug)
    services.list_remove(talk_list=talk_list, talk=talk)
    if wants_json(request):
        return JsonResponse({"removed": True, "count": talk_list.items.count()})
    return redirect(safe_next(request, talk_list.get_absolute_url()))


# --- A talk's lists ------------------------------------------------------------------------


def posted_ids(request, name):
    """The integer ids posted under `name`; ValueError for anything else."""
    return {int(value) for value in request.POST.getlist(name)}


def talk_lists(request, slug):
    """Which of my lists hold a talk: a form of checkboxes (and a new list's name).

    Posted, it makes each list it showed (`shown`) hold the talk or not as ticked (`list`),
    so that sending it twice does the same; answers JSON to fetch(), else redirects to
    `next`. Somebody else's list is a 404, and nothing is written then.
    """
    talk = get_object_or_404(Talk.objects.defer("search_vector"), slug=slug)
    if not request.user.is_authenticated:
        if wants_json(request):
            login_url = redirect_to_login(talk.get_absolute_url()).url
            return JsonResponse({"login_url": login_url}, status=401)
        return redirect_to_login(request.get_full_path())
    queryset = TalkList.objects.owned_by(request.user).with_talk(talk)
    error = ""
    if request.method == "POST":
        try:
            shown, ticked = posted_ids(request, "shown"), posted_ids(request, "list")
        except ValueError:
            return HttpResponseBadRequest("Lists are given by their numbers.")
        owned = {talk_list.pk: talk_list for talk_list in queryset.filter(pk__in=shown | ticked)}
        if set(owned) != shown | ticked:
            raise Http404("No such list of yours.")
        try:
            services.talk_lists_set(
                talk=talk,
                owner=request.user,
                lists=[owned[pk] for pk in sorted(shown | ticked)],
                ticked=ticked,
                new_name=request.POST.get("new_list", ""),
            )
        except ValidationError as problem:
            error = error_text(problem)
        else:
            if wants_json(request):
                return JsonResponse({"lists": lists_json(my_lists(request.user, queryset))})
            return redirect(safe_next(request, talk.get_absolute_url()))
        if wants_json(request):
            return JsonResponse({"error": error}, status=400)
    context = {
        "talk": talk,
        "lists": my_lists(request.user, queryset),
        "error": error,
        "new_list": request.POST.get("new_list", "")[:LIST_NAME_MAX_LENGTH] if error else "",
        "next": safe_next(request, talk.get_absolute_url()),
    }
    return render(request, "talks/lists/talk_lists.html", context, status=400 if error else 200)


def lists_json(lists):
    return [
        {"id": talk_list.pk, "name": talk_list.name, "has_talk": talk_list.has_talk}
        for talk_list in lists
    ]


# --- A shared list -------------------------------------------------------------------------


def shared_list_or_404(token):
    return get_object_or_404(TalkList.objects.shared(token))


def not_for_indexing(response):
    """A secret address: not indexed, not stored by shared caches, not sent on as referrer."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
def shared_list(request, token):
    """A list as anybody with its secret address reads it."""
    talk_list = shared_list_or_404(token)
    talks = list(list_talks(talk_list, request.user))
    context = {"talk_list": talk_list, "talks": talks}
    return not_for_indexing(render(request, "talks/lists/shared.html", context))


@never_cache
def shared_list_markdown(request, token):
    talk_list = shared_list_or_404(token)
    talks = list_talks(talk_list, request.user)
    return not_for_indexing(markdown_response(talk_list, talks, request))
