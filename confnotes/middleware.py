"""Site-wide response rules: JSON errors under /api/."""

from django.http import JsonResponse

API_PREFIX = "/api/"
KEPT_HEADERS = ("Allow", "Retry-After", "Cache-Control", "Vary")


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
