from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import changes, signals  # noqa: F401 (connect the receivers)
        from .ordering import register_sqlite_collation

        connection_created.connect(register_sqlite_collation)
