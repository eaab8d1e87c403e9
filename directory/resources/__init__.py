"""Import and export of organisations (django-import-export), shared by the admin and the
``import_organisations`` command: ``organisations`` reads and writes one row a listing;
``batch`` imports many at once, in batches, with history."""

from .batch import OrganisationBatchResource, row_error_messages
from .organisations import (
    LIST_SEPARATOR,
    ImportOptions,
    OrganisationResource,
    SlugListWidget,
)

__all__ = [
    "LIST_SEPARATOR",
    "ImportOptions",
    "OrganisationBatchResource",
    "OrganisationResource",
    "SlugListWidget",
    "row_error_messages",
]
