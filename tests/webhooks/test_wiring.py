"""The webhooks are wired in: installed, routed under /api/v1/, their tasks found by the
worker, the retries on beat's schedule, and safe defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import waytahead.settings
from waytahead.celery import app

BASE_DIR = Path(__file__).resolve().parents[2]


def test_the_defaults_are_five_seconds_ten_attempts_and_public_addresses_only():
    """As production reads the settings: no test overrides, no WEBHOOKS_ variables."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBHOOKS_", "PYTEST"))}
    code = (
        "import json, waytahead.settings as s; print(json.dumps([s.WEBHOOKS_TIMEOUT, "
        "s.WEBHOOKS_MAX_ATTEMPTS, s.WEBHOOKS_ALLOW_PRIVATE, 'webhooks' in s.INSTALLED_APPS]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SECRET_KEY": "a-secret-for-this-test-only"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == [5, 10, False, True]


def test_beat_sends_due_retries_every_minute():
    entries = [
        entry
        for entry in waytahead.settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "webhooks.tasks.send_due"
    ]
    assert [entry["schedule"] for entry in entries] == [60]


def test_the_worker_finds_the_tasks():
    app.loader.import_default_modules()
    assert {"webhooks.tasks.dispatch", "webhooks.tasks.send_due"} <= set(app.tasks)


def test_the_routes_are_under_the_api():
    assert reverse("api:webhook-list") == "/api/v1/webhooks/"
    assert reverse("api:webhook-detail", kwargs={"pk": 7}) == "/api/v1/webhooks/7/"
    assert reverse("api:webhook-deliveries", kwargs={"pk": 7}) == "/api/v1/webhooks/7/deliveries/"


@pytest.mark.django_db
def test_no_task_is_queued_while_nobody_subscribes(monkeypatch, django_capture_on_commit_callbacks):
    from tests.factories import OrganisationFactory
    from webhooks import tasks

    queued = []
    monkeypatch.setattr(tasks.dispatch, "delay", lambda *args, **kwargs: queued.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        OrganisationFactory.create_batch(3)
    assert queued == []
