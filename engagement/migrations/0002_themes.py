from django.db import migrations

THEMES = [
    ("barrier", "Barrier"),
    ("need", "Need"),
    ("suggestion", "Suggestion"),
    ("praise", "Praise"),
    ("complaint", "Complaint"),
]


def load(apps, schema_editor):
    Theme = apps.get_model("engagement", "Theme")
    for slug, name in THEMES:
        Theme.objects.update_or_create(slug=slug, defaults={"name": name, "name_en": name})


class Migration(migrations.Migration):
    dependencies = [("engagement", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
