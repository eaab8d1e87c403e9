"""The OpenAPI schema is valid, documents the parameters, and the docs load nothing
from outside the site."""

import re

import pytest
import yaml
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_valid_openapi(schema):
    validate(schema)


def test_schema_documents_every_filter_and_error(schema):
    operation = schema["paths"]["/api/v1/organisations/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    expected = {"q", "borough", "category", "language", "beneficiary", "updated_since"}
    assert expected | {"ordering", "page", "page_size", "lang"} <= names
    assert "400" in operation["responses"] or "4XX" in operation["responses"]


def test_docs_use_local_assets_only(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "swagger" in html.lower()
    external = re.findall(r'(?:src|href)="(https?:)?//[^"]+"', html)
    assert external == []


def test_the_docs_page_may_use_inline_styles_and_nothing_else_may(client):
    docs = client.get("/api/v1/docs/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in docs.split(";"))
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in client.get("/en/")["Content-Security-Policy"]
