"""Open Referral UK 3.0 (HSDS-UK-3.0) records, built as plain dicts from ``.values()`` rows.

Conventions, from the ORUK 3.0 schemas vendored under ``spec/3.0/schema`` and the
validator's behaviour:

- Every ``id`` is a UUID. Records the directory does not store as rows of their own
  (addresses, schedules, service areas, languages of a service, attributes, contacts,
  phones) get a *derived* id: a UUID 5 of what they link, so the same record keeps the
  same id from one request to the next. A service-at-location's id encodes the row of the
  service-location link, so that ``/service_at_locations/{id}`` can find it again.
- Empty optional fields are left out: never ``null``, never ``""``, never ``[]``.
- Text is served in English (``name_en``, ...); an organisation with no English yet is
  served in the language it was written in.
- ``website``, ``url`` and every other ``uri`` field is an absolute http(s) URI or absent.

Only records of public organisations (published and not closed) may be built here; the
callers select them, and the loaders below keep related records to public ones too.
"""

import uuid

from django.db.models import Q
from django.utils import translation
from django.utils.text import capfirst

from directory.models import (
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
)
from directory.public import SUMMARY_FIELDS, oruk_datetime, translated_columns

from .fields import (  # noqa: F401 (the records build on these; views read them here)
    GSS_URI,
    LINK_TYPE_AUDIENCE,
    LINK_TYPE_CATEGORY,
    LONDON_GSS_CODE,
    ORUK_NAMESPACE,
    TAXONOMY_FIELDS,
    TERM_FIELDS,
    _attribute,
    _grouped,
    _term_links,
    absolute_uri,
    compact,
    derived_id,
    email_address,
    english,
    local_date,
    number,
    prefixed,
    public_q,
    service_at_location_id,
    service_at_location_pk,
    taxonomy,
    taxonomy_term,
)

# --- Organisations -------------------------------------------------------------------------

# Every language's name and description: a listing nobody has translated into English
# yet is served in the language it was written in (``english``).
ORGANISATION_FIELDS = ("id", *translated_columns(SUMMARY_FIELDS), "email", "website")


def organisation(row: dict, prefix: str = "") -> dict:
    """An organization with its one-to-one fields (``description`` is required)."""

    def get(field):
        return row.get(f"{prefix}{field}")

    name = english(row, f"{prefix}name")
    return compact(
        {
            "id": str(get("id")),
            "name": name,
            "description": english(row, f"{prefix}description") or name,
            "email": email_address(get("email")),
            "website": absolute_uri(get("website")),
        }
    )


def _identifier_types() -> dict:
    with translation.override("en"):
        return {value: str(label) for value, label in OrganisationIdentifier.Scheme.choices}


def nest_organisations(records: list[dict]) -> list[dict]:
    """Add identifiers and attributes (areas of work, who it helps) to organizations,
    in three queries whatever their number."""
    ids = [record["id"] for record in records]
    if not ids:
        return records
    identifiers = _grouped(
        OrganisationIdentifier.objects.filter(organisation_id__in=ids)
        .order_by("scheme", "identifier")
        .values("id", "organisation_id", "scheme", "identifier"),
        "organisation_id",
    )
    categories = _term_links(Organisation.categories.through, "organisation_id", ids)
    beneficiaries = _term_links(Organisation.beneficiaries.through, "organisation_id", ids)
    types = _identifier_types()
    for record in records:
        key = uuid.UUID(record["id"])
        record["organization_identifiers"] = [
            compact(
                {
                    "id": str(row["id"]),
                    "organization_id": record["id"],
                    "identifier_scheme": row["scheme"],
                    "identifier_type": types.get(row["scheme"], row["scheme"]),
                    "identifier": row["identifier"],
                }
            )
            for row in identifiers.get(key, [])
        ]
        record["attributes"] = [
            _attribute("organization", record["id"], LINK_TYPE_CATEGORY, row, "taxonomyterm__")
            for row in categories.get(key, [])
        ] + [
            _attribute("organization", record["id"], LINK_TYPE_AUDIENCE, row, "taxonomyterm__")
            for row in beneficiaries.get(key, [])
        ]
    return [compact(record) for record in records]


# --- Locations -----------------------------------------------------------------------------

LOCATION_FIELDS = (
    "id",
    "name",
    "address_1",
    "city",
    "postcode",
    "latitude",
    "longitude",
    "borough__name",
    "accessibility_notes",
    *Location.ACCESSIBILITY_FIELDS,
)


def _accessibility_labels() -> dict:
    with translation.override("en"):
        return {
            name: str(Location._meta.get_field(name).verbose_name)
            for name in Location.ACCESSIBILITY_FIELDS
        }


def location(row: dict, prefix: str = "", full: bool = False) -> dict:
    """A physical location; with ``full``, its address and accessibility too."""

    def get(field):
        return row.get(f"{prefix}{field}")

    location_id = str(get("id"))
    record = {
        "id": location_id,
        "location_type": "physical",
        "name": (get("name") or "").strip(),
        "latitude": number(get("latitude")),
        "longitude": number(get("longitude")),
    }
    if full:
        address_1, postcode = (get("address_1") or "").strip(), (get("postcode") or "").strip()
        if address_1 and postcode:
            record["addresses"] = [
                compact(
                    {
                        "id": derived_id("address", location_id),
                        "location_id": location_id,
                        "address_1": address_1,
                        "city": (get("city") or "").strip() or "London",
                        "region": get("borough__name"),
                        "state_province": "London",
                        "postal_code": postcode,
                        "country": "GB",
                        "address_type": "physical",
                    }
                )
            ]
        labels = _accessibility_labels()
        features = [label for name, label in labels.items() if get(name)]
        notes = (get("accessibility_notes") or "").strip()
        if features or notes:
            record["accessibility"] = [
                compact(
                    {
                        "id": derived_id("accessibility", location_id),
                        "location_id": location_id,
                        "description": capfirst("; ".join(features)),
                        "details": notes,
                    }
                )
            ]
    return compact(record)


# --- Services ------------------------------------------------------------------------------

SERVICE_FIELDS = (
    "id",
    "organisation_id",
    "name_en",
    "description_en",
    "url",
    "email",
    "status",
    "fees_en",
    "eligibility_en",
    "minimum_age",
    "maximum_age",
    "updated_at",
    "organisation__status",
    "organisation__updated_at",
    "organisation__last_confirmed_at",
    *prefixed("organisation__", ORGANISATION_FIELDS),
)
# What a minimal service (``/services?minimal=true``) is built from.
SERVICE_MINIMAL_FIELDS = (
    "id",
    "name_en",
    "status",
    "updated_at",
    "organisation__status",
    "organisation__updated_at",
)
# What a fully nested service needs beyond its one-to-one fields.
SERVICE_FULL_FIELDS = (
    *SERVICE_FIELDS,
    "schedule",
    "organisation__phone",
    "organisation__serves_all_london",
)


def service_status(row: dict, prefix: str = "") -> str:
    """The service's status; an active service of a temporarily closed organisation is
    reported as temporarily closed (inactive and defunct stay as they are)."""
    status = row[f"{prefix}status"]
    if (
        status == Service.Status.ACTIVE
        and row[f"{prefix}organisation__status"] == Organisation.Status.TEMPORARILY_CLOSED
    ):
        return Service.Status.TEMPORARILY_CLOSED.value
    return str(status)


def last_modified(row: dict, prefix: str = "") -> str | None:
    """When the service or its organisation last changed, whichever is later."""
    updated = [
        value
        for value in (row.get(f"{prefix}updated_at"), row.get(f"{prefix}organisation__updated_at"))
        if value
    ]
    return oruk_datetime(max(updated)) if updated else None


def minimal_service(row: dict) -> dict:
    """A service as ``minimal=true`` lists it, from a row of ``SERVICE_MINIMAL_FIELDS``:
    its id and ``last_modified``, with the name and status every service record needs."""
    return compact(
        {
            "id": str(row["id"]),
            "name": (row.get("name_en") or "").strip(),
            "status": service_status(row),
            "last_modified": last_modified(row),
        }
    )


def service(row: dict, prefix: str = "", with_organisation: bool = True) -> dict:
    """A service with its one-to-one fields (and its organization's), as in lists."""

    def get(field):
        return row.get(f"{prefix}{field}")

    fees = (get("fees_en") or "").strip()
    return compact(
        {
            "id": str(get("id")),
            "organization_id": str(get("organisation_id")),
            "name": (get("name_en") or "").strip(),
            "description": (get("description_en") or "").strip(),
            "url": absolute_uri(get("url")),
            "email": email_address(get("email")),
            "status": service_status(row, prefix),
            "fees": fees,
            "eligibility_description": (get("eligibility_en") or "").strip(),
            "minimum_age": get("minimum_age"),
            "maximum_age": get("maximum_age"),
            "assured_date": local_date(get("organisation__last_confirmed_at")),
            "last_modified": last_modified(row, prefix),
            "organization": (
                organisation(row, f"{prefix}organisation__") if with_organisation else None
            ),
        }
    )


def full_services(rows: list[dict], with_organisation: bool = True) -> list[dict]:
    """Fully nested services (as ``service.json``) from rows of ``SERVICE_FULL_FIELDS``,
    in a fixed number of queries whatever the number of services."""
    if not rows:
        return []
    service_ids = [row["id"] for row in rows]
    organisation_ids = list({row["organisation_id"] for row in rows})

    links = Service.locations.through.objects.filter(
        Q(service_id__in=service_ids) & public_q("location__organisation__")
    ).order_by("location__name", "location__address_1", "id")
    locations = _grouped(
        links.values("id", "service_id", *prefixed("location__", LOCATION_FIELDS)), "service_id"
    )
    languages = _grouped(
        Service.languages.through.objects.filter(service_id__in=service_ids)
        .order_by("language__name")
        .values("service_id", "language__code", "language__name"),
        "service_id",
    )
    categories = _term_links(Service.categories.through, "service_id", service_ids)
    audiences = _term_links(Organisation.beneficiaries.through, "organisation_id", organisation_ids)
    areas = _grouped(
        Organisation.areas_served.through.objects.filter(organisation_id__in=organisation_ids)
        .order_by("borough__name")
        .values("organisation_id", "borough__name", "borough__gss_code"),
        "organisation_id",
    )
    organisations = {}
    if with_organisation:
        organisations = {
            record["id"]: record
            for record in nest_organisations(
                list(
                    {
                        row["organisation_id"]: organisation(row, "organisation__") for row in rows
                    }.values()
                )
            )
        }

    records = []
    for row in rows:
        record = service(row, with_organisation=False)
        service_id, organisation_id = row["id"], row["organisation_id"]
        sid = record["id"]
        record["organization"] = organisations.get(str(organisation_id))

        schedule = (row.get("schedule") or "").strip()
        record["schedules"] = (
            [{"id": derived_id("schedule", sid), "service_id": sid, "description": schedule}]
            if schedule
            else []
        )
        if row.get("organisation__serves_all_london"):
            record["service_areas"] = [_area(sid, "London", LONDON_GSS_CODE)]
        else:
            record["service_areas"] = [
                _area(sid, area["borough__name"], area["borough__gss_code"])
                for area in areas.get(organisation_id, [])
            ]
        record["service_at_locations"] = [
            compact(
                {
                    "id": service_at_location_id(link["id"]),
                    "service_id": sid,
                    "location_id": str(link["location__id"]),
                    "location": location(link, "location__", full=True),
                }
            )
            for link in locations.get(service_id, [])
        ]
        record["languages"] = [
            {
                "id": derived_id("language", sid, language["language__code"]),
                "service_id": sid,
                "name": language["language__name"],
                "code": language["language__code"],
            }
            for language in languages.get(service_id, [])
        ]
        fees = english(row, "fees")
        record["cost_options"] = (
            [{"id": derived_id("cost_option", sid), "service_id": sid, "amount_description": fees}]
            if fees
            else []
        )
        record["contacts"] = _contacts(sid, row)
        record["attributes"] = [
            _attribute("service", sid, LINK_TYPE_CATEGORY, term, "taxonomyterm__")
            for term in categories.get(service_id, [])
        ] + [
            _attribute("service", sid, LINK_TYPE_AUDIENCE, term, "taxonomyterm__")
            for term in audiences.get(organisation_id, [])
        ]
        records.append(compact(record))
    return records


def with_services(records: list[dict], full: bool = False) -> list[dict]:
    """Add to organizations (built by ``organisation``) their ``services``, by name: with
    their one-to-one fields, or fully nested with ``full`` (without the organization,
    which they are in). One query reads the services of all the records, and
    ``full_services`` adds its fixed number with ``full``."""
    if not records:
        return records
    services = Service.objects.filter(
        organisation_id__in=[record["id"] for record in records]
    ).order_by("name_en", "id")
    if full:
        built = full_services(list(services.values(*SERVICE_FULL_FIELDS)), with_organisation=False)
    else:
        built = [service(row, with_organisation=False) for row in services.values(*SERVICE_FIELDS)]
    by_organisation = _grouped(built, "organization_id")
    for record in records:
        record["services"] = by_organisation.get(record["id"], [])
    return [compact(record) for record in records]


def _area(service_id: str, name: str, gss_code: str) -> dict:
    return {
        "id": derived_id("service_area", service_id, gss_code),
        "service_id": service_id,
        "name": name,
        "uri": GSS_URI.format(gss_code),
    }


def _contacts(service_id: str, row: dict) -> list[dict]:
    """The organisation's public, generic email and phone as one contact, if it has them.
    Personal contacts are never published."""
    email = email_address(row.get("organisation__email"))
    phone = (row.get("organisation__phone") or "").strip()
    if not (email or phone):
        return []
    contact_id = derived_id("contact", service_id)
    return [
        compact(
            {
                "id": contact_id,
                "service_id": service_id,
                "name": english(row, "organisation__name"),
                "email": email,
                "phones": (
                    [
                        {
                            "id": derived_id("phone", contact_id),
                            "contact_id": contact_id,
                            "number": phone,
                        }
                    ]
                    if phone
                    else []
                ),
            }
        )
    ]
