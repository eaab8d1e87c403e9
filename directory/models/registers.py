"""What the public registers said about a listing, so that a refresh can tell the
register's values from the community's corrections, and staff can see possible
duplicates the importers found but did not merge."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contributions import ReviewStatus
from .records import Organisation


class RegisterSource(models.TextChoices):
    """The registers the directory is built from (``directory.registers``)."""

    CCEW = "ccew", _("Charity Commission register")
    COMPANIES_HOUSE = "companies-house", _("Companies House register")


class RegisterRecord(models.Model):
    """One listing's entry in one register, as last imported.

    ``values`` holds each field as the register last set it: a field whose value on the
    listing still equals it came from the register (and a newer extract may update it);
    one that differs was corrected by a person since, and a newer register value becomes
    a suggestion instead.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="register_records"
    )
    source = models.CharField(_("register"), max_length=30, choices=RegisterSource)
    identifier = models.CharField(
        _("identifier"), max_length=40, help_text=_("The org-id, such as GB-CHC-1090095.")
    )
    extract_date = models.DateField(_("extract date"))
    licence = models.CharField(_("licence"), max_length=40, default="OGL-UK-3.0")
    values = models.JSONField(_("values as imported"), default=dict)
    removed_on = models.DateField(_("removed from the register on"), null=True, blank=True)
    imported_at = models.DateTimeField(_("first imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["source", "identifier"]
        verbose_name = _("register record")
        verbose_name_plural = _("register records")
        constraints = [
            models.UniqueConstraint(fields=["source", "identifier"], name="unique_register_entry")
        ]

    def __str__(self):
        return f"{self.get_source_display()}: {self.identifier}"

    def fields_from_register(self) -> list[str]:
        """The listing's fields that still hold the value this register gave them."""
        from ..registers.base import current_values  # reads the listing's fields

        now = current_values(self.organisation, self.values)
        return [field for field, value in self.values.items() if now.get(field) == value]


class PossibleDuplicate(models.Model):
    """Two listings an importer thinks may be one organisation: for staff to merge or
    to mark as different. Importers never merge by themselves."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="possible_duplicates",
        verbose_name=_("new listing"),
    )
    other = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="possible_duplicate_of",
        verbose_name=_("existing listing"),
    )
    source = models.CharField(_("found by"), max_length=30, choices=RegisterSource)
    reason = models.TextField(_("why they may be the same"))
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus, default=ReviewStatus.PENDING
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("found"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "other"], name="unique_duplicate_pair")
        ]

    def __str__(self):
        return f"{self.organisation} ~ {self.other}"
