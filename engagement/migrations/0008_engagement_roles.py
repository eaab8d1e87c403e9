"""The groups that give engagement staff their powers (engagement/rules.py): "Engagement
staff" and "Engagement leads". They carry no model permissions: rules decide."""

from django.db import migrations

GROUPS = ("Engagement staff", "Engagement leads")


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        Group.objects.get_or_create(name=name)


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("engagement", "0007_action_outcome_translations"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create, remove)]
