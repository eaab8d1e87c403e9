"""Rate limits hold across workers: two processes sharing Redis allow the configured
number of anonymous requests between them, not twice it."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import require_or_skip

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("WAYTAHEAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

WORKER = """
import json, os, sys
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "waytahead.settings"
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR=sys.argv[1])
statuses = [client.get("/api/v1/").status_code for _ in range(int(sys.argv[2]))]
print(json.dumps(statuses))
"""


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def run_workers(cache_url: str, *, limit: int, each: int) -> list[int]:
    """Two worker processes, started together, each making ``each`` requests from one
    client address; every status code they got."""
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_CACHE_URL": cache_url,
        "DJANGO_API_ANON_RATE": f"{limit}/hour",
        "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "no-database-needed.sqlite3"),
    }
    workers = [
        subprocess.Popen(  # noqa: S603 (this interpreter, our own script)
            [sys.executable, "-c", WORKER, address, str(each)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    statuses = []
    for worker in workers:
        output, _ = worker.communicate(timeout=120)
        assert worker.returncode == 0
        statuses += json.loads(output.decode().strip().splitlines()[-1])
    return statuses


@pytest.mark.slow
def test_two_workers_sharing_redis_allow_the_limit_not_double():
    require_or_skip(
        redis_answers(), f"Redis is not reachable at {REDIS_URL}", "WAYTAHEAD_REQUIRE_SERVICES"
    )
    statuses = run_workers(REDIS_URL, limit=10, each=8)
    assert statuses.count(200) == 10
    assert statuses.count(429) == 6


@pytest.mark.slow
def test_with_a_cache_of_its_own_each_worker_counts_alone():
    # Why production needs Redis: local memory is each process's own.
    statuses = run_workers("locmemcache://", limit=10, each=8)
    assert statuses.count(200) == 16


@pytest.mark.django_db
def test_responses_say_how_many_requests_are_left(client):
    first = client.get("/api/v1/boroughs/")
    second = client.get("/api/v1/boroughs/")
    assert first["X-RateLimit-Limit"] == second["X-RateLimit-Limit"]
    assert int(first["X-RateLimit-Remaining"]) == int(second["X-RateLimit-Remaining"]) + 1
    assert 0 < int(second["X-RateLimit-Reset"]) <= 60


@pytest.mark.django_db
def test_a_refused_request_says_when_to_come_back(client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/min"})
    assert client.get("/api/v1/boroughs/").status_code == 200
    refused = client.get("/api/v1/boroughs/")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert refused["X-RateLimit-Remaining"] == "0"
