from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff manage accounts and roles (groups: Moderators, Translators) here."""

    list_display = (
        "username",
        "email",
        "display_name",
        "is_staff",
        "preferred_language",
        "date_joined",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "preferred_language")
    search_fields = ("username", "email", "display_name")
    fieldsets = (
        # Django's UserAdmin sets fieldsets; its stub keeps ModelAdmin's "or None".
        *DjangoUserAdmin.fieldsets,  # type: ignore[misc]
        (
            _("Public profile"),
            {"fields": ("display_name", "show_name_publicly", "preferred_language")},
        ),
    )
