"""Import London's organisations from a public register: ccew or companies-house."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.registers.base import RegisterFileError
from directory.registers.ccew import CharityCommission
from directory.registers.companies_house import CompaniesHouse

SOURCES = {"ccew": CharityCommission, "companies-house": CompaniesHouse}


class Command(BaseCommand):
    help = (
        "Import the London organisations listed in a public register, or refresh them "
        "from a newer extract. ccew: the Charity Commission's register extract (a folder, "
        "or its publicextract.*.json / .txt files; the trustee table is never read). "
        "companies-house: Companies House's basic company data (BasicCompanyData-*.csv, "
        "whole or its parts, or the zip files as downloaded; London by the registered "
        "office's postcode, so run load_postcodes first). "
        "Values people have corrected are kept, and a register's newer value becomes a "
        "suggestion. All or nothing: a file with a bad row writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", choices=sorted(SOURCES))
        parser.add_argument("paths", nargs="+", type=Path, metavar="DIR_OR_FILES")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--extract-date",
            type=datetime.date.fromisoformat,
            help="The extract's date (YYYY-MM-DD), if the files do not say.",
        )

    def handle(self, *args, source, paths, dry_run, extract_date, **options):
        try:
            importer = SOURCES[source](paths, extract_date=extract_date)
            quiet = options.get("verbosity", 1) < 1
            # The stream itself: the command's wrapper would add a newline per update.
            summary = importer.run(dry_run=dry_run, progress=None if quiet else self.stderr._out)
        except RegisterFileError as error:
            for message in error.errors[:50]:
                self.stderr.write(message)
            if len(error.errors) > 50:
                self.stderr.write(f"… and {len(error.errors) - 50:,} more.")
            title = SOURCES[source].title
            raise CommandError(
                f"Nothing was imported from {title}: the problems are listed above."
            ) from error
        verb = "Would import" if dry_run else "Imported"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {importer.title} (extract of {importer.extract_date.isoformat()}):"
            )
        )
        for line in summary.lines():
            self.stdout.write(f"  {line}")
