from django.conf import settings


def account_links(request):
    """Template context: whether to offer "Sign up"."""
    return {"signup_open": settings.CONFNOTES_SIGNUP_OPEN}
