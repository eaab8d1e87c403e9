"""Schemathesis on the official Open Referral UK 3.0 OpenAPI description (the vendored
copy): every operation, generated parameters, and for each response: no server error,
a 200 or a 400 that names a parameter (an accepted parameter is honoured, a refused
one says so: none is accepted and ignored), and every 200 body valid against the
spec's own schemas (checked offline, with the local copies)."""

import copy
import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from tests.factories import IdentifierFactory, OrganisationFactory, ServiceFactory
from waytahead.wsgi import application

from .schemas import SPEC_DIR, errors

# Response schemas point at openreferraluk.org: the bodies are checked with the local
# copies instead (``schemas.errors``), so nothing is fetched.
SPEC = json.loads((SPEC_DIR / "openapi.json").read_text(encoding="utf-8"))
OFFLINE = copy.deepcopy(SPEC)
RESPONSE_SCHEMA = {}  # (path, method) -> local schema file name
for path, operations in OFFLINE["paths"].items():
    for method, operation in operations.items():
        if not isinstance(operation, dict):
            continue
        for response in operation.get("responses", {}).values():
            for media in response.get("content", {}).values():
                reference = media.get("schema", {}).get("$ref", "")
                if reference:
                    RESPONSE_SCHEMA[(path, method)] = reference.rsplit("/", 1)[-1]
                media["schema"] = {}

schema = schemathesis.openapi.from_dict(OFFLINE)
schema.app = application


@pytest.fixture
def feed_data(db, wsgi_keeps_the_test_connection):
    for organisation in OrganisationFactory.create_batch(2):
        IdentifierFactory(organisation=organisation)
        ServiceFactory(organisation=organisation)


@pytest.mark.slow
@pytest.mark.usefixtures("feed_data")
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_feed_conforms_to_the_official_spec(case):
    response = case.call(base_url="http://testserver/openreferral")
    assert response.status_code < 500, response.text
    query = case.query or {}
    if case.method.upper() not in ("GET", "HEAD"):
        # Schemathesis also tries the methods an operation does not have: read-only.
        assert response.status_code == 405, response.status_code
        return
    if response.status_code == 400:
        body = response.json()
        # A refusal names the parameter it refuses, one the request sent (a name's NUL
        # bytes left out).
        sent = {name.replace("\x00", "") for name in query}
        assert body.get("parameter") in sent, body
        return
    if response.status_code == 404:
        assert case.path_parameters, "only an unknown id is not found"
        return
    assert response.status_code in (200, 304), response.status_code
    name = RESPONSE_SCHEMA.get((case.operation.path, case.method.lower()))
    if response.status_code == 200 and name and "ndjson" not in str(query.get("format", "")):
        assert errors(response.json(), name) == []
