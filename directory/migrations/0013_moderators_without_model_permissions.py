"""Moderators' powers come from directory/rules.py alone: the Moderators group no longer
carries a list of model permissions (the sign-in backends grant none)."""

from importlib import import_module

from django.db import migrations

GRANTED_IN_0005 = import_module("directory.migrations.0005_moderators_group").MODERATOR_PERMISSIONS


def clear(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Moderators"):
        group.permissions.clear()


def restore(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Moderators"):
        for app_label, codenames in GRANTED_IN_0005.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0012_name_sort_indexes")]
    operations = [migrations.RunPython(clear, restore)]
