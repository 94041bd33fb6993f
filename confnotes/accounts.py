"""Accounts: sign up (when open), and Django's log in, log out and password change."""

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import UserCreationForm
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme


class SignupForm(UserCreationForm):
    first_name = forms.CharField(
        label="Display name",
        max_length=150,
        required=False,
        help_text="Shown with your public notes. Leave empty to show your username.",
    )
    email = forms.EmailField(
        required=False, help_text="Optional. Only used if you lose your password."
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "email")


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
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return render(request, "registration/signup.html", {"form": form, "next": next_url})


def account_links(request):
    """Template context: whether to offer "Sign up"."""
    return {"signup_open": settings.CONFNOTES_SIGNUP_OPEN}


account_patterns = [
    path("signup/", signup, name="signup"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
