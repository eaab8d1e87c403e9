"""The columns of the bulk export, each described as a Table Schema field.

The CSV header, the JSON keys and the Data Package schema all come from COLUMNS.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from ..models import Organisation

MULTI_VALUE_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    """One column of the export, described as a Table Schema field."""

    name: str
    type: str
    description: str
    format: str = "default"
    constraints: dict = field(default_factory=dict)
    # Semicolon-separated in the CSV, an array in the JSON.
    many: bool = False

    def schema_field(self) -> dict:
        descriptor = {"name": self.name, "type": self.type, "description": self.description}
        if self.format != "default":
            descriptor["format"] = self.format
        if self.constraints:
            descriptor["constraints"] = dict(self.constraints)
        return descriptor


def _public_statuses() -> list[str]:
    return [s for s in Organisation.Status.values if s != Organisation.Status.CLOSED]


COLUMNS: tuple[Column, ...] = (
    Column(
        "id",
        "string",
        "The listing's permanent identifier (a UUID), also used by the API.",
        format="uuid",
        constraints={"required": True, "unique": True},
    ),
    Column(
        "org_ids",
        "string",
        "Register identifiers in org-id.guide form (such as GB-CHC-1090095), "
        "separated by semicolons.",
        many=True,
    ),
    Column(
        "slug",
        "string",
        "The listing's short name in web addresses.",
        constraints={"required": True, "unique": True},
    ),
    Column(
        "name",
        "string",
        "Name, in English (a listing nobody has translated yet: in the language it was "
        "written in).",
        constraints={"required": True},
    ),
    Column(
        "description",
        "string",
        "What the organisation does, in English (or, as for the name, in the language it "
        "was written in).",
    ),
    Column(
        "legal_form",
        "string",
        "Legal form.",
        constraints={"required": True, "enum": list(Organisation.LegalForm.values)},
    ),
    Column("website", "string", "The organisation's website.", format="uri"),
    Column("email", "string", "The organisation's public, generic email address.", format="email"),
    Column("phone", "string", "The organisation's public phone number."),
    Column("address_1", "string", "Address, first line."),
    Column("address_2", "string", "Address, second line."),
    Column("city", "string", "Town or city."),
    Column("postcode", "string", "UK postcode."),
    Column("borough", "string", "The London borough where it is based (slug)."),
    Column("borough_name", "string", "The name of that borough."),
    Column(
        "areas_served",
        "string",
        "Boroughs it serves (slugs), separated by semicolons.",
        many=True,
    ),
    Column(
        "serves_all_london",
        "boolean",
        "Whether it serves the whole of London.",
        constraints={"required": True},
    ),
    Column(
        "categories",
        "string",
        "Areas of work (term slugs), separated by semicolons.",
        many=True,
    ),
    Column(
        "beneficiaries",
        "string",
        "Who it helps (term slugs), separated by semicolons.",
        many=True,
    ),
    Column(
        "languages",
        "string",
        "Languages spoken (ISO 639 codes), separated by semicolons.",
        many=True,
    ),
    Column(
        "status",
        "string",
        "Whether it is active or temporarily closed (closed listings are left out).",
        constraints={"required": True, "enum": _public_statuses()},
    ),
    Column(
        "last_confirmed_at",
        "datetime",
        "When a person last confirmed the listing correct (UTC); empty if never.",
    ),
    Column(
        "updated_at",
        "datetime",
        "When the listing last changed (UTC).",
        constraints={"required": True},
    ),
    Column(
        "url",
        "string",
        "The listing's page on the directory.",
        format="uri",
        constraints={"required": True, "unique": True},
    ),
    Column(
        "licence",
        "string",
        "The licence of this record (the dataset as a whole is CC-BY-4.0).",
        constraints={"required": True},
    ),
)
HEADER: list[str] = [column.name for column in COLUMNS]


def default_licence() -> str:
    return settings.OPEN_DATA_LICENCE["name"]


def listing_url_prefix() -> str:
    """``{SITE_URL}/en/organisations/``: a listing's URL is this plus its slug and "/"."""
    marker = "slug-marker"
    with translation.override("en"):
        path = reverse("directory:organisation_detail", kwargs={"slug": marker})
    prefix, _marker, suffix = path.partition(marker)
    if suffix != "/":
        raise RuntimeError(f"Unexpected listing URL shape: {path}")
    return settings.SITE_URL + prefix
