"""Where a request comes from, for the limits on log-ins and sign-ups."""

import ipaddress

from django.conf import settings


def _valid_ip(text):
    """`text` as a normalised IP address, or None if it is not one."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's address: REMOTE_ADDR, or with `CONFNOTES_TRUSTED_PROXIES` = n > 0 the
    address the n-th proxy from us saw (the n-th entry of X-Forwarded-For from the right:
    entries further left were written by the client and prove nothing)."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"  # noqa: S104
    proxies = settings.CONFNOTES_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        return remote
    return _valid_ip(forwarded[-proxies]) or remote
