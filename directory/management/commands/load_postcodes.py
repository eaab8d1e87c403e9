"""Load the ONS postcode directory (ONSPD or NSPL CSV): London only unless --all."""

import io
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.postcodes import ATTRIBUTION, PostcodeFileError, load_postcodes


class _CountingReader(io.RawIOBase):
    """A binary file that moves a progress bar by the bytes read from it."""

    def __init__(self, raw, bar):
        self.raw = raw
        self.bar = bar

    def readable(self):
        return True

    def readinto(self, buffer):
        count = self.raw.readinto(buffer)
        self.bar.update(count or 0)
        return count


class Command(BaseCommand):
    help = (
        "Load postcodes from FILE, an ONS postcode directory (ONSPD) or National Statistics "
        "Postcode Lookup (NSPL) CSV: each postcode's centroid, local authority and "
        "termination date. London's boroughs only, unless --all. Loading again refreshes "
        "the same rows. " + ATTRIBUTION + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV (unzipped), with its header row.")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everywhere",
            help="Load every postcode, not only London's.",
        )

    def handle(self, *args, file: Path, everywhere: bool, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        quiet = options.get("verbosity", 1) < 1
        with (
            file.open("rb") as raw,
            tqdm(
                total=file.stat().st_size,
                unit="B",
                unit_scale=True,
                desc=file.name,
                disable=quiet,
                file=self.stderr._out,  # the stream itself: the wrapper adds newlines
            ) as bar,
        ):
            stream = io.TextIOWrapper(
                io.BufferedReader(_CountingReader(raw, bar)), encoding="utf-8-sig", newline=""
            )
            try:
                result = load_postcodes(stream, london_only=not everywhere, file_name=file.name)
            except PostcodeFileError as error:
                raise CommandError(f"{file.name}: {error}") from error
            except UnicodeDecodeError as error:
                raise CommandError(f"{file.name}: not a UTF-8 CSV ({error.reason}).") from error
        where = "" if everywhere else " in London"
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result.loaded:,} postcodes{where} from {file.name} "
                f"({result.read:,} rows read; {result.skipped_outside:,} outside London, "
                f"{result.skipped_unplaced:,} with no location, skipped)."
            )
        )
