import sys

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views import defaults
from django.views.decorators.http import require_GET

from .faults import fault_response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the real icon."""
    return redirect(static("favicon.svg"), permanent=True)


@require_GET
def robots_txt(request):
    """Crawlers may read everything public; the sitemap lists the pages worth reading."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Every combination of filters is a page; the sitemap lists the canonical ones.
        "Disallow: /talks/?",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """Django's 500 page, or the 503 answer when the error was a database fault.

    Django calls this inside its `except` block, so the exception is at hand; this is how
    a fault in a middleware (a session saved on a read-only database) becomes a 503 too.
    """
    return fault_response(request, sys.exc_info()[1]) or defaults.server_error(request)


def bad_request(request, exception):
    """Django's 400 page, or the 503 answer when a database fault caused it (a session that
    SessionMiddleware could not save on a read-only database ends as SessionInterrupted)."""
    return fault_response(request, exception) or defaults.bad_request(request, exception)
