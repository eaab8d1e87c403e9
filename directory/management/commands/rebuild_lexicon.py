"""Recount the lexicon (the words search corrects typos from) from the public listings."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from directory import lexicon
from directory.models import Organisation


class Command(BaseCommand):
    help = (
        "Rebuild the lexicon of search words from every public listing's search text, in "
        "one transaction, and analyse its tables. The lexicon follows every save, import "
        "and seed by itself: run this after writing search text another way (a raw "
        "update, loaddata), or to check it."
    )

    def handle(self, *args, **options):
        quiet = options.get("verbosity", 1) < 1
        total = Organisation.objects.public().count()
        with tqdm(total=total, desc="listings", disable=quiet, file=self.stderr._out) as bar:
            listings, words = lexicon.rebuild(progress=bar.update)
        self.stdout.write(
            self.style.SUCCESS(f"Counted {words:,} words in {listings:,} public listings.")
        )
