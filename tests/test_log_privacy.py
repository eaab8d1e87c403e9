"""Django's own log records about the monitoring and feedback routes carry no request
(with its address and headers), no token and no time finer than the month."""

import logging
import time
from datetime import datetime

import pytest
from django.conf import settings

from common.log_privacy import PrivateRouteFilter, is_private_path
from tests.engagement.factories import EventFactory, in_days

ADDRESS = "203.0.113.9"
PLAIN = logging.Formatter(settings.LOGGING["formatters"]["plain"]["format"])


def month_start() -> str:
    return datetime.now().strftime("%Y-%m-01 00:00:00,000")


def request_records(caplog):
    return [record for record in caplog.records if record.name == "django.request"]


@pytest.mark.django_db
def test_a_refused_monitoring_post_is_logged_without_address_or_time(client, caplog):
    EventFactory(slug="drop-in", starts_at=in_days(-1))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.post(
            "/en/events/drop-in/monitoring/?token=forged", {}, REMOTE_ADDR=ADDRESS
        )
    assert response.status_code == 400
    [record] = request_records(caplog)
    assert record.request is None
    line = PLAIN.format(record)
    assert line.startswith(month_start())
    assert "/en/events/drop-in/monitoring/" in line
    assert ADDRESS not in line and "forged" not in line


@pytest.mark.django_db
def test_an_ordinary_route_keeps_its_record(client, caplog):
    EventFactory(slug="meeting")
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.post("/en/events/meeting/", {}, REMOTE_ADDR=ADDRESS).status_code == 400
    [record] = request_records(caplog)
    assert record.request.META["REMOTE_ADDR"] == ADDRESS  # as Django logs it
    assert not PLAIN.format(record).startswith(month_start())


def test_the_development_server_line_loses_its_token_and_time():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("POST /en/events/x/monitoring/?token=abc HTTP/1.1", "302", "0"),
        None,
    )
    record.server_time = "02/Dec/2026 14:22:54"
    record.request = object()  # the socket, which knows the address
    assert PrivateRouteFilter().filter(record)
    assert record.getMessage() == '"POST /en/events/x/monitoring/ HTTP/1.1" 302 0'
    assert record.server_time == time.strftime("%b/%Y", time.localtime(record.created))
    assert record.request is None


@pytest.mark.parametrize(
    ("path", "private"),
    [
        ("/en/events/a/monitoring/", True),
        ("/en/events/a/monitoring/thanks/", True),
        ("/gu/events/a/feedback/", True),
        ("/en/feedback/", True),
        ("/feedback/thanks/", True),
        ("/en/events/a/", False),
        ("/en/events/feedback/", False),
        ("/en/organisations/a/report/", False),
        ("/api/v1/events/", False),
        (None, False),
    ],
)
def test_which_routes_are_private(path, private):
    assert is_private_path(path) is private
