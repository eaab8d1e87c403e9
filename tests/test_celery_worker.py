"""A real Celery worker against Redis: start it, send a task, read the result, stop it."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from celery import Celery

from tests.conftest import require_or_skip

BASE_DIR = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("WAYTAHEAD_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.celery_worker
def test_a_real_worker_runs_a_task_through_redis():
    require_or_skip(
        _redis_answers(REDIS_URL),
        f"Redis is not reachable at {REDIS_URL}",
        "WAYTAHEAD_REQUIRE_SERVICES",
    )
    env = {**os.environ, "CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "waytahead",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            f"--hostname=test-{os.getpid()}@%h",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    client = Celery("waytahead-test-client", broker=REDIS_URL, backend=REDIS_URL)
    try:
        result = client.send_task("waytahead.database_ping")
        value = result.get(timeout=60)
        assert value["database"] == "ok"
        assert value["vendor"] in {"sqlite", "postgresql"}
    finally:
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
    assert "waytahead.database_ping" in output and "succeeded" in output, output[-2000:]
    started = time.monotonic()
    assert worker.returncode is not None and time.monotonic() - started < 1
