"""Sign up (when open, a few per address an hour), the account page, the download of one's
data and deleting one's account; Django's own views do log in, log out and password change."""

import json
import math
from datetime import timedelta

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from . import services
from .data import account_data
from .forms import AccountDeleteForm, SignupForm
from .limits import signup_take, signup_wait
from .network import client_ip


def too_many(request, template, *, wait, context=None):
    """A 429 page that says when to try again (and a Retry-After header for programs)."""
    retry_at = (timezone.now() + timedelta(seconds=wait)).replace(microsecond=0)
    context = {**(context or {}), "retry_at": retry_at, "wait_minutes": math.ceil(wait / 60)}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


def signup(request):
    """Create an account and sign in, then go back where the person came from."""
    if not settings.CONFNOTES_SIGNUP_OPEN:
        return render(request, "registration/signup_closed.html", status=403)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    if request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    ip = client_ip(request)
    wait = signup_wait(ip)
    if wait:
        return too_many(request, "registration/signup_limited.html", wait=wait)
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not signup_take(ip):
            return too_many(request, "registration/signup_limited.html", wait=signup_wait(ip))
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def locked_out(request, original_response=None, credentials=None):
    """django-axes refused a log-in: too many failures for this username or address."""
    username = get_client_username(request, credentials)
    attempts = AccessAttempt.objects.filter(Q(ip_address=client_ip(request)) | Q(username=username))
    last = attempts.aggregate(last=Max("attempt_time"))["last"] or timezone.now()
    cool_off = get_cool_off(request)
    wait = max(1, math.ceil((last + cool_off - timezone.now()).total_seconds()))
    return too_many(
        request,
        "registration/locked_out.html",
        wait=wait,
        context={"failure_limit": settings.AXES_FAILURE_LIMIT},
    )


def counts(user):
    return {"star_count": user.stars.count(), "note_count": user.notes.count()}


@login_required
def account(request):
    """What a person can do with their account: password, their data, deleting it."""
    return render(request, "registration/account.html", counts(request.user))


@login_required
def account_data_json(request):
    """Everything the site keeps about me, as a JSON file to download."""
    data = {
        "exported": timezone.now().isoformat(),
        **account_data(request.user, absolute=request.build_absolute_uri),
    }
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False) + "\n",
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="confnotes-my-data.json"'
    return response


@login_required
def account_delete(request):
    """Delete my account and everything of mine, once I give my password again."""
    form = AccountDeleteForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(request, "Your account, your notes and your stars are deleted.")
        return redirect("home")
    return render(
        request, "registration/account_delete.html", {"form": form, **counts(request.user)}
    )
