"""The benchmarks, each with its baseline (see bench/README.md), in the order they run.

Each module has ``NAME`` (as ``--only`` names it), ``title(options)`` (what is logged),
``run(context)`` (the measure, as a dict the report reads) and ``checks(result)`` (the
budgets it passed or missed). They import Django and the app only once running, so
that the driver's ``--help`` needs neither.
"""

from __future__ import annotations

from bench.harness import log

from . import (
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
from .context import Context, Sample, sample_data

__all__ = ["ALL", "NAMES", "Context", "Sample", "all_passed", "run_selected", "sample_data"]

ALL = (api, search, csv_download, bulk_import, load, near, postcodes, registers, ndjson)
NAMES = tuple(scenario.NAME for scenario in ALL)
BY_NAME = {scenario.NAME: scenario for scenario in ALL}


def run_selected(only: set[str], context: Context) -> dict:
    """Run the scenarios named in ``only`` (unknown names are ignored), in their order."""
    results = {}
    for scenario in ALL:
        if scenario.NAME in only:
            log(scenario.title(context.options))
            results[scenario.NAME] = scenario.run(context)
    return results


def all_passed(results: dict) -> bool:
    return all(check for name, result in results.items() for check in BY_NAME[name].checks(result))
