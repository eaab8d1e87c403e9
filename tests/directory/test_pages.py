"""The public browse, search and detail pages."""

import json
import re

import pytest
from django.utils import timezone

from directory.models import Language, Organisation
from tests.factories import (
    IdentifierFactory,
    OrganisationFactory,
    ServiceFactory,
    beneficiary,
    borough,
    category,
    language,
)

pytestmark = pytest.mark.django_db


def slugs_on(response):
    return set(re.findall(r'href="/\w\w/organisations/([\w-]+)/"', response.content.decode()))


def test_list_page_renders_in_english_and_arabic(client):
    OrganisationFactory(slug="one", name_en="Hackney Food Bank")
    for code, direction in (("en", "ltr"), ("ar", "rtl")):
        response = client.get(f"/{code}/organisations/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{code}" dir="{direction}">' in html
        assert f'href="/{code}/organisations/one/"' in html


def test_detail_page_renders_in_english_and_arabic(client):
    organisation = OrganisationFactory(
        slug="one", name_en="Hackney Food Bank", description_ar="بنك طعام في هاكني"
    )
    ServiceFactory(organisation=organisation, name_en="Weekly food parcels")
    english = client.get("/en/organisations/one/").content.decode()
    assert "Hackney Food Bank" in english and "Weekly food parcels" in english
    arabic = client.get("/ar/organisations/one/").content.decode()
    assert 'dir="rtl"' in arabic and "بنك طعام في هاكني" in arabic


def test_missing_translation_falls_back_to_english_and_says_so(client):
    OrganisationFactory(slug="one", description_en="We run a weekly lunch club.")
    html = client.get("/pl/organisations/one/").content.decode()
    assert "We run a weekly lunch club." in html
    assert 'id="translation-missing"' in html
    assert 'lang="en"' in html


def test_filters_combine_with_and(client):
    food, health = category("food"), category("health-and-wellbeing")
    polish = language("pl")
    OrganisationFactory(
        slug="match", categories=[food], languages=[polish], borough=borough("ealing")
    )
    OrganisationFactory(slug="wrong-borough", categories=[food], languages=[polish])
    OrganisationFactory(
        slug="wrong-category", categories=[health], languages=[polish], borough=borough("ealing")
    )
    OrganisationFactory(slug="wrong-language", categories=[food], borough=borough("ealing"))
    response = client.get("/en/organisations/?borough=ealing&category=food&language=pl")
    assert slugs_on(response) == {"match"}
    assert "1 organisation found" in response.content.decode()


def test_beneficiary_filter_and_nested_categories(client):
    OrganisationFactory(slug="elders", beneficiaries=[beneficiary("older-people")])
    OrganisationFactory(slug="minds", categories=[category("mental-health")])
    OrganisationFactory(slug="neither")
    assert slugs_on(client.get("/en/organisations/?beneficiary=older-people")) == {"elders"}
    # Mental health sits under health and wellbeing, so the parent finds it.
    assert slugs_on(client.get("/en/organisations/?category=health-and-wellbeing")) == {"minds"}


def test_borough_filter_includes_areas_served(client):
    based = OrganisationFactory(slug="based", borough=borough("lewisham"))
    serving = OrganisationFactory(slug="serving", borough=borough("southwark"))
    serving.areas_served.add(borough("lewisham"))
    OrganisationFactory(slug="elsewhere", borough=borough("camden"))
    assert based and slugs_on(client.get("/en/organisations/?borough=lewisham")) == {
        "based",
        "serving",
    }


def test_each_filter_can_be_removed_on_its_own(client):
    OrganisationFactory(slug="one", categories=[category("food")])
    html = client.get("/en/organisations/?q=group&category=food&page=1").content.decode()
    assert 'href="?category=food"' in html  # removes the search, keeps the category
    assert 'href="?q=group"' in html  # removes the category, keeps the search


@pytest.mark.parametrize(
    "query",
    ["borough=atlantis", "category=not-a-term", "language=xx", "beneficiary=%00", "q=a%00b"],
)
def test_unknown_filter_values_are_a_400_with_a_message(client, query):
    response = client.get(f"/en/organisations/?{query}")
    assert response.status_code == 400
    assert "There is a problem with your search" in response.content.decode()


def test_junk_page_numbers_do_not_break_the_page(client):
    OrganisationFactory()
    for page in ("-1", "abc", "999999", "1e9"):
        assert client.get(f"/en/organisations/?page={page}").status_code == 200


def test_empty_state_offers_suggestions(client):
    html = client.get("/en/organisations/?q=nothingmatchesthis").content.decode()
    assert "0 organisations found" in html
    assert "No organisations match your search" in html
    assert "Check the spelling" in html  # no filter was used: none to remove


def test_results_are_paginated(client):
    OrganisationFactory.create_batch(25)
    first = client.get("/en/organisations/").content.decode()
    assert "25 organisations found" in first and "Page 1 of 2" in first
    assert len(slugs_on(client.get("/en/organisations/?page=2"))) == 5


def test_sorting_by_name_or_relevance(client):
    OrganisationFactory(slug="b", name_en="Bravo food", description_en="food food food")
    OrganisationFactory(slug="a", name_en="Alpha", description_en="Some food here")
    html = client.get("/en/organisations/?q=food&sort=name").content.decode()
    assert html.index("/en/organisations/a/") < html.index("/en/organisations/b/")
    assert 'value="name" selected' in html


def _count_queries(client, django_assert_max_num_queries, path, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_list_page_query_count_does_not_grow_with_results(
    client, django_assert_max_num_queries, monkeypatch
):
    OrganisationFactory.create_batch(10, categories=[category("food"), category("faith")])
    small = _count_queries(client, django_assert_max_num_queries, "/en/organisations/?q=group", 12)
    OrganisationFactory.create_batch(40, categories=[category("food")])
    monkeypatch.setattr("directory.views.browse.PAGE_SIZE", 50)
    large = _count_queries(client, django_assert_max_num_queries, "/en/organisations/?q=group", 12)
    assert large == small


def test_json_ld_parses_as_a_schema_org_organisation(client):
    organisation = OrganisationFactory(
        slug="one", name_en="Hackney </script> Food Bank", website="https://food.example.org"
    )
    IdentifierFactory(organisation=organisation, identifier="1090095")
    organisation.languages.add(language("bn"))
    html = client.get("/en/organisations/one/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "Hackney </script> Food Bank"
    assert data["identifier"] == ["GB-CHC-1090095"]
    assert data["knowsLanguage"] == ["bn"]
    assert data["address"]["postalCode"] == "E8 1DY"


def test_detail_shows_when_the_listing_was_last_confirmed(client):
    OrganisationFactory(slug="fresh")
    OrganisationFactory(
        slug="stale", last_confirmed_at=timezone.now() - timezone.timedelta(days=400)
    )
    assert "over a year ago" not in client.get("/en/organisations/fresh/").content.decode()
    assert "over a year ago" in client.get("/en/organisations/stale/").content.decode()


@pytest.mark.parametrize(
    "hidden",
    [{"is_published": False}, {"status": Organisation.Status.CLOSED}],
    ids=["unpublished", "closed"],
)
def test_hidden_listings_never_appear(client, hidden):
    OrganisationFactory(slug="visible", name_en="Visible Lunch Club")
    OrganisationFactory(slug="hidden", name_en="Hidden Lunch Club", **hidden)
    assert slugs_on(client.get("/en/organisations/")) == {"visible"}
    assert slugs_on(client.get("/en/organisations/?q=lunch")) == {"visible"}
    assert client.get("/en/organisations/hidden/").status_code == 404
    assert "Hidden Lunch Club" not in client.get("/en/organisations/?q=hidden").content.decode()


def test_temporarily_closed_listings_are_shown_with_a_notice(client):
    OrganisationFactory(slug="paused", status=Organisation.Status.TEMPORARILY_CLOSED)
    html = client.get("/en/organisations/paused/").content.decode()
    assert "temporarily closed" in html


def test_english_fallback_text_is_marked_as_english_on_list_and_detail_pages(client):
    english_only = OrganisationFactory(
        slug="english-only", name_en="Lewisham Pantry", description_en="Food for neighbours."
    )
    OrganisationFactory(
        slug="translated",
        name_en="Ealing Saturday School",
        name_pl="Szkoła Sobotnia w Ealing",
        description_en="Polish lessons.",
        description_pl="Lekcje polskiego.",
    )
    listing = client.get("/pl/organisations/").content.decode()
    assert 'lang="en" dir="ltr">Lewisham Pantry</a>' in listing
    assert '<p lang="en" dir="ltr">Food for neighbours.</p>' in listing
    assert '">Szkoła Sobotnia w Ealing</a>' in listing
    assert 'lang="en" dir="ltr">Szkoła' not in listing and "Lekcje polskiego." in listing
    detail = client.get(f"/ar/organisations/{english_only.slug}/").content.decode()
    assert '<h1 lang="en" dir="ltr">Lewisham Pantry</h1>' in detail
    english = client.get("/en/organisations/english-only/").content.decode()
    assert "<h1>Lewisham Pantry</h1>" in english  # on an English page it is not marked


def test_lists_use_the_arabic_comma_on_arabic_pages(client):
    organisation = OrganisationFactory(slug="many-languages")
    organisation.languages.set(Language.objects.filter(code__in=["ar", "bn", "so"]))
    arabic = client.get("/ar/organisations/many-languages/").content.decode()
    english = client.get("/en/organisations/many-languages/").content.decode()
    # Language names in the page's language, joined by the page's own comma.
    assert "العربية، البنغالية، الصومالية" in arabic and "العربية, " not in arabic
    assert "Arabic, Bengali, Somali" in english


def test_addresses_are_isolated_and_dates_read_as_london_and_each_language_writes_them(client):
    import datetime

    from django.utils import timezone

    listing = OrganisationFactory(
        slug="isolated",
        address_1="12 Mare Street",
        postcode="E8 1DY",
        last_confirmed_at=timezone.make_aware(datetime.datetime(2026, 12, 2, 14, 30)),
    )
    arabic = client.get(f"/ar/organisations/{listing.slug}/").content.decode()
    # Mixed-direction text keeps its own direction on a right-to-left page.
    assert "<bdi>12 Mare Street, London</bdi>" in arabic
    assert '<bdi dir="ltr">E8 1DY</bdi>' in arabic
    assert "2 ديسمبر، 2026" in arabic
    english = client.get(f"/en/organisations/{listing.slug}/").content.decode()
    assert "2 December 2026" in english and "Dec. 2, 2026" not in english
    punjabi = client.get(f"/pa/organisations/{listing.slug}/").content.decode()
    assert "2 ਦਸੰਬਰ 2026" in punjabi


def test_the_empty_state_matches_what_was_asked(client):
    from directory.models import Organisation

    OrganisationFactory(name_en="Hackney Food Bank")
    words = client.get("/en/organisations/?q=zzzzqqq").content.decode()
    assert "No organisations match your search" in words and "Check the spelling" in words
    assert "Remove a filter" not in words
    filters = client.get("/en/organisations/?borough=bexley").content.decode()
    assert "No organisations match these filters" in filters and "Remove a filter" in filters
    assert "Check the spelling" not in filters
    Organisation.objects.all().delete()
    empty = client.get("/en/organisations/").content.decode()
    assert "There are no organisations in the directory yet." in empty
    assert "Check the spelling" not in empty and "Propose a listing" in empty
