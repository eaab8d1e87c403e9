"""Helpers shared by the engagement admin classes."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.admin_actions import action_page

from .. import services


def staff_users():
    """People who can own an insight or log outreach: staff accounts only."""
    return get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")


class StaffUserChoicesMixin:
    """Foreign keys to users offer staff only, not every member who signed up."""

    staff_user_fields: tuple[str, ...] = ()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.staff_user_fields:
            kwargs["queryset"] = staff_users()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PowersMixin:
    """A ModelAdmin whose actions each need one of engagement staff's powers
    (``engagement/rules.py``): ``@admin.action(permissions=["erase"])`` asks
    ``has_erase_permission``. An action sent without the power, by URL, is a 403, not
    a silent "no action selected"."""

    def has_erase_permission(self, request):
        return request.user.has_perm("engagement.erase_personal_data")

    def has_attendance_permission(self, request):
        return request.user.has_perm("engagement.record_attendance")

    def has_insight_permission(self, request):
        return request.user.has_perm("engagement.turn_feedback_into_insights")

    def has_publish_permission(self, request):
        return request.user.has_perm("engagement.publish_response")

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action in self.actions and action not in self.get_actions(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)


def erase_personal_data_confirmed(modeladmin, request, queryset, *, kind: str):
    """Erasure on request: an intermediate page lists what will be erased; erase on "yes".

    ``kind`` is "registrations" or "feedback", the keyword of services.personal_data_erase.
    """
    if not request.user.has_perm("engagement.erase_personal_data"):
        raise PermissionDenied
    items = list(queryset.filter(erased_at__isnull=True))
    if not items:
        modeladmin.message_user(
            request, _("Nothing to erase: the personal data was erased already."), messages.INFO
        )
        return None
    if "apply" in request.POST:
        count = services.personal_data_erase(**{kind: items})
        modeladmin.message_user(
            request,
            ngettext(
                "Personal data erased from %(count)d record.",
                "Personal data erased from %(count)d records.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        return None
    return action_page(
        modeladmin,
        request,
        "admin/engagement/erase_personal_data.html",
        title=_("Erase personal data?"),
        items=items,
    )
