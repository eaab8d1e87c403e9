"""2. Directory search (API ``?q=`` and the HTML list), 1 and 8 connections, against a
plain indexed name lookup (/bench/lookup/?name=)."""

from __future__ import annotations

from bench.harness import check_answers, interleaved, median, round_ratios

from .context import Context, quote

NAME = "search"
# Budgets (DESIGN.md, "Budgets"): p95 by the number of connections.
SEARCH_P95_MS = {1: 100.0, 8: 400.0}
KINDS = ("api", "html")


def title(_options) -> str:
    return "2. search"


def api_search_path(word: str) -> str:
    return f"/api/v1/organisations/?page_size=50&q={quote(word)}"


def run(context: Context) -> dict:
    wrk, sample = context.wrk, context.sample
    rounds, seconds = context.options.rounds, context.options.seconds
    words = sample.common_words + sample.rare_words
    scenarios = {
        "lookup": [f"/bench/lookup/?name={quote(name)}" for name in sample.names],
        "api": [api_search_path(w) for w in words],
        "html": [f"/en/organisations/?q={quote(w)}" for w in words],
    }
    for paths in scenarios.values():
        check_answers(wrk.port, paths)
        wrk.run(paths, connections=2, seconds=2)  # warm-up
    results = {}
    for connections, budget in SEARCH_P95_MS.items():
        runs = interleaved(
            rounds,
            scenarios,
            lambda _n, paths, c=connections: wrk.run(paths, connections=c, seconds=seconds),
        )
        entry = {"runs": runs, "budget_ms": budget}
        lookup = [run["latency_ms"]["p95"] for run in runs["lookup"]]
        for kind in KINDS:
            p95s = [run["latency_ms"]["p95"] for run in runs[kind]]
            ratios = round_ratios(p95s, lookup)
            entry[kind] = {"p95s": p95s, "ratios": ratios, "pass": median(p95s) < budget}
        results[connections] = entry
    # Typos (fuzzy matching): reported, one connection, not part of the budget.
    typo = [api_search_path(w) for w in sample.typo_words]
    wrk.run(typo, connections=1, seconds=2)
    results["typo"] = [wrk.run(typo, connections=1, seconds=seconds) for _ in range(2)]
    results["matches"] = match_counts(words + sample.typo_words)
    results["words"] = {
        "common": sample.common_words,
        "rare": sample.rare_words,
        "typo": sample.typo_words,
    }
    return results


def checks(result: dict) -> list[bool]:
    return [result[c][k]["pass"] for c in SEARCH_P95_MS for k in KINDS]


def match_counts(words: list[str]) -> dict[str, int]:
    from directory.models import Organisation
    from directory.search import search_organisations

    public = Organisation.objects.public()
    return {word: search_organisations(public, word).count() for word in words}
