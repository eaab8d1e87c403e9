"""9. The whole Open Referral UK feed as ndjson (``/openreferral/organizations?
format=ndjson``, every public organisation, unpaginated): the gunicorn workers' memory
growth while streaming it must stay flat, as the CSV download's does, and every
organisation must arrive, one line each. Its rate is reported against the CSV
download of the same organisations."""

from __future__ import annotations

from bench.harness import interleaved, median, round_ratios

from .context import Context
from .csv_download import CSV_RSS_GROWTH_MAX_MB, download

NAME = "ndjson"
PATH = "/openreferral/organizations?format=ndjson"
# Budget: flat memory, as for the CSV download (DESIGN.md, "Budgets").
NDJSON_RSS_GROWTH_MAX_MB = CSV_RSS_GROWTH_MAX_MB


def title(_options) -> str:
    return "9. ORUK feed as ndjson, whole"


def run(context: Context) -> dict:
    from directory.models import Organisation

    server, wrk = context.server, context.wrk
    rows = Organisation.objects.public().count()
    wrk.run(["/openreferral/organizations", "/api/v1/organisations/"], connections=4, seconds=2)
    cold = download(server, PATH)
    runs = interleaved(
        context.options.rounds,
        {"csv": None, "ndjson": None},
        lambda name, _spec: download(server, "/data/organisations.csv" if name == "csv" else PATH),
    )
    lines = {run["lines"] for run in runs["ndjson"]} | {cold["lines"]}
    if lines != {rows}:
        raise RuntimeError(f"the ndjson feed gave {sorted(lines)} lines for {rows:,} organisations")
    growth = [run["rss_growth_mb"] for run in runs["ndjson"]] + [cold["rss_growth_mb"]]
    peaks = [run["rss_peak_growth_mb"] for run in runs["ndjson"]] + [cold["rss_peak_growth_mb"]]
    ratios = round_ratios(
        [run["seconds"] for run in runs["csv"]], [run["seconds"] for run in runs["ndjson"]]
    )
    return {
        "rows": rows,
        "runs": runs,
        "cold": cold,
        "ratios": ratios,
        "growth": growth,
        "peaks": peaks,
        "pass_rss": max(peaks) < NDJSON_RSS_GROWTH_MAX_MB,
        "median_seconds": median([run["seconds"] for run in runs["ndjson"]]),
    }


def checks(result: dict) -> list[bool]:
    return [result["pass_rss"]]
