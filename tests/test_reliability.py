"""Reliability: interrupted imports write nothing; a broken database shows a friendly
page, never a stack trace; tasks retry with backoff."""

import csv
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection
from django.test import Client

from directory.models import Organisation
from directory.resources import OrganisationBatchResource
from directory.tasks import RETRY as DIRECTORY_RETRY
from directory.tasks import suggestion_decision_notify

pytestmark = pytest.mark.django_db


def _write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "description", "is_published"])
        writer.writerows(rows)
    return path


def test_an_import_interrupted_half_way_writes_nothing(tmp_path, monkeypatch):
    """New listings are saved in batches: the database fails on the second batch, after
    the first was written. Nothing stays, history included."""
    monkeypatch.setattr(OrganisationBatchResource, "BATCH_SIZE", 3)
    path = _write(
        tmp_path / "orgs.csv", [["", f"Group {n}", "Description", "1"] for n in range(10)]
    )
    table = Organisation._meta.db_table
    inserts = {"count": 0}

    def fail_on_the_second_batch(execute, sql, params, many, context):
        if sql.startswith(f'INSERT INTO "{table}"'):
            inserts["count"] += 1
            if inserts["count"] == 2:
                raise OperationalError("the database went away")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail_on_the_second_batch), pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert inserts["count"] >= 2  # the first batch had been written
    assert Organisation.objects.count() == 0
    assert Organisation.history.count() == 0


def test_an_update_interrupted_half_way_changes_nothing(tmp_path):
    organisations = [
        Organisation.objects.create(
            name_en=f"Group {n}", slug=f"group-{n}", description_en="Before"
        )
        for n in range(10)
    ]
    rows = [[str(o.pk), o.name_en, "After", "1"] for o in organisations]
    path = _write(tmp_path / "orgs.csv", rows)
    original_save = Organisation.save
    calls = {"count": 0}

    def crash_on_the_sixth(self, *args, **kwargs):
        calls["count"] += 1
        if calls["count"] == 6:
            raise OperationalError("the database went away")
        return original_save(self, *args, **kwargs)

    with mock.patch.object(Organisation, "save", crash_on_the_sixth), pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert calls["count"] >= 6
    assert set(Organisation.objects.values_list("description_en", flat=True)) == {"Before"}
    assert set(Organisation.objects.values_list("version", flat=True)) == {1}


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
    with mock.patch("common.views.connection.ensure_connection", side_effect=OperationalError):
        assert client.get("/healthz").status_code == 503


def test_notification_tasks_retry_with_backoff():
    assert DIRECTORY_RETRY["retry_backoff"] is True and DIRECTORY_RETRY["max_retries"] >= 3
    assert OSError in suggestion_decision_notify.autoretry_for
    assert suggestion_decision_notify.retry_backoff
