"""Import and export of organisations (django-import-export), shared by the admin and the
``import_organisations`` command.

Rows are matched on the UUID ``id`` column, or else on ``org_id`` (such as
GB-CHC-1090095), so re-importing a file updates listings instead of duplicating them.
Every row is checked before anything is written; one bad row rejects the whole file
with a message naming the row, the column and the reason.
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .. import lexicon
from ..models import Borough, Language, Organisation, OrganisationIdentifier, TaxonomyTerm
from ..models.records import RESERVED_SLUGS
from ..postcodes import preloaded
from ..public import ACCESSIBILITY_FIELDS, DETAIL_FIELDS, LANGUAGE_CODES, translated_columns
from ..search import search_text_for
from ..signals import refresh_search_text, search_text_deferred
from ..validators import normalise_postcode, parse_org_id

LIST_SEPARATOR = ";"
# The English text is in the plain column ("name"), every other language in its own.
OTHER_LANGUAGES = [code for code in LANGUAGE_CODES if code != "en"]


def _split(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(LIST_SEPARATOR) if part.strip()]


class ImportOptions:
    """The Meta options every import shares: each row validated as the admin would
    validate it, unchanged rows skipped and reported, and the whole file in one
    transaction (a file with an error writes nothing)."""

    clean_model_instances = True
    skip_unchanged = True
    report_skipped = True
    use_transactions = True


class SlugListWidget(widgets.ManyToManyWidget):
    """A ';'-separated list of slugs or codes, for many-to-many columns."""

    def __init__(self, model, field, queryset=None):
        super().__init__(model, separator=LIST_SEPARATOR, field=field)
        self._queryset = queryset

    def get_queryset(self, value, row, *args, **kwargs):
        return self._queryset if self._queryset is not None else self.model.objects.all()

    def clean(self, value, row=None, **kwargs):
        values = _split(value)
        if not values:
            return self.model.objects.none()
        return self.get_queryset(value, row).filter(**{f"{self.field}__in": values})


class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A ForeignKeyWidget for a small table (boroughs) that reads it once per import
    instead of once per row. Each resource instance has its own copy of its fields, so
    the cache lives as long as one import."""

    _by_key = None

    def prime(self, by_key: dict) -> None:
        """Use records the resource has read already, keyed as ``field``."""
        self._by_key = dict(by_key)

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        if self._by_key is None:
            queryset = self.get_queryset(value, row, **kwargs)
            self._by_key = {str(getattr(item, self.field)): item for item in queryset}
        try:
            return self._by_key[str(value).strip()]
        except KeyError:
            raise self.model.DoesNotExist(f"{self.model.__name__} {value!r}") from None


class PostcodeWidget(widgets.CharWidget):
    """Postcodes are compared and stored in their normal form (E8 1DY)."""

    def clean(self, value, row=None, **kwargs):
        return normalise_postcode(str(value or ""))


class OrganisationResource(resources.ModelResource):
    id = fields.Field(attribute="id", column_name="id")
    org_id = fields.Field(column_name="org_id", readonly=False)
    name = fields.Field(attribute="name_en", column_name="name")
    description = fields.Field(attribute="description_en", column_name="description")
    opening_hours = fields.Field(attribute="opening_hours", column_name="opening_hours")
    accessibility_notes = fields.Field(
        attribute="accessibility_notes_en", column_name="accessibility_notes"
    )
    postcode = fields.Field(attribute="postcode", column_name="postcode", widget=PostcodeWidget())
    borough = fields.Field(
        attribute="borough",
        column_name="borough",
        widget=CachedForeignKeyWidget(Borough, field="slug"),
    )
    areas_served = fields.Field(
        attribute="areas_served",
        column_name="areas_served",
        widget=SlugListWidget(Borough, field="slug"),
    )
    categories = fields.Field(
        attribute="categories",
        column_name="categories",
        widget=SlugListWidget(
            TaxonomyTerm, field="slug", queryset=TaxonomyTerm.objects.categories()
        ),
    )
    beneficiaries = fields.Field(
        attribute="beneficiaries",
        column_name="beneficiaries",
        widget=SlugListWidget(
            TaxonomyTerm, field="slug", queryset=TaxonomyTerm.objects.beneficiaries()
        ),
    )
    languages = fields.Field(
        attribute="languages",
        column_name="languages",
        widget=SlugListWidget(Language, field="code"),
    )

    # Which related records each list column must name, for clear row errors.
    LIST_COLUMNS = {
        "areas_served": (Borough.objects.all(), "slug"),
        "categories": (TaxonomyTerm.objects.categories(), "slug"),
        "beneficiaries": (TaxonomyTerm.objects.beneficiaries(), "slug"),
        "languages": (Language.objects.all(), "code"),
    }

    class Meta(ImportOptions):
        model = Organisation
        fields = (
            "id",
            "org_id",
            "slug",
            "name",
            *translated_columns(["name"], OTHER_LANGUAGES),
            "alternative_names",
            "description",
            *translated_columns(["description"], OTHER_LANGUAGES),
            *DETAIL_FIELDS,
            "borough",
            "areas_served",
            "serves_all_london",
            "categories",
            "beneficiaries",
            "languages",
            *ACCESSIBILITY_FIELDS,
            "accessibility_notes",
            "opening_hours",
            "status",
            "is_published",
            "last_confirmed_at",
            "source",
            "licence",
        )
        export_order = fields

    # --- Export ---------------------------------------------------------------------
    def dehydrate_org_id(self, organisation):
        return LIST_SEPARATOR.join(i.org_id for i in organisation.identifiers.all())

    def get_export_queryset(self, request=None):
        return Organisation.objects.select_related("borough").prefetch_related(
            "identifiers", "areas_served", "categories", "beneficiaries", "languages"
        )

    # --- Import ---------------------------------------------------------------------
    # Columns whose blank cells mean "keep the default or the current value".
    KEEP_WHEN_BLANK = (
        "slug",
        "legal_form",
        "status",
        "city",
        "licence",
        "is_published",
        "serves_all_london",
        *ACCESSIBILITY_FIELDS,
    )

    def import_data(self, dataset, *args, **kwargs):
        # Each row's search text is worked out once, after its many-to-many fields; the
        # file's postcodes are looked up once, for every row's check and point.
        postcodes = dataset["postcode"] if "postcode" in (dataset.headers or []) else []
        with search_text_deferred(), preloaded(postcodes):
            return super().import_data(dataset, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        # The reference data every row is checked against and linked to, read once. Every
        # borough is in areas_served's targets: the borough column uses them too.
        self._targets = {
            column: {getattr(item, key): item for item in queryset.all()}
            for column, (queryset, key) in self.LIST_COLUMNS.items()
        }
        self._known = {column: set(targets) for column, targets in self._targets.items()}
        self._known_boroughs = self._known["areas_served"]
        self.fields["borough"].widget.prime(self._targets["areas_served"])
        # Many-to-many rows of new listings (by listing), written together once every row
        # is in, or before a later row of the file changes that listing's links.
        self._new_links: dict = {}

    def save_instance(self, instance, is_create, row, **kwargs):
        targets = getattr(self, "_targets", None)
        if is_create and targets is not None:
            # A new listing's search text is complete before its first save: its terms
            # come from the row, and it has no services yet.
            terms = [
                term
                for column in ("categories", "beneficiaries")
                if column in row
                for term in sorted(
                    {targets[column][value] for value in _split(row[column])},
                    key=lambda term: (term.name or "", term.pk),
                )
            ]
            instance.search_text = search_text_for(instance, terms=terms)
            instance._imported_new = True
        if is_create:
            # Counted in the lexicon together, once every row is in (after_import).
            self.__dict__.setdefault("_new_listings", []).append(instance.pk)
        super().save_instance(instance, is_create, row, **kwargs)

    def after_import(self, dataset, result, **kwargs):
        links = getattr(self, "_new_links", None)
        failed = result.has_errors() or result.has_validation_errors()
        if links and not failed:
            self._write_links([link for queued in links.values() for link in queued])
        self._new_links = {}
        new_listings, self._new_listings = self.__dict__.get("_new_listings", []), []
        if not failed:
            # The new listings as written (a row refused later was not): a few queries
            # a thousand listings. Changed listings were counted as they were saved.
            lexicon.refresh(new_listings)
        super().after_import(dataset, result, **kwargs)

    def _borough_exists(self, slug: str) -> bool:
        known = getattr(self, "_known_boroughs", None)
        return slug in known if known is not None else Borough.objects.filter(slug=slug).exists()

    def _known_values(self, column: str, wanted: set) -> set:
        known = getattr(self, "_known", None)
        if known is not None:
            return wanted & known[column]
        queryset, key = self.LIST_COLUMNS[column]
        return set(queryset.filter(**{f"{key}__in": wanted}).values_list(key, flat=True))

    def save_m2m(self, instance, row, **kwargs):
        # As import-export: without a transaction, a dry run writes nothing.
        writes = kwargs.get("using_transactions", False) or not kwargs.get("dry_run", False)
        if getattr(instance, "_imported_new", False):
            # A new listing has no links to compare or remove: they are only added, all
            # rows' together (after_import); its search text is already complete.
            if writes:
                self._new_links[instance.pk] = list(self._links_of(instance, row))
            return
        queued = getattr(self, "_new_links", {}).pop(instance.pk, None)
        if queued:
            # A listing created earlier in this file: its links go in before they are
            # compared with this row's.
            self._write_links(queued)
        super().save_m2m(instance, row, **kwargs)
        if writes and not instance._state.adding:
            refresh_search_text(instance)

    @staticmethod
    def _write_links(links) -> None:
        by_model: dict = {}
        for link in links:
            by_model.setdefault(type(link), []).append(link)
        for model, rows in by_model.items():
            model.objects.bulk_create(rows, batch_size=2000)

    def _links_of(self, instance, row):
        for column in self.LIST_COLUMNS:
            if column not in row:
                continue
            m2m = Organisation._meta.get_field(column)
            through = m2m.remote_field.through
            source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
            for value in dict.fromkeys(_split(row[column])):
                yield through(**{source: instance, target: self._targets[column][value]})

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if original is not None and original._state.adding:
            return False  # a new listing is never "unchanged": no need to compare
        return super().skip_row(instance, original, row, import_validation_errors)

    def before_import_row(self, row, **kwargs):
        """Check what the model cannot: identifiers, references to other records."""
        for column in self.KEEP_WHEN_BLANK:
            if column in row and str(row[column] if row[column] is not None else "").strip() == "":
                del row[column]
        errors = {}
        if row.get("id"):
            try:
                uuid.UUID(str(row["id"]))
            except ValueError:
                errors["id"] = _("“%(value)s” is not a valid UUID.") % {"value": row["id"]}
        org_ids = _split(row.get("org_id"))
        for org_id in org_ids:
            try:
                parse_org_id(org_id)
            except ValidationError as error:
                errors["org_id"] = error.messages[0]
        borough = str(row.get("borough") or "").strip()
        if borough and not self._borough_exists(borough):
            errors["borough"] = _(
                "“%(value)s” is not a London borough slug, such as tower-hamlets."
            ) % {"value": borough}
        for column in self.LIST_COLUMNS:
            wanted = set(_split(row.get(column)))
            if not wanted:
                continue
            unknown = sorted(wanted - self._known_values(column, wanted))
            if unknown:
                errors[column] = _("Unknown value(s): %(values)s.") % {"values": ", ".join(unknown)}
        if errors:
            raise ValidationError(errors)

    def get_import_id_fields(self):
        # Rows are matched by get_instance() on id or org_id, whichever the file has.
        return []

    def get_instance(self, instance_loader, row):
        if row.get("id"):
            match = Organisation.objects.filter(pk=row["id"]).first()
            if match is not None:
                return match
        for org_id in _split(row.get("org_id")):
            match = Organisation.objects.filter(identifiers__org_id=org_id.upper()).first()
            if match is not None:
                return match
        return None

    def init_instance(self, row=None):
        instance = Organisation()
        if row and row.get("id"):
            instance.id = uuid.UUID(str(row["id"]))
        return instance

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.slug and instance.name_en:
            instance.slug = self._unique_slug(instance)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # The id only chooses the record; blank cells in optional text columns mean "empty".
        if field.attribute == "id" or field.column_name == "org_id":
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def after_save_instance(self, instance, row, **kwargs):
        # Every org-id of the row is checked before any is added: a row that fails adds
        # none.
        fresh = []
        for org_id in _split(row.get("org_id")):
            scheme, identifier = parse_org_id(org_id)
            key = f"{scheme}-{identifier}"
            owner = self._owner_of(key)
            if owner is None:
                if (scheme, identifier) not in fresh:
                    fresh.append((scheme, identifier))
            elif owner != instance.pk:
                raise ValidationError(
                    {
                        "org_id": _("%(org_id)s already belongs to another organisation.")
                        % {"org_id": key}
                    }
                )
        for scheme, identifier in fresh:
            self._add_identifier(instance, scheme, identifier)

    def _owner_of(self, org_id: str):
        """The pk of the listing that has ``org_id``, or None."""
        return (
            OrganisationIdentifier.objects.filter(org_id=org_id)
            .values_list("organisation_id", flat=True)
            .first()
        )

    def _add_identifier(self, instance, scheme: str, identifier: str) -> None:
        OrganisationIdentifier.objects.create(
            organisation=instance, scheme=scheme, identifier=identifier
        )

    def _slug_taken(self, slug: str, instance) -> bool:
        return (
            slug in RESERVED_SLUGS
            or Organisation.objects.filter(slug=slug).exclude(pk=instance.pk).exists()
        )

    def _unique_slug(self, instance) -> str:
        base = slugify(instance.name_en)[:100] or "organisation"
        slug, counter = base, 2
        while self._slug_taken(slug, instance):
            slug, counter = f"{base}-{counter}", counter + 1
        return slug
