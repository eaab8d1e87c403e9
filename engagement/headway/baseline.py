"""The population baselines the figures are compared with (Census 2021 for London and
each borough by default), as staff import them through django-import-export, with a
preview before anything is written."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from ..models import PopulationBaseline


class ShareWidget(widgets.DecimalWidget):
    """A percentage from 0 to 100, refused with a clear message otherwise."""

    def clean(self, value, row=None, **kwargs):
        try:
            share = Decimal(str(value).strip().rstrip("%"))
        except (InvalidOperation, ValueError) as error:
            raise ValueError(_("share_percent must be a number from 0 to 100.")) from error
        if not Decimal(0) <= share <= Decimal(100):
            raise ValueError(_("share_percent must be from 0 to 100."))
        return share


class PopulationBaselineResource(resources.ModelResource):
    """Columns as in ``engagement/data/london_census_2021_baseline.csv``. A row with the
    same area code, dimension and category as an existing one replaces it."""

    share_percent = fields.Field(
        attribute="share_percent", column_name="share_percent", widget=ShareWidget()
    )

    class Meta:
        model = PopulationBaseline
        fields = (
            "area_code",
            "area_name",
            "dimension",
            "category",
            "share_percent",
            "base",
            "confidence",
            "source",
        )
        import_id_fields = ("area_code", "dimension", "category")
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        clean_model_instances = True

    def before_import_row(self, row, **kwargs):
        for column in ("area_code", "dimension", "category", "confidence"):
            if row.get(column) is not None:
                row[column] = str(row[column]).strip()
        if row.get("confidence"):
            row["confidence"] = row["confidence"].lower()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if instance.confidence not in PopulationBaseline.Confidence.values:
            raise ValidationError(
                {
                    "confidence": _("Use one of: %(values)s.")
                    % {"values": ", ".join(PopulationBaseline.Confidence.values)}
                }
            )
        super().validate_instance(instance, import_validation_errors, validate_unique)
