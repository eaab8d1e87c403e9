"""Open Referral UK 3.0: the small pieces every record is built from (derived ids,
compacting, English text, URIs, dates), and the taxonomy records. The conventions are
in ``serializers``' docstring."""

import uuid
from collections import defaultdict
from urllib.parse import urlsplit

from django.db.models import Q
from django.utils import timezone

from common.i18n import fallback_chain
from directory.models import (
    Organisation,
)

# Namespace of the derived ids. Never change it: partners key their copies on these ids.
ORUK_NAMESPACE = uuid.UUID("e7c7bdb8-b6fa-4735-898d-5d3816b274c8")

# ONS linked-data URIs of statistical geographies; E12000007 is the London region.
GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{}"
LONDON_GSS_CODE = "E12000007"

# What a term describes, in an attribute's link_type.
LINK_TYPE_CATEGORY = "category"  # an area of work of the service or organisation
LINK_TYPE_AUDIENCE = "audience"  # a group of people it is for


# --- Small helpers -----------------------------------------------------------------------


def derived_id(*parts) -> str:
    """A stable UUID for a record the directory does not store as a row of its own."""
    return str(uuid.uuid5(ORUK_NAMESPACE, "/".join(str(part) for part in parts)))


def _prefix_bits(kind: str) -> int:
    high = uuid.uuid5(ORUK_NAMESPACE, kind).int >> 64
    return (high & ~0xF000) | 0x8000  # RFC 9562 version 8: a custom layout


_SAL_HIGH = _prefix_bits("service_at_location")
_LOW_MASK = (1 << 62) - 1
_VARIANT = 0b10 << 62


def service_at_location_id(link_pk: int) -> str:
    """The UUID of a service-at-location: its link row's key in a fixed UUID layout."""
    return str(uuid.UUID(int=(_SAL_HIGH << 64) | _VARIANT | (int(link_pk) & _LOW_MASK)))


def service_at_location_pk(value: uuid.UUID) -> int | None:
    """The link row's key in a service-at-location UUID, or None if it is not one."""
    high, low = value.int >> 64, value.int & ((1 << 64) - 1)
    if high != _SAL_HIGH or low & ~_LOW_MASK != _VARIANT:
        return None
    return low & _LOW_MASK


def compact(record: dict) -> dict:
    """Leave out empty optional fields: None, "", [] and {} (0 and False are kept)."""
    return {key: value for key, value in record.items() if value not in (None, "", [], {})}


def english(row: dict, key: str) -> str:
    """The English text of a translated field in a ``.values()`` row, trimmed; for a
    record with no English yet, the text in the language it was written in (the feed
    has one language per field, and a listing proposed in Bengali is still a listing)."""
    for code in fallback_chain("en"):
        value = (row.get(f"{key}_{code}") or "").strip()
        if value:
            return value
    return ""


def absolute_uri(value: str | None) -> str | None:
    """An absolute http(s) URI, or None. A bare domain ("example.org/x") gets https://."""
    value = (value or "").strip()
    if not value or any(char.isspace() for char in value):
        return None
    if "://" not in value and not value.startswith("//"):
        value = f"https://{value}"
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or "." not in (parts.hostname or ""):
        return None
    return value


def email_address(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if "@" in value[1:-1] else None


def local_date(value) -> str | None:
    """The London date of a date-time, as YYYY-MM-DD."""
    if value is None:
        return None
    return timezone.localtime(value).date().isoformat()


def number(value):
    """A decimal from the database as a JSON number (ints stay ints)."""
    if value is None:
        return None
    return int(value) if value == int(value) else float(value)


def public_q(prefix: str = "") -> Q:
    """Organisations anyone may see (published and not closed), through ``prefix``."""
    return Q(**{f"{prefix}is_published": True}) & ~Q(
        **{f"{prefix}status": Organisation.Status.CLOSED}
    )


def _grouped(rows, key):
    groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


# --- Taxonomies ----------------------------------------------------------------------------

TAXONOMY_FIELDS = ("id", "name_en", "description_en", "uri", "version")
TERM_FIELDS = (
    "id",
    "code",
    "name_en",
    "description_en",
    "parent_id",
    "taxonomy_id",
    "taxonomy__name_en",
    "taxonomy__uri",
)


def prefixed(prefix: str, fields) -> list[str]:
    return [f"{prefix}{field}" for field in fields]


def taxonomy(row: dict) -> dict:
    name = english(row, "name") or str(row["id"])
    return compact(
        {
            "id": str(row["id"]),
            "name": name,
            "description": english(row, "description") or name,
            "uri": absolute_uri(row.get("uri")),
            "version": (row.get("version") or "").strip(),
        }
    )


def taxonomy_term(row: dict, prefix: str = "") -> dict:
    """A taxonomy term; ``taxonomy`` names its taxonomy (its URI when it has one)."""

    def get(field):
        return row.get(f"{prefix}{field}")

    name = (get("name_en") or "").strip() or get("code") or str(get("id"))
    parent_id = get("parent_id")
    return compact(
        {
            "id": str(get("id")),
            "name": name,
            "description": (get("description_en") or "").strip() or name,
            "code": get("code"),
            "parent_id": str(parent_id) if parent_id else None,
            "taxonomy": absolute_uri(get("taxonomy__uri"))
            or (get("taxonomy__name_en") or "").strip(),
            "taxonomy_id": str(get("taxonomy_id")),
        }
    )


def _attribute(link_entity: str, link_id, link_type: str, row: dict, prefix: str) -> dict:
    term = taxonomy_term(row, prefix)
    return {
        "id": derived_id("attribute", link_entity, link_id, link_type, term["id"]),
        "link_id": str(link_id),
        "link_type": link_type,
        "link_entity": link_entity,
        "taxonomy_term_id": term["id"],
        "taxonomy_term": term,
    }


def _term_links(through, owner_field: str, owner_ids) -> dict:
    """Terms linked through an M2M table, grouped by owner id (one query)."""
    rows = (
        through.objects.filter(**{f"{owner_field}__in": owner_ids})
        .order_by("taxonomyterm__name_en", "taxonomyterm_id")
        .values(owner_field, *prefixed("taxonomyterm__", TERM_FIELDS))
    )
    return _grouped(rows, owner_field)
