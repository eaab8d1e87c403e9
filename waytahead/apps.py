from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WaytaheadConfig(AppConfig):
    name = "waytahead"
    verbose_name = _("The Way Ahead")

    def ready(self):
        from django.conf import settings
        from django.contrib import admin

        admin.site.site_header = settings.ADMIN_SITE_HEADER
        admin.site.site_title = settings.ADMIN_SITE_HEADER
        admin.site.index_title = _("Staff area")
