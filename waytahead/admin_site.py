"""The admin site: Django's own, with the staff pages that belong to no one model added
to its URLs, so that they sit behind its sign-in (and its two-factor step) like the rest.

Installed as ``waytahead.admin_site.AdminConfig`` in place of ``django.contrib.admin``:
``admin.site`` is then an ``AdminSite`` of this class.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminSite(admin.AdminSite):
    def get_urls(self):
        from engagement.headway.admin import dashboard_urls

        return [*dashboard_urls(self), *super().get_urls()]


class AdminConfig(DjangoAdminConfig):
    default_site = "waytahead.admin_site.AdminSite"
