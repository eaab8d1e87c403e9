"""Directory models: the published records, and the contributions that change them."""

from .contributions import (
    NotificationLog,
    OrganisationClaim,
    OrganisationEditor,
    OrganisationSuggestion,
    ProblemReport,
    StaleListingReminder,
)
from .places import Postcode
from .records import (
    AccessibilityMixin,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
)
from .vocabularies import Borough, Language, Taxonomy, TaxonomyTerm

__all__ = [
    "AccessibilityMixin",
    "Borough",
    "Language",
    "Location",
    "NotificationLog",
    "Organisation",
    "OrganisationClaim",
    "OrganisationEditor",
    "OrganisationIdentifier",
    "OrganisationSuggestion",
    "Postcode",
    "ProblemReport",
    "Service",
    "StaleListingReminder",
    "Taxonomy",
    "TaxonomyTerm",
]
