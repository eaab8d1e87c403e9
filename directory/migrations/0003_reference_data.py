"""Load the reference data: the 33 London boroughs, the two taxonomies and the languages."""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):
    from directory import vocabularies

    Borough = apps.get_model("directory", "Borough")
    Language = apps.get_model("directory", "Language")
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")

    with open(DATA_DIR / "london_boroughs.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Borough.objects.update_or_create(
                gss_code=row["gss_code"], defaults={"name": row["name"], "slug": row["slug"]}
            )

    for code, name, name_local in vocabularies.LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "name_local": name_local})

    taxonomies = [
        (
            "category",
            "The Way Ahead areas of work",
            "What civil-society organisations in London work on.",
            vocabularies.CATEGORIES,
        ),
        (
            "beneficiary",
            "The Way Ahead beneficiary groups",
            "The groups of people an organisation or service is for.",
            vocabularies.BENEFICIARIES,
        ),
    ]
    for kind, name, description, terms in taxonomies:
        taxonomy, _ = Taxonomy.objects.update_or_create(
            kind=kind,
            defaults={
                "name": name,
                "name_en": name,
                "description": description,
                "description_en": description,
                "version": "1.0",
            },
        )
        by_slug = {}
        for slug, term_name, term_description, parent_slug in terms:
            term, _ = TaxonomyTerm.objects.update_or_create(
                taxonomy=taxonomy,
                slug=slug,
                defaults={
                    "code": slug,
                    "name": term_name,
                    "name_en": term_name,
                    "description": term_description,
                    "description_en": term_description,
                    "parent": by_slug.get(parent_slug),
                },
            )
            by_slug[slug] = term


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
