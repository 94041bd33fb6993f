"""Fetch a schedule over HTTP(S): a timeout, a cap on the size, and nothing but http(s)."""

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from ..files import MAX_SIZE, describe_size
from .events import ScheduleError

TIMEOUT = 20  # seconds, for the whole download
CHUNK = 64 * 1024
USER_AGENT = "confnotes import_schedule"


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would follow one to ftp)."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in {"http", "https"}:
            raise ScheduleError(f"refused a redirect to {newurl!r}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_url(text):
    """True when `text` is an http(s) URL rather than a path."""
    return urlsplit(text).scheme.lower() in {"http", "https"}


def fetch(url, *, timeout=TIMEOUT, max_size=MAX_SIZE):
    """The body at `url` (at most `max_size` bytes, within `timeout` seconds), or ScheduleError."""
    if not is_url(url):
        raise ScheduleError(f"{url!r} is not an http(s) URL")
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    # The scheme is checked above, and redirects by _HttpOnlyRedirects.
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_size:
                raise _too_large(max_size)
            return _read(response, deadline, max_size, timeout)
    except urllib.error.HTTPError as error:
        raise ScheduleError(f"the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise ScheduleError(f"cannot fetch it ({error.reason})") from None
    except TimeoutError:
        raise ScheduleError(f"no answer within {timeout} seconds") from None
    except OSError as error:
        raise ScheduleError(f"cannot fetch it ({error.strerror or error})") from None


def _too_large(max_size):
    return ScheduleError(
        f"larger than the limit of {describe_size(max_size)} (--max-size raises it)"
    )


def _read(response, deadline, max_size, timeout):
    chunks, size = [], 0
    while chunk := response.read1(CHUNK):  # what has arrived: the deadline is checked often
        size += len(chunk)
        if size > max_size:
            raise _too_large(max_size)
        if time.monotonic() > deadline:
            raise ScheduleError(f"the download took over {timeout} seconds")
        chunks.append(chunk)
    return b"".join(chunks)
