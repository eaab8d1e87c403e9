"""Import organisations from a CSV, XLSX or JSON file, with the same rules as the admin."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from directory.bulk import analyse
from directory.importing import ImportFileError, load_dataset
from directory.resources import OrganisationBatchResource, row_error_messages


class Command(BaseCommand):
    help = (
        "Import organisations from FILE (.csv, .xlsx or .json). Rows are matched on id or "
        "org_id, so re-importing updates them. A file with any bad row writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report, writing nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            dataset = load_dataset(file)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        resource = OrganisationBatchResource()
        # One pass, in one transaction: a file with any bad row is rolled back whole and
        # every bad row is reported; a dry run is rolled back too.
        with transaction.atomic():
            result = resource.import_data(
                dataset,
                dry_run=dry_run,
                use_transactions=True,
                rollback_on_validation_errors=True,
            )
            failed = result.has_errors() or result.has_validation_errors()
            if failed or dry_run:
                transaction.set_rollback(True)
        if failed:
            for message in row_error_messages(result):
                self.stderr.write(message)
            raise CommandError(
                f"{file.name}: nothing was imported because some rows are wrong (listed above)."
            )
        if not dry_run:
            analyse()  # the listings' tables, for the planner
        totals = result.totals
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {file.name}: {totals.get('new', 0)} new, "
                f"{totals.get('update', 0)} updated, {totals.get('skip', 0)} unchanged."
            )
        )
