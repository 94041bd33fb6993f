"""Site-wide response rules: database faults as 503, JSON errors under /api/, Permissions-Policy."""

from django.conf import settings
from django.http import JsonResponse

from .faults import fault_response

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control", "Vary")


class DatabaseFaultMiddleware:
    """A view that meets an unreachable or read-only database answers 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        return fault_response(request, exception)


class JsonApiErrorsMiddleware:
    """Errors under /api/ that Django answers rather than the API (a 405, a 500) are JSON too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not request.path_info.startswith(API_PREFIX)
            or response.status_code < 400
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        replacement = JsonResponse({"detail": response.reason_phrase}, status=response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                replacement[header] = response[header]
        return replacement


def permissions_policy(features):
    """The Permissions-Policy header value of {feature: [allowed origins, or "self"]}."""

    def allowlist(origins):
        return " ".join(origin if origin == "self" else f'"{origin}"' for origin in origins)

    return ", ".join(f"{feature}=({allowlist(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response
