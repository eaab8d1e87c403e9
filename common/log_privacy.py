"""Logs of the anonymous routes carry no internet address and no time finer than the month.

The equality monitoring form and the feedback forms are meant to be unlinkable: an
access log line with an address and a second next to the moment an answer arrived
would undo that. ``is_private_path`` names those routes (with or without a language
prefix, and their thank-you pages); ``PrivateRouteFilter`` strips Django's own log
records for them (``django.request``, ``django.security.csrf``, ``django.server``);
``waytahead.gunicorn_logging.PrivacyLogger`` does the same for gunicorn's access log.
"""

import logging
import re
import time

PRIVATE_PATH = re.compile(
    r"^/(?:[a-z]{2,3}(?:-[a-z0-9]+)?/)?"  # the language prefix, if any
    r"(?:events/[^/]+/(?:monitoring|feedback)|feedback)(?:/|$)",
    re.IGNORECASE,
)


def is_private_path(path: str | None) -> bool:
    return bool(path) and bool(PRIVATE_PATH.match(path))


def month_start_timestamp(timestamp: float) -> float:
    """The first second of ``timestamp``'s month (local time)."""
    moment = time.localtime(timestamp)
    return time.mktime((moment.tm_year, moment.tm_mon, 1, 0, 0, 0, 0, 0, -1))


def without_query(request_line: str) -> str:
    """``POST /path?token=... HTTP/1.1`` without its query string."""
    method, _space, rest = request_line.partition(" ")
    target, _space, protocol = rest.partition(" ")
    return " ".join(part for part in (method, target.split("?", 1)[0], protocol) if part)


class PrivateRouteFilter(logging.Filter):
    """For records about a private route: no request object (it holds the address and
    the headers), no query string, and the record's time moved to the month's start."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_line = None
        path = getattr(getattr(record, "request", None), "path", None)
        if record.name == "django.server" and record.args:
            # The development server logs '"%s" %s %s' % (request line, status, size).
            request_line = without_query(str(record.args[0]))
            path = request_line.split(" ")[1] if " " in request_line else None
        if not is_private_path(path):
            return True
        record.request = None
        if request_line is not None:
            record.args = (request_line, *record.args[1:])
        record.created = month_start_timestamp(record.created)
        record.msecs = 0.0
        if hasattr(record, "server_time"):
            record.server_time = time.strftime("%b/%Y", time.localtime(record.created))
        return True
