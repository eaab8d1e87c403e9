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

This is the command line. The machinery (environment, gunicorn, wrk, side-by-side
rounds) is ``bench.harness``; the measures and their baselines are ``bench.scenarios``
(see bench/README.md); the write-up is ``bench.report``.

Results go to bench/results.md and are printed. Exit status: 0 when every budget passes,
2 when one is missed, 1 when the benchmark itself failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

# Run as ``python bench/run.py``: the checkout, not bench/, is where ``bench`` is found.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import harness, report, scenarios  # noqa: E402
from bench.scenarios.load import LOAD_SECONDS  # noqa: E402
from bench.scenarios.near import SIZES as NEAR_SIZES  # noqa: E402
from bench.scenarios.near import sizes_argument  # noqa: E402


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds per comparison")
    parser.add_argument("--seconds", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--port", type=int, default=0, help="gunicorn port (default: free)")
    parser.add_argument("--pidfile", type=Path, help="where gunicorn writes its pid")
    parser.add_argument("--output", type=Path, default=harness.BENCH / "results.md")
    parser.add_argument(
        "--only",
        default=",".join(scenarios.NAMES),
        help="comma-separated subset of " + ",".join(scenarios.NAMES),
    )
    parser.add_argument("--import-rounds", type=int, default=2)
    parser.add_argument("--load-seconds", type=int, default=LOAD_SECONDS)
    parser.add_argument(
        "--near-sizes",
        type=sizes_argument,
        default=NEAR_SIZES,
        metavar="N,N",
        help="organisations to measure the postcode search at (default "
        + ",".join(str(size) for size in NEAR_SIZES)
        + "); a size the database does not have gets a database of its own",
    )
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    only = set(args.only.split(","))
    harness.setup_django()
    from django.db import connection

    from directory.models import Organisation

    wrk_binary = harness.ensure_wrk()
    info = report.facts(wrk_binary)
    workdir = Path(tempfile.mkdtemp(prefix="waytahead-bench-"))
    pidfile = args.pidfile or workdir / "gunicorn.pid"
    server = harness.Gunicorn(
        args.port or harness.free_port(), dict(os.environ), pidfile, workdir / "gunicorn.log"
    )
    results: dict = {}
    settings = {
        "organisations": f"{Organisation.objects.public().count():,}",
        "rounds": args.rounds,
        "seconds": args.seconds,
        "load_start": report.load_average(),
    }
    started = time.monotonic()
    try:
        sample = scenarios.sample_data()
        connection.close()  # the server's workers must not inherit anything
        server.start()
        wrk = harness.Wrk(wrk_binary, server.port, workdir)
        context = scenarios.Context(args, server, wrk, sample, workdir)
        results = scenarios.run_selected(only, context)
    finally:
        server.stop()
        server.print_log()
        shutil.rmtree(workdir, ignore_errors=True)
    settings["load_end"] = report.load_average()
    harness.log(f"done in {time.monotonic() - started:.0f} s")
    text = report.render(info, results, settings)
    args.output.write_text(text)
    print(text)
    print(f"Written to {args.output}")
    return 0 if scenarios.all_passed(results) else 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
