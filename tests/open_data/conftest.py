"""Shared data and helpers for the open-data download tests."""

import csv
import io
from datetime import UTC, datetime

import pytest

from directory.models import Organisation, OrganisationIdentifier
from tests.factories import (
    IdentifierFactory,
    OrganisationFactory,
    beneficiary,
    borough,
    category,
    language,
)

CSV_URL = "/data/organisations.csv"
JSON_URL = "/data/organisations.json"
DATAPACKAGE_URL = "/data/datapackage.json"
HIDDEN_MARKER = "Zqx-hidden-marker"


def read(response) -> bytes:
    """The whole body of a (possibly streamed) response."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def parse_csv(body: bytes) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(body.decode("utf-8"), newline=""))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.fixture
def directory_data(db):
    """Public listings with every kind of value, and hidden ones that must never leave."""
    full = OrganisationFactory(
        name_en='Hackney "Food", Bank',
        name_pl="Bank żywności",
        slug="hackney-food-bank",
        description_en="Food parcels, hot meals\nand advice.\r\nEvery week; all welcome.",
        legal_form=Organisation.LegalForm.REGISTERED_CHARITY,
        website="https://food.example.org/",
        email="hello@food.example.org",
        phone="020 7946 0000",
        address_1="1 Mare Street",
        address_2="",
        city="London",
        postcode="E8 1DY",
        serves_all_london=True,
        status=Organisation.Status.TEMPORARILY_CLOSED,
        last_confirmed_at=datetime(2024, 5, 1, 12, 30, 45, 123456, tzinfo=UTC),
        categories=[category("food"), category("advice-and-advocacy")],
        beneficiaries=[beneficiary("older-people")],
        languages=[language("pl"), language("ar")],
    )
    full.areas_served.set([borough("islington"), borough("hackney")])
    IdentifierFactory(
        organisation=full,
        scheme=OrganisationIdentifier.Scheme.COMPANIES_HOUSE,
        identifier="01234567",
    )
    IdentifierFactory(
        organisation=full,
        scheme=OrganisationIdentifier.Scheme.CHARITY_ENGLAND_WALES,
        identifier="1090095",
    )
    bare = OrganisationFactory(
        name_en="Café Ümlaut – بيت",
        slug="cafe-umlaut",
        description_en="",
        borough=None,
        postcode="",
        city="",
        last_confirmed_at=None,
    )
    unpublished = OrganisationFactory(
        name_en=f"{HIDDEN_MARKER} unpublished",
        slug="zqx-hidden-unpublished",
        email="secret-unpublished@example.org",
        is_published=False,
        categories=[category("food")],
    )
    IdentifierFactory(organisation=unpublished, identifier="7777777")
    closed = OrganisationFactory(
        name_en=f"{HIDDEN_MARKER} closed",
        slug="zqx-hidden-closed",
        status=Organisation.Status.CLOSED,
        languages=[language("pl")],
    )
    return {"full": full, "bare": bare, "unpublished": unpublished, "closed": closed}
