"""4. Importing 10,000 rows with ``import_organisations`` against a plain ``bulk_create``
of the same rows (both rolled back afterwards, so the database is left as it was)."""

from __future__ import annotations

import csv
import os
import random
import secrets
import sys
from pathlib import Path

from bench.harness import interleaved, median, round_ratios, timed_and_rolled_back

from .context import Context

NAME = "import"
# Budget (DESIGN.md, "Budgets").
IMPORT_RATIO_MIN = 0.4
IMPORT_ROWS = 10_000


def title(_options) -> str:
    return f"4. import of {IMPORT_ROWS:,} rows vs bulk_create"


def write_import_csv(path: Path, rows: int, seed: int = 11) -> None:
    """A CSV of ``rows`` new organisations, its columns in the importer's own order."""
    from directory.bench_data import LEGAL_FORMS
    from directory.models import Borough, Language, TaxonomyTerm
    from directory.resources import LIST_SEPARATOR, OrganisationBatchResource

    rng = random.Random(seed)
    boroughs = list(Borough.objects.order_by("slug").values_list("slug", "name"))
    categories = list(TaxonomyTerm.objects.categories().values_list("slug", flat=True))
    languages = list(Language.objects.values_list("code", flat=True))
    stamp = secrets.token_hex(3)
    records = []
    for number in range(1, rows + 1):
        slug, place = rng.choice(boroughs)
        name = f"{place} Import Bench {stamp} {number:05d}"
        records.append(
            {
                "name": name,
                "description": f"{name} is a generated organisation for the import "
                f"benchmark in {place}.",
                "legal_form": rng.choice(LEGAL_FORMS),
                "website": f"https://example.org/{stamp}/{number}",
                "email": f"hello{number}@example.org",
                "phone": f"020 7946 {number % 10000:04d}",
                "address_1": f"{number} High Street",
                "city": "London",
                "postcode": f"E{rng.randint(1, 18)} {rng.randint(1, 9)}AA",
                "borough": slug,
                "areas_served": slug,
                "categories": LIST_SEPARATOR.join(rng.sample(categories, min(2, len(categories)))),
                "languages": LIST_SEPARATOR.join(rng.sample(languages, min(2, len(languages)))),
                "status": "active",
                "is_published": "true",
            }
        )
    # A column the importer does not know fails here (DictWriter's extrasaction="raise").
    columns = [name for name in OrganisationBatchResource.Meta.fields if name in records[0]]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(records)


def vacuum_organisations() -> None:
    """VACUUM ANALYZE the tables the import writes to (rolled back: dead tuples)."""
    from django.db import connection

    from directory.models import Organisation

    tables = [Organisation._meta.db_table, Organisation.history.model._meta.db_table]
    for name in ("areas_served", "categories", "languages"):
        tables.append(Organisation._meta.get_field(name).remote_field.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(table)}")


def plain_bulk_create(path: Path) -> int:
    """The baseline: read the same CSV and bulk_create the same rows and links, each
    column stored the way its model field holds it, with no checks, history or signals."""
    from django.db.models import BooleanField
    from django.utils.text import slugify

    from directory.models import Borough, Language, Organisation, TaxonomyTerm
    from directory.public import TRANSLATED_FIELDS
    from directory.resources import LIST_SEPARATOR
    from directory.search import fold

    boroughs = dict(Borough.objects.values_list("slug", "id"))
    ids = {  # the id of each slug or code, by column
        "borough": boroughs,
        "areas_served": boroughs,
        "categories": dict(TaxonomyTerm.objects.categories().values_list("slug", "id")),
        "languages": dict(Language.objects.values_list("code", "id")),
    }
    organisations, links = [], []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = [Organisation._meta.get_field(column) for column in reader.fieldnames]
        flags = [f.name for f in fields if isinstance(f, BooleanField)]
        text = [f.name for f in fields if not f.is_relation and f.name not in flags]
        # As django-modeltranslation does on save: the English column holds it too.
        english = [name for name in text if name in TRANSLATED_FIELDS]
        foreign_keys = [f for f in fields if f.many_to_one]
        many_to_many = [f for f in fields if f.many_to_many]
        for row in reader:
            organisation = Organisation(
                slug=slugify(row["name"])[:100],  # as the importer cuts its slugs
                **{name: row[name] for name in text},
                **{f"{name}_en": row[name] for name in english},
                **{name: row[name] == "true" for name in flags},
                **{f.attname: ids[f.name][row[f.name]] for f in foreign_keys},
                search_text=fold(f"{row['name']} {row['description']}"),
            )
            organisations.append(organisation)
            links.append(row)
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    for field in many_to_many:
        model = field.remote_field.through
        key = model._meta.get_field(field.m2m_reverse_field_name()).attname
        model.objects.bulk_create(
            [
                model(organisation_id=organisation.pk, **{key: ids[field.name][value]})
                for organisation, row in zip(organisations, links, strict=True)
                for value in row[field.name].split(LIST_SEPARATOR)
            ],
            batch_size=5000,
        )
    return len(organisations)


def run_import_command(path: Path) -> None:
    from django.core.management import call_command

    out = open(os.devnull, "w")  # noqa: SIM115
    with out:
        call_command("import_organisations", str(path), stdout=out, stderr=sys.stderr)


def run(context: Context) -> dict:
    from directory.models import Organisation

    rows = IMPORT_ROWS
    path = context.workdir / "import.csv"
    write_import_csv(path, rows)
    before = Organisation.objects.count()
    runs = interleaved(
        context.options.import_rounds,
        {"bulk_create": plain_bulk_create, "import": run_import_command},
        lambda _name, function: timed_and_rolled_back(lambda: function(path)),
    )
    if Organisation.objects.count() != before:
        raise RuntimeError("the import benchmark left rows behind")
    # The rolled-back rows are dead tuples: vacuum them away and refresh the statistics,
    # or the next measures (and runs) see a bloated table and different plans.
    vacuum_organisations()
    # Seconds for the same rows: the ratio of rows/s is bulk_create's time over the import's.
    ratios = round_ratios(runs["bulk_create"], runs["import"])
    return {
        "rows": rows,
        "runs": runs,
        "ratios": ratios,
        "pass": median(ratios) >= IMPORT_RATIO_MIN,
    }


def checks(result: dict) -> list[bool]:
    return [result["pass"]]
