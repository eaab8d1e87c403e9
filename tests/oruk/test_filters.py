"""Filters of the ORUK feed combine with AND, on every list that takes them."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from directory.models import Organisation, Service, Taxonomy, TaxonomyTerm
from tests.factories import (
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    beneficiary,
    category,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def zebras(small_directory):
    """Two "zebra" organisations and a service named after zebras elsewhere, with every
    record last changed long ago; then one service and one organisation change now."""
    food, jobs = category("food"), category("employment")
    crossing = OrganisationFactory(
        name_en="Zebra Crossing Club", beneficiaries=[beneficiary("carers")]
    )
    friends = OrganisationFactory(name_en="Zebra Friends")
    other = OrganisationFactory(name_en="Stripes Society")
    services = {
        "crossing_food": ServiceFactory(organisation=crossing, name_en="Lunch club"),
        "crossing_jobs": ServiceFactory(organisation=crossing, name_en="Job club"),
        "friends_food": ServiceFactory(organisation=friends, name_en="Food bank"),
        "other_walks": ServiceFactory(organisation=other, name_en="Zebra walks"),
    }
    services["crossing_food"].categories.set([food])
    services["crossing_jobs"].categories.set([jobs])
    services["friends_food"].categories.set([food])
    services["other_walks"].categories.set([food])
    for service in services.values():
        service.locations.set([LocationFactory(organisation=service.organisation)])
    long_ago = timezone.now() - timedelta(days=400)
    Organisation.objects.update(updated_at=long_ago)
    Service.objects.update(updated_at=long_ago)
    cutoff = timezone.now() - timedelta(days=1)
    services["crossing_food"].save()  # changed now
    return {
        "food": food,
        "crossing": crossing,
        "friends": friends,
        "other": other,
        "cutoff": cutoff,
        **{name: str(service.id) for name, service in services.items()},
    }


def _ids(get_json, path):
    page = get_json(path)
    assert page["total_items"] == len(page["contents"])
    return {item["id"] for item in page["contents"]}


def test_service_filters_combine_with_and(zebras, get_json):
    z = zebras
    food, crossing, friends = z["food"].id, z["crossing"].id, z["friends"].id
    after = quote(z["cutoff"].isoformat())
    everything = {z["crossing_food"], z["crossing_jobs"], z["friends_food"], z["other_walks"]}

    assert len(_ids(get_json, "services?per_page=100")) > len(everything)
    assert _ids(get_json, "services?search=zebra&per_page=100") == everything
    assert _ids(get_json, f"services?search=zebra&taxonomy_term_id={food}&per_page=100") == {
        z["crossing_food"],
        z["friends_food"],
        z["other_walks"],
    }
    assert _ids(
        get_json,
        f"services?search=zebra&taxonomy_term_id={food}&organization_id={crossing}",
    ) == {z["crossing_food"]}
    assert _ids(
        get_json,
        f"services?search=zebra&taxonomy_term_id={food}&organization_id={crossing}"
        f"&modified_after={after}",
    ) == {z["crossing_food"]}
    assert (
        _ids(
            get_json,
            f"services?search=zebra&taxonomy_term_id={food}&organization_id={friends}"
            f"&modified_after={after}",
        )
        == set()
    )
    # Each filter alone is wider than the combination.
    assert _ids(get_json, f"services?modified_after={after}") == {z["crossing_food"]}
    assert len(_ids(get_json, f"services?taxonomy_term_id={food}&per_page=100")) > 3


def test_modified_after_counts_the_organisation_changing(zebras, get_json):
    zebras["friends"].save()
    after = quote(zebras["cutoff"].isoformat())
    assert _ids(get_json, f"services?modified_after={after}") == {
        zebras["crossing_food"],
        zebras["friends_food"],
    }
    # A service changing leaves its organisation's own date alone.
    assert _ids(get_json, f"organizations?modified_after={after}") == {str(zebras["friends"].id)}


def test_modified_after_takes_dates_and_offsets(zebras, get_json):
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert _ids(get_json, f"services?modified_after={day}") == {zebras["crossing_food"]}
    for value in ("2000-01-01T00:00:00Z", "2000-01-01T00:00:00+01:00", "2000-01-01T00:00:00"):
        page = get_json(f"services?modified_after={quote(value)}")
        assert (
            page["total_items"]
            == Service.objects.filter(organisation__in=Organisation.objects.public()).count()
        )
    # A '+' sent unencoded arrives as a space and is still read as an offset.
    get_json("services?modified_after=2000-01-01T00:00:00 01:00")
    assert get_json("services?modified_after=2999-01-01")["empty"] is True


def test_taxonomy_filters_reach_areas_of_work_and_who_it_is_for(zebras, get_json):
    beneficiaries = Taxonomy.objects.get(kind="beneficiary").id
    carers = beneficiary("carers").id
    crossing = {zebras["crossing_food"], zebras["crossing_jobs"]}
    assert _ids(get_json, f"services?taxonomy_term_id={carers}") == crossing
    by_taxonomy = _ids(get_json, f"services?taxonomy_id={beneficiaries}&per_page=100")
    assert crossing <= by_taxonomy
    assert zebras["friends_food"] not in by_taxonomy
    detail = get_json(f"services/{zebras['crossing_jobs']}")
    assert {a["taxonomy_term_id"] for a in detail["attributes"]} == {
        str(category("employment").id),
        str(carers),
    }


def test_organisation_filters_combine_with_and(zebras, get_json):
    food = zebras["food"].id
    crossing = str(zebras["crossing"].id)
    # Stripes Society is found by its service "Zebra walks", as on the site.
    zebra_organisations = {crossing, str(zebras["friends"].id), str(zebras["other"].id)}
    assert _ids(get_json, "organizations?search=zebra") == zebra_organisations
    # Organisations' terms are their own: neither zebra organisation lists food itself.
    zebras["crossing"].categories.set([zebras["food"]])
    assert _ids(get_json, f"organizations?search=zebra&taxonomy_term_id={food}") == {crossing}
    assert _ids(get_json, f"organizations?search=zebra&organization_id={zebras['friends'].id}") == {
        str(zebras["friends"].id)
    }
    assert (
        _ids(
            get_json,
            f"organizations?search=zebra&taxonomy_term_id={food}"
            f"&organization_id={zebras['friends'].id}",
        )
        == set()
    )


def test_service_at_location_filters_combine_with_and(zebras, get_json):
    food, crossing = zebras["food"].id, zebras["crossing"].id
    links = get_json(
        f"service_at_locations?search=zebra&taxonomy_term_id={food}&organization_id={crossing}"
    )["contents"]
    assert {link["service_id"] for link in links} == {zebras["crossing_food"]}


def test_taxonomy_term_filters(db, get_json):
    categories = Taxonomy.objects.get(kind="category")
    all_terms = get_json(f"taxonomy_terms?taxonomy_id={categories.id}&per_page=100")
    assert all_terms["total_items"] == TaxonomyTerm.objects.categories().count()
    legal = category("legal")
    children = _ids(get_json, f"taxonomy_terms?parent_id={legal.parent_id}")
    assert str(legal.id) in children
    # top_only as the spec words it: "terms that have not child terms" (the leaves).
    top = _ids(get_json, f"taxonomy_terms?taxonomy_id={categories.id}&top_only=true&per_page=100")
    assert str(legal.id) in top and str(legal.parent_id) not in top
    assert _ids(get_json, "taxonomy_terms?search=older&per_page=100") == {
        str(t.id) for t in TaxonomyTerm.objects.filter(name_en__icontains="older")
    }
    assert _ids(get_json, "taxonomies?search=beneficiary") == {
        str(Taxonomy.objects.get(kind="beneficiary").id)
    }


@pytest.mark.parametrize("offset", ["%2B20:43", "-23:30"])
def test_modified_after_with_an_offset_no_database_takes_is_read_in_utc(client, offset):
    # ISO 8601 allows offsets PostgreSQL refuses (beyond 15:59): the same moment in UTC.
    response = client.get(f"/openreferral/services?modified_after=1849-04-26T22:00:20{offset}")
    assert response.status_code == 200
