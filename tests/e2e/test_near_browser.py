"""Grace's journey (JOURNEYS.md 14), in Arabic and with JavaScript off: a postcode and a
distance on the browse page give the nearest organisations first, each with how far."""

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.accessibility import axe_violations
from tests.factories import LocationFactory, OrganisationFactory, category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ONSPD = Path(__file__).resolve().parent.parent / "fixtures" / "postcodes" / "onspd_sample.csv"


@pytest.fixture
def places():
    call_command("load_postcodes", str(ONSPD), verbosity=0)
    OrganisationFactory(
        name_en="Whitechapel Food Bank", postcode="E1 6AN", categories=[category("food")]
    )
    advice = OrganisationFactory(name_en="Bethnal Green Advice", postcode="N1 9GU")
    LocationFactory(organisation=advice, postcode="E2 7DG")
    OrganisationFactory(name_en="Westminster Help", postcode="SW1A 1AA")


def test_postcode_search_without_javascript_in_arabic(live_server, browser, places):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/organisations/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("button.locate").count() == 0  # no JavaScript, no location button

    page.get_by_label("بالقرب من رمز بريدي").fill("e1 6an")
    page.get_by_label("المسافة").select_option("2")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()

    assert "near=e1+6an" in page.url and "within=2" in page.url
    names = page.locator(".results h2").all_inner_texts()
    assert names == ["Whitechapel Food Bank", "Bethnal Green Advice"]  # nearest first, 2 km
    distances = page.locator(".results .distance").all_inner_texts()
    assert distances == ["أقل من 0,1 كم", "1,2 كم إلى الشمال الشرقي"]
    assert "الأقرب أولًا." in page.locator(".result-count").inner_text()
    # The choice is kept, so the next search starts from it.
    assert page.get_by_label("بالقرب من رمز بريدي").input_value() == "e1 6an"
    assert page.get_by_label("المسافة").input_value() == "2"

    # An unknown postcode says so, in Arabic, next to the field.
    page.get_by_label("بالقرب من رمز بريدي").fill("E9 9QQ")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "لم نجد الرمز البريدي E9 9QQ" in page.locator(".error-summary").inner_text()
    context.close()


def test_use_my_location_with_javascript(live_server, browser, places):
    context = browser.new_context(
        geolocation={"latitude": 51.529062, "longitude": -0.062985},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/organisations/")
    page.get_by_label("Distance").select_option("1")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**lat=*")
    assert page.locator(".results h2").all_inner_texts() == ["Bethnal Green Advice"]
    assert "within 1 km of your location" in page.content()
    context.close()


def test_near_results_have_no_accessibility_violations(live_server, browser, places):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    for lang in ("en", "ar", "bn"):
        page.goto(f"{live_server.url}/{lang}/organisations/?near=E1+6AN&within=5")
        assert axe_violations(page) == [], lang
    context.close()
