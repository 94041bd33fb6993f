"""The yardstick of `make bench-serve`: a bare Django view returning 20 kB from memory.

Its own minimal settings (no apps, no middleware, no database), served by the same server
and worker count as the site: `gunicorn bench.bare_wsgi`.
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

HEAD = b"<!doctype html><title>bare</title><p>"
BODY = HEAD + b"x" * (20 * 1024 - len(HEAD))

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def bare(request):
    """20 kB of HTML from memory."""
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", bare)]

application = get_wsgi_application()
