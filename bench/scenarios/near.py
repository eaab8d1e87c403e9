"""6. Postcode search within 2 km ("near me", /en/organisations/?near=...&within=2)
against the plain browse page (/en/organisations/), at each size of ``--near-sizes``
(50,000 and 120,000 organisations).

A size the benchmark database already has is measured on the run's own server. Any other
is measured on a database of its own beside it, ``<database>_<size>`` (created,
migrated and seeded with ``seed_bench`` the first time, as ``make bench`` prepares its
own, then reused), served by a second gunicorn for the length of the measure.
"""

from __future__ import annotations

import os
import subprocess  # noqa: S404 - runs this checkout's own manage.py and prepare.py
import sys
import urllib.parse

from bench.harness import (
    ROOT,
    Gunicorn,
    Wrk,
    free_port,
    http_get,
    interleaved,
    log,
    median,
    round_ratios,
)

from .context import Context, quote

NAME = "near"
# Budget: a postcode search costs at most half as much again as the plain browse page.
NEAR_P95_RATIO_MAX = 1.5
SIZES = (50_000, 120_000)
WITHIN_KM = 2
CONNECTIONS = 4
# The postcodes searched: the first made-up postcode of every fourth borough.
EVERY_NTH_BOROUGH = 4


def title(options) -> str:
    sizes = " and ".join(f"{size:,}" for size in sizes_of(options))
    return f"6. postcode search within {WITHIN_KM} km vs browse, at {sizes} organisations"


def sizes_of(options) -> tuple[int, ...]:
    return tuple(getattr(options, "near_sizes", None) or SIZES)


def search_postcodes() -> list[str]:
    """The postcodes searched near: seed_bench's, spread over London."""
    from directory.bench_data import bench_postcodes
    from directory.models import Borough

    boroughs = sorted(Borough.objects.all(), key=lambda borough: borough.slug)
    planned = bench_postcodes(boroughs)
    return [
        planned[borough.pk][0].postcode
        for borough in boroughs[::EVERY_NTH_BOROUGH]
        if planned.get(borough.pk)
    ]


def near_path(postcode: str) -> str:
    return f"/en/organisations/?near={quote(postcode)}&within={WITHIN_KM}"


def run(context: Context) -> dict:
    postcodes = search_postcodes()
    if not postcodes:
        raise RuntimeError("no boroughs with bench postcodes: migrate and run seed_bench")
    results = {}
    for size in sizes_of(context.options):
        if bench_organisations() == size:
            results[size] = measure(context, context.wrk, postcodes, "default")
        else:
            with SideDatabase(size, context) as side:
                results[size] = measure(context, side.wrk, postcodes, side.alias)
        entry = results[size]
        log(
            f"{entry['organisations']:,} organisations: near/browse p95 ratio "
            f"{median(entry['ratios']):.2f} (budget <= {NEAR_P95_RATIO_MAX})"
        )
    return {"sizes": results, "postcodes": postcodes, "within_km": WITHIN_KM}


def checks(result: dict) -> list[bool]:
    return [entry["pass"] for entry in result["sizes"].values()]


def bench_organisations(using: str = "default") -> int:
    from directory.bench_data import BENCH_SOURCE
    from directory.models import Organisation

    return Organisation.objects.using(using).filter(source=BENCH_SOURCE).count()


def measure(context: Context, wrk: Wrk, postcodes: list[str], using: str) -> dict:
    rounds, seconds = context.options.rounds, context.options.seconds
    scenarios = {"browse": ["/en/organisations/"], "near": [near_path(p) for p in postcodes]}
    matches = match_counts(postcodes, using)
    check_results(wrk.port, postcodes, matches)
    for paths in scenarios.values():
        wrk.run(paths, connections=CONNECTIONS, seconds=2)  # warm-up, not recorded
    runs = interleaved(
        rounds,
        scenarios,
        lambda _n, paths: wrk.run(paths, connections=CONNECTIONS, seconds=seconds),
    )
    ratios = round_ratios(
        [run["latency_ms"]["p95"] for run in runs["near"]],
        [run["latency_ms"]["p95"] for run in runs["browse"]],
    )
    return {
        "organisations": public_organisations(using),
        "runs": runs,
        "ratios": ratios,
        "matches": matches,
        "pass": median(ratios) <= NEAR_P95_RATIO_MAX,
    }


def public_organisations(using: str) -> int:
    from directory.models import Organisation

    return Organisation.objects.using(using).public().count()


def match_counts(postcodes: list[str], using: str) -> dict[str, int]:
    """How many public organisations each search finds, from the data it runs on."""
    from directory.geo import Point
    from directory.models import Organisation, Postcode

    counts = {}
    for code in postcodes:
        found = Postcode.objects.using(using).filter(postcode=code).first()
        if found is None:
            raise RuntimeError(
                f"{code} is not in the postcode table of the {using} database: its benchmark "
                "data predates seed_bench's postcodes; drop the database and seed it again"
            )
        point = Point.of(found.latitude, found.longitude)
        public = Organisation.objects.using(using).public()
        counts[code] = public.near(point, WITHIN_KM).count()
    return counts


def check_results(port: int, postcodes: list[str], matches: dict[str, int]) -> None:
    """Every search answers 200 with listings, or the comparison means nothing."""
    for code in postcodes:
        status, body = http_get(port, near_path(code))
        if status != 200 or not matches[code] or b"/en/organisations/bench-" not in body:
            raise RuntimeError(
                f"{near_path(code)} answered {status} with {matches[code]} matches: the "
                "benchmark organisations have no points near it (seed them again)"
            )


class SideDatabase:
    """A benchmark database of ``size`` organisations beside the run's own, prepared as
    ``make bench`` prepares that one, served by its own gunicorn while in use."""

    def __init__(self, size: int, context: Context):
        base = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
        self.name = f"{base.path.lstrip('/')}_{size}"
        self.url = urllib.parse.urlunsplit(base._replace(path=f"/{self.name}"))
        self.size = size
        self.alias = f"near_{size}"
        self.workdir = context.workdir / self.alias
        self.binary = context.wrk.binary
        self.server: Gunicorn | None = None
        self.wrk: Wrk

    def __enter__(self) -> SideDatabase:
        from django.db import connections

        self.workdir.mkdir(exist_ok=True)
        env = {**os.environ, "DATABASE_URL": self.url}
        log(f"preparing the database {self.name} ({self.size:,} organisations)")
        for command in (
            ["bench/prepare.py", "--create-database"],
            ["manage.py", "migrate", "--noinput", "-v0"],
            ["bench/prepare.py", "--seed", str(self.size)],
        ):
            subprocess.run([sys.executable, *command], cwd=ROOT, env=env, check=True)  # noqa: S603
        connections.databases[self.alias] = {**connections.databases["default"], "NAME": self.name}
        self.server = Gunicorn(
            free_port(), env, self.workdir / "gunicorn.pid", self.workdir / "gunicorn.log"
        )
        try:
            self.server.start()
        except BaseException:
            self.__exit__()
            raise
        self.wrk = Wrk(self.binary, self.server.port, self.workdir)
        return self

    def __exit__(self, *exc_info) -> None:
        from django.db import connections

        if self.server is not None:
            self.server.stop()
            self.server.print_log()
        if self.alias in connections.databases:
            connections[self.alias].close()


def sizes_argument(text: str) -> tuple[int, ...]:
    """``--near-sizes 50000,120000``."""
    sizes = tuple(int(part) for part in text.split(",") if part.strip())
    if not sizes or min(sizes) < 1000:
        raise ValueError("sizes of 1000 organisations or more, separated by commas")
    return sizes
