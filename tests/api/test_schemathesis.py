"""A bounded property-based run over the OpenAPI schema: every operation, generated
inputs, and every response checked against the schema (no 5xx, documented status codes,
conforming bodies)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
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
    # The WSGI handler closes the database connection when a request starts and ends;
    # inside the test's transaction that would lose it (PostgreSQL). Django's test client
    # disconnects the same two signals.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.slow
@pytest.mark.usefixtures("directory_data")
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
