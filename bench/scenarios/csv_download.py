"""3. /data/organisations.csv against PostgreSQL's own COPY of the same SELECT: rows/s,
and the gunicorn workers' memory growth (VmRSS before/after)."""

from __future__ import annotations

import http.client
import time

from bench.harness import (
    HOST,
    Gunicorn,
    RssSampler,
    interleaved,
    median,
    round_ratios,
    vm_rss_kb,
)

from .context import Context

NAME = "csv"
# Budgets (DESIGN.md, "Budgets").
CSV_ROWS_RATIO_MIN = 0.9
CSV_RSS_GROWTH_MAX_MB = 10.0
CHUNK = 256 * 1024


def title(_options) -> str:
    return "3. CSV download vs COPY"


def download_csv(server: Gunicorn) -> dict:
    return download(server, "/data/organisations.csv")


def download(server: Gunicorn, path: str) -> dict:
    """Read ``path`` to the end through gunicorn: its time, size and lines, and the
    workers' memory growth (after, and at its peak while streaming)."""
    pids = server.worker_pids()
    before = {pid: vm_rss_kb(pid) for pid in pids}
    sampler = RssSampler(pids)
    sampler.start()
    connection = http.client.HTTPConnection(HOST, server.port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"{path} answered {response.status}")
    size = lines = 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    connection.close()
    sampler.stopping.set()
    sampler.join()
    time.sleep(0.2)  # let the worker finish the request before reading its memory
    after = {pid: vm_rss_kb(pid) for pid in pids}
    return {
        "seconds": elapsed,
        "bytes": size,
        "lines": lines,
        "rss_growth_mb": max((after[p] - before[p]) / 1024 for p in pids),
        "rss_peak_growth_mb": max((sampler.peak[p] - before[p]) / 1024 for p in pids),
        "rss_after_mb": {p: after[p] / 1024 for p in pids},
    }


class _Discard:
    """A sink that only counts the bytes and lines written to it."""

    def __init__(self):
        self.size = 0
        self.lines = 0

    def write(self, data):
        self.size += len(data)
        self.lines += bytes(data).count(b"\n")


def copy_csv() -> dict:
    """PostgreSQL's own COPY (the download's SELECT) TO STDOUT CSV, over a new connection."""
    import psycopg2
    from django.db import connection

    from directory.open_data.pg_copy import copy_sql

    statement = copy_sql()
    params = connection.get_connection_params()
    raw = psycopg2.connect(**params)
    try:
        sink = _Discard()
        started = time.perf_counter()
        with raw.cursor() as cursor:
            cursor.copy_expert(statement, sink, size=CHUNK)
        elapsed = time.perf_counter() - started
    finally:
        raw.close()
    return {"seconds": elapsed, "bytes": sink.size, "lines": sink.lines}


def run(context: Context) -> dict:
    from directory.models import Organisation

    server, wrk = context.server, context.wrk
    rows = Organisation.objects.public().count()
    # A worker's first requests import and build what the app loads lazily (~30 MB):
    # warm both workers up with ordinary pages first, so that what is measured is what
    # a download adds. The first download is still reported (and judged) on its own.
    wrk.run(["/api/v1/organisations/", "/en/organisations/", "/en/"], connections=4, seconds=2)
    cold = download_csv(server)
    copy_csv()
    runs = interleaved(
        context.options.rounds,
        {"copy": None, "download": None},
        lambda name, _spec: copy_csv() if name == "copy" else download_csv(server),
    )
    if any(run["bytes"] != runs["copy"][0]["bytes"] for run in runs["download"] + runs["copy"]):
        raise RuntimeError("the download and COPY gave different sizes")
    # Rows/s are the same rows over each side's seconds: the ratio is COPY's time over
    # the download's.
    ratios = round_ratios(
        [run["seconds"] for run in runs["copy"]], [run["seconds"] for run in runs["download"]]
    )
    growth = [run["rss_growth_mb"] for run in runs["download"]]
    return {
        "rows": rows,
        "runs": runs,
        "cold": cold,
        "ratios": ratios,
        "growth": growth,
        "pass_rate": median(ratios) >= CSV_ROWS_RATIO_MIN,
        "pass_rss": max(growth + [cold["rss_growth_mb"]]) < CSV_RSS_GROWTH_MAX_MB,
    }


def checks(result: dict) -> list[bool]:
    return [result["pass_rate"], result["pass_rss"]]
