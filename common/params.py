"""One strict reader of query parameters, for the doors that machines use: the REST API
(``/api/v1/``) and the Open Referral UK feed (``/openreferral/``).

``QueryParams`` reads a request's query string one parameter at a time: a whole number
from 1 (with a maximum, if any), one of a few choices, a boolean, a UUID, a date-time.
A value it cannot use raises ``BadParameter``, which names the parameter and what is
wrong with it (a ``Problem``, with the maximum or the choices it broke) but carries no
message: each door words it in its own shape, and partners depend on both word for
word. The API answers ``{"detail": ..., "errors": {name: [message]}}``
(``common.api_errors``); the feed answers ``{"detail": ..., "parameter": name}``
(``directory.oruk.views``).

The doors read an empty value (``?page=``) differently. By default it is a value, refused
where it cannot be one (the API). With ``blank_is_absent`` values are stripped and an
empty one counts as not given (the feed).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, time
from enum import StrEnum
from uuid import UUID

from django.http import QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


class Problem(StrEnum):
    """What is wrong with a parameter's value."""

    WHOLE_NUMBER = "whole_number"  # not a whole number
    TOO_SMALL = "too_small"  # a whole number below 1
    TOO_LARGE = "too_large"  # a whole number above the maximum (``limit``)
    CHOICE = "choice"  # not one of the ``choices``
    BOOLEAN = "boolean"  # not true or false
    UUID = "uuid"  # not a UUID
    MOMENT = "moment"  # not an ISO 8601 date-time or date
    NUL = "nul"  # a NUL byte in a parameter's name or value
    UNSUPPORTED = "unsupported"  # a parameter the door does not take (``choices``: those it does)


class BadParameter(ValueError):
    """A query parameter with a value that cannot be used: the door answers a 400."""

    def __init__(
        self,
        name: str,
        problem: Problem,
        *,
        limit: int | None = None,
        choices: Sequence[str] = (),
    ):
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem
        self.limit = limit
        self.choices = tuple(choices)


FALSE_WORDS = ("false", "0", "no")
TRUE_WORDS = ("true", "1", "yes")
# A '+' sent unencoded arrives as a space: "2024-05-01T09:30:00 01:00".
_SPACE_FOR_PLUS = re.compile(r"(T[\d:.]+) (\d{2}(?::?\d{2})?)$")


class QueryParams:
    """The parameters of one query string (``request.GET``, or DRF's
    ``request.query_params``); each reader returns the value or raises BadParameter."""

    def __init__(self, query: QueryDict, *, blank_is_absent: bool = False):
        self.query = query
        self.blank_is_absent = blank_is_absent

    def value(self, name: str) -> str | None:
        """The value as sent (stripped, with ``blank_is_absent``), or None if not given."""
        raw = self.query.get(name)
        if raw is not None and self.blank_is_absent:
            return raw.strip() or None
        return raw

    def text(self, name: str) -> str:
        return self.value(name) or ""

    def positive_integer(self, name: str, *, default: int, maximum: int | None = None) -> int:
        """A whole number from 1 to ``maximum``; ``default`` when not given."""
        raw = self.value(name)
        if raw is None:
            return default
        try:
            number = int(raw)
        except ValueError:
            raise BadParameter(name, Problem.WHOLE_NUMBER) from None
        if number < 1:
            raise BadParameter(name, Problem.TOO_SMALL)
        if maximum is not None and number > maximum:
            raise BadParameter(name, Problem.TOO_LARGE, limit=maximum)
        return number

    def choice(self, name: str, choices: Sequence[str], *, ignore_case: bool = False) -> str | None:
        """One of ``choices`` (lowercased first, with ``ignore_case``), or None when not
        given."""
        raw = self.value(name)
        if raw is None:
            return None
        value = raw.lower() if ignore_case else raw
        if value not in choices:
            raise BadParameter(name, Problem.CHOICE, choices=choices)
        return value

    def boolean(self, name: str) -> bool:
        """true, 1 or yes; false, 0 or no (in any case); false when not given."""
        raw = self.value(name)
        if raw is None:
            return False
        word = raw.lower()
        if word in FALSE_WORDS:
            return False
        if word in TRUE_WORDS:
            return True
        raise BadParameter(name, Problem.BOOLEAN)

    def uuid(self, name: str) -> UUID | None:
        raw = self.value(name)
        if raw is None:
            return None
        try:
            return UUID(raw)
        except ValueError:
            raise BadParameter(name, Problem.UUID) from None

    def moment(self, name: str) -> datetime | None:
        """An ISO 8601 date-time, or a date (its midnight). Without an offset, in the
        current time zone (London's). A '+' sent unencoded, as a space, is read as '+'."""
        raw = self.value(name)
        if raw is None:
            return None
        raw = _SPACE_FOR_PLUS.sub(r"\1+\2", raw)
        try:
            value = parse_datetime(raw)
            if value is None and (day := parse_date(raw)) is not None:
                value = datetime.combine(day, time.min)
        except ValueError:
            value = None
        if value is None:
            raise BadParameter(name, Problem.MOMENT)
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        try:
            # In UTC: the same moment, and PostgreSQL refuses offsets beyond 15:59.
            return value.astimezone(UTC)
        except OverflowError:
            raise BadParameter(name, Problem.MOMENT) from None

    def refuse_nul_bytes(self) -> None:
        """No parameter's name or value holds a NUL byte (the error names the parameter
        without it)."""
        for name, values in self.query.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadParameter(name.replace("\x00", ""), Problem.NUL)

    def refuse_unsupported(self, supported: Sequence[str]) -> None:
        """Every parameter's name is one of ``supported`` (exactly, case included). The
        first other one, in the query's order, raises ``Problem.UNSUPPORTED`` with the
        supported names, sorted, as its ``choices``. A blank name (``?=x``) is no
        parameter and passes."""
        allowed = set(supported)
        for name in self.query:
            if name.strip() and name not in allowed:
                raise BadParameter(name, Problem.UNSUPPORTED, choices=sorted(allowed))
