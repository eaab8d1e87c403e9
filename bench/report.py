"""The write-up: bench/results.md, from the scenarios' results and the machine's facts."""

from __future__ import annotations

import contextlib
import json
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from bench.harness import median, spread, wrk_version
from bench.scenarios import (
    api,
    bulk_import,
    csv_download,
    load,
    ndjson,
    near,
    postcodes,
    registers,
    search,
)


def facts(wrk_binary: str) -> dict:
    """The machine and the versions the run is on (Django must be set up)."""
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
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "memory": memory,
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "postgresql": postgresql,
        "gunicorn": gunicorn.__version__,
        "wrk": wrk_version(wrk_binary),
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# --- Markdown pieces -----------------------------------------------------------------


def verdict(passed: bool) -> str:
    return "PASS" if passed else "**MISS**"


def ms(value: float) -> str:
    return f"{value:.1f} ms"


def table_row(*cells) -> str:
    return "| " + " | ".join(cells) + " |"


def table_header(*cells) -> list[str]:
    return [table_row(*cells), table_row(*["---"] * len(cells))]


def section(title: str, paragraph: str) -> list[str]:
    return [f"### {title}", "", paragraph, ""]


WRK_HEADER = table_header(
    "Scenario",
    "req/s median (min..max)",
    "p50 ms",
    "p95 ms median (min..max)",
    "p99 ms",
    "requests",
    "errors",
)


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


def ratio(values: list[float], digits: int = 2) -> str:
    return f"{median(values):.{digits}f} ({spread(values)})"


# --- The whole page ------------------------------------------------------------------


def render(info: dict, results: dict, settings: dict) -> str:
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); see bench/README.md for what is measured",
        "and how. Every ratio is taken per round against a baseline run alternately in the",
        "same run; the median over the rounds is judged, and the spread is min..max.",
        "",
        f"- Date: {info['date']}",
        f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} memory",
        f"- Versions: Python {info['python']}, Django {info['django']}, PostgreSQL "
        f"{info['postgresql']}, gunicorn {info['gunicorn']} (2 sync workers), {info['wrk']}",
        f"- Data: {settings['organisations']} public organisations (seed_bench); "
        f"{settings['rounds']} rounds; wrk runs of {settings['seconds']} s",
        f"- Machine load (1/5/15-minute load average) at the start: {settings['load_start']}; "
        f"at the end: {settings.get('load_end', '-')} (other work on the machine slows "
        "baselines and measures alike: ratios cancel it, absolute budgets do not)",
        "",
        "## Summary",
        "",
        *table_header(
            "Budget", "Baseline", "Measured (median)", "Ratio (spread)", "Budget", "Result"
        ),
    ]
    for name, (summarise, _describe) in SECTIONS.items():
        if name in results:
            out += [table_row(*cells) for cells in summarise(results[name])]
    out += ["", details(results)]
    return "\n".join(out) + "\n"


def details(results: dict) -> str:
    out = ["## Details", ""]
    for name, (_summarise, describe) in SECTIONS.items():
        if name in results:
            out += describe(results[name])
    return "\n".join(out)


# --- 1. API list ---------------------------------------------------------------------


def api_summary(result: dict) -> list[tuple]:
    runs = result["runs"]
    floor_rps = [run["rps"] for run in runs["floor"]]
    api_rps = [run["rps"] for run in runs["api"]]
    floor_p95 = [run["latency_ms"]["p95"] for run in runs["floor"]]
    api_p95 = [run["latency_ms"]["p95"] for run in runs["api"]]
    return [
        (
            "API list req/s vs floor",
            f"{median(floor_rps):.0f} req/s",
            f"{median(api_rps):.0f} req/s",
            ratio(result["rps_ratios"]),
            f">= {api.API_RPS_RATIO_MIN}",
            verdict(result["pass_rps"]),
        ),
        (
            "API list p95 vs floor",
            ms(median(floor_p95)),
            ms(median(api_p95)),
            ratio(result["p95_ratios"]),
            f"<= {api.API_P95_RATIO_MAX}",
            verdict(result["pass_p95"]),
        ),
    ]


def api_details(result: dict) -> list[str]:
    pages = ", ".join(str(p) for p in api.API_PAGES)
    return [
        *section(
            "1. API list against the bare-Django floor",
            f"{api.CONNECTIONS} connections; each run rotates over pages {pages} with "
            "page_size=50. Floor: /bench/floor/organisations/ (count + `.values()` of the "
            "same rows and columns, as JSON).",
        ),
        *WRK_HEADER,
        wrk_row("floor", result["runs"]["floor"]),
        wrk_row("API /api/v1/organisations/", result["runs"]["api"]),
        "",
        "SQL queries per API list request (budget: at most 5, whatever the page size):",
        "",
        *(f"- `{path}`: {count}" for path, count in result["queries"].items()),
        "",
    ]


# --- 2. Search -----------------------------------------------------------------------

SEARCH_KINDS = {"api": "API ?q=", "html": "HTML list ?q="}


def search_summary(result: dict) -> list[tuple]:
    rows = []
    for connections in search.SEARCH_P95_MS:
        entry = result[connections]
        lookup = [run["latency_ms"]["p95"] for run in entry["runs"]["lookup"]]
        for kind, label in SEARCH_KINDS.items():
            rows.append(
                (
                    f"Search p95, {label}, {connections} conn.",
                    f"{ms(median(lookup))} (name lookup)",
                    f"{ms(median(entry[kind]['p95s']))} ({spread(entry[kind]['p95s'])})",
                    f"{median(entry[kind]['ratios']):.1f}x lookup",
                    f"< {entry['budget_ms']:.0f} ms",
                    verdict(entry[kind]["pass"]),
                )
            )
    return rows


def search_details(result: dict) -> list[str]:
    counts, words = result["matches"], result["words"]
    out = section(
        "2. Directory search",
        "Common words: "
        + ", ".join(f"`{w}` ({counts[w]:,} matches)" for w in words["common"])
        + ". Rare words: "
        + ", ".join(f"`{w}` ({counts[w]:,})" for w in words["rare"])
        + ". Each run rotates over all of them; the baseline rotates over exact-name "
        "lookups (/bench/lookup/?name=..., a btree index).",
    )
    for connections in search.SEARCH_P95_MS:
        runs = result[connections]["runs"]
        out += [f"{connections} connection(s):", "", *WRK_HEADER]
        out.append(wrk_row("name lookup (baseline)", runs["lookup"]))
        out += [wrk_row(label, runs[kind]) for kind, label in SEARCH_KINDS.items()]
        out.append("")
    out += [
        "Typos (fuzzy matching through pg_trgm, only for words found nowhere as typed), "
        "1 connection, not part of the budget: "
        + ", ".join(f"`{w}` ({counts[w]:,} matches)" for w in words["typo"]),
        "",
        *WRK_HEADER,
        wrk_row("API ?q= typo", result["typo"]),
        "",
    ]
    return out


# --- 3. Bulk CSV ---------------------------------------------------------------------


def csv_summary(result: dict) -> list[tuple]:
    rows = result["rows"]
    copy_rate = [rows / run["seconds"] for run in result["runs"]["copy"]]
    download_rate = [rows / run["seconds"] for run in result["runs"]["download"]]
    growth = result["growth"] + [result["cold"]["rss_growth_mb"]]
    return [
        (
            "CSV download rows/s vs COPY",
            f"{median(copy_rate):,.0f} rows/s",
            f"{median(download_rate):,.0f} rows/s",
            ratio(result["ratios"]),
            f">= {csv_download.CSV_ROWS_RATIO_MIN}",
            verdict(result["pass_rate"]),
        ),
        (
            "CSV worker RSS growth",
            "-",
            f"max {max(growth):.1f} MB",
            "-",
            f"< {csv_download.CSV_RSS_GROWTH_MAX_MB:.0f} MB",
            verdict(result["pass_rss"]),
        ),
    ]


def download_rounds(
    labels: tuple[str, str, str], first: str, cold: dict, baselines: list, measures: list
) -> list[str]:
    """A table of streamed downloads (``csv_download.download``): the first one alone,
    then each round's baseline and measure side by side, the ratio of their times, and
    the workers' memory growth during the measure. ``labels``: the baseline's and the
    measure's seconds, and the memory growth."""
    baseline_s, measure_s, growth = labels
    out = [
        *table_header("Round", baseline_s, measure_s, "ratio", growth, "peak during MB"),
        table_row(
            first,
            "-",
            f"{cold['seconds']:.2f}",
            "-",
            f"{cold['rss_growth_mb']:.1f}",
            f"{cold['rss_peak_growth_mb']:.1f}",
        ),
    ]
    for number, (baseline, measure) in enumerate(zip(baselines, measures, strict=True), 1):
        out.append(
            table_row(
                str(number),
                f"{baseline['seconds']:.2f}",
                f"{measure['seconds']:.2f}",
                f"{baseline['seconds'] / measure['seconds']:.2f}",
                f"{measure['rss_growth_mb']:.1f}",
                f"{measure['rss_peak_growth_mb']:.1f}",
            )
        )
    out.append("")
    return out


def csv_details(result: dict) -> list[str]:
    runs, cold = result["runs"], result["cold"]
    return [
        *section(
            "3. Bulk CSV download",
            f"{result['rows']:,} rows, {runs['copy'][0]['bytes'] / 1e6:.1f} MB. Baseline: "
            "`COPY (the download's SELECT) TO STDOUT WITH CSV HEADER` through psycopg2 on a "
            "new connection, into a sink that only counts; measured: GET "
            "/data/organisations.csv through gunicorn, read to the end by a client.",
        ),
        *download_rounds(
            ("COPY s", "download s", "worker RSS growth MB"),
            "first download",
            cold,
            runs["copy"],
            runs["download"],
        ),
    ]


# --- 4. Import -----------------------------------------------------------------------


def import_summary(result: dict) -> list[tuple]:
    rows = result["rows"]
    bulk = [rows / s for s in result["runs"]["bulk_create"]]
    imported = [rows / s for s in result["runs"]["import"]]
    return [
        (
            f"Import {rows:,} rows vs bulk_create",
            f"{median(bulk):,.0f} rows/s",
            f"{median(imported):,.0f} rows/s",
            ratio(result["ratios"]),
            f">= {bulk_import.IMPORT_RATIO_MIN}",
            verdict(result["pass"]),
        )
    ]


def import_details(result: dict) -> list[str]:
    runs = result["runs"]
    return [
        *section(
            "4. Import",
            f"A generated CSV of {result['rows']:,} new organisations (name, description, "
            "contact details, borough, areas served, two categories, two languages). "
            "Measured: `manage.py import_organisations` (checks every row, then imports), "
            "in-process. Baseline: reading the same CSV and `bulk_create` of the same "
            "organisations and many-to-many rows. Both run inside a transaction that is "
            "rolled back.",
        ),
        *table_header("Round", "bulk_create s", "import s", "ratio"),
        *(
            table_row(str(number), f"{bulk:.2f}", f"{imported:.2f}", f"{bulk / imported:.3f}")
            for number, (bulk, imported) in enumerate(
                zip(runs["bulk_create"], runs["import"], strict=True), 1
            )
        ),
        "",
    ]


# --- 5. Load -------------------------------------------------------------------------


def load_summary(result: dict) -> list[tuple]:
    run = result["run"]
    return [
        (
            f"Load: {load.LOAD_CONNECTIONS} conn., {run['duration_s']:.0f} s mix",
            "-",
            f"{run['rps']:.0f} req/s, p95 {ms(run['latency_ms']['p95'])}",
            "-",
            "0 errors",
            verdict(result["pass"]) + f" ({run['error_total']} errors)",
        )
    ]


def load_details(result: dict) -> list[str]:
    run = result["run"]
    return [
        *section(
            "5. Load test",
            f"{load.LOAD_CONNECTIONS} connections, {load.THREADS} wrk threads, "
            f"{run['duration_s']:.0f} s, rotating over {len(result['paths'])} paths: home, "
            "browse with and without filters, detail pages, API list and detail, ORUK "
            "services, /healthz.",
        ),
        *WRK_HEADER,
        wrk_row("mix", [run]),
        "",
        f"Errors by kind: {json.dumps(run['errors'])}",
        "",
    ]


# --- 6. Postcode search --------------------------------------------------------------


def near_summary(result: dict) -> list[tuple]:
    rows = []
    for entry in result["sizes"].values():
        browse = [run["latency_ms"]["p95"] for run in entry["runs"]["browse"]]
        found = [run["latency_ms"]["p95"] for run in entry["runs"]["near"]]
        rows.append(
            (
                f"Postcode search within {result['within_km']} km p95 vs browse, "
                f"{entry['organisations']:,} organisations",
                f"{ms(median(browse))} (browse page)",
                f"{ms(median(found))} ({spread(found)})",
                ratio(entry["ratios"]),
                f"<= {near.NEAR_P95_RATIO_MAX}",
                verdict(entry["pass"]),
            )
        )
    return rows


def near_details(result: dict) -> list[str]:
    out = section(
        "6. Postcode search (near me)",
        f"{near.CONNECTIONS} connections. Measured: /en/organisations/?near=POSTCODE&within="
        f"{result['within_km']} (nearest first), rotating over {len(result['postcodes'])} of "
        "seed_bench's postcodes across London; baseline: the plain browse page, "
        "/en/organisations/ (A to Z, every public organisation counted).",
    )
    for entry in result["sizes"].values():
        matches = ", ".join(f"`{code}` ({count:,})" for code, count in entry["matches"].items())
        out += [
            f"{entry['organisations']:,} public organisations; matches within "
            f"{result['within_km']} km: {matches}.",
            "",
            *WRK_HEADER,
            wrk_row("browse page (baseline)", entry["runs"]["browse"]),
            wrk_row(f"near, within {result['within_km']} km", entry["runs"]["near"]),
            "",
        ]
    return out


# --- 7. Loading postcodes ------------------------------------------------------------


def postcodes_summary(result: dict) -> list[tuple]:
    rows = result["rows"]
    return [
        (
            f"load_postcodes, {rows:,} London rows ({label})",
            "-",
            f"{median(seconds):.1f} s ({rows / median(seconds):,.0f} rows/s)",
            "-",
            f"< {result['budget_s']:.0f} s",
            verdict(max(seconds) < result["budget_s"]),
        )
        for label, seconds in (
            ("first load", [run["load"] for run in result["runs"]]),
            ("reload", [run["reload"] for run in result["runs"]]),
        )
    ]


def postcodes_details(result: dict) -> list[str]:
    return [
        *section(
            "7. Loading London's postcodes",
            f"`manage.py load_postcodes` (in-process) on a generated CSV in the ONSPD's "
            f"layout and width ({len(postcodes.ONSPD_COLUMNS)} columns, "
            f"{result['megabytes']:.0f} MB): {result['rows']:,} unique London postcodes, "
            "some terminated, a few with no grid reference. Loaded, then loaded again (every "
            "row refreshed), inside a transaction that is rolled back.",
        ),
        *table_header("Round", "first load s", "reload s", "rows added"),
        *(
            table_row(
                str(number), f"{run['load']:.1f}", f"{run['reload']:.1f}", f"{run['new_rows']:,}"
            )
            for number, run in enumerate(result["runs"], 1)
        ),
        "",
    ]


# --- 8. Importing the Charity Commission register ------------------------------------


def registers_summary(result: dict) -> list[tuple]:
    full, quarter = result["full"], result["quarter"]
    listings = full["new"] + full["flagged"]
    return [
        (
            f"import_register ccew, {result['charities']:,} charities ({listings:,} London)",
            "-",
            f"{full['seconds']:.0f} s ({listings / full['seconds']:,.0f} listings/s)",
            "-",
            f"< {result['budget_s']:.0f} s",
            verdict(result["pass_time"]),
        ),
        (
            "import_register ccew, peak memory: whole file against a quarter of it",
            f"{quarter['peak_mb']:.0f} MB",
            f"{full['peak_mb']:.0f} MB",
            f"{full['peak_mb'] / quarter['peak_mb']:.2f}",
            f"<= {registers.MEMORY_GROWTH_MAX}",
            verdict(result["pass_memory"]),
        ),
    ]


def registers_details(result: dict) -> list[str]:
    return [
        *section(
            "8. Importing the Charity Commission register",
            "`import_register ccew` on a generated extract in the Commission's JSON layout "
            "(charity, areas of operation, classifications and other names), each size in "
            "a child process of its own, inside a transaction that is rolled back.",
        ),
        *table_header("Extract", "MB", "seconds", "new", "possible duplicates", "peak MB"),
        *(
            table_row(
                label,
                f"{run['megabytes']:.0f}",
                f"{run['seconds']:.0f}",
                f"{run['new']:,}",
                f"{run['flagged']:,}",
                f"{run['peak_mb']:.0f}",
            )
            for label, run in (("a quarter", result["quarter"]), ("whole", result["full"]))
        ),
        "",
    ]


# --- 9. The ORUK feed as ndjson ------------------------------------------------------


def ndjson_summary(result: dict) -> list[tuple]:
    rows = result["rows"]
    csv_rate = [rows / run["seconds"] for run in result["runs"]["csv"]]
    ndjson_rate = [rows / run["seconds"] for run in result["runs"]["ndjson"]]
    return [
        (
            f"ORUK ndjson, whole feed ({rows:,} organizations), worker RSS growth",
            f"{median(csv_rate):,.0f} rows/s (CSV)",
            f"{median(ndjson_rate):,.0f} rows/s, peak growth max {max(result['peaks']):.1f} MB",
            ratio(result["ratios"]),
            f"< {ndjson.NDJSON_RSS_GROWTH_MAX_MB:.0f} MB",
            verdict(result["pass_rss"]),
        )
    ]


def ndjson_details(result: dict) -> list[str]:
    runs, cold = result["runs"], result["cold"]
    return [
        *section(
            "9. The Open Referral UK feed as ndjson",
            f"GET {ndjson.PATH} through gunicorn, read to the end by a client: every "
            f"public organization ({result['rows']:,} lines), unpaginated. Side by side "
            "with /data/organisations.csv of the same organisations (the ratio is the "
            "CSV's time over the feed's). Judged: the workers' memory growth while "
            "streaming.",
        ),
        *download_rounds(
            ("CSV s", "ndjson s", "RSS growth MB"), "first", cold, runs["csv"], runs["ndjson"]
        ),
    ]


# The sections of the page, in the order the scenarios run: (summary rows, details).
SECTIONS = {
    api.NAME: (api_summary, api_details),
    search.NAME: (search_summary, search_details),
    csv_download.NAME: (csv_summary, csv_details),
    bulk_import.NAME: (import_summary, import_details),
    load.NAME: (load_summary, load_details),
    near.NAME: (near_summary, near_details),
    postcodes.NAME: (postcodes_summary, postcodes_details),
    registers.NAME: (registers_summary, registers_details),
    ndjson.NAME: (ndjson_summary, ndjson_details),
}
