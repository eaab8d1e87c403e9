"""Text is kept in the language it was written in, and read in it where nobody has
translated it yet: a Bengali proposal is stored as Bengali, served to English readers
as Bengali (marked as such), sorted by the name people see, and found by it."""

import csv
import io
import re
from html import unescape as html_unescape

import pytest
from django.db import connection
from django.utils import translation

from directory import services
from directory.models import Organisation, OrganisationSuggestion
from tests.factories import OrganisationFactory, UserFactory, make_moderator

pytestmark = pytest.mark.django_db

RESULT_NAME = re.compile(r"<h2><a [^>]*>([^<]*)</a></h2>")
NAME_BN = "বাংলা নারী সমিতি"
DESCRIPTION_BN = "বাংলাভাষী নারীদের জন্য সাপ্তাহিক আড্ডা ও পরামর্শ।"


def propose_in_bengali(client, **overrides):
    client.force_login(UserFactory())
    data = {
        "language": "bn",
        "name": NAME_BN,
        "description": DESCRIPTION_BN,
        "borough": "tower-hamlets",
        "categories": ["advice-and-advocacy", "community-development"],
        "beneficiaries": ["families"],
        "languages": ["bn", "en"],
        "areas_served": ["newham", "hackney"],
        "reason": "আমি সেখানে স্বেচ্ছাসেবক",
        **overrides,
    }
    return client.post("/bn/organisations/new/", data, follow=True)


def test_a_bengali_proposal_is_stored_as_bengali_with_its_filters(client):
    response = propose_in_bengali(client)
    assert response.status_code == 200
    proposed = Organisation.objects.get()
    assert (proposed.name_bn, proposed.description_bn) == (NAME_BN, DESCRIPTION_BN)
    assert (proposed.name_en, proposed.description_en) == ("", "")
    assert not proposed.is_published
    # The source is a code, shown in each reader's language; the slug is readable Latin.
    assert proposed.source == "community"
    assert proposed.slug.isascii() and proposed.slug.startswith("baanlaa")
    assert sorted(proposed.categories.values_list("slug", flat=True)) == [
        "advice-and-advocacy",
        "community-development",
    ]
    assert list(proposed.beneficiaries.values_list("slug", flat=True)) == ["families"]
    assert sorted(proposed.languages.values_list("code", flat=True)) == ["bn", "en"]
    assert sorted(proposed.areas_served.values_list("slug", flat=True)) == ["hackney", "newham"]
    suggestion = OrganisationSuggestion.objects.get()
    assert suggestion.language == "bn"
    assert suggestion.changes["name_bn"] == NAME_BN and "name_en" not in suggestion.changes
    assert suggestion.changes["categories"] == "advice-and-advocacy, community-development"


def test_the_language_written_in_can_differ_from_the_page_and_defaults_to_it(client):
    propose_in_bengali(client, language="pl", name="Polskie Forum Kobiet", description="Opis.")
    assert Organisation.objects.get().name_pl == "Polskie Forum Kobiet"
    Organisation.objects.all().delete()
    client.force_login(UserFactory())
    data = {"name": "Klub Seniora", "description": "Spotkania.", "reason": "Znam ich"}
    client.post("/pl/organisations/new/", data)
    assert Organisation.objects.get().name_pl == "Klub Seniora"


def test_a_proposal_needs_a_name_and_a_description_in_its_language(client):
    response = propose_in_bengali(client, name="", description="")
    assert response.status_code == 400
    assert Organisation.objects.count() == 0


def test_an_unknown_link_value_is_a_400_and_nothing_is_written(client):
    response = propose_in_bengali(client, categories=["no-such-area"])
    assert response.status_code == 400
    assert Organisation.objects.count() == 0


def approved_bengali_listing(client):
    propose_in_bengali(client)
    suggestion = OrganisationSuggestion.objects.get()
    services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    return Organisation.objects.get()


def test_english_readers_see_the_bengali_text_marked_as_bengali(client):
    listing = approved_bengali_listing(client)
    detail = client.get(f"/en/organisations/{listing.slug}/").content.decode()
    assert f'<h1 lang="bn" dir="ltr">{NAME_BN}</h1>' in detail
    assert '<div lang="bn" dir="ltr">' in detail and DESCRIPTION_BN in detail
    polish = client.get(f"/pl/organisations/{listing.slug}/").content.decode()
    assert '<div lang="bn" dir="ltr">' in polish and 'lang="en"' not in polish.split("<main")[1]
    assert 'id="translation-missing"' not in polish  # it is not shown in English
    assert "Source: Proposed by a community member." in detail
    browse = client.get("/en/organisations/?category=community-development").content.decode()
    assert f'lang="bn" dir="ltr">{NAME_BN}</a>' in browse
    # On an Arabic page the Bengali name is marked as Bengali, left to right.
    arabic = client.get(f"/ar/organisations/{listing.slug}/").content.decode()
    assert f'<h1 lang="bn" dir="ltr">{NAME_BN}</h1>' in arabic
    # On the Bengali page it is the page's own language: no marking.
    bengali = client.get(f"/bn/organisations/{listing.slug}/").content.decode()
    assert f"<h1>{NAME_BN}</h1>" in bengali


def test_the_source_is_shown_in_the_readers_language(client):
    listing = approved_bengali_listing(client)
    with translation.override("pl"):
        label = translation.gettext("Proposed by a community member")
    assert label != "Proposed by a community member"
    assert label in client.get(f"/pl/organisations/{listing.slug}/").content.decode()


def test_the_api_says_which_language_each_field_is_in(client):
    listing = approved_bengali_listing(client)
    listing.description_en = "Weekly meet-ups and advice for Bengali-speaking women."
    listing.save()
    record = client.get(f"/api/v1/organisations/{listing.pk}/?lang=en").json()
    assert record["language"] == "en"
    assert record["name"] == NAME_BN
    assert record["field_languages"] == {"name": "bn"}
    assert record["description"].startswith("Weekly meet-ups")
    in_bengali = client.get(f"/api/v1/organisations/{listing.pk}/?lang=bn").json()
    assert in_bengali["field_languages"] == {} and in_bengali["description"] == DESCRIPTION_BN
    in_polish = client.get(f"/api/v1/organisations/{listing.pk}/?lang=pl").json()
    assert in_polish["field_languages"] == {"name": "bn", "description": "en"}


def test_feeds_and_downloads_carry_the_name_it_was_written_in(client):
    listing = approved_bengali_listing(client)
    organisation = client.get(f"/openreferral/organizations/{listing.pk}").json()
    assert organisation["name"] == NAME_BN and organisation["description"] == DESCRIPTION_BN
    download = b"".join(client.get("/data/organisations.csv").streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(download)))
    [row] = [row for row in rows if row["slug"] == listing.slug]
    assert row["name"] == NAME_BN


def test_the_suggest_form_starts_with_the_bengali_text_on_the_english_page(client):
    listing = approved_bengali_listing(client)
    client.force_login(UserFactory())
    page = client.get(f"/en/organisations/{listing.slug}/suggest/?language=en").content.decode()
    assert "This is the text in Bengali, as the page shows it" in page
    assert 'lang="bn" dir="ltr"' in page and NAME_BN in page
    # Sending the Bengali text back unchanged writes no English "translation".
    data = {
        "language": "en",
        "version": listing.version,
        "name": NAME_BN,
        "description": DESCRIPTION_BN,
        "borough": "tower-hamlets",
        "reason": "checking",
    }
    response = client.post(f"/en/organisations/{listing.slug}/suggest/", data)
    assert response.status_code == 400
    assert "You have not changed anything yet." in response.content.decode()


def test_a_translator_sees_the_text_they_translate_from(client):
    listing = approved_bengali_listing(client)
    listing.name_pl = "Stowarzyszenie Kobiet Bengalskich"
    listing.save()
    client.force_login(UserFactory())
    page = client.get(f"/en/organisations/{listing.slug}/suggest/?language=pl").content.decode()
    assert "Show the text in Bengali" in page
    assert f'<p lang="bn" dir="ltr">{NAME_BN}</p>' in page


def names_in_order(client, url):
    """The listings' names, in the order the result list shows them."""
    html = client.get(url).content.decode()
    return [html_unescape(name).strip() for name in RESULT_NAME.findall(html)]


def test_name_a_to_z_sorts_by_the_name_shown_ignoring_case(client):
    OrganisationFactory(name_en="Zebra Crossing Club")
    OrganisationFactory(name_en="apple Tree Group")
    OrganisationFactory(name_en="Xylophone Trust", name_pl="Mleczarnia Sąsiedzka")
    names = names_in_order(client, "/pl/organisations/?sort=name")
    # Not the Polish column (empty for most), not byte order ("Z" before "a").
    assert names == ["apple Tree Group", "Mleczarnia Sąsiedzka", "Zebra Crossing Club"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ICU collations: PostgreSQL")
def test_on_postgresql_names_sort_in_the_languages_collation(client):
    OrganisationFactory(name_en="Lwy", name_pl="Łabędzie")
    OrganisationFactory(name_en="Mleko")
    OrganisationFactory(name_en="Lasy")
    # Polish puts Ł after L and before M.
    assert names_in_order(client, "/pl/organisations/?sort=name") == ["Lasy", "Łabędzie", "Mleko"]


def test_best_match_ranks_the_name_first_on_every_database(client):
    OrganisationFactory(name_en="Hackney Food Bank Network", description_en="Many groups.")
    OrganisationFactory(name_en="Riverside Pantry", description_en="A food bank by the river.")
    OrganisationFactory(name_en="Food Bank", description_en="Food for all.")
    names = names_in_order(client, "/en/organisations/?q=food+bank")
    assert names[0] == "Food Bank"
    assert names[-1] == "Riverside Pantry"


def test_language_names_are_in_the_pages_language(client):
    from tests.factories import language

    listing = OrganisationFactory(languages=[language("bn"), language("so")])
    polish = client.get(f"/pl/organisations/{listing.slug}/").content.decode()
    assert "bengalski, somalijski" in polish
    arabic = client.get(f"/ar/organisations/{listing.slug}/").content.decode()
    assert "البنغالية، الصومالية" in arabic
    # Where a language is chosen from a list, its own name is beside it.
    browse = client.get("/pl/organisations/").content.decode()
    assert "bengalski (বাংলা)" in browse


@pytest.mark.skipif(connection.vendor != "postgresql", reason="expression indexes: PostgreSQL")
@pytest.mark.parametrize("code", ["en", "pl", "ar"])
def test_the_name_order_can_be_read_from_its_index(code):
    from directory.ordering import name_sort

    OrganisationFactory.create_batch(3)
    queryset = Organisation.objects.public().order_by(name_sort(code), "id").values("id")[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # With sorting priced out, the plan shows whether the index matches the ORDER BY.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"directory_org_name_sort_{code}" in plan
