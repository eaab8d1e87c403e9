"""1. The API list against the bare-Django floor (/bench/floor/organisations/)."""

from __future__ import annotations

import json

from bench.harness import HOST, http_get, interleaved, median, round_ratios

from .context import Context

NAME = "api"
# Budgets (DESIGN.md, "Budgets").
API_RPS_RATIO_MIN = 0.8
API_P95_RATIO_MAX = 1.3
API_PAGES = (1, 2, 3, 10, 100)
CONNECTIONS = 4


def title(_options) -> str:
    return "1. API list vs floor"


def run(context: Context) -> dict:
    wrk, rounds, seconds = context.wrk, context.options.rounds, context.options.seconds
    scenarios = {
        "floor": [f"/bench/floor/organisations/?page_size=50&page={p}" for p in API_PAGES],
        "api": [f"/api/v1/organisations/?page_size=50&page={p}" for p in API_PAGES],
    }
    check_same_page(wrk.port)
    for paths in scenarios.values():
        wrk.run(paths, connections=CONNECTIONS, seconds=2)  # warm-up, not recorded
    runs = interleaved(
        rounds,
        scenarios,
        lambda _n, paths: wrk.run(paths, connections=CONNECTIONS, seconds=seconds),
    )
    rps_ratios = round_ratios(
        [run["rps"] for run in runs["api"]], [run["rps"] for run in runs["floor"]]
    )
    p95_ratios = round_ratios(
        [run["latency_ms"]["p95"] for run in runs["api"]],
        [run["latency_ms"]["p95"] for run in runs["floor"]],
    )
    return {
        "runs": runs,
        "rps_ratios": rps_ratios,
        "p95_ratios": p95_ratios,
        "queries": api_query_counts(),
        "pass_rps": median(rps_ratios) >= API_RPS_RATIO_MIN,
        "pass_p95": median(p95_ratios) <= API_P95_RATIO_MAX,
    }


def checks(result: dict) -> list[bool]:
    return [result["pass_rps"], result["pass_p95"]]


def check_same_page(port: int) -> None:
    """The floor must serve the same rows as the API, or the comparison means nothing."""
    for page in (1, 10):
        _s, api = http_get(port, f"/api/v1/organisations/?page_size=50&page={page}")
        _s, floor = http_get(port, f"/bench/floor/organisations/?page_size=50&page={page}")
        api, floor = json.loads(api), json.loads(floor)
        api_ids = [row["id"] for row in api["results"]]
        floor_ids = [str(row["id"]) for row in floor["results"]]
        if api_ids != floor_ids or api["count"] != floor["count"]:
            raise RuntimeError(f"the floor and the API disagree on page {page}")


def api_query_counts() -> dict[str, int]:
    """SQL queries per API list request (in this process), to show they stay fixed."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    counts = {}
    for path in (
        "/api/v1/organisations/?page_size=10",
        "/api/v1/organisations/?page_size=100",
        "/api/v1/organisations/?page_size=50&q=community",
        "/api/v1/organisations/?page_size=50&q=food+advice&borough=hackney",
    ):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_HOST=HOST)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        counts[path] = len(captured.captured_queries)
    return counts
