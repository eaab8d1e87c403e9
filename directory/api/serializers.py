"""The shapes of the directory API's responses, as documented in the OpenAPI schema.

Lists are built from ``.values()`` rows for speed (see views.py); these serializers
describe them, and a test checks that the two never drift apart.
"""

from rest_framework import serializers

from ..changes import REASONS as REMOVAL_REASONS
from ..models import Borough, Language, TaxonomyTerm


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, naming the parameter.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per parameter.",
    )


class TranslationsField(serializers.DictField):
    """{"name": {"pl": "...", "bn": "..."}, "description": {...}}: every language present."""

    child = serializers.DictField(child=serializers.CharField())


class AddressSerializer(serializers.Serializer):
    address_1 = serializers.CharField(allow_blank=True)
    address_2 = serializers.CharField(allow_blank=True)
    city = serializers.CharField(allow_blank=True)
    postcode = serializers.CharField(allow_blank=True)


class BoroughRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class AccessibilitySerializer(serializers.Serializer):
    step_free_access = serializers.BooleanField()
    accessible_toilet = serializers.BooleanField()
    hearing_loop = serializers.BooleanField()
    bsl_available = serializers.BooleanField()
    large_print = serializers.BooleanField()
    quiet_space = serializers.BooleanField()
    notes = serializers.CharField(allow_blank=True)


class OrganisationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    url = serializers.URLField(help_text="The listing's public page.")
    language = serializers.CharField(
        help_text="The language asked for (`lang`, else Accept-Language, else English): "
        "the text fields are in it unless `field_languages` says otherwise."
    )
    field_languages = serializers.DictField(
        child=serializers.CharField(),
        help_text="The language each text field (`name`, `description`, "
        "`accessibility.notes`) is actually in, for those not in `language`: a field with "
        "no text in that language falls back to English, else to the language the "
        "listing was written in. Empty when every field is in `language`.",
    )
    name = serializers.CharField()
    description = serializers.CharField()
    legal_form = serializers.CharField()
    org_ids = serializers.ListField(child=serializers.CharField(), help_text="org-id.guide ids")
    website = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True, help_text="A generic public address.")
    phone = serializers.CharField(allow_blank=True)
    address = AddressSerializer()
    borough = BoroughRefSerializer(allow_null=True)
    areas_served = serializers.ListField(child=serializers.SlugField())
    serves_all_london = serializers.BooleanField()
    categories = serializers.ListField(child=serializers.SlugField())
    beneficiaries = serializers.ListField(child=serializers.SlugField())
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639 codes")
    accessibility = AccessibilitySerializer()
    opening_hours = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    last_confirmed_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()
    licence = serializers.CharField()
    translations = TranslationsField()


class OrganisationListItemSerializer(OrganisationSerializer):
    """An organisation in a list, which near a point also says how far away it is."""

    distance_km = serializers.FloatField(
        required=False,
        help_text="Only when a point is given (`near`, or `lat` and `lng`): how far, in km "
        "to 10 metres, from the point to the nearer of the organisation's address and its "
        "locations, as the crow flies.",
    )


class ServiceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    language = serializers.CharField(help_text="The language asked for.")
    field_languages = serializers.DictField(
        child=serializers.CharField(),
        help_text="The language each text field is actually in, for those not in "
        "`language` (a fallback). Empty when every field is in `language`.",
    )
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    status = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    eligibility = serializers.CharField(allow_blank=True)
    minimum_age = serializers.IntegerField(allow_null=True)
    maximum_age = serializers.IntegerField(allow_null=True)
    fees = serializers.CharField(allow_blank=True, help_text="Blank when free.")
    schedule = serializers.CharField(allow_blank=True)
    categories = serializers.ListField(child=serializers.SlugField())
    languages = serializers.ListField(child=serializers.CharField())
    locations = serializers.ListField(child=serializers.UUIDField())
    translations = TranslationsField()


class LocationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField(allow_blank=True)
    address_1 = serializers.CharField()
    city = serializers.CharField()
    postcode = serializers.CharField()
    borough = serializers.SlugField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    accessibility = AccessibilitySerializer()


class ProvenanceSerializer(serializers.Serializer):
    source = serializers.CharField(help_text="`ccew` or `companies-house`.")
    title = serializers.CharField(help_text="The register's name, in the language asked for.")
    extract_date = serializers.DateField(help_text="The date of the extract last read.")
    licence = serializers.CharField(help_text="The register data's licence, such as OGL-UK-3.0.")
    fields = serializers.ListField(
        child=serializers.CharField(),
        help_text="The fields that still hold the register's value (others were corrected "
        "by people since).",
    )
    removed_on = serializers.DateField(
        allow_null=True, help_text="When the register removed it, if it did."
    )


class OrganisationDetailSerializer(OrganisationSerializer):
    services = ServiceSerializer(many=True)
    locations = LocationSerializer(many=True)
    provenance = ProvenanceSerializer(
        many=True, help_text="Where the fields a public register gave came from."
    )


class TermSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    translations = serializers.SerializerMethodField()

    class Meta:
        model = TaxonomyTerm
        fields = ["id", "slug", "name", "description", "parent", "translations"]

    def get_translations(self, term) -> dict[str, dict[str, str]]:
        from .views import translations_of

        return translations_of(term.__dict__, ("name", "description"))


class BoroughSerializer(serializers.ModelSerializer):
    class Meta:
        model = Borough
        fields = ["slug", "name", "gss_code"]


class LanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name", "name_local"]


class ChangeSerializer(serializers.Serializer):
    """One item of the changes feed (documentation only: the view builds the dicts)."""

    cursor = serializers.CharField(help_text="This item's place in the stream.")
    id = serializers.UUIDField(help_text="The organisation's id.")
    at = serializers.DateTimeField(help_text="When it changed, or left the public set.")
    change = serializers.ChoiceField(
        choices=["updated", "removed"],
        help_text="`updated`: upsert `organisation`; `removed`: delete the organisation.",
    )
    organisation = OrganisationListItemSerializer(
        required=False, help_text="With `updated`: the record, as the list gives it."
    )
    reason = serializers.ChoiceField(
        choices=list(REMOVAL_REASONS),
        required=False,
        help_text="With `removed`: why it left the public set.",
    )
    merged_into = serializers.UUIDField(
        required=False, help_text="With `reason` merged: the organisation it became."
    )
