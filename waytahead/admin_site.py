"""The admin site: Django's own, with the staff pages that belong to no one model added
to its URLs, so that they sit behind its sign-in (and its two-factor step) like the rest.

Installed as ``waytahead.admin_site.AdminConfig`` in place of ``django.contrib.admin``:
``admin.site`` is then an ``AdminSite`` of this class.
"""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext_lazy as _


class AdminSite(admin.AdminSite):
    index_title = _("Staff area")

    def __init__(self, name="admin"):
        super().__init__(name)
        self.site_header = self.site_title = settings.ADMIN_SITE_HEADER

    @login_not_required
    def login(self, request, extra_context=None):
        """Staff sign in through allauth too (its sign-in page, then its two-factor step),
        so that two-factor authentication applies to the admin; someone signed in who is
        not active staff is refused."""
        # Imported here: this module is loaded while the apps are, before allauth's models.
        from allauth.account.decorators import secure_admin_login

        return secure_admin_login(super().login)(request, extra_context)

    def get_urls(self):
        from engagement.headway.admin import dashboard_urls

        return [*dashboard_urls(self), *super().get_urls()]


class AdminConfig(DjangoAdminConfig):
    default_site = "waytahead.admin_site.AdminSite"
