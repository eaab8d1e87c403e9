"""Partners' webhooks in the admin, for administrators (``rules.py``).

A subscription can be paused (``active``) or pointed elsewhere, not added: its secret is
shown to the partner who registers it through the API, and never here. Deliveries are a
log, read-only.
"""

from django.contrib import admin
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from .models import Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = ("url", "owner", "active", "created")
    list_filter = ("active",)
    search_fields = ("url",)
    list_select_related = ("owner",)
    fields = ("owner", "url", "active", "created", "cursor")
    readonly_fields = ("owner", "created", "cursor")

    def has_add_permission(self, request):
        return False


@admin.register(Delivery)
class DeliveryAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    list_display = (
        "id",
        "subscription",
        "created",
        "items",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "delivered_at",
        "next_attempt_at",
    )
    list_filter = ("status",)
    search_fields = ("subscription__url",)
    list_select_related = ("subscription",)
    fields = (
        "subscription",
        "created",
        "first_cursor",
        "cursor",
        "items",
        "status",
        "attempts",
        "last_attempt_at",
        "last_status_code",
        "last_error",
        "delivered_at",
        "next_attempt_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
