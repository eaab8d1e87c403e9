"""The directory: organisations, their services and locations (the vocabularies that
describe them are in ``vocabularies.py``). Field names follow Open Referral UK 3.0
(HSDS) where it has one.

Translated fields (name, description, ...) are registered in translation.py; history
is registered there too, so the history tables carry the per-language columns.
"""

import uuid
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..geo import Point, bounding_box, distance_expression
from ..validators import normalise_postcode, validate_org_id_identifier, validate_uk_postcode
from .places import PlacedByPostcode
from .vocabularies import Borough, Language, Taxonomy, TaxonomyTerm

# Paths under /organisations/ that are pages, so no listing may take them as its slug.
RESERVED_SLUGS = frozenset({"new", "mine", "suggestions"})


@cache
def _translated_text_fields(model) -> tuple[str, ...]:
    from modeltranslation.fields import TranslationField

    text = (models.CharField, models.TextField)
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, TranslationField) and isinstance(field, text)
    )


def blank_missing_translations(instance) -> None:
    """A language with no text is "" (never NULL), however it was saved: the admin's
    forms send "", other writers None, and history would record every one of them as
    a change."""
    for name in _translated_text_fields(type(instance)):
        if getattr(instance, name) is None:
            setattr(instance, name, "")


# Where a record came from, stored as a code and shown in the reader's language. Imported
# records may hold their file's own source text instead, shown as it is.
SOURCE_COMMUNITY = "community"
SOURCE_DEMO = "demo"
SOURCE_BENCH = "bench"
SOURCE_LABELS = {
    SOURCE_COMMUNITY: _("Proposed by a community member"),
    SOURCE_DEMO: _("Fictional demo data (The Way Ahead)"),
    SOURCE_BENCH: _("Synthetic benchmark data (The Way Ahead)"),
    "ccew": _("Charity Commission register"),
    "companies-house": _("Companies House register"),
}

# The listing's prose, written per language; everything else is one value for all.
PROSE_FIELDS = ("name", "description", "accessibility_notes")
# Language-neutral text: one value for every reader, whichever language it was
# corrected in (with the borough, these are what a suggestion may change besides prose).
FACT_FIELDS = ("opening_hours", "website", "email", "phone", "address_1", "address_2", "postcode")
# Stands in for "no distance" (no coordinates): farther than any radius asked for.
FAR_AWAY_KM = 1e9


def prose_columns(fields, languages=None) -> list[str]:
    """The per-language columns of ``fields``, field by field, in ``languages`` (default:
    every language, in the settings' order)."""
    codes = [code for code, _name in settings.LANGUAGES] if languages is None else list(languages)
    return [f"{field}_{code}" for field in fields for code in codes]


def mark_outdated(before: dict, after: dict, marks: dict) -> dict:
    """Which languages' text may now be out of date, field by field.

    When a field's existing text changes in one language, the other languages that have
    text for it are marked; a language whose text is written or changed is unmarked.
    Writing a first translation marks nothing: it changes no meaning.
    """
    codes = [code for code, _name in settings.LANGUAGES]
    result = {}
    for field in {column.rsplit("_", 1)[0] for column in before}:
        old = {c: (before.get(f"{field}_{c}") or "").strip() for c in codes}
        new = {c: (after.get(f"{field}_{c}") or "").strip() for c in codes}
        written = {c for c in codes if new[c] and new[c] != old[c]}
        changed = {c for c in written if old[c]}
        marked = set(marks.get(field, [])) - written
        if changed:
            marked |= {c for c in codes if c not in written and new[c]}
        marked = {c for c in marked if new[c]}
        if marked:
            result[field] = sorted(marked)
    return result


class AccessibilityMixin(models.Model):
    """Structured accessibility features, shared by organisations and locations."""

    step_free_access = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    bsl_available = models.BooleanField(_("British Sign Language (BSL)"), default=False)
    large_print = models.BooleanField(_("large print materials"), default=False)
    quiet_space = models.BooleanField(_("quiet space"), default=False)

    ACCESSIBILITY_FIELDS = (
        "step_free_access",
        "accessible_toilet",
        "hearing_loop",
        "bsl_available",
        "large_print",
        "quiet_space",
    )

    class Meta:
        abstract = True

    def accessibility_features(self) -> list[str]:
        """The verbose names of the features this place has, for display."""
        return [
            self._meta.get_field(name).verbose_name
            for name in self.ACCESSIBILITY_FIELDS
            if getattr(self, name)
        ]


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Listings anyone may see: published and not closed."""
        return self.filter(is_published=True).exclude(status=Organisation.Status.CLOSED)

    def in_borough(self, borough):
        """Based in the borough or listing it among the areas served. ``borough`` is a
        Borough or a slug (an unknown slug matches nothing)."""
        if isinstance(borough, str):
            based, key = models.Q(borough__slug=borough), {"borough__slug": borough}
        else:
            based, key = models.Q(borough=borough), {"borough_id": borough.pk}
        serves = Organisation.areas_served.through.objects.filter(
            organisation_id=models.OuterRef("pk"), **key
        )
        return self.filter(based | models.Q(models.Exists(serves)))

    def in_category(self, term):
        """Listed under the area of work or a term nested under it. ``term`` is a
        TaxonomyTerm or a slug (an unknown slug matches nothing)."""
        if isinstance(term, str):
            wanted = models.Q(slug=term) | models.Q(parent__slug=term)
        else:
            wanted = models.Q(pk=term.pk) | models.Q(parent_id=term.pk)
        links = Organisation.categories.through.objects.filter(
            organisation_id=models.OuterRef("pk"),
            taxonomyterm__in=TaxonomyTerm.objects.categories().filter(wanted),
        )
        return self.filter(models.Exists(links))

    def near(self, centre: Point, km: float):
        """Within ``km`` of ``centre``, measured to the nearer of the listing's own
        address and its locations, annotated with that ``distance_km``.

        Only rows inside the bounding box (on the indexed coordinates) are measured.
        """
        box = bounding_box(centre, km)
        nearest_location = (
            Location.objects.filter(box.q(), organisation=models.OuterRef("pk"))
            .annotate(distance=distance_expression(centre))
            .order_by("distance")
            .values("distance")[:1]
        )
        # The candidates, from the two indexed boxes at once (an OR of the two would
        # make PostgreSQL read every listing).
        candidates = (
            Organisation.objects.filter(box.q())
            .order_by()
            .values("pk")
            .union(Location.objects.filter(box.q()).order_by().values("organisation_id"))
        )
        unmeasured = models.Value(FAR_AWAY_KM)
        as_float = models.FloatField()
        distance = Least(
            Coalesce(distance_expression(centre), unmeasured, output_field=as_float),
            Coalesce(
                models.Subquery(nearest_location, output_field=as_float),
                unmeasured,
                output_field=as_float,
            ),
            output_field=as_float,
        )
        return (
            self.filter(pk__in=candidates)
            .annotate(distance_km=distance)
            .filter(distance_km__lte=km)
        )

    def stale(self, now=None):
        """Listings nobody has confirmed within the stale period."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.STALE_LISTING_DAYS)
        return self.filter(
            models.Q(last_confirmed_at__lt=cutoff) | models.Q(last_confirmed_at=None)
        )


class Organisation(PlacedByPostcode, AccessibilityMixin, models.Model):
    """A civil-society organisation: the listing at the heart of the directory."""

    class LegalForm(models.TextChoices):
        REGISTERED_CHARITY = "registered_charity", _("Registered charity")
        CIO = "cio", _("Charitable incorporated organisation (CIO)")
        CIC = "cic", _("Community interest company (CIC)")
        COMPANY_LIMITED_BY_GUARANTEE = "clg", _("Company limited by guarantee")
        UNINCORPORATED = "unincorporated", _("Unincorporated community group")
        FAITH_GROUP = "faith_group", _("Faith group")
        MUTUAL_AID = "mutual_aid", _("Mutual aid group")
        SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("Temporarily closed")
        CLOSED = "closed", _("Closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    alternative_names = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Working names and former names, one a line: search finds these too."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=30, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(
        _("public email"), blank=True, help_text=_("A generic address, not a person's.")
    )
    phone = models.CharField(_("public phone"), max_length=30, blank=True)
    address_1 = models.CharField(_("address"), max_length=200, blank=True)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, default="London", blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=8, blank=True, validators=[validate_uk_postcode]
    )
    borough = models.ForeignKey(
        Borough,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("borough"),
    )
    # Where the address is, from its postcode (``directory.postcodes``); never typed in.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, editable=False
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, editable=False
    )
    areas_served = models.ManyToManyField(
        Borough, blank=True, related_name="organisations_serving", verbose_name=_("areas served")
    )
    serves_all_london = models.BooleanField(_("serves all of London"), default=False)
    categories = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="organisations",
        limit_choices_to={"taxonomy__kind": Taxonomy.Kind.CATEGORY},
        verbose_name=_("areas of work"),
    )
    beneficiaries = models.ManyToManyField(
        TaxonomyTerm,
        blank=True,
        related_name="organisations_benefiting",
        limit_choices_to={"taxonomy__kind": Taxonomy.Kind.BENEFICIARY},
        verbose_name=_("who it helps"),
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="organisations", verbose_name=_("languages spoken")
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    is_published = models.BooleanField(_("published"), default=False)
    last_confirmed_at = models.DateTimeField(_("last confirmed correct"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where this record came from.")
    )
    licence = models.CharField(_("licence"), max_length=100, default="CC-BY-4.0", blank=True)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_listings",
        editable=False,
        verbose_name=_("merged into"),
        help_text=_("The listing this one was merged into: its address redirects there."),
    )
    is_demo = models.BooleanField(
        _("fictional demo data"), default=False, help_text=_("Made up for demonstrations.")
    )
    # Bumped on every save, so that two people editing at once cannot overwrite each other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)
    # Every searchable text, in every language, accent-folded; kept by search.py.
    search_text = models.TextField(editable=False, blank=True, default="")
    # {prose field: [language codes]} whose text may be out of date, because the same
    # field was changed in another language after it was written (``mark_outdated``).
    outdated_translations = models.JSONField(default=dict, blank=True, editable=False)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["updated_at", "id"], name="org_updated_idx"),
            models.Index(fields=["last_confirmed_at"], name="org_confirmed_idx"),
            models.Index(fields=["latitude", "longitude"], name="org_point_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        blank_missing_translations(self)
        if not self._state.adding:
            before = (
                type(self).objects.filter(pk=self.pk).values(*prose_columns(PROSE_FIELDS)).first()
            )
            if before is not None:
                now = {column: getattr(self, column) for column in before}
                self.outdated_translations = mark_outdated(
                    before, now, self.outdated_translations or {}
                )
        if self.postcode:
            self.postcode = normalise_postcode(self.postcode)
        self.place_by_postcode()
        if not self._state.adding:
            self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)
        self._saved_postcode = self.postcode

    def get_absolute_url(self):
        return reverse("directory:organisation_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        # A listing may be written in any one language (a proposal in Bengali is stored
        # as Bengali), but it needs a name and a description in at least one.
        errors = {}
        for field, message in (
            ("name", _("Give the organisation a name, in any language.")),
            ("description", _("Say what the organisation does, in any language.")),
        ):
            if not any(getattr(self, column) for column in prose_columns([field])):
                errors[f"{field}_en"] = ValidationError(message, code="required")
        errors.update(self.postcode_errors())
        if errors:
            raise ValidationError(errors)

    @property
    def source_label(self) -> str:
        """Where the record came from, in the page's language when it is one of ours."""
        return str(SOURCE_LABELS.get(self.source, self.source))

    @property
    def is_public(self) -> bool:
        return self.is_published and self.status != self.Status.CLOSED

    @property
    def is_stale(self) -> bool:
        if self.last_confirmed_at is None:
            return True
        return self.last_confirmed_at < timezone.now() - timedelta(days=settings.STALE_LISTING_DAYS)


class OrganisationIdentifier(models.Model):
    """An org-id (https://org-id.guide) such as GB-CHC-1090095."""

    class Scheme(models.TextChoices):
        CHARITY_ENGLAND_WALES = "GB-CHC", _("Charity Commission for England and Wales")
        COMPANIES_HOUSE = "GB-COH", _("Companies House")
        CHARITY_SCOTLAND = "GB-SC", _("Scottish Charity Regulator")
        CHARITY_NORTHERN_IRELAND = "GB-NIC", _("Charity Commission for Northern Ireland")
        MUTUALS = "GB-MPR", _("Mutuals Public Register")
        EDUCATION = "GB-EDU", _("Department for Education (URN)")
        OTHER = "XI-OTHER", _("Other register")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="identifiers"
    )
    scheme = models.CharField(_("register"), max_length=10, choices=Scheme.choices)
    identifier = models.CharField(_("identifier"), max_length=50)
    org_id = models.CharField(_("org-id"), max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["scheme", "identifier"]
        verbose_name = _("organisation identifier")
        verbose_name_plural = _("organisation identifiers")

    def __str__(self):
        return self.org_id

    def save(self, *args, **kwargs):
        self.identifier = self.identifier.strip().upper()
        self.org_id = f"{self.scheme}-{self.identifier}"
        super().save(*args, **kwargs)

    def clean(self):
        validate_org_id_identifier(self.scheme, self.identifier)


class Location(PlacedByPostcode, AccessibilityMixin, models.Model):
    """A physical place where an organisation delivers services."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    address_1 = models.CharField(_("address"), max_length=200)
    city = models.CharField(_("town or city"), max_length=100, default="London")
    postcode = models.CharField(_("postcode"), max_length=8, validators=[validate_uk_postcode])
    borough = models.ForeignKey(
        Borough, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("borough")
    )
    # From the postcode (``directory.postcodes``), as is the borough.
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True, editable=False
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True, editable=False
    )
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name", "address_1"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_point_idx")]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name or f"{self.address_1}, {self.postcode}"

    def save(self, *args, **kwargs):
        self.postcode = normalise_postcode(self.postcode)
        self.place_by_postcode()
        super().save(*args, **kwargs)
        self._saved_postcode = self.postcode

    def clean(self):
        super().clean()
        if errors := self.postcode_errors():
            raise ValidationError(errors)


class Service(models.Model):
    """Something an organisation offers to people, at one or more locations."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        INACTIVE = "inactive", _("Inactive")
        DEFUNCT = "defunct", _("Defunct")
        TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    url = models.URLField(_("web page"), blank=True)
    email = models.EmailField(_("public email"), blank=True)
    categories = models.ManyToManyField(
        TaxonomyTerm, blank=True, related_name="services", verbose_name=_("categories")
    )
    eligibility = models.TextField(_("who can use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("maximum age"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    fees = models.TextField(_("fees"), blank=True, help_text=_("Leave blank if it is free."))
    languages = models.ManyToManyField(
        Language, blank=True, related_name="services", verbose_name=_("languages")
    )
    locations = models.ManyToManyField(
        Location, blank=True, related_name="services", verbose_name=_("locations")
    )
    schedule = models.TextField(_("when it runs"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        blank_missing_translations(self)
        super().save(*args, **kwargs)
