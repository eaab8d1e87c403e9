"""Search finds what people type, whatever the accents or script, on every database."""

import pytest

from directory.models import Organisation
from directory.search import fold, search_organisations
from tests.factories import OrganisationFactory, ServiceFactory, category

pytestmark = pytest.mark.django_db


def search(query):
    return set(
        search_organisations(Organisation.objects.public(), query).values_list("slug", flat=True)
    )


def test_fold_removes_latin_accents_and_keeps_other_scripts():
    assert fold("Zażółć GĘŚLĄ jaźń") == "zazolc gesla jazn"
    assert fold("São Tomé, Ştefan!") == "sao tome stefan"
    assert fold("বাংলা ভাষা") == "বাংলা ভাষা"
    assert fold("مَرْكَز") == "مركز"


def test_accented_text_is_found_by_a_plain_query():
    OrganisationFactory(slug="polish", name_en="Polish school", description_pl="Zażółć gęślą jaźń")
    OrganisationFactory(slug="other", name_en="Other group")
    assert search("zazolc") == {"polish"}
    assert search("Zażółć") == {"polish"}


def test_a_plain_name_is_found_by_an_accented_query():
    OrganisationFactory(slug="cafe", name_en="Cafe Romania")
    assert search("Café") == {"cafe"}


def test_bengali_query_finds_a_bengali_description():
    OrganisationFactory(
        slug="carers",
        name_en="Tower Hamlets Carers",
        description_bn="টাওয়ার হ্যামলেটসে বাংলাভাষী পরিচর্যাকারীদের সহায়তা দল",
    )
    OrganisationFactory(slug="other", name_en="Other group")
    assert search("পরিচর্যাকারীদের") == {"carers"}


def test_arabic_query_ignores_vowel_marks():
    OrganisationFactory(
        slug="advice", name_en="Women's advice", description_ar="مركز نسائي للمشورة"
    )
    assert search("مَرْكَز") == {"advice"}


def test_search_covers_services_and_category_names():
    food = OrganisationFactory(slug="pantry", name_en="Pantry")
    ServiceFactory(organisation=food, name_en="Community fridge")
    OrganisationFactory(slug="tagged", name_en="Tagged", categories=[category("food")])
    assert search("fridge") == {"pantry"}
    assert search("food") == {"tagged"}


def test_every_word_must_match():
    OrganisationFactory(slug="both", name_en="Lewisham food bank")
    OrganisationFactory(slug="one", name_en="Lewisham youth club")
    assert search("lewisham food") == {"both"}


def test_search_text_follows_later_changes():
    organisation = OrganisationFactory(slug="later", name_en="Later")
    assert search("environment") == set()
    organisation.categories.add(category("environment"))
    assert search("environment") == {"later"}
    service = ServiceFactory(organisation=organisation, name_en="Tree planting")
    assert search("tree") == {"later"}
    service.delete()
    assert search("tree") == set()
