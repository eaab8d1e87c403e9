"""Postcodes, from the ONS postcode directory: where a postcode is, and in which borough."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .vocabularies import Borough


class Postcode(models.Model):
    """One postcode's centroid (WGS84) and local authority, as the ONS publishes them.

    Loaded by ``manage.py load_postcodes`` (London only unless ``--all``). A terminated
    postcode is kept, with the month it ended: old addresses still carry it, and its
    centroid still says where they are.
    """

    postcode = models.CharField(_("postcode"), max_length=8, primary_key=True)
    district_code = models.CharField(_("local authority code"), max_length=9)
    borough = models.ForeignKey(
        Borough,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("borough"),
        help_text=_("Empty outside London."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    terminated = models.DateField(
        _("terminated"), null=True, blank=True, help_text=_("The month it went out of use.")
    )

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")

    def __str__(self):
        return self.postcode


class PlacedByPostcode:
    """For a model with ``postcode``, ``latitude``, ``longitude`` and ``borough``: the
    point and borough follow the postcode, looked up in ``Postcode`` on save.

    They are looked up when the postcode is new or changed, or the point is missing; a
    postcode the loaded data does not know leaves no point (never a stale one).
    ``clean()`` refuses a postcode that the loaded data cannot place in London; with no
    postcode data loaded at all (a new install), any well-formed postcode is accepted.
    """

    _saved_postcode: str | None = None

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)  # type: ignore[misc]
        if "postcode" in field_names:
            instance._saved_postcode = values[field_names.index("postcode")]
        return instance

    def place_by_postcode(self) -> None:
        from ..postcodes import place  # that module reads these models

        changed = self._saved_postcode is None or self._saved_postcode != self.postcode
        if not self.postcode:
            self.latitude = self.longitude = None
            return
        if not changed and self.latitude is not None and self.borough_id is not None:
            return
        found = place(self.postcode)
        if found is None:
            if changed:
                self.latitude = self.longitude = None
            return
        self.latitude, self.longitude = found.latitude, found.longitude
        if found.borough is not None and (changed or self.borough_id is None):
            self.borough = found.borough

    def postcode_errors(self) -> dict:
        """``{"postcode": [error]}`` when the loaded data cannot place the postcode."""
        from ..postcodes import PostcodeProblem, check_address_postcode

        try:
            check_address_postcode(self.postcode)
        except PostcodeProblem as problem:
            return {"postcode": problem}
        return {}


class PostcodeLoad(models.Model):
    """A postcode directory file loaded by ``load_postcodes``. Addresses are checked
    against the postcodes only once one has been: the demo's own few postcodes place the
    demo's listings but are no directory to refuse a real postcode by."""

    file_name = models.CharField(_("file"), max_length=255)
    london_only = models.BooleanField(_("London only"), default=True)
    postcodes = models.PositiveIntegerField(_("postcodes loaded"))
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("postcode file loaded")
        verbose_name_plural = _("postcode files loaded")

    def __str__(self):
        return self.file_name
