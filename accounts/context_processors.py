from django.conf import settings

from confnotes.reversing import named_url


def account_links(request):
    """Template context: whether to offer "Sign up", and where to log in (`login_url`: every
    talk card of a list links there, twice, for visitors who are not signed in)."""
    return {"signup_open": settings.CONFNOTES_SIGNUP_OPEN, "login_url": named_url("login")}
