"""The demo and benchmark seeders: fictional, spread across London, idempotent and fast.

Only the first test seeds the whole directory demo (and none seeds engagement's, which
tests/engagement/test_demo_engagement.py covers): the others seed a small one, which
the same code writes.
"""

import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Q

from directory.bench_data import BENCH_SOURCE
from directory.demo import ACCESS_NOTE_FACTS, DEMO_SOURCE, FICTION_NOTE, seed_directory
from directory.models import (
    Borough,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
    TaxonomyTerm,
)
from directory.search import search_organisations, search_text_for
from directory.validators import validate_uk_postcode

pytestmark = pytest.mark.django_db

BENGALI = re.compile("[\u0980-\u09ff]")
ARABIC = re.compile("[\u0600-\u06ff]")


def seed_demo(**options) -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def public_search(query):
    return search_organisations(Organisation.objects.public(), query)


def snapshot():
    demo = Organisation.objects.filter(is_demo=True)
    return {
        "organisations": set(demo.values_list("pk", flat=True)),
        "services": set(Service.objects.filter(organisation__in=demo).values_list("pk", flat=True)),
        "locations": set(
            Location.objects.filter(organisation__in=demo).values_list("pk", flat=True)
        ),
        "identifiers": set(
            OrganisationIdentifier.objects.filter(organisation__in=demo).values_list(
                "org_id", flat=True
            )
        ),
        "categories": Organisation.categories.through.objects.filter(organisation__in=demo).count(),
        "languages": Organisation.languages.through.objects.filter(organisation__in=demo).count(),
    }


@pytest.mark.slow
def test_seed_demo_creates_a_fictional_directory_across_london():
    output = seed_demo(only=["directory"])

    demo = Organisation.objects.filter(is_demo=True)
    assert 280 <= demo.count() <= 320
    assert demo.count() == Organisation.objects.count()
    assert set(demo.values_list("borough__slug", flat=True)) == set(
        Borough.objects.values_list("slug", flat=True)
    )
    assert Borough.objects.count() == 33
    for terms, field in (
        (TaxonomyTerm.objects.categories(), "categories"),
        (TaxonomyTerm.objects.beneficiaries(), "beneficiaries"),
    ):
        used = set(demo.values_list(f"{field}__slug", flat=True))
        assert set(terms.values_list("slug", flat=True)) <= used

    for org in demo.prefetch_related("services", "locations", "categories", "beneficiaries"):
        assert org.source == DEMO_SOURCE
        assert org.description_en.endswith(FICTION_NOTE)
        assert re.fullmatch(r"[a-z]+@[a-z0-9-]+\.example\.org", org.email), org.email
        assert re.fullmatch(r"020 7946 0\d{3}", org.phone), org.phone
        assert org.website == f"https://{org.slug}.example.org"
        validate_uk_postcode(org.postcode)
        assert 1 <= len(org.services.all()) <= 3
        assert len(org.locations.all()) == 1
        assert org.search_text == search_text_for(org)
    assert len(set(demo.values_list("phone", flat=True))) == demo.count()

    identifiers = OrganisationIdentifier.objects.filter(organisation__in=demo)
    assert identifiers.filter(scheme="GB-CHC").exists()
    assert identifiers.filter(scheme="GB-COH").exists()
    for identifier in identifiers:
        digits = 7 if identifier.scheme == "GB-CHC" else 8
        assert re.fullmatch(rf"\d{{{digits}}}", identifier.identifier), identifier.org_id
        identifier.clean()
    assert Service.objects.filter(minimum_age__isnull=False).exists()

    # Mostly confirmed recently; about a tenth are stale.
    assert 0.05 * demo.count() <= demo.stale().count() <= 0.2 * demo.count()

    school = Organisation.objects.get(name_en="Ealing Polish Saturday School")
    assert school.borough.slug == "ealing"
    assert "szkoł" in school.description_pl and "języka polskiego" in school.description_pl
    assert school.languages.filter(code="pl").exists()
    assert school in public_search("szkoła języka polskiego")
    assert school in public_search("szkola jezyka polskiego")

    carers = Organisation.objects.get(name_en="Tower Hamlets Bengali Carers Group")
    assert carers.borough.slug == "tower-hamlets"
    assert BENGALI.search(carers.description_bn)

    advice = Organisation.objects.get(
        name_en="North Kensington Arabic-Speaking Women's Advice Service"
    )
    assert advice.languages.filter(code="ar").exists()
    assert ARABIC.search(advice.description_ar)
    assert {"women-and-girls", "advice-and-advocacy"} <= set(
        advice.categories.values_list("slug", flat=True)
    )

    food_bank = Organisation.objects.get(name_en="Lewisham Community Food Bank")
    assert food_bank.borough.slug == "lewisham"
    assert food_bank.categories.filter(slug="food").exists()

    for code in ("pl", "bn", "ar", "ro", "es", "pt", "gu", "it", "pa"):
        assert demo.exclude(**{f"description_{code}__isnull": True}).exists(), code
    assert demo.exclude(name_pl__isnull=True).exists()

    assert "fictional" in output.lower()


@pytest.mark.slow
def test_hidden_demo_listings_stay_out_of_the_public_directory():
    seed_directory(organisations=60)

    demo = Organisation.objects.filter(is_demo=True)
    unpublished = demo.filter(is_published=False)
    closed = demo.filter(status=Organisation.Status.CLOSED)
    assert unpublished.exists() and closed.exists()
    assert demo.filter(status=Organisation.Status.TEMPORARILY_CLOSED).exists()
    hidden = demo.filter(Q(is_published=False) | Q(status=Organisation.Status.CLOSED))
    assert hidden.count() < 0.1 * demo.count()

    public = Organisation.objects.public()
    assert not public.filter(pk__in=hidden.values("pk")).exists()
    assert public.count() == demo.count() - hidden.count()
    # Temporarily closed listings are still shown (with their status).
    assert public.filter(status=Organisation.Status.TEMPORARILY_CLOSED).exists()
    for org in hidden:
        assert org not in public_search(org.name_en)


@pytest.mark.slow
def test_seed_demo_twice_changes_nothing_and_the_staff_login_works():
    small = {"only": ["directory"], "organisations": 40}
    seed_demo(**small)
    before = snapshot()
    output = seed_demo(password="another-demo-secret", **small)
    after = snapshot()

    assert after == before
    assert Organisation.objects.filter(is_demo=True).count() == len(before["organisations"]) == 40
    assert "Seeded directory: organisations: 40, created: 0, updated: 0, unchanged: 40" in output

    user = get_user_model().objects.get(username="demo-staff")
    assert user.is_staff and user.is_superuser and user.is_active
    assert user.email == "demo-staff@waytahead.example"
    assert user.check_password("another-demo-secret")
    assert (
        f"Demo staff login: {settings.SITE_URL}/admin/  email: demo-staff@waytahead.example  "
        "password: another-demo-secret"
    ) in output
    assert "FICTIONAL" in output

    # Reseeding repairs drift and replaces, rather than adds to, an older demo set.
    Organisation.objects.create(
        slug="retired-demo-group",
        name_en="Retired Demo Group",
        description_en="An organisation an older demo set had.",
        is_demo=True,
        source=DEMO_SOURCE,
    )
    first, second = OrganisationIdentifier.objects.filter(scheme="GB-CHC")[:2]
    moved = first.identifier
    first.identifier = "1234567"
    first.save()
    second.identifier = moved  # as if a number moved from one demo listing to another
    second.save()
    seed_demo(**small)
    assert snapshot() == before
    assert not Organisation.objects.filter(slug="retired-demo-group").exists()


def test_demo_staff_password_comes_from_the_option_the_environment_or_the_default(
    monkeypatch,
):
    monkeypatch.setenv("DEMO_STAFF_PASSWORD", "from-the-environment")
    seed_demo(only=[])  # just the login, quickly
    user = get_user_model().objects.get(username="demo-staff")
    assert user.check_password("from-the-environment")
    assert not Organisation.objects.exists()

    seed_demo(only=[], password="from-the-option")
    user.refresh_from_db()
    assert user.check_password("from-the-option")

    monkeypatch.delenv("DEMO_STAFF_PASSWORD")
    user.is_staff = False
    user.save()
    seed_demo(only=[])
    user.refresh_from_db()
    assert user.check_password("waytahead-demo")
    assert user.is_staff
    assert get_user_model().objects.filter(username="demo-staff").count() == 1


def test_seed_bench_creates_published_searchable_organisations():
    out = io.StringIO()
    call_command("seed_bench", organisations=500, stdout=out)
    assert "Created 500 benchmark organisations" in out.getvalue()

    bench = Organisation.objects.filter(slug__startswith="bench-")
    assert bench.count() == 500
    assert Organisation.objects.public().filter(slug__startswith="bench-").count() == 500
    assert set(bench.values_list("source", flat=True)) == {BENCH_SOURCE}

    org = Organisation.objects.get(slug="bench-000042")
    assert org.name == org.name_en and org.name.endswith("000042")
    assert org.description == org.description_en
    assert org.categories.exists() and org.languages.filter(code="en").exists()
    assert org.areas_served.get() == org.borough
    assert org.search_text == search_text_for(org)

    place_word = org.name.split()[0]
    assert org in public_search(place_word)
    assert org in public_search(org.name.split()[-2])
    assert org in public_search("000042")
    assert org in public_search(org.categories.first().name_en)

    # A second run appends after the highest number instead of clashing.
    call_command("seed_bench", organisations=500, stdout=io.StringIO())
    assert bench.count() == 1000
    assert Organisation.objects.filter(slug="bench-001000").exists()
    assert len(set(bench.values_list("slug", flat=True))) == 1000


@pytest.mark.slow
def test_demo_listings_never_contradict_their_accessibility_notes():
    seed_directory(organisations=100)
    checked = 0
    for note, facts in ACCESS_NOTE_FACTS.items():
        for organisation in Organisation.objects.filter(is_demo=True, accessibility_notes_en=note):
            checked += 1
            for name, value in facts.items():
                assert getattr(organisation, name) is value, (organisation.slug, note, name)
    assert checked > 20


def test_seed_bench_listings_are_in_the_changes_feed(client):
    call_command("seed_bench", organisations=5, stdout=io.StringIO())
    results = client.get("/api/v1/organisations/changes/").json()["results"]
    assert len(results) == 5 and {item["change"] for item in results} == {"updated"}


def test_the_demos_closed_listings_have_tombstones(client):
    seed_directory()
    closed = set(
        Organisation.objects.filter(is_demo=True, status=Organisation.Status.CLOSED).values_list(
            "pk", flat=True
        )
    )
    assert closed
    results = client.get("/api/v1/organisations/changes/?page_size=1000").json()["results"]
    tombstones = {item["id"]: item["reason"] for item in results if item["change"] == "removed"}
    assert tombstones == {str(pk): "closed" for pk in closed}


def test_the_demo_seed_fills_the_lexicon_typos_are_corrected_from(client):
    from directory.models import SearchWord

    seed_directory()
    assert SearchWord.objects.filter(word="community", listings__gt=0).exists()
    page = client.get("/en/organisations/?q=comunity").content.decode()
    assert "Showing results for" in page
