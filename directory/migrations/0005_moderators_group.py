"""The Moderators group, with the model permissions the admin needs for moderation."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = {
    "directory": [
        "view_organisation", "change_organisation",
        "view_service", "change_service", "add_service",
        "view_location", "change_location", "add_location",
        "view_organisationidentifier", "change_organisationidentifier", "add_organisationidentifier",
        "view_organisationsuggestion", "change_organisationsuggestion",
        "view_organisationclaim", "change_organisationclaim",
        "view_organisationeditor", "add_organisationeditor", "delete_organisationeditor",
        "view_problemreport", "change_problemreport",
        "view_historicalorganisation",
        "view_borough", "view_language", "view_taxonomy", "view_taxonomyterm",
    ],
}


def create_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codenames in MODERATOR_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_search_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
