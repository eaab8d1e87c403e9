"""Which fields are translated (django-modeltranslation), and history registration.

simple_history is registered here, after translation, so that the history tables
get the per-language columns.
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as history_register

from .models import Location, Organisation, OrganisationIdentifier, Service, Taxonomy, TaxonomyTerm
from .models.records import PROSE_FIELDS


# Only prose is translated. Facts that read the same in every language (opening hours,
# a service's times, contact details, address, languages spoken, areas served,
# accessibility facts) are one field, so that a correction made in any language reaches
# every reader.
@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    # No language is required: a listing may be written in any one of them (clean()
    # asks for a name and a description in at least one).
    fields = PROSE_FIELDS


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name", "description", "eligibility", "fees")
    required_languages = ("en",)


@register(Taxonomy)
class TaxonomyTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(TaxonomyTerm)
class TaxonomyTermTranslationOptions(TranslationOptions):
    fields = ("name", "description")


history_register(Organisation, excluded_fields=["search_text"])
history_register(Service)
history_register(Location)
history_register(OrganisationIdentifier)
