"""Import and export for engagement staff (django-import-export), used by the admin.

- Outreach: a spreadsheet of calls, notices and radio slots, one row per activity.
  Languages are ';'-separated ISO codes (``pl;ro``), target groups and partner
  organisations ';'-separated slugs. Rows with an ``id`` update that activity; rows
  without one are new. Unknown codes or slugs reject the row with a message naming
  the column and the values.
- Events: keyed on ``slug``, with the English title and description plus their
  translations.
- Attendance: registrations exported for a check-in sheet; on import only the
  ``status`` of existing registrations (matched on ``id``) changes. Names and contact
  details in the file are never written back, so re-importing an old sheet cannot bring
  back personal data that has since been erased.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from directory.models import Borough, Language, Organisation
from directory.resources import LIST_SEPARATOR, ImportOptions, SlugListWidget

from .models import (
    AttendanceStatus,
    Channel,
    Event,
    OutreachActivity,
    Registration,
    StakeholderGroup,
)
from .models.outreach import ParticipationStep

OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(LIST_SEPARATOR) if part.strip()]


def _blank(value) -> bool:
    return str(value if value is not None else "").strip() == ""


def _choice_value(choices, value):
    """Accept a choice's code or its English label, in any case; None if neither."""
    text = str(value or "").strip()
    for code, label in choices:
        if text.casefold() in (str(code).casefold(), str(label).casefold()):
            return code
    return None


def _check_lists(row, columns) -> dict:
    """Errors for list cells naming records that do not exist."""
    errors = {}
    for column, (queryset, key) in columns.items():
        wanted = set(_split(row.get(column)))
        if not wanted:
            continue
        known = set(queryset.filter(**{f"{key}__in": wanted}).values_list(key, flat=True))
        unknown = sorted(wanted - known)
        if unknown:
            errors[column] = _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)}
    return errors


def _normalise_choice(row, column, choices, errors):
    if column not in row or _blank(row[column]):
        return
    code = _choice_value(choices, row[column])
    if code is None:
        errors[column] = _("“%(value)s” is not one of: %(choices)s.") % {
            "value": row[column],
            "choices": ", ".join(str(code) for code, _label in choices),
        }
    else:
        row[column] = code


def _list_column(name: str, model, key: str) -> fields.Field:
    """A many-to-many column: ';'-separated ``key`` values (slugs or codes) of ``model``."""
    return fields.Field(attribute=name, column_name=name, widget=SlugListWidget(model, key))


class OutreachActivityResource(resources.ModelResource):
    date = fields.Field(
        attribute="date", column_name="date", widget=widgets.DateWidget(format=DATE_FORMAT)
    )
    follow_up_date = fields.Field(
        attribute="follow_up_date",
        column_name="follow_up_date",
        widget=widgets.DateWidget(format=DATE_FORMAT),
    )
    languages = _list_column("languages", Language, "code")
    target_groups = _list_column("target_groups", StakeholderGroup, "slug")
    partner_organisations = _list_column("partner_organisations", Organisation, "slug")
    event = fields.Field(
        attribute="event", column_name="event", widget=widgets.ForeignKeyWidget(Event, "slug")
    )

    LIST_COLUMNS = {
        "languages": (Language.objects.all(), "code"),
        "target_groups": (StakeholderGroup.objects.all(), "slug"),
        "partner_organisations": (Organisation.objects.all(), "slug"),
    }

    class Meta(ImportOptions):
        model = OutreachActivity
        fields = (
            "id",
            "date",
            "channel",
            "description",
            "languages",
            "target_groups",
            "partner_organisations",
            "estimated_reach",
            "responses",
            "participation_step",
            "follow_up_needed",
            "follow_up_date",
            "event",
        )
        export_order = fields

    def before_import_row(self, row, **kwargs):
        errors = {}
        if "id" in row and not _blank(row["id"]):
            try:
                known = OutreachActivity.objects.filter(pk=int(str(row["id"]).strip())).exists()
            except ValueError:
                known = False
            if not known:
                errors["id"] = _(
                    "“%(value)s” is not an id from an export; leave it blank for a new activity."
                ) % {"value": row["id"]}
        for column in ("estimated_reach", "responses", "follow_up_needed"):
            if column in row and _blank(row[column]):
                del row[column]  # keep the default
        _normalise_choice(row, "channel", Channel.choices, errors)
        _normalise_choice(row, "participation_step", ParticipationStep.choices, errors)
        event = str(row.get("event") or "").strip()
        if event and not Event.objects.filter(slug=event).exists():
            errors["event"] = _("No event has the slug “%(value)s”.") % {"value": event}
        errors.update(_check_lists(row, self.LIST_COLUMNS))
        if errors:
            raise ValidationError(errors)

    def get_import_id_fields(self):
        # A new activity has no id yet, so the column may be missing or blank: rows are
        # matched in get_instance() instead.
        return []

    def get_instance(self, instance_loader, row):
        value = str(row.get("id") or "").strip()
        return OutreachActivity.objects.filter(pk=int(value)).first() if value else None

    def init_instance(self, row=None):
        # The preview reads a new activity before its cells are set, and the model's
        # __str__ needs a date; the date cell then replaces this one (or, if blank,
        # fails validation as it should).
        return OutreachActivity(date=timezone.localdate())

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute != "id":  # the id only chooses the record
            super().import_field(field, instance, row, is_m2m, **kwargs)

    def before_save_instance(self, instance, row, **kwargs):
        user = kwargs.get("user")
        if instance.staff_id is None and getattr(user, "is_authenticated", False):
            instance.staff = user

    def get_export_queryset(self, request=None):
        return OutreachActivity.objects.select_related("event").prefetch_related(
            "languages", "target_groups", "partner_organisations"
        )


def _datetime_column(name: str) -> fields.Field:
    return fields.Field(
        attribute=name, column_name=name, widget=widgets.DateTimeWidget(format=DATETIME_FORMAT)
    )


class EventResource(resources.ModelResource):
    title = fields.Field(attribute="title_en", column_name="title")
    description = fields.Field(attribute="description_en", column_name="description")
    starts_at = _datetime_column("starts_at")
    ends_at = _datetime_column("ends_at")
    registration_opens_at = _datetime_column("registration_opens_at")
    registration_closes_at = _datetime_column("registration_closes_at")
    borough = fields.Field(
        attribute="borough", column_name="borough", widget=widgets.ForeignKeyWidget(Borough, "slug")
    )
    languages = _list_column("languages", Language, "code")
    target_groups = _list_column("target_groups", StakeholderGroup, "slug")

    LIST_COLUMNS = {
        "languages": (Language.objects.all(), "code"),
        "target_groups": (StakeholderGroup.objects.all(), "slug"),
    }
    KEEP_WHEN_BLANK = (
        "event_type",
        "status",
        "is_published",
        "walk_in_count",
        *Event.ACCESS_FIELDS,
    )

    class Meta(ImportOptions):
        model = Event
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "title",
            *(f"title_{code}" for code in OTHER_LANGUAGES),
            "description",
            *(f"description_{code}" for code in OTHER_LANGUAGES),
            "event_type",
            "starts_at",
            "ends_at",
            "venue_name",
            "venue_address",
            "borough",
            "online_url",
            "languages",
            "interpretation",
            *Event.ACCESS_FIELDS,
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "target_groups",
            "is_published",
            "status",
            "walk_in_count",
            "closing_notes",
        )
        export_order = fields

    def before_import_row(self, row, **kwargs):
        for column in self.KEEP_WHEN_BLANK:
            if column in row and _blank(row[column]):
                del row[column]
        errors = {}
        _normalise_choice(row, "event_type", Event.Type.choices, errors)
        _normalise_choice(row, "status", Event.Status.choices, errors)
        borough = str(row.get("borough") or "").strip()
        if borough and not Borough.objects.filter(slug=borough).exists():
            errors["borough"] = _(
                "“%(value)s” is not a London borough slug, such as tower-hamlets."
            ) % {"value": borough}
        errors.update(_check_lists(row, self.LIST_COLUMNS))
        if errors:
            raise ValidationError(errors)

    def get_export_queryset(self, request=None):
        return Event.objects.select_related("borough").prefetch_related(
            "languages", "target_groups"
        )


class RegistrationResource(resources.ModelResource):
    """An attendance sheet: export it, mark who came, import it to update the statuses."""

    event = fields.Field(
        attribute="event",
        column_name="event",
        widget=widgets.ForeignKeyWidget(Event, "slug"),
        readonly=True,
    )
    # Only the status is ever written on import (see import_field).
    IMPORTED_COLUMNS = ("status",)

    class Meta:
        model = Registration
        import_id_fields = ("id",)
        # Erased registrations have a blank name, which full_clean() would refuse;
        # the one column imported is checked in before_import_row instead.
        clean_model_instances = False
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        fields = ("id", "event", "name", "email", "phone", "status", "heard_via")
        export_order = fields

    def before_import_row(self, row, **kwargs):
        errors = {}
        registration_id = str(row.get("id") or "").strip()
        try:
            known = Registration.objects.filter(pk=uuid.UUID(registration_id)).exists()
        except ValueError:
            known = False
        if not known:
            errors["id"] = _(
                "“%(value)s” is not the id of a registration: import a sheet exported from "
                "this site, without changing the id column."
            ) % {"value": registration_id}
        if _blank(row.get("status")):
            errors["status"] = _("Give a status.")
        else:
            _normalise_choice(row, "status", AttendanceStatus.choices, errors)
        if errors:
            raise ValidationError(errors)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name in self.IMPORTED_COLUMNS:
            super().import_field(field, instance, row, is_m2m, **kwargs)

    def get_export_queryset(self, request=None):
        return Registration.objects.select_related("event")
