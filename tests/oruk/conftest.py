"""A directory big enough for three pages of ten on every list of the ORUK feed."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from directory.models import Borough, Organisation, Service
from tests.factories import (
    IdentifierFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    beneficiary,
    category,
    language,
)

FEED = "/openreferral/"


@dataclass
class Directory:
    organisations: list = field(default_factory=list)
    services: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    hidden_organisations: list = field(default_factory=list)
    hidden_services: list = field(default_factory=list)
    hidden_locations: list = field(default_factory=list)


def make_organisation(index: int, **kwargs) -> tuple[Organisation, Service]:
    """A public organisation with an identifier, a location and a service; every other
    one has its optional fields (website, email, phone, ages, fees...) left empty."""
    full = index % 2 == 0
    categories = [category("food"), category("legal")] if full else [category("employment")]
    organisation = OrganisationFactory(
        name_en=f"Feed Group {index:02d}",
        slug=f"feed-group-{index:02d}",
        website=f"https://group{index}.example.org/" if full else "",
        email=f"hello@group{index}.example.org" if full else "",
        phone="020 7946 0000" if full else "",
        serves_all_london=index % 5 == 0,
        categories=categories,
        beneficiaries=[beneficiary("older-people")] if full else [],
        languages=[language("pl")],
        **kwargs,
    )
    if full:
        organisation.areas_served.set(Borough.objects.filter(slug__in=["hackney", "camden"]))
    IdentifierFactory(organisation=organisation, identifier=f"{1090000 + index}")
    place = LocationFactory(
        organisation=organisation,
        name=f"Hall {index:02d}" if full else "",
        latitude=Decimal("51.545000") if full else None,
        longitude=Decimal("-0.055000") if full else None,
        borough=Borough.objects.get(slug="hackney") if full else None,
        step_free_access=full,
        hearing_loop=full,
        accessibility_notes="Ramp at the side door." if full else "",
    )
    service = ServiceFactory(
        organisation=organisation,
        name_en=f"Feed service {index:02d}",
        description_en="Weekly help." if full else "",
        url=f"https://group{index}.example.org/service" if full else "",
        email=f"service@group{index}.example.org" if full else "",
        minimum_age=18 if full else None,
        maximum_age=99 if full else None,
        fees_en="£2 a session" if full else "",
        schedule="Mondays 10:00 to 12:00" if full else "",
        eligibility_en="Anyone living in Hackney" if full else "",
    )
    if full:
        service.categories.set([category("food")])
        service.languages.set([language("pl"), language("bn")])
    service.locations.set([place])
    return organisation, service, place


def build_directory(count: int = 25) -> Directory:
    directory = Directory()
    for index in range(count):
        organisation, service, place = make_organisation(index)
        directory.organisations.append(organisation)
        directory.services.append(service)
        directory.locations.append(place)
    # Never in the feed: an unpublished organisation and a closed one, with their services.
    for index, kwargs in enumerate(
        [{"is_published": False}, {"status": Organisation.Status.CLOSED}], start=90
    ):
        organisation, service, place = make_organisation(index, **kwargs)
        organisation.name_en = f"Hidden Group {index}"
        organisation.save()
        directory.hidden_organisations.append(organisation)
        directory.hidden_services.append(service)
        directory.hidden_locations.append(place)
    return directory


@pytest.fixture
def feed_directory(db):
    """25 public organisations: three pages of ten on every list."""
    return build_directory()


@pytest.fixture
def small_directory(db):
    """Three public organisations (a full, a sparse and a full one) and the hidden two."""
    return build_directory(3)


@pytest.fixture
def get_json(client):
    def get(path, status=200, **headers):
        response = client.get(FEED + path.lstrip("/"), **headers)
        assert response.status_code == status, (path, response.status_code, response.content)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get
