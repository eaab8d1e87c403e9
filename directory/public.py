"""An organisation's public shape, said once for every door that shows a listing: the
REST API, the bulk downloads, the Open Referral UK feed, the import/export file and the
benchmarks.

- Which fields are written per language: modeltranslation's registry (translation.py)
  decides, and ``translated_columns`` gives their per-language columns.
- Which plain (language-neutral) columns anyone may read: ``PUBLIC_FIELDS``, in groups
  the doors list in the same order. A door reads these and nothing else of a listing.
- How each door writes a date-time. The doors differ here, and keep differing: each
  format is what its readers (partners among them) have always parsed.

Import it once the app registry is ready (the registry is filled then).
"""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from modeltranslation.translator import translator

from .models import Organisation
from .models.records import prose_columns

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)

# --- Translated fields ----------------------------------------------------------------

# Written per language: name, description and accessibility notes, in registration order.
TRANSLATED_FIELDS: tuple[str, ...] = tuple(translator.get_options_for_model(Organisation).fields)
# The translated fields every door shows (accessibility notes are the API's and the
# import file's only).
SUMMARY_FIELDS: tuple[str, ...] = ("name", "description")


def translated_columns(
    fields: Iterable[str] = TRANSLATED_FIELDS, languages: Iterable[str] | None = None
) -> list[str]:
    """Every column of ``fields`` in ``languages`` (default: all), field by field:
    ``name_en``, ``name_ro``, ..., ``description_en``, ..."""
    return prose_columns(fields, languages)


# --- Plain columns --------------------------------------------------------------------

# The listing's legal form, contact details and address, in the order every door gives them.
DETAIL_FIELDS: tuple[str, ...] = (
    "legal_form",
    "website",
    "email",
    "phone",
    "address_1",
    "address_2",
    "city",
    "postcode",
)
ACCESSIBILITY_FIELDS: tuple[str, ...] = Organisation.ACCESSIBILITY_FIELDS
# When a person last confirmed the listing correct, and when it last changed.
DATE_FIELDS: tuple[str, ...] = ("last_confirmed_at", "updated_at")
# Every plain column of a listing that anyone may read. The borough and the many-to-many
# values (areas served, categories, ...) are related records, read through their links.
PUBLIC_FIELDS: tuple[str, ...] = (
    "id",
    "slug",
    *DETAIL_FIELDS,
    "opening_hours",
    "serves_all_london",
    *ACCESSIBILITY_FIELDS,
    "status",
    *DATE_FIELDS,
    "licence",
)


# --- Date-times -----------------------------------------------------------------------
# All three are ISO 8601 in UTC, written with "Z"; they differ in their precision.


def api_datetime(value: datetime | None) -> str | None:
    """The REST API's: as stored (in UTC), to the microsecond when it has any
    ("2024-05-01T12:30:45.123456Z", "2024-06-02T08:00:00Z")."""
    return value.isoformat().replace("+00:00", "Z") if value else None


# The downloads' (CSV, JSON): Table Schema's default datetime format, to the second
# ("2024-05-01T12:30:45Z"); the Data Package declares no other.
DOWNLOAD_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
# The same in PostgreSQL's to_char notation, for the CSV that COPY writes.
DOWNLOAD_PG_DATETIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS"Z"'


def download_datetime(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime(DOWNLOAD_DATETIME_FORMAT) if value else None


def oruk_datetime(value: datetime | None) -> str | None:
    """Open Referral UK's: RFC 3339 to the millisecond, as ORUK's examples give it
    ("2024-05-01T12:30:45.123Z")."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
