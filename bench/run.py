"""``make bench``: measure the budgets of docs DESIGN.md ("Budgets") as ratios to baselines.

Every budget is measured against a baseline run side by side in the same run: the two
alternate (A B, then B A, ...) over several rounds, so that a noisy machine slows both.
A ratio is taken per round and the median of the rounds is what is judged; the spread
(min..max over the rounds) is reported next to it.

What it needs: a PostgreSQL database in ``DATABASE_URL`` that is migrated and seeded
(``manage.py seed_bench --organisations 50000``), static files collected into
``DJANGO_STATIC_ROOT``, and ``wrk`` (installed with apt-get when missing and running as
root). It starts gunicorn itself (2 workers, loopback only), and stops it at the end,
also on failure; ``--pidfile`` lets the Makefile stop it too if this process dies.

Measures (see bench/README.md):
1. API list vs the bare-Django floor (/bench/floor/organisations/): req/s and p95.
2. Directory search (API ``?q=`` and the HTML list with ``q``), 1 and 8 connections:
   p95 against the absolute budget, and the ratio to a plain indexed name lookup.
3. /data/organisations.csv vs PostgreSQL's own COPY of the same SELECT: rows/s, and the
   gunicorn workers' memory growth (VmRSS before/after).
4. Importing 10,000 rows with ``import_organisations`` vs a plain ``bulk_create`` of the
   same rows (both rolled back afterwards, so the database is left as it was).
5. A bounded load test: 50 connections for 60 s over a mix of pages; 0 errors.

Results go to bench/results.md and are printed. Exit status: 0 when every budget passes,
2 when one is missed, 1 when the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.client
import json
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess  # noqa: S404 - runs gunicorn, wrk and apt-get, with fixed arguments
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
LUA = BENCH / "rotate.lua"
HOST = "127.0.0.1"  # loopback only, never another address

# Budgets (DESIGN.md, "Budgets").
API_RPS_RATIO_MIN = 0.8
API_P95_RATIO_MAX = 1.3
SEARCH_P95_SINGLE_MS = 100.0
SEARCH_P95_CONCURRENT_MS = 400.0
CSV_ROWS_RATIO_MIN = 0.9
CSV_RSS_GROWTH_MAX_MB = 10.0
IMPORT_RATIO_MIN = 0.2
IMPORT_ROWS = 10_000
LOAD_CONNECTIONS = 50
LOAD_SECONDS = 60


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- Small statistics helpers --------------------------------------------------------


def median(values):
    return statistics.median(values) if values else float("nan")


def spread(values) -> str:
    if not values:
        return "-"
    return f"{min(values):.3g}..{max(values):.3g}"


# --- The server under test -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn serving the project's WSGI app with 2 sync workers on a loopback port."""

    def __init__(self, port: int, env: dict, pidfile: Path, logfile: Path):
        self.port = port
        self.env = env
        self.pidfile = pidfile
        self.logfile = logfile
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [
            str(gunicorn),
            "waytahead.wsgi:application",
            "--workers=2",
            f"--bind={HOST}:{self.port}",
            f"--pid={self.pidfile}",
            f"--error-logfile={self.logfile}",
            "--log-level=warning",
            "--timeout=120",
        ]
        log(f"starting gunicorn on http://{HOST}:{self.port}/ (2 workers)")
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.logfile}")
            with contextlib.suppress(OSError):
                status, _body = http_get(self.port, "/healthz")
                if status == 200 and len(self.worker_pids()) == 2:
                    return
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer /healthz in 60 s; see {self.logfile}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        log("stopping gunicorn")
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def http_get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def vm_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# --- wrk -----------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise RuntimeError("wrk is missing: install the Debian package wrk (apt-get install wrk)")
    log("wrk is missing: apt-get install -y wrk")
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(["apt-get", "update", "-qq"], **quiet)  # noqa: S607
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], **quiet)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed")
    return found


@dataclass
class Wrk:
    binary: str
    port: int
    workdir: Path
    runs: list = field(default_factory=list)

    def run(self, paths: list[str], *, connections: int, seconds: int, threads=None) -> dict:
        """One wrk run rotating over ``paths``; returns the Lua summary as a dict."""
        threads = threads or min(2, connections)
        listing = self.workdir / f"paths-{len(self.runs)}.txt"
        listing.write_text("\n".join(paths) + "\n")
        command = [
            self.binary,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout=30s",
            "-s",
            str(LUA),
            f"http://{HOST}:{self.port}",
            "--",
            str(listing),
        ]
        done = subprocess.run(  # noqa: S603
            command, capture_output=True, text=True, timeout=seconds + 60, check=False
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if done.returncode != 0 or not lines:
            raise RuntimeError(f"wrk failed ({done.returncode}): {done.stdout}\n{done.stderr}")
        summary = json.loads(lines[-1])
        summary["error_total"] = sum(summary["errors"].values())
        self.runs.append(summary)
        return summary


def interleaved(rounds: int, scenarios: dict, measure) -> dict[str, list]:
    """Run ``measure(name, spec)`` for every scenario in every round, in an order that
    alternates direction each round (A B C, C B A, ...); return results per scenario."""
    names = list(scenarios)
    results: dict[str, list] = {name: [] for name in names}
    for number in range(rounds):
        order = names if number % 2 == 0 else list(reversed(names))
        for name in order:
            results[name].append(measure(name, scenarios[name]))
    return results


# --- Data for the requests -----------------------------------------------------------


@dataclass
class Sample:
    slugs: list
    ids: list
    names: list
    boroughs: list
    categories: list
    languages: list
    common_words: list
    rare_words: list
    typo_words: list
    service_ids: list


def sample_data(seed: int = 7) -> Sample:
    from django.db.models import Count

    from directory.models import Borough, Language, Organisation, Service, TaxonomyTerm

    rng = random.Random(seed)
    public = Organisation.objects.public()
    total = public.count()
    if total < 1000:
        raise RuntimeError(f"only {total} public organisations: run seed_bench first")
    picked = list(
        public.filter(slug__startswith="bench-")
        .order_by("slug")
        .values_list("id", "slug", "name_en")
    )
    picked = rng.sample(picked, 40)
    busy_boroughs = (
        Borough.objects.annotate(n=Count("organisations"))
        .order_by("-n")
        .values_list("slug", flat=True)
    )
    # Rare words: the six-digit number in one organisation's name (one match each), and a
    # borough name together with a theme and that number.
    rare = []
    for _id, _slug, name in picked[:4]:
        number = name.split()[-1]
        rare.append(number)
    _id, _slug, name = picked[4]
    rare.append(" ".join([name.split()[0], name.split()[-1]]))
    return Sample(
        slugs=[slug for _id, slug, _name in picked],
        ids=[str(pk) for pk, _slug, _name in picked],
        names=[name for _id, _slug, name in picked[:10]],
        boroughs=list(busy_boroughs[:5]),
        categories=list(
            TaxonomyTerm.objects.categories().filter(parent=None).values_list("slug", flat=True)[:5]
        ),
        languages=list(Language.objects.order_by("code").values_list("code", flat=True)[:3]),
        common_words=["community", "youth", "food advice", "hackney"],
        rare_words=rare,
        typo_words=["comunity", "hackny"],
        service_ids=[str(pk) for pk in Service.objects.values_list("id", flat=True)[:5]],
    )


def quote(value: str) -> str:
    return urllib.parse.quote_plus(value)


def match_counts(words: list[str]) -> dict[str, int]:
    from directory.models import Organisation
    from directory.search import search_organisations

    public = Organisation.objects.public()
    return {word: search_organisations(public, word).count() for word in words}


# --- 1. API list ---------------------------------------------------------------------

API_PAGES = (1, 2, 3, 10, 100)


def bench_api_list(wrk: Wrk, rounds: int, seconds: float) -> dict:
    scenarios = {
        "floor": [f"/bench/floor/organisations/?page_size=50&page={p}" for p in API_PAGES],
        "api": [f"/api/v1/organisations/?page_size=50&page={p}" for p in API_PAGES],
    }
    check_same_page(wrk.port)
    for paths in scenarios.values():
        wrk.run(paths, connections=4, seconds=2)  # warm-up, not recorded
    runs = interleaved(
        rounds, scenarios, lambda _n, paths: wrk.run(paths, connections=4, seconds=seconds)
    )
    rps_ratios = [a["rps"] / f["rps"] for a, f in zip(runs["api"], runs["floor"], strict=True)]
    p95_ratios = [
        a["latency_ms"]["p95"] / f["latency_ms"]["p95"]
        for a, f in zip(runs["api"], runs["floor"], strict=True)
    ]
    return {
        "runs": runs,
        "rps_ratios": rps_ratios,
        "p95_ratios": p95_ratios,
        "queries": api_query_counts(),
        "pass_rps": median(rps_ratios) >= API_RPS_RATIO_MIN,
        "pass_p95": median(p95_ratios) <= API_P95_RATIO_MAX,
    }


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


# --- 2. Search -----------------------------------------------------------------------


def bench_search(wrk: Wrk, sample: Sample, rounds: int, seconds: float) -> dict:
    words = sample.common_words + sample.rare_words
    scenarios = {
        "lookup": [f"/bench/lookup/?name={quote(name)}" for name in sample.names],
        "api": [f"/api/v1/organisations/?page_size=50&q={quote(w)}" for w in words],
        "html": [f"/en/organisations/?q={quote(w)}" for w in words],
    }
    for paths in scenarios.values():
        for path in paths:
            status, _body = http_get(wrk.port, path)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
        wrk.run(paths, connections=2, seconds=2)  # warm-up
    results = {}
    for connections in (1, 8):
        runs = interleaved(
            rounds,
            scenarios,
            lambda _n, paths, c=connections: wrk.run(paths, connections=c, seconds=seconds),
        )
        budget = SEARCH_P95_SINGLE_MS if connections == 1 else SEARCH_P95_CONCURRENT_MS
        entry = {"runs": runs, "budget_ms": budget}
        for kind in ("api", "html"):
            p95s = [run["latency_ms"]["p95"] for run in runs[kind]]
            ratios = [
                run["latency_ms"]["p95"] / base["latency_ms"]["p95"]
                for run, base in zip(runs[kind], runs["lookup"], strict=True)
            ]
            entry[kind] = {"p95s": p95s, "ratios": ratios, "pass": median(p95s) < budget}
        results[connections] = entry
    # Typos (fuzzy matching): reported, one connection, not part of the budget.
    typo = [f"/api/v1/organisations/?page_size=50&q={quote(w)}" for w in sample.typo_words]
    wrk.run(typo, connections=1, seconds=2)
    results["typo"] = [wrk.run(typo, connections=1, seconds=seconds) for _ in range(2)]
    results["matches"] = match_counts(words + sample.typo_words)
    results["words"] = {"common": sample.common_words, "rare": sample.rare_words}
    return results


# --- 3. Bulk CSV download ------------------------------------------------------------


class RssSampler(threading.Thread):
    """Samples the workers' VmRSS every 20 ms, keeping each worker's highest value."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids = pids
        self.peak = {pid: vm_rss_kb(pid) for pid in pids}
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(0.02):
            for pid in self.pids:
                with contextlib.suppress(OSError):
                    self.peak[pid] = max(self.peak[pid], vm_rss_kb(pid))


def download_csv(server: Gunicorn) -> dict:
    pids = server.worker_pids()
    before = {pid: vm_rss_kb(pid) for pid in pids}
    sampler = RssSampler(pids)
    sampler.start()
    connection = http.client.HTTPConnection(HOST, server.port, timeout=120)
    started = time.perf_counter()
    connection.request("GET", "/data/organisations.csv")
    response = connection.getresponse()
    if response.status != 200:
        raise RuntimeError(f"/data/organisations.csv answered {response.status}")
    size = lines = 0
    while chunk := response.read(256 * 1024):
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
            cursor.copy_expert(statement, sink, size=256 * 1024)
        elapsed = time.perf_counter() - started
    finally:
        raw.close()
    return {"seconds": elapsed, "bytes": sink.size, "lines": sink.lines}


def bench_csv(server: Gunicorn, wrk: Wrk, rounds: int) -> dict:
    from directory.models import Organisation

    rows = Organisation.objects.public().count()
    # A worker's first requests import and build what the app loads lazily (~30 MB):
    # warm both workers up with ordinary pages first, so that what is measured is what
    # a download adds. The first download is still reported (and judged) on its own.
    wrk.run(["/api/v1/organisations/", "/en/organisations/", "/en/"], connections=4, seconds=2)
    cold = download_csv(server)
    copy_csv()
    runs = interleaved(
        rounds,
        {"copy": None, "download": None},
        lambda name, _spec: copy_csv() if name == "copy" else download_csv(server),
    )
    if any(run["bytes"] != runs["copy"][0]["bytes"] for run in runs["download"] + runs["copy"]):
        raise RuntimeError("the download and COPY gave different sizes")
    ratios = [
        c["seconds"] / d["seconds"] for d, c in zip(runs["download"], runs["copy"], strict=True)
    ]
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


# --- 4. Import -----------------------------------------------------------------------

IMPORT_COLUMNS = [
    "name",
    "description",
    "legal_form",
    "website",
    "email",
    "phone",
    "address_1",
    "city",
    "postcode",
    "borough",
    "areas_served",
    "categories",
    "languages",
    "status",
    "is_published",
]


def write_import_csv(path: Path, rows: int, seed: int = 11) -> None:
    from directory.models import Borough, Language, Organisation, TaxonomyTerm

    rng = random.Random(seed)
    boroughs = list(Borough.objects.order_by("slug").values_list("slug", "name"))
    categories = list(TaxonomyTerm.objects.categories().values_list("slug", flat=True))
    languages = list(Language.objects.values_list("code", flat=True))
    forms = [choice for choice, _label in Organisation.LegalForm.choices]
    stamp = secrets.token_hex(3)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(IMPORT_COLUMNS)
        for number in range(1, rows + 1):
            slug, place = rng.choice(boroughs)
            name = f"{place} Import Bench {stamp} {number:05d}"
            writer.writerow(
                [
                    name,
                    f"{name} is a generated organisation for the import benchmark in {place}.",
                    rng.choice(forms),
                    f"https://example.org/{stamp}/{number}",
                    f"hello{number}@example.org",
                    f"020 7946 {number % 10000:04d}",
                    f"{number} High Street",
                    "London",
                    f"E{rng.randint(1, 18)} {rng.randint(1, 9)}AA",
                    slug,
                    slug,
                    ";".join(rng.sample(categories, min(2, len(categories)))),
                    ";".join(rng.sample(languages, min(2, len(languages)))),
                    "active",
                    "true",
                ]
            )


def vacuum_organisations() -> None:
    """VACUUM ANALYZE the tables the import writes to (rolled back: dead tuples)."""
    from django.db import connection

    from directory.models import Organisation

    tables = [Organisation._meta.db_table, Organisation.history.model._meta.db_table]
    for name in ("areas_served", "categories", "languages"):
        tables.append(Organisation._meta.get_field(name).remote_field.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def plain_bulk_create(path: Path) -> int:
    """The baseline: read the same CSV and bulk_create the same rows and links."""
    from django.utils.text import slugify

    from directory.models import Borough, Language, Organisation, TaxonomyTerm
    from directory.search import fold

    boroughs = dict(Borough.objects.values_list("slug", "id"))
    terms = dict(TaxonomyTerm.objects.categories().values_list("slug", "id"))
    languages = dict(Language.objects.values_list("code", "id"))
    organisations, links = [], []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            organisation = Organisation(
                slug=slugify(row["name"])[:100],
                name=row["name"],
                name_en=row["name"],
                description=row["description"],
                description_en=row["description"],
                legal_form=row["legal_form"],
                website=row["website"],
                email=row["email"],
                phone=row["phone"],
                address_1=row["address_1"],
                city=row["city"],
                postcode=row["postcode"],
                borough_id=boroughs[row["borough"]],
                status=row["status"],
                is_published=row["is_published"] == "true",
                search_text=fold(f"{row['name']} {row['description']}"),
            )
            organisations.append(organisation)
            links.append(row)
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    through = {
        "areas_served": (Organisation.areas_served.through, "borough_id", boroughs),
        "categories": (Organisation.categories.through, "taxonomyterm_id", terms),
        "languages": (Organisation.languages.through, "language_id", languages),
    }
    for column, (model, key, lookup) in through.items():
        model.objects.bulk_create(
            [
                model(organisation_id=organisation.pk, **{key: lookup[value]})
                for organisation, row in zip(organisations, links, strict=True)
                for value in row[column].split(";")
            ],
            batch_size=5000,
        )
    return len(organisations)


def timed_and_rolled_back(function) -> float:
    """Seconds taken by ``function()`` inside a transaction that is then rolled back."""
    from django.db import transaction

    with transaction.atomic():
        started = time.perf_counter()
        function()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def run_import_command(path: Path) -> None:
    from django.core.management import call_command

    out = open(os.devnull, "w")  # noqa: SIM115
    with out:
        call_command("import_organisations", str(path), stdout=out, stderr=sys.stderr)


def bench_import(workdir: Path, rounds: int, rows: int) -> dict:
    from directory.models import Organisation

    path = workdir / "import.csv"
    write_import_csv(path, rows)
    before = Organisation.objects.count()
    runs = interleaved(
        rounds,
        {"bulk_create": plain_bulk_create, "import": run_import_command},
        lambda _name, function: timed_and_rolled_back(lambda: function(path)),
    )
    if Organisation.objects.count() != before:
        raise RuntimeError("the import benchmark left rows behind")
    # The rolled-back rows are dead tuples: vacuum them away and refresh the statistics,
    # or the next measures (and runs) see a bloated table and different plans.
    vacuum_organisations()
    ratios = [b / i for i, b in zip(runs["import"], runs["bulk_create"], strict=True)]
    return {
        "rows": rows,
        "runs": runs,
        "ratios": ratios,
        "pass": median(ratios) >= IMPORT_RATIO_MIN,
    }


# --- 5. Load -------------------------------------------------------------------------


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


def bench_load(wrk: Wrk, sample: Sample, seconds: int, connections: int) -> dict:
    paths = load_paths(sample)
    for path in paths:
        status, _body = http_get(wrk.port, path)
        if status >= 400:
            raise RuntimeError(f"load path {path} answered {status}")
    run = wrk.run(paths, connections=connections, seconds=seconds, threads=2)
    return {"run": run, "paths": paths, "pass": run["error_total"] == 0 and run["requests"] > 0}


# --- Report --------------------------------------------------------------------------


def facts(wrk_binary: str) -> dict:
    import django
    import gunicorn
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgresql = cursor.fetchone()[0]
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    version = subprocess.run(  # noqa: S603
        [wrk_binary, "-v"], capture_output=True, text=True, check=False
    ).stdout.splitlines()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgresql,
        "gunicorn": gunicorn.__version__,
        "wrk": version[0].split(" Copyright")[0] if version else "unknown",
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def verdict(passed: bool) -> str:
    return "PASS" if passed else "**MISS**"


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def render(info: dict, results: dict, settings: dict) -> str:
    out = []
    add = out.append
    add("# Benchmark results")
    add("")
    add("Written by `make bench` (bench/run.py); see bench/README.md for what is measured")
    add("and how. Every ratio is taken per round against a baseline run alternately in the")
    add("same run; the median over the rounds is judged, and the spread is min..max.")
    add("")
    add(f"- Date: {info['date']}")
    add(f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory")
    add(
        f"- Versions: Python {info['python']}, Django {info['django']}, PostgreSQL "
        f"{info['postgresql']}, gunicorn {info['gunicorn']} (2 sync workers), {info['wrk']}"
    )
    add(
        f"- Data: {settings['organisations']} public organisations (seed_bench); "
        f"{settings['rounds']} rounds; wrk runs of {settings['seconds']} s"
    )
    add(
        f"- Machine load (1/5/15-minute load average) at the start: {settings['load_start']}; "
        f"at the end: {settings.get('load_end', '-')} (other work on the machine slows "
        "baselines and measures alike: ratios cancel it, absolute budgets do not)"
    )
    add("")
    summary = []
    if "api" in results:
        api = results["api"]
        runs = api["runs"]
        floor_rps = [run["rps"] for run in runs["floor"]]
        api_rps = [run["rps"] for run in runs["api"]]
        floor_p95 = [run["latency_ms"]["p95"] for run in runs["floor"]]
        api_p95 = [run["latency_ms"]["p95"] for run in runs["api"]]
        summary += [
            (
                "API list req/s vs floor",
                f"{median(floor_rps):.0f} req/s",
                f"{median(api_rps):.0f} req/s",
                f"{median(api['rps_ratios']):.2f} ({spread(api['rps_ratios'])})",
                f">= {API_RPS_RATIO_MIN}",
                verdict(api["pass_rps"]),
            ),
            (
                "API list p95 vs floor",
                ms(median(floor_p95)),
                ms(median(api_p95)),
                f"{median(api['p95_ratios']):.2f} ({spread(api['p95_ratios'])})",
                f"<= {API_P95_RATIO_MAX}",
                verdict(api["pass_p95"]),
            ),
        ]
    if "search" in results:
        search = results["search"]
        for connections in (1, 8):
            entry = search[connections]
            lookup = [run["latency_ms"]["p95"] for run in entry["runs"]["lookup"]]
            for kind, label in (("api", "API ?q="), ("html", "HTML list ?q=")):
                summary.append(
                    (
                        f"Search p95, {label}, {connections} conn.",
                        f"{ms(median(lookup))} (name lookup)",
                        f"{ms(median(entry[kind]['p95s']))} ({spread(entry[kind]['p95s'])})",
                        f"{median(entry[kind]['ratios']):.1f}x lookup",
                        f"< {entry['budget_ms']:.0f} ms",
                        verdict(entry[kind]["pass"]),
                    )
                )
    if "csv" in results:
        data = results["csv"]
        rows = data["rows"]
        copy_rate = [rows / run["seconds"] for run in data["runs"]["copy"]]
        download_rate = [rows / run["seconds"] for run in data["runs"]["download"]]
        growth = data["growth"] + [data["cold"]["rss_growth_mb"]]
        summary += [
            (
                "CSV download rows/s vs COPY",
                f"{median(copy_rate):,.0f} rows/s",
                f"{median(download_rate):,.0f} rows/s",
                f"{median(data['ratios']):.2f} ({spread(data['ratios'])})",
                f">= {CSV_ROWS_RATIO_MIN}",
                verdict(data["pass_rate"]),
            ),
            (
                "CSV worker RSS growth",
                "-",
                f"max {max(growth):.1f} MB",
                "-",
                f"< {CSV_RSS_GROWTH_MAX_MB:.0f} MB",
                verdict(data["pass_rss"]),
            ),
        ]
    if "import" in results:
        data = results["import"]
        rows = data["rows"]
        bulk = [rows / s for s in data["runs"]["bulk_create"]]
        imported = [rows / s for s in data["runs"]["import"]]
        summary.append(
            (
                f"Import {rows:,} rows vs bulk_create",
                f"{median(bulk):,.0f} rows/s",
                f"{median(imported):,.0f} rows/s",
                f"{median(data['ratios']):.2f} ({spread(data['ratios'])})",
                f">= {IMPORT_RATIO_MIN}",
                verdict(data["pass"]),
            )
        )
    if "load" in results:
        run = results["load"]["run"]
        summary.append(
            (
                f"Load: {LOAD_CONNECTIONS} conn., {run['duration_s']:.0f} s mix",
                "-",
                f"{run['rps']:.0f} req/s, p95 {ms(run['latency_ms']['p95'])}",
                "-",
                "0 errors",
                verdict(results["load"]["pass"]) + f" ({run['error_total']} errors)",
            )
        )
    add("## Summary")
    add("")
    add("| Budget | Baseline | Measured (median) | Ratio (spread) | Budget | Result |")
    add("| --- | --- | --- | --- | --- | --- |")
    for row in summary:
        add("| " + " | ".join(row) + " |")
    add("")
    add(details(results))
    return "\n".join(out) + "\n"


def wrk_row(label: str, runs: list[dict]) -> str:
    rps = [run["rps"] for run in runs]
    p50 = [run["latency_ms"]["p50"] for run in runs]
    p95 = [run["latency_ms"]["p95"] for run in runs]
    p99 = [run["latency_ms"]["p99"] for run in runs]
    errors = sum(run["error_total"] for run in runs)
    requests = sum(run["requests"] for run in runs)
    return (
        f"| {label} | {median(rps):.1f} ({spread(rps)}) | {median(p50):.1f} | "
        f"{median(p95):.1f} ({spread(p95)}) | {median(p99):.1f} | {requests} | {errors} |"
    )


WRK_HEADER = [
    "| Scenario | req/s median (min..max) | p50 ms | p95 ms median (min..max) | p99 ms | "
    "requests | errors |",
    "| --- | --- | --- | --- | --- | --- | --- |",
]


def details(results: dict) -> str:
    out = ["## Details", ""]
    add = out.append
    if "api" in results:
        api = results["api"]
        add("### 1. API list against the bare-Django floor")
        add("")
        add(
            "4 connections; each run rotates over pages "
            + ", ".join(str(p) for p in API_PAGES)
            + " with page_size=50. Floor: /bench/floor/organisations/ (count + `.values()` "
            "of the same rows and columns, as JSON)."
        )
        add("")
        out.extend(WRK_HEADER)
        add(wrk_row("floor", api["runs"]["floor"]))
        add(wrk_row("API /api/v1/organisations/", api["runs"]["api"]))
        add("")
        add("SQL queries per API list request (budget: at most 5, whatever the page size):")
        add("")
        for path, count in api["queries"].items():
            add(f"- `{path}`: {count}")
        add("")
    if "search" in results:
        search = results["search"]
        add("### 2. Directory search")
        add("")
        counts = search["matches"]
        add(
            "Common words: "
            + ", ".join(f"`{w}` ({counts[w]:,} matches)" for w in search["words"]["common"])
            + ". Rare words: "
            + ", ".join(f"`{w}` ({counts[w]:,})" for w in search["words"]["rare"])
            + ". Each run rotates over all of them; the baseline rotates over exact-name "
            "lookups (/bench/lookup/?name=..., a btree index)."
        )
        add("")
        for connections in (1, 8):
            entry = search[connections]
            add(f"{connections} connection(s):")
            add("")
            out.extend(WRK_HEADER)
            add(wrk_row("name lookup (baseline)", entry["runs"]["lookup"]))
            add(wrk_row("API ?q=", entry["runs"]["api"]))
            add(wrk_row("HTML list ?q=", entry["runs"]["html"]))
            add("")
        add(
            "Typos (fuzzy matching through pg_trgm, only for words found nowhere as typed), "
            "1 connection, not part of the budget: "
            + ", ".join(f"`{w}` ({counts[w]:,} matches)" for w in ["comunity", "hackny"])
        )
        add("")
        out.extend(WRK_HEADER)
        add(wrk_row("API ?q= typo", search["typo"]))
        add("")
    if "csv" in results:
        data = results["csv"]
        add("### 3. Bulk CSV download")
        add("")
        add(
            f"{data['rows']:,} rows, {data['runs']['copy'][0]['bytes'] / 1e6:.1f} MB. Baseline: "
            "`COPY (the download's SELECT) TO STDOUT WITH CSV HEADER` through psycopg2 on a "
            "new connection, into a sink that only counts; measured: GET "
            "/data/organisations.csv through gunicorn, read to the end by a client."
        )
        add("")
        add("| Round | COPY s | download s | ratio | worker RSS growth MB | peak during MB |")
        add("| --- | --- | --- | --- | --- | --- |")
        cold = data["cold"]
        add(
            f"| first download | - | {cold['seconds']:.2f} | - | "
            f"{cold['rss_growth_mb']:.1f} | {cold['rss_peak_growth_mb']:.1f} |"
        )
        for number, (copy, download) in enumerate(
            zip(data["runs"]["copy"], data["runs"]["download"], strict=True), 1
        ):
            add(
                f"| {number} | {copy['seconds']:.2f} | {download['seconds']:.2f} | "
                f"{copy['seconds'] / download['seconds']:.2f} | "
                f"{download['rss_growth_mb']:.1f} | {download['rss_peak_growth_mb']:.1f} |"
            )
        add("")
    if "import" in results:
        data = results["import"]
        add("### 4. Import")
        add("")
        add(
            f"A generated CSV of {data['rows']:,} new organisations (name, description, contact "
            "details, borough, areas served, two categories, two languages). Measured: "
            "`manage.py import_organisations` (checks every row, then imports), in-process. "
            "Baseline: reading the same CSV and `bulk_create` of the same organisations and "
            "many-to-many rows. Both run inside a transaction that is rolled back."
        )
        add("")
        add("| Round | bulk_create s | import s | ratio |")
        add("| --- | --- | --- | --- |")
        for number, (bulk, imported) in enumerate(
            zip(data["runs"]["bulk_create"], data["runs"]["import"], strict=True), 1
        ):
            add(f"| {number} | {bulk:.2f} | {imported:.2f} | {bulk / imported:.3f} |")
        add("")
    if "load" in results:
        load = results["load"]
        run = load["run"]
        add("### 5. Load test")
        add("")
        add(
            f"{LOAD_CONNECTIONS} connections, 2 wrk threads, {run['duration_s']:.0f} s, rotating "
            f"over {len(load['paths'])} paths: home, browse with and without filters, detail "
            "pages, API list and detail, ORUK services, /healthz."
        )
        add("")
        out.extend(WRK_HEADER)
        add(wrk_row("mix", [run]))
        add("")
        add(f"Errors by kind: {json.dumps(run['errors'])}")
        add("")
    return "\n".join(out)


# --- Main ----------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds per comparison")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--port", type=int, default=0, help="gunicorn port (default: free)")
    parser.add_argument("--pidfile", type=Path, help="where gunicorn writes its pid")
    parser.add_argument("--output", type=Path, default=BENCH / "results.md")
    parser.add_argument(
        "--only",
        default="api,search,csv,import,load",
        help="comma-separated subset of api,search,csv,import,load",
    )
    parser.add_argument("--import-rounds", type=int, default=2)
    parser.add_argument("--load-seconds", type=int, default=LOAD_SECONDS)
    args = parser.parse_args(argv)
    only = set(args.only.split(","))

    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        raise SystemExit("DATABASE_URL must point at a PostgreSQL database (see bench/README.md)")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waytahead.settings")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-" + secrets.token_urlsafe(32))
    os.environ["DJANGO_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    # gunicorn is reached over plain HTTP on the loopback.
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "false"
    os.environ["DJANGO_SECURE_HSTS_SECONDS"] = "0"
    os.environ["DJANGO_SESSION_COOKIE_SECURE"] = "false"
    os.environ["DJANGO_CSRF_COOKIE_SECURE"] = "false"
    os.environ["DJANGO_API_ANON_RATE"] = "100000000/min"
    os.environ["DJANGO_API_PARTNER_RATE"] = "100000000/min"
    os.environ["WAYTAHEAD_BENCH_VIEWS"] = "true"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        raise SystemExit("the benchmarks run on PostgreSQL")

    wrk_binary = ensure_wrk()
    info = facts(wrk_binary)
    from directory.models import Organisation

    workdir = Path(tempfile.mkdtemp(prefix="waytahead-bench-"))
    pidfile = args.pidfile or workdir / "gunicorn.pid"
    server = Gunicorn(args.port or free_port(), dict(os.environ), pidfile, workdir / "gunicorn.log")
    results: dict = {}
    settings = {
        "organisations": f"{Organisation.objects.public().count():,}",
        "rounds": args.rounds,
        "seconds": args.seconds,
        "load_start": load_average(),
    }
    started = time.monotonic()
    try:
        sample = sample_data()
        connection.close()  # the server's workers must not inherit anything
        server.start()
        wrk = Wrk(wrk_binary, server.port, workdir)
        if "api" in only:
            log("1. API list vs floor")
            results["api"] = bench_api_list(wrk, args.rounds, args.seconds)
        if "search" in only:
            log("2. search")
            results["search"] = bench_search(wrk, sample, args.rounds, args.seconds)
        if "csv" in only:
            log("3. CSV download vs COPY")
            results["csv"] = bench_csv(server, wrk, args.rounds)
        if "import" in only:
            log(f"4. import of {IMPORT_ROWS:,} rows vs bulk_create")
            results["import"] = bench_import(workdir, args.import_rounds, IMPORT_ROWS)
        if "load" in only:
            log(f"5. load: {LOAD_CONNECTIONS} connections for {args.load_seconds} s")
            results["load"] = bench_load(wrk, sample, args.load_seconds, LOAD_CONNECTIONS)
    finally:
        server.stop()
        with contextlib.suppress(OSError):
            log_text = (workdir / "gunicorn.log").read_text()
            if log_text.strip():
                print("--- gunicorn log (warnings and errors) ---")
                print(log_text[-4000:])
        shutil.rmtree(workdir, ignore_errors=True)
    settings["load_end"] = load_average()
    log(f"done in {time.monotonic() - started:.0f} s")
    report = render(info, results, settings)
    args.output.write_text(report)
    print(report)
    print(f"Written to {args.output}")
    return 0 if all_passed(results) else 2


def all_passed(results: dict) -> bool:
    checks = []
    if "api" in results:
        checks += [results["api"]["pass_rps"], results["api"]["pass_p95"]]
    if "search" in results:
        checks += [results["search"][c][k]["pass"] for c in (1, 8) for k in ("api", "html")]
    if "csv" in results:
        checks += [results["csv"]["pass_rate"], results["csv"]["pass_rss"]]
    if "import" in results:
        checks.append(results["import"]["pass"])
    if "load" in results:
        checks.append(results["load"]["pass"])
    return all(checks)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
