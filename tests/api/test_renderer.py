"""The API's JSON renderer (orjson) writes what DRF's own JSONRenderer writes."""

import datetime
import decimal
import json
import uuid

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer

from common.renderers import FastJSONRenderer

DATA = {
    "text": "Zażółć · مرحبا · নমস্কার",
    "lazy": gettext_lazy("Must be a whole number."),
    "amount": decimal.Decimal("12.50"),
    "id": uuid.UUID("c4bcbd8b-6055-4a83-b255-78377e9053e6"),
    "when": datetime.datetime(2026, 11, 26, 15, 4, 5, 123456, tzinfo=datetime.UTC),
    "local": timezone.make_aware(datetime.datetime(2026, 6, 1, 9, 30)),
    "day": datetime.date(2026, 11, 26),
    "counts": {1: 2, "3": [None, True, 1.5]},
    "nested": [{"a": []}],
}


def test_renders_the_same_json_as_drf():
    ours = FastJSONRenderer().render(DATA)
    assert json.loads(ours) == json.loads(JSONRenderer().render(DATA))
    assert "Zażółć".encode() in ours  # UTF-8, not \\u escapes
    assert json.loads(ours)["when"] == "2026-11-26T15:04:05.123456Z"


def test_indent_is_honoured_and_nothing_renders_empty():
    indented = FastJSONRenderer().render({"a": 1}, "application/json; indent=2")
    assert indented == b'{\n  "a": 1\n}'
    assert FastJSONRenderer().render(None) == b""


@pytest.mark.django_db
def test_api_error_messages_render_translated(client):
    response = client.get("/api/v1/organisations/?page=x", HTTP_ACCEPT_LANGUAGE="pl")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    with translation.override("pl"):
        expected = str(gettext_lazy("Must be a whole number."))
    assert expected != "Must be a whole number."
    assert json.loads(response.content)["errors"]["page"] == [expected]
