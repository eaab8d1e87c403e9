"""5. A bounded load test: 50 connections for 60 s over a mix of pages; 0 errors."""

from __future__ import annotations

from bench.harness import check_answers

from .context import Context, Sample

NAME = "load"
LOAD_CONNECTIONS = 50
LOAD_SECONDS = 60
THREADS = 2


def title(options) -> str:
    return f"5. load: {LOAD_CONNECTIONS} connections for {options.load_seconds} s"


def load_paths(sample: Sample) -> list[str]:
    paths = ["/", "/en/", "/healthz", "/en/organisations/", "/en/organisations/?page=3"]
    paths += [f"/en/organisations/?borough={b}" for b in sample.boroughs[:3]]
    paths += [f"/en/organisations/?category={c}" for c in sample.categories[:3]]
    paths += [
        f"/en/organisations/?borough={sample.boroughs[0]}&category={sample.categories[0]}",
        f"/en/organisations/?language={sample.languages[0]}&q=youth",
    ]
    paths += [f"/en/organisations/{slug}/" for slug in sample.slugs[:10]]
    paths += ["/api/v1/organisations/", "/api/v1/organisations/?page=5&page_size=20"]
    paths += [f"/api/v1/organisations/?borough={b}" for b in sample.boroughs[:2]]
    paths += [f"/api/v1/organisations/{pk}/" for pk in sample.ids[:10]]
    paths += ["/openreferral/services", "/openreferral/services?page=2"]
    paths += [f"/openreferral/services/{pk}" for pk in sample.service_ids[:3]]
    return paths


def run(context: Context) -> dict:
    wrk = context.wrk
    paths = load_paths(context.sample)
    check_answers(wrk.port, paths, ok=lambda status: status < 400, label="load path ")
    run = wrk.run(
        paths, connections=LOAD_CONNECTIONS, seconds=context.options.load_seconds, threads=THREADS
    )
    return {"run": run, "paths": paths, "pass": run["error_total"] == 0 and run["requests"] > 0}


def checks(result: dict) -> list[bool]:
    return [result["pass"]]
