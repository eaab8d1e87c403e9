"""The lexicon of the directory's words follows the listings, and search corrects a word
that matches nothing from it ("comunity" finds community), on the page and in the API."""

import importlib
import io
import types
from collections import Counter
from urllib.parse import urlencode

import pytest
import tablib
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from directory import lexicon
from directory.models import Organisation, SearchWord
from directory.models.lexicon import ListingWords
from directory.search import corrected_query, search_memo, search_organisations
from tests.directory.test_import import good_row, run_import, write_csv
from tests.factories import OrganisationFactory, ServiceFactory, borough, category

pytestmark = pytest.mark.django_db

LIST = "/en/organisations/"
API = "/api/v1/organisations/"
MESSAGE = "Showing results for “%(corrected)s”. Search instead for “%(typed)s”?"


def words():
    return dict(SearchWord.objects.values_list("word", "listings"))


def assert_in_step():
    """The lexicon is exactly what counting the public listings afresh gives."""
    counts: Counter = Counter()
    entries = {}
    for pk, text in Organisation.objects.public().values_list("pk", "search_text"):
        found = set(text.split())
        found = {w for w in found if len(w) >= 3 and not w.isdigit()}
        counts.update(found)
        if found:
            entries[pk] = " ".join(sorted(found))
    assert words() == dict(counts)
    assert dict(ListingWords.objects.values_list("pk", "words")) == entries
    assert all(
        length == len(word) for word, length in SearchWord.objects.values_list("word", "length")
    )


def slugs(queryset):
    return set(queryset.values_list("slug", flat=True))


def search(query, **kwargs):
    return slugs(search_organisations(Organisation.objects.public(), query, **kwargs))


# --- Keeping the lexicon -----------------------------------------------------------------


def test_words_are_the_search_texts_words_of_three_letters_or_more_and_no_numbers():
    assert lexicon.words_of("an e16 12345 food bank ১২৩ খাদ্য x" + " y" * 3) == {
        "e16",
        "food",
        "bank",
        "খাদ্য",
    }
    assert lexicon.words_of("") == set()


def test_a_new_listing_counts_for_its_words():
    OrganisationFactory(name_en="Lewisham Allotment Society", description_en="Growing veg, 2024.")
    OrganisationFactory(name_en="Deptford Allotment Club", description_en="Growing together.")
    assert words()["allotment"] == 2
    assert words()["lewisham"] == 1
    assert "2024" not in words() and "veg" in words()
    assert_in_step()


def test_a_renamed_listing_takes_back_its_old_words():
    organisation = OrganisationFactory(name_en="Lewisham Allotment Society")
    organisation.name_en = "Lewisham Orchard Society"
    organisation.save()
    assert "allotment" not in words()
    assert words()["orchard"] == 1
    assert_in_step()


def test_an_unpublished_closed_or_deleted_listing_counts_for_nothing():
    kept = OrganisationFactory(name_en="Kept Allotment")
    hidden = OrganisationFactory(name_en="Hidden Allotment Zeppelin")
    hidden.is_published = False
    hidden.save()
    assert words()["allotment"] == 1 and "zeppelin" not in words()
    assert_in_step()
    hidden.is_published = True
    hidden.save()
    assert words()["allotment"] == 2 and words()["zeppelin"] == 1
    hidden.status = Organisation.Status.CLOSED
    hidden.save()
    assert words()["allotment"] == 1 and "zeppelin" not in words()
    assert_in_step()
    ServiceFactory(organisation=kept, name_en="Seed swap")
    kept.delete()  # its service goes first, and refreshes it on the way out
    assert "allotment" not in words() and "swap" not in words()
    assert_in_step()


def test_services_and_terms_add_their_words_and_take_them_back():
    organisation = OrganisationFactory(name_en="Pantry")
    service = ServiceFactory(organisation=organisation, name_en="Tree planting")
    assert words()["planting"] == 1
    organisation.categories.add(category("environment"))
    assert_in_step()
    before = set(words())
    organisation.categories.clear()
    assert before - set(words())  # the category's names, in every language, are gone
    service.delete()
    assert "planting" not in words()
    assert_in_step()


def test_a_bulk_import_counts_every_new_listing_and_an_update_moves_its_words(tmp_path):
    path = write_csv(tmp_path / "orgs.csv", [good_row(n) for n in range(1, 8)])
    run_import(path)
    assert words()["imported"] == 7
    assert_in_step()
    renamed = good_row(1, name="Renamed Gathering 1", description="Other words")
    run_import(write_csv(tmp_path / "again.csv", [renamed, good_row(2, is_published="0")]))
    assert words()["imported"] == 5 and words()["gathering"] == 1
    assert_in_step()


def test_a_dry_run_or_a_failed_import_counts_nothing(tmp_path):
    run_import(write_csv(tmp_path / "dry.csv", [good_row(1)]), "--dry-run")
    assert words() == {}
    bad = write_csv(tmp_path / "bad.csv", [good_row(2), good_row(3, borough="nowhere")])
    with pytest.raises(CommandError):
        run_import(bad)
    assert words() == {}


def test_the_admins_import_counts_new_listings_too():
    from directory.resources import OrganisationResource

    dataset = tablib.Dataset(headers=["name", "description", "is_published", "postcode"])
    dataset.append(["Admin Imported Hub", "Talking together", "1", ""])
    result = OrganisationResource().import_data(dataset, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert words()["hub"] == 1
    assert_in_step()


def test_seed_bench_counts_its_listings_in_bulk():
    call_command("seed_bench", organisations=30, batch_size=12, stdout=io.StringIO())
    assert words()["synthetic"] == 30
    assert_in_step()


def test_rebuild_lexicon_recounts_everything():
    OrganisationFactory(name_en="Rebuilt Allotment")
    OrganisationFactory(name_en="Hidden Allotment", is_published=False)
    SearchWord.objects.update(listings=99)
    SearchWord.objects.create(word="stale", length=5, listings=3)
    ListingWords.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_lexicon", stdout=out, stderr=err)
    assert words()["allotment"] == 1 and "stale" not in words()
    assert_in_step()
    assert "public listings" in out.getvalue() and "listings" in err.getvalue()  # tqdm


def test_the_migration_counts_the_listings_there_are():
    from django.apps import apps

    OrganisationFactory(name_en="Migrated Allotment")
    OrganisationFactory(name_en="Unpublished Allotment", is_published=False)
    SearchWord.objects.all().delete()
    ListingWords.objects.all().delete()
    migration = importlib.import_module("directory.migrations.0018_search_words")
    editor = types.SimpleNamespace(connection=connection)
    migration.count_the_public_listings(apps, editor)
    assert words()["allotment"] == 1
    assert_in_step()


def test_refreshing_twice_changes_nothing(django_assert_num_queries):
    organisation = OrganisationFactory(name_en="Steady Allotment")
    with django_assert_num_queries(1):  # reads it, finds it counted as it is
        lexicon.refresh([organisation.pk])
    assert_in_step()


# --- Correcting ---------------------------------------------------------------------------


@pytest.fixture
def centres():
    OrganisationFactory(
        slug="centre",
        name_en="Hackney Community Centre",
        description_en="Meeting rooms for local groups.",
        borough=borough("hackney"),
    )
    OrganisationFactory(
        slug="garden",
        name_en="Bow Garden Club",
        description_en="Gardening on Saturdays.",
        borough=borough("tower-hamlets"),
    )


def test_a_word_that_matches_nothing_is_corrected(centres):
    memo = search_memo()
    assert search("comunity", memo=memo) == {"centre"}
    assert corrected_query("comunity", memo) == "community"
    memo = search_memo()
    assert search("Comunity Centre", memo=memo) == {"centre"}
    assert corrected_query("Comunity Centre", memo) == "community Centre"


def test_no_correction_for_a_word_there_is_or_a_part_of_one(centres):
    for query in ("community", "commun", "garden"):
        memo = search_memo()
        search(query, memo=memo)
        assert corrected_query(query, memo) is None
    # Not in Tower Hamlets' listings, but a part of a word the directory has: not a typo.
    memo = search_memo()
    garden_only = Organisation.objects.public().filter(borough__slug="tower-hamlets")
    search_organisations(garden_only, "commun", memo=memo)
    assert corrected_query("commun", memo) is None


def test_a_word_found_as_typed_is_never_corrected_whatever_the_lexicon_says(centres):
    # Written without the lexicon knowing (a raw update): the listing still has the word.
    Organisation.objects.filter(slug="garden").update(search_text="bow garden club comunity")
    memo = search_memo()
    assert search("comunity", memo=memo) == {"garden"}
    assert corrected_query("comunity", memo) is None


def test_asked_not_to_the_search_corrects_nothing(centres):
    memo = search_memo(correct=False)
    as_typed = search("comunity", memo=memo)
    assert corrected_query("comunity", memo) is None
    assert as_typed == search("comunity", correct=False)
    if connection.vendor != "postgresql":
        assert as_typed == set()  # SQLite matches words as typed only


def test_a_word_too_far_from_any_is_searched_as_before(centres):
    memo = search_memo()
    assert search("xqzvw", memo=memo) == set()
    assert corrected_query("xqzvw", memo) is None


def test_of_equally_close_words_the_more_frequent_wins():
    OrganisationFactory(name_en="Corner Bakery")
    OrganisationFactory(name_en="Village Bakery")
    OrganisationFactory(name_en="Guild of Bakers")
    memo = search_memo()
    search("bakerq", memo=memo)
    assert corrected_query("bakerq", memo) == "bakery"
    OrganisationFactory(name_en="Bakers Union")
    OrganisationFactory(name_en="Bakers Society")
    memo = search_memo()
    search("bakerq", memo=memo)
    assert corrected_query("bakerq", memo) == "bakers"


def test_correcting_every_word_costs_one_query(centres):
    with CaptureQueriesContext(connection) as captured:
        found = search("comunity centre gardn")
    lexicon_queries = [q for q in captured.captured_queries if "directory_searchword" in q["sql"]]
    assert len(lexicon_queries) == 1
    assert len(captured.captured_queries) == 2  # that one, and the search itself
    assert found == set()  # no listing has all three words


# --- The page and the API -------------------------------------------------------------------


def message(language, corrected, typed, params):
    """The correction's sentence as the page in ``language`` gives it, its links included."""
    searched = urlencode({"q": corrected, **params}).replace("&", "&amp;")
    as_typed = urlencode({"q": typed, **params, "exact": "1"}).replace("&", "&amp;")
    with translation.override(language):
        return gettext(MESSAGE) % {
            "corrected": f'<a href="?{searched}"><bdi>{corrected}</bdi></a>',
            "typed": f'<a href="?{as_typed}"><bdi>{typed}</bdi></a>',
        }


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("language", ["en", "pl", "ar"])
def test_the_page_shows_the_corrected_results_and_links_to_the_search_as_typed(
    client, centres, language
):
    html = page(client, f"/{language}/organisations/?q=comunity&sort=relevance")
    assert f"/{language}/organisations/centre/" in html
    shown = message(language, "community", "comunity", {"sort": "relevance"})
    assert shown in html
    assert '<p class="search-correction">' in html
    if language != "en":  # in the page's own language, not the English
        assert "Showing results" not in shown
    if language == "ar":
        assert 'dir="rtl"' in html


def test_the_link_to_the_search_as_typed_corrects_nothing(client, centres):
    html = page(client, f"{LIST}?q=comunity&exact=1")
    assert "search-correction" not in html
    listed = {slug for slug in ("centre", "garden") if f"/en/organisations/{slug}/" in html}
    assert listed == search("comunity", correct=False)


def test_the_corrected_words_link_searches_them_with_the_other_filters(client, centres):
    html = page(client, f"{LIST}?q=comunity&borough=hackney&page=1")
    assert message("en", "community", "comunity", {"borough": "hackney"}) in html
    followed = page(client, f"{LIST}?q=community&borough=hackney")
    assert "search-correction" not in followed and "/en/organisations/centre/" in followed


def test_no_message_when_every_word_is_there(client, centres):
    assert "search-correction" not in page(client, f"{LIST}?q=community")


def test_a_corrected_search_page_costs_no_more_queries_than_a_right_one(
    client, centres, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as right:
        client.get(f"{LIST}?q=community")
    with django_assert_max_num_queries(len(right.captured_queries)):
        client.get(f"{LIST}?q=comunity")


def test_the_api_says_what_it_searched_in_a_header(client, centres):
    corrected = client.get(f"{API}?q=comunity")
    right = client.get(f"{API}?q=community")
    assert corrected.status_code == right.status_code == 200
    assert corrected["X-Search-Corrected"] == "community"
    assert "X-Search-Corrected" not in right
    assert corrected.json() == right.json()  # the same results, in the same shape
    assert "X-Search-Corrected" not in client.get(f"{API}?q=community&borough=hackney")


def test_the_api_header_is_percent_encoded():
    from directory.api.filters import OrganisationApiFilter

    OrganisationFactory(slug="cafe", name_en="Kawiarnia Żółta")
    filterset = OrganisationApiFilter({"q": "Żółtą zółtx"}, queryset=Organisation.objects.public())
    assert filterset.is_valid()
    assert slugs(filterset.qs) == {"cafe"}
    assert filterset.corrected_header() == "%C5%BB%C3%B3%C5%82t%C4%85 zolta"
