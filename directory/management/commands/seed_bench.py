"""``manage.py seed_bench --organisations N``: add synthetic organisations for benchmarks.

The rows are fictional, published and bulk-inserted (see directory.bench_data): slugs
``bench-000001`` onwards, and a second run appends after the highest existing number.
Each is placed at a made-up postcode in its borough, and those postcodes (a fixed set,
a few hundred a borough) are added to the postcode table, so "near me" searches work.
Use a throwaway database, for example::

    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/bench.sqlite3 python manage.py seed_bench --organisations 50000
"""

import time

from django.core.management.base import BaseCommand, CommandError

from directory.bench_data import BENCH_SOURCE, seed_bench
from directory.models import Organisation


class Command(BaseCommand):
    help = (
        "Add N synthetic, published organisations (slugs bench-000001, ...) in bulk, for load "
        "and search benchmarks, placed at made-up London postcodes (added to the postcode "
        "table). A second run appends after the highest existing bench number. "
        "Meant for throwaway databases; the rows are fictional and marked is_demo."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisations",
            type=int,
            default=50_000,
            help="How many organisations to add (default 50000).",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="Rows per bulk insert (default 2000).",
        )

    def handle(self, *args, organisations: int, batch_size: int, **options):
        if organisations < 0:
            raise CommandError("--organisations must be 0 or more.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.perf_counter()
        created = seed_bench(organisations=organisations, batch_size=batch_size)
        elapsed = time.perf_counter() - started
        total = Organisation.objects.filter(source=BENCH_SOURCE).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {created} benchmark organisations in {elapsed:.1f} s "
                f"({total} benchmark organisations in the database)."
            )
        )
