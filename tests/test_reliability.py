"""Reliability: interrupted imports write nothing; a broken database shows a friendly
page, never a stack trace; tasks retry with backoff."""

import csv
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client

from directory.models import Organisation
from directory.tasks import RETRY as DIRECTORY_RETRY
from directory.tasks import suggestion_decision_notify

pytestmark = pytest.mark.django_db


def test_an_import_interrupted_half_way_writes_nothing(tmp_path):
    path = tmp_path / "orgs.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "description", "is_published"])
        for n in range(10):
            writer.writerow([f"Group {n}", "Description", "1"])
    original_save = Organisation.save
    calls = {"count": 0}

    def crash_on_the_sixth(self, *args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 6:
            raise OperationalError("the database went away")
        return original_save(self, *args, **kwargs)

    with mock.patch.object(Organisation, "save", crash_on_the_sixth), pytest.raises(Exception):  # noqa: B017
        call_command("import_organisations", str(path))
    assert Organisation.objects.count() == 0


def test_pages_show_a_friendly_error_without_a_stack_trace_when_the_database_fails():
    client = Client(raise_request_exception=False)
    with mock.patch(
        "directory.views.browse.OrganisationFilter.is_valid", side_effect=OperationalError("down")
    ):
        response = client.get("/en/organisations/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_machine_endpoints_answer_json_errors():
    client = Client(raise_request_exception=False)
    with mock.patch("directory.api.views.request_language", side_effect=OperationalError("down")):
        response = client.get("/api/v1/organisations/")
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on our side. Please try again."}


def test_health_check_says_503_when_the_database_is_down(client):
    with mock.patch("waytahead.views.connection.ensure_connection", side_effect=OperationalError):
        assert client.get("/healthz").status_code == 503


def test_notification_tasks_retry_with_backoff():
    assert DIRECTORY_RETRY["retry_backoff"] is True and DIRECTORY_RETRY["max_retries"] >= 3
    assert OSError in suggestion_decision_notify.autoretry_for
    assert suggestion_decision_notify.retry_backoff
