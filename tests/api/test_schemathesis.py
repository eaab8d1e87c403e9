"""A bounded property-based run over the OpenAPI schema: every operation, generated
inputs, and every response checked against the schema (no 5xx, documented status codes,
conforming bodies)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from tests.factories import IdentifierFactory, OrganisationFactory, category, language
from waytahead.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def directory_data(db, monkeypatch):
    # The run makes many requests; the anonymous rate limit is tested elsewhere.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/min"})
    for organisation in OrganisationFactory.create_batch(
        3, categories=[category("food")], languages=[language("pl")]
    ):
        IdentifierFactory(organisation=organisation)


@pytest.mark.usefixtures("directory_data")
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
