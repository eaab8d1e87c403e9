"""Equality monitoring answers are stored in shuffled batches: neither the order rows are
stored in, nor their ids, nor a date finer than the month, ties one to a request."""

import itertools
from datetime import date

import pytest
from django.conf import settings
from django.utils import timezone

from engagement import services, tasks
from engagement.models import MonitoringResponse, PendingMonitoringResponse
from engagement.models.monitoring import AGE_BANDS, RELIGION
from tests.engagement.factories import EventFactory, in_days

pytestmark = pytest.mark.django_db

# 40 answers that can be told apart, in the order they are sent.
SENT = list(
    itertools.islice(
        itertools.product(
            [code for code, _label in AGE_BANDS if code != "under_16"],
            [code for code, _label in RELIGION],
        ),
        40,
    )
)


@pytest.fixture
def event():
    return EventFactory(starts_at=in_days(-3))


def send_all(event):
    for age_band, religion in SENT:
        services.monitoring_submit(
            event=event, answers={"age_band": age_band, "religion": religion}, source="online"
        )


def answers(queryset) -> list[tuple[str, str]]:
    return list(queryset.values_list("age_band", "religion"))


def test_a_batch_is_stored_in_an_order_unrelated_to_the_order_it_was_sent_in(event):
    send_all(event)
    assert not MonitoringResponse.objects.exists()  # nothing is counted before the batch
    assert services.monitoring_batch_write() == len(SENT)
    assert not PendingMonitoringResponse.objects.exists()
    stored_order = answers(MonitoringResponse.objects.order_by())
    assert sorted(stored_order) == sorted(SENT)  # every answer, once
    # With 40 rows, a shuffle that happened to give back the order sent is 1 in 40!.
    assert stored_order != SENT
    assert answers(MonitoringResponse.objects.order_by("pk")) != SENT
    assert services.monitoring_batch_write() == 0  # nothing is written twice


def test_stored_answers_keep_the_month_only(event):
    services.monitoring_submit(event=event, answers={}, source="paper", month=date(2025, 2, 27))
    send_all(event)
    services.monitoring_batch_write()
    months = set(MonitoringResponse.objects.values_list("month", flat=True))
    assert months == {date(2025, 2, 1), timezone.localdate().replace(day=1)}
    fields = MonitoringResponse._meta.concrete_fields
    assert [f.name for f in fields if f.get_internal_type() in ("DateField", "DateTimeField")] == [
        "month"
    ]


def test_a_stored_answer_gets_its_own_id_and_record_key(event):
    pending = services.monitoring_submit(event=event, answers={"sex": "male"}, source="online")
    services.monitoring_batch_write()
    stored = MonitoringResponse.objects.get()
    assert stored.pk != pending.pk
    assert 0 <= stored.record_key < 256


def test_the_daily_task_writes_the_batch(event):
    send_all(event)
    assert tasks.monitoring_batch_write.delay().get() == len(SENT)
    assert MonitoringResponse.objects.count() == len(SENT)
    schedule = {
        entry["task"]: entry["schedule"] for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["engagement.tasks.monitoring_batch_write"] == 60 * 60 * 24
    assert schedule["engagement.tasks.monitoring_invitations_send"] == 60 * 60 * 24
