"""Co-production in other languages, in a browser: a Polish volunteer corrects opening
hours that English readers then see, and a Bengali speaker proposes a listing that is
stored, moderated and found in Bengali."""

import pytest
from django.contrib.auth.models import Group

from directory.models import Organisation
from tests.e2e.journeys import member, sign_in
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def moderator():
    user = member("moderator@staff.example", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def approve_first_in_queue(browser, base, link_name):
    staff = browser.new_context()
    admin = staff.new_page()
    sign_in(admin, base, "moderator@staff.example")
    admin.goto(f"{base}/admin/directory/organisationsuggestion/queue/")
    admin.get_by_role("link", name=link_name).first.click()
    admin.wait_for_selector("input[name=_approve]")
    content = admin.content()
    admin.locator("input[name=_approve]").click()
    admin.wait_for_load_state()
    staff.close()
    return content


def test_a_polish_correction_to_opening_hours_reaches_english_readers(live_server, browser):
    base = live_server.url
    OrganisationFactory(
        slug="ealing-polish-school",
        name_en="Ealing Polish Saturday School",
        description_en="Polish lessons for children on Saturdays.",
        opening_hours="Saturdays 9:00 to 13:00",
    )
    member("agnieszka@people.example")
    moderator()
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "agnieszka@people.example", language="pl")

    # The Polish form starts with the hours the Polish page shows (one value for all).
    page.goto(f"{base}/pl/organisations/ealing-polish-school/suggest/?language=pl")
    assert page.input_value("#id_opening_hours") == "Saturdays 9:00 to 13:00"
    # The English description is offered as the page shows it, marked as English.
    assert page.locator("#id_description").get_attribute("lang") == "en"
    page.fill("#id_opening_hours", "Sundays 10:00 to 14:00")
    page.fill("#id_reason", "Od września jesteśmy w niedziele")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()

    diff = approve_first_in_queue(browser, base, "Ealing Polish Saturday School")
    assert "Opening hours" in diff and "opening_hours" not in diff.split("<tbody>")[1][:2000]

    # Every reader sees the corrected hours; no Polish description was invented.
    for language in ("en", "pl", "ar"):
        page.goto(f"{base}/{language}/organisations/ealing-polish-school/")
        assert "Sundays 10:00 to 14:00" in page.content()
    assert Organisation.objects.get().description_pl == ""
    context.close()


def test_a_bengali_proposal_is_stored_moderated_and_found_in_bengali(live_server, browser):
    base = live_server.url
    member("rahima@people.example")
    moderator()
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "rahima@people.example", language="bn")

    page.goto(f"{base}/bn/organisations/new/")
    assert page.input_value("#id_language") == "bn"
    page.fill("#id_name", "বাংলা নারী সমিতি")
    page.fill("#id_description", "বাংলাভাষী নারীদের জন্য সাপ্তাহিক আড্ডা ও পরামর্শ।")
    page.select_option("#id_borough", "tower-hamlets")
    page.check("input[name=categories][value=community-development]")
    page.check("input[name=languages][value=bn]")
    page.check("input[name=areas_served][value=newham]")
    page.fill("#id_reason", "আমি সেখানে স্বেচ্ছাসেবক")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/bn/" in page.url

    proposed = Organisation.objects.get()
    assert proposed.name_bn == "বাংলা নারী সমিতি" and proposed.name_en == ""

    approve_first_in_queue(browser, base, "বাংলা নারী সমিতি")

    # English readers find it under its filters, in Bengali, marked as Bengali.
    page.goto(f"{base}/en/organisations/?category=community-development&borough=newham")
    heading = page.get_by_role("link", name="বাংলা নারী সমিতি")
    assert heading.get_attribute("lang") == "bn"
    heading.click()
    page.wait_for_load_state()
    assert page.locator("h1").get_attribute("lang") == "bn"
    assert "Proposed by a community member" in page.content()
    context.close()
