"""The strict query-parameter reader (common/params.py), and the words each door that
uses it answers with: partners match on them, so they are pinned here word for word."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.http import QueryDict
from django.utils import translation

from common.api_errors import parameter_message
from common.params import BadParameter, Problem, QueryParams

LONDON = ZoneInfo("Europe/London")


def params(query: str, **options) -> QueryParams:
    return QueryParams(QueryDict(query), **options)


def problem(read) -> BadParameter:
    with pytest.raises(BadParameter) as caught:
        read()
    return caught.value


def test_a_positive_integer_within_its_bounds():
    assert params("").positive_integer("page", default=1) == 1
    assert params("page=7").positive_integer("page", default=1) == 7
    error = problem(lambda: params("page=x").positive_integer("page", default=1))
    assert (error.name, error.problem) == ("page", Problem.WHOLE_NUMBER)
    assert problem(lambda: params("page=0").positive_integer("page", default=1)).problem == (
        Problem.TOO_SMALL
    )
    error = problem(lambda: params("size=101").positive_integer("size", default=5, maximum=100))
    assert (error.problem, error.limit) == (Problem.TOO_LARGE, 100)
    assert params("size=100").positive_integer("size", default=5, maximum=100) == 100


def test_an_empty_value_is_refused_unless_blank_counts_as_absent():
    empty = problem(lambda: params("page=").positive_integer("page", default=1))
    assert empty.problem == Problem.WHOLE_NUMBER
    assert params("page=", blank_is_absent=True).positive_integer("page", default=3) == 3
    assert params("page=%20%203%20", blank_is_absent=True).positive_integer("page", default=1) == 3
    assert params("q=%20a%20", blank_is_absent=True).text("q") == "a"
    assert params("q=%20a%20").text("q") == " a "


def test_a_choice():
    assert params("").choice("lang", ("en", "pl")) is None
    assert params("lang=pl").choice("lang", ("en", "pl")) == "pl"
    error = problem(lambda: params("lang=PL").choice("lang", ("en", "pl")))
    assert (error.name, error.problem, error.choices) == ("lang", Problem.CHOICE, ("en", "pl"))
    assert problem(lambda: params("lang=").choice("lang", ("en",))).problem == Problem.CHOICE
    assert params("format=JSON").choice("format", ("json",), ignore_case=True) == "json"


def test_a_boolean():
    assert params("").boolean("full") is False
    for word in ("true", "TRUE", "1", "yes"):
        assert params(f"full={word}").boolean("full") is True
    for word in ("false", "0", "No"):
        assert params(f"full={word}").boolean("full") is False
    assert problem(lambda: params("full=maybe").boolean("full")).problem == Problem.BOOLEAN


def test_a_uuid():
    value = uuid.uuid4()
    assert params(f"id={value}").uuid("id") == value
    assert params("").uuid("id") is None
    assert problem(lambda: params("id=nope").uuid("id")).problem == Problem.UUID


def test_a_moment_in_london_time_unless_it_says_otherwise():
    read = params("since=2024-05-01").moment("since")
    assert read == datetime.datetime(2024, 5, 1, tzinfo=LONDON)
    assert params("since=2024-05-01T09:30:00").moment("since") == datetime.datetime(
        2024, 5, 1, 9, 30, tzinfo=LONDON
    )
    # An unencoded '+' arrives as a space. Moments come back in UTC (PostgreSQL refuses
    # offsets beyond 15:59, which ISO 8601 allows).
    spaced = params("since=2024-05-01T09:30:00 01:00").moment("since")
    assert spaced == datetime.datetime(2024, 5, 1, 8, 30, tzinfo=datetime.UTC)
    assert spaced.utcoffset() == datetime.timedelta(0)
    far = params("since=1849-04-26T22:00:20+20:43").moment("since")
    assert far == datetime.datetime(1849, 4, 26, 1, 17, 20, tzinfo=datetime.UTC)
    for bad in ("bad", "2024-13-01", "9999-12-31T23:59:59-23:59"):
        assert problem(lambda bad=bad: params(f"since={bad}").moment("since")).problem == (
            Problem.MOMENT
        )


def test_nul_bytes_are_refused_naming_the_parameter_without_them():
    params("a=1&b=2").refuse_nul_bytes()
    error = problem(lambda: params("a%00b=1").refuse_nul_bytes())
    assert (error.name, error.problem) == ("ab", Problem.NUL)
    assert problem(lambda: params("x=a%00").refuse_nul_bytes()).name == "x"


def test_the_api_words_numbers_in_the_request_language_and_choices_in_english():
    with translation.override("pl"):
        assert parameter_message(BadParameter("page", Problem.WHOLE_NUMBER)) == (
            "Musi to być liczba całkowita."
        )
        assert parameter_message(BadParameter("lang", Problem.CHOICE, choices=("en", "pl"))) == (
            "Use one of: en, pl."
        )
    assert parameter_message(BadParameter("page", Problem.TOO_SMALL)) == "Must be 1 or more."
    assert parameter_message(BadParameter("page_size", Problem.TOO_LARGE, limit=100)) == (
        "Must be 100 or less."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("page_size=101", {"page_size": ["Must be 100 or less."]}),
        ("page=0", {"page": ["Must be 1 or more."]}),
        ("lang=xx", {"lang": ["Use one of: en, ro, es, pl, bn, pt, gu, it, pa, ar."]}),
    ],
)
def test_the_api_answers_a_bad_parameter_in_its_shape(client, query, errors):
    response = client.get(f"/api/v1/organisations/?{query}")
    assert response.status_code == 400
    (name,) = errors
    assert response.json() == {"detail": f"Invalid parameter: {name}.", "errors": errors}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "errors"),
    [
        ("when=soon", {"when": ["Use one of: upcoming, past."]}),
        # An empty page or page_size is refused first, page before page_size, in English.
        ("page=&page_size=500", {"page": ["Must be a whole number."]}),
        ("page=x&page_size=", {"page_size": ["Must be a whole number."]}),
    ],
)
def test_the_engagement_api_words_its_own_checks(client, query, errors):
    response = client.get(f"/api/v1/events/?{query}", HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 400
    assert response.json()["errors"] == errors


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter", "detail"),
    [
        ("page=x", "page", "page must be a whole number."),
        ("per_page=0", "per_page", "per_page must be 1 or more."),
        ("per_page=101", "per_page", "per_page must be 100 or less."),
        ("organization_id=nope", "organization_id", "organization_id must be a UUID."),
        ("full=maybe", "full", "full must be true or false."),
        (
            "modified_after=soon",
            "modified_after",
            "modified_after must be an ISO 8601 date-time or date, e.g. 2024-05-01T09:30:00Z.",
        ),
        ("format=xml", "format", "format must be json or ndjson."),
        ("a%00b=1", "ab", "NUL bytes are not allowed."),
    ],
)
def test_the_feed_answers_a_bad_parameter_in_its_shape(client, query, parameter, detail):
    response = client.get(f"/openreferral/services?{query}")
    assert response.status_code == 400
    assert response.json() == {"detail": detail, "parameter": parameter}
