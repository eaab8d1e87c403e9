"""Prepare the benchmark database (used by ``make bench``; see bench/README.md).

    python bench/prepare.py --create-database   # create DATABASE_URL's database if missing
    python bench/prepare.py --seed 50000        # top the benchmark rows up to 50000, analyse

Seeding runs only when fewer benchmark organisations than asked for are there, so a
second ``make bench`` reuses the data. Either way the table is vacuumed and analysed,
so that the planner has statistics and index-only scans work, as autovacuum would
eventually arrange on a live database.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def create_database(url: str) -> None:
    import environ
    import psycopg2
    from psycopg2 import sql

    config = environ.Env.db_url_config(url)
    if "postgresql" not in config["ENGINE"]:
        raise SystemExit("DATABASE_URL must point at PostgreSQL for the benchmarks")
    connection = psycopg2.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
            if cursor.fetchone() is None:
                print(f"Creating the database {config['NAME']}")
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    finally:
        connection.close()


def seed(organisations: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "waytahead.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from directory.bench_data import BENCH_SOURCE
    from directory.models import Organisation

    there = Organisation.objects.filter(source=BENCH_SOURCE).count()
    if there < organisations:
        print(f"Seeding {organisations - there} benchmark organisations ({there} there)")
        call_command("seed_bench", organisations=organisations - there)
    else:
        print(f"{there} benchmark organisations already there: not seeding")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--create-database", action="store_true")
    parser.add_argument("--seed", type=int, metavar="N")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("set DATABASE_URL")
    if args.create_database:
        create_database(url)
    if args.seed is not None:
        seed(args.seed)


if __name__ == "__main__":
    main()
