"""The ndjson benchmark's report rows read its result, and the scenario is run by the
driver."""

from bench import report, scenarios
from bench.scenarios import ndjson


def _run(seconds: float, growth: float, peak: float) -> dict:
    return {"seconds": seconds, "rss_growth_mb": growth, "rss_peak_growth_mb": peak}


def test_the_report_reads_the_result():
    result = {
        "rows": 50_000,
        "runs": {"csv": [_run(1.0, 0.1, 0.5)] * 3, "ndjson": [_run(4.0, 0.2, 1.5)] * 3},
        "cold": _run(5.0, 0.4, 2.5),
        "ratios": [0.25, 0.25, 0.25],
        "growth": [0.2, 0.2, 0.2, 0.4],
        "peaks": [1.5, 1.5, 1.5, 2.5],
        "pass_rss": True,
    }
    [row] = report.ndjson_summary(result)
    assert row[1] == "50,000 rows/s (CSV)"
    assert row[2] == "12,500 rows/s, peak growth max 2.5 MB"
    assert row[-1] == report.verdict(True)
    details = "\n".join(report.ndjson_details(result))
    assert "9. The Open Referral UK feed as ndjson" in details and "| first |" in details


def test_the_driver_runs_it():
    assert "ndjson" in scenarios.NAMES
    assert ndjson.checks({"pass_rss": False}) == [False]
