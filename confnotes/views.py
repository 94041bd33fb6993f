from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET


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
