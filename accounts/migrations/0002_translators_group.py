"""The Translators group, whose members correct interface translations in the browser.

It was made by the ``waytahead`` app's migration 0001_translators_group, when
``waytahead`` was an installed app. This does the same, and does nothing where that one
already ran (get_or_create). Databases migrated then keep that migration's row in
django_migrations: a harmless leftover that nothing reads.
"""

from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="Translators")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
