"""A bounded property-based run over the OpenAPI schema: every operation, generated
inputs, and every response checked against the schema (no 5xx, documented status codes,
conforming bodies)."""

from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from directory.models import Borough, Postcode
from tests.factories import IdentifierFactory, OrganisationFactory, category, language
from waytahead.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


# The one postcode the run's data knows; the organisations are there.
KNOWN_POSTCODE = "E8 1DY"
POINT_PARAMETERS = ("near", "lat", "lng")


def meaningful(query):
    """OpenAPI 3.0 cannot say that parameters go together (lat with lng; within, and
    ordering=distance, with a point), nor which postcodes are loaded: turn a generated
    query into one the schema would call valid if it could say so. The 400s for the
    rest are tested in tests/directory/test_near.py."""
    if not query:
        return query
    query = dict(query)
    if "near" in query:
        query["near"] = KNOWN_POSTCODE
        query.pop("lat", None)
        query.pop("lng", None)
    elif ("lat" in query) != ("lng" in query):
        query.pop("lat", None)
        query.pop("lng", None)
    if not any(name in query for name in POINT_PARAMETERS):
        query.pop("within", None)
        if query.get("ordering") == "distance":
            query.pop("ordering")
    return query


@pytest.fixture
def directory_data(db, monkeypatch, wsgi_keeps_the_test_connection):
    # The run makes many requests; the anonymous rate limit is tested elsewhere.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/min"})
    hackney = Borough.objects.get(slug="hackney")
    Postcode.objects.create(
        postcode=KNOWN_POSTCODE,
        district_code=hackney.gss_code,
        borough=hackney,
        latitude=Decimal("51.544000"),
        longitude=Decimal("-0.056000"),
    )
    for organisation in OrganisationFactory.create_batch(
        3, categories=[category("food")], languages=[language("pl")]
    ):
        IdentifierFactory(organisation=organisation)


@pytest.mark.slow
@pytest.mark.usefixtures("directory_data")
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case):
    # In the test, not a schemathesis hook: hooks do not reach every generation phase.
    case.query = meaningful(case.query)
    case.call_and_validate()
