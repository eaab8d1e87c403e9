"""Directory models: the published records, and the contributions that change them."""

from .changes import ListingChange
from .contributions import (
    NotificationLog,
    OrganisationClaim,
    OrganisationEditor,
    OrganisationSuggestion,
    ProblemReport,
    StaleListingReminder,
)
from .lexicon import SearchWord
from .places import Postcode, PostcodeLoad
from .records import (
    AccessibilityMixin,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
)
from .registers import PossibleDuplicate, RegisterRecord, RegisterSource
from .vocabularies import Borough, Language, Taxonomy, TaxonomyTerm

__all__ = [
    "AccessibilityMixin",
    "Borough",
    "Language",
    "ListingChange",
    "Location",
    "NotificationLog",
    "Organisation",
    "OrganisationClaim",
    "OrganisationEditor",
    "OrganisationIdentifier",
    "OrganisationSuggestion",
    "PossibleDuplicate",
    "Postcode",
    "PostcodeLoad",
    "ProblemReport",
    "RegisterRecord",
    "RegisterSource",
    "SearchWord",
    "Service",
    "StaleListingReminder",
    "Taxonomy",
    "TaxonomyTerm",
]
