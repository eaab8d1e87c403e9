"""Give existing organisations and locations the point and borough of their postcode."""

from django.core.management.base import BaseCommand
from django.db import transaction
from tqdm import tqdm

from directory.models import Location, Organisation, Postcode

BATCH_SIZE = 2000


class Command(BaseCommand):
    help = (
        "Fill the latitude and longitude (and a missing borough) of every organisation and "
        "location from its postcode, using the postcodes loaded by load_postcodes. Rows "
        "already placed are left alone unless --refresh. Run it after loading postcodes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refresh", action="store_true", help="Place every row again, not only unplaced ones."
        )

    def handle(self, *args, refresh: bool, **options):
        quiet = options.get("verbosity", 1) < 1
        counts = []
        for model, label, set_borough in (
            (Organisation, "organisations", "blank"),
            (Location, "locations", "always"),
        ):
            rows = model.objects.exclude(postcode="")
            if not refresh:
                rows = rows.filter(latitude=None)
            placed = self._place(rows, set_borough=set_borough, label=label, quiet=quiet)
            counts.append(f"{placed:,} {label if placed != 1 else label[:-1]}")
        self.stdout.write(self.style.SUCCESS(f"Placed {' and '.join(counts)} by postcode."))

    def _place(self, rows, *, set_borough: str, label: str, quiet: bool) -> int:
        placed = 0
        pks = list(rows.values_list("pk", flat=True))
        with tqdm(total=len(pks), desc=label, disable=quiet, file=self.stderr._out) as bar:
            for start in range(0, len(pks), BATCH_SIZE):
                batch = list(rows.model.objects.filter(pk__in=pks[start : start + BATCH_SIZE]))
                known = Postcode.objects.in_bulk({row.postcode for row in batch})
                changed = []
                for row in batch:
                    found = known.get(row.postcode)
                    if found is None:
                        continue
                    row.latitude, row.longitude = found.latitude, found.longitude
                    if found.borough_id and (set_borough == "always" or row.borough_id is None):
                        row.borough_id = found.borough_id
                    changed.append(row)
                with transaction.atomic():
                    rows.model.objects.bulk_update(
                        changed, ["latitude", "longitude", "borough"], batch_size=500
                    )
                placed += len(changed)
                bar.update(len(batch))
        return placed
