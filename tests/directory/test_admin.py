"""The staff admin for the directory: lists, filters, search and import with preview."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from directory.models import Organisation
from tests.factories import OrganisationFactory, category

pytestmark = pytest.mark.django_db

CSV = (
    "org_id,name,description,postcode,borough,categories,is_published\n"
    "GB-CHC-1090095,Lewisham Community Pantry,Food for neighbours,SE13 5AA,lewisham,food,1\n"
)


def test_changelist_filters_and_search(admin_client):
    OrganisationFactory(slug="fresh", name_en="Fresh Pantry", categories=[category("food")])
    OrganisationFactory(
        slug="stale",
        name_en="Stale Choir",
        last_confirmed_at=timezone.now() - timezone.timedelta(days=400),
    )
    url = "/admin/directory/organisation/"
    html = admin_client.get(url).content.decode()
    assert "Fresh Pantry" in html and "Stale Choir" in html
    assert "Not confirmed for 12 months" in html  # the filter is offered
    stale = admin_client.get(url + "?stale=yes").content.decode()
    assert "Stale Choir" in stale and "Fresh Pantry" not in stale
    food = admin_client.get(url + "?category=food").content.decode()
    assert "Fresh Pantry" in food and "Stale Choir" not in food
    found = admin_client.get(url + "?q=pantry").content.decode()
    assert "Fresh Pantry" in found and "Stale Choir" not in found


def test_change_form_has_translation_tabs_and_inlines(admin_client):
    organisation = OrganisationFactory()
    html = admin_client.get(
        f"/admin/directory/organisation/{organisation.pk}/change/"
    ).content.decode()
    assert 'name="description_ar"' in html and 'name="description_bn"' in html
    assert "identifiers-TOTAL_FORMS" in html
    assert "services-TOTAL_FORMS" in html and "locations-TOTAL_FORMS" in html
    assert "googleapis" not in html  # jQuery UI is vendored, nothing from outside


def test_admin_import_previews_then_confirms(admin_client):
    start = admin_client.get("/admin/directory/organisation/import/")
    assert start.status_code == 200
    form = start.context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    preview = admin_client.post(
        "/admin/directory/organisation/import/",
        {
            "format": csv_choice,
            "import_file": SimpleUploadedFile("orgs.csv", CSV.encode(), content_type="text/csv"),
            "resource": "0",
        },
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Lewisham Community Pantry" in html  # the preview shows the row
    assert Organisation.objects.count() == 0  # nothing written before confirming
    confirm = preview.context["confirm_form"]
    response = admin_client.post(
        "/admin/directory/organisation/process_import/", confirm.initial, follow=True
    )
    assert response.status_code == 200
    organisation = Organisation.objects.get(identifiers__org_id="GB-CHC-1090095")
    assert organisation.borough.slug == "lewisham"


def test_admin_import_shows_row_errors_and_offers_no_confirm(admin_client):
    form = admin_client.get("/admin/directory/organisation/import/").context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    bad = CSV.replace("SE13 5AA", "NOPE")
    response = admin_client.post(
        "/admin/directory/organisation/import/",
        {
            "format": csv_choice,
            "import_file": SimpleUploadedFile("orgs.csv", bad.encode(), content_type="text/csv"),
            "resource": "0",
        },
    )
    html = response.content.decode()
    assert "not a valid UK postcode" in html
    assert response.context.get("confirm_form") is None
    assert Organisation.objects.count() == 0


def test_changelist_shows_which_languages_a_description_is_in(admin_client):
    OrganisationFactory(name_en="Multilingual", description_pl="Opis", description_ar="وصف")
    html = admin_client.get("/admin/directory/organisation/").content.decode()
    assert "en pl ar" in html
