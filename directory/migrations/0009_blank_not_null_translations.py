"""Translations with no text become "" rather than NULL (as every save now makes them),
so that the next save of a listing does not record each of them as a change."""

from django.db import migrations

TRANSLATED = {
    "Organisation": ("name", "description", "accessibility_notes"),
    "Service": ("name", "description", "eligibility", "fees"),
}
LANGUAGES = ("en", "pl", "ro", "es", "pt", "it", "bn", "gu", "pa", "ar")


def blank_nulls(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        for name in (model_name, f"Historical{model_name}"):
            model = apps.get_model("directory", name)
            for field in fields:
                for code in LANGUAGES:
                    column = f"{field}_{code}"
                    model.objects.filter(**{f"{column}__isnull": True}).update(**{column: ""})


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_language_neutral_hours")]

    operations = [migrations.RunPython(blank_nulls, migrations.RunPython.noop)]
