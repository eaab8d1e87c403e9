"""Helpers shared by the engagement admin classes."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from waytahead.admin_actions import action_page

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


def erase_personal_data_confirmed(modeladmin, request, queryset, *, kind: str):
    """Erasure on request: an intermediate page lists what will be erased; erase on "yes".

    ``kind`` is "registrations" or "feedback", the keyword of services.personal_data_erase.
    """
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
