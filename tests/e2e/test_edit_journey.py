"""The whole co-production loop in a browser: sign up, suggest a Polish description,
moderate, see it published on the page and in the API, and revert it."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from tests.e2e.journeys import sign_in
from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_suggest_moderate_publish_and_revert(live_server, browser):
    base = live_server.url
    organisation = OrganisationFactory(
        slug="ealing-polish-school",
        name_en="Ealing Polish Saturday School",
        description_en="Polish lessons for children on Saturdays.",
    )
    moderator = UserFactory(email="moderator@staff.example", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    moderator.emailaddress_set.create(email=moderator.email, verified=True, primary=True)

    member = browser.new_context()
    page = member.new_page()
    # 1. A new member signs up and verifies their email from the outbox.
    mail.outbox.clear()
    page.goto(f"{base}/pl/accounts/signup/")
    page.fill("#id_email", "agnieszka@people.example")
    page.fill("#id_password1", "szkoła-w-sobotę-2026")
    page.fill("#id_password2", "szkoła-w-sobotę-2026")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(base + path_of(link))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()

    # 2. They suggest a Polish description.
    page.goto(f"{base}/pl/organisations/ealing-polish-school/suggest/?language=pl")
    page.fill("#id_description", "Lekcje języka polskiego dla dzieci w niedziele.")
    page.fill("#id_reason", "Od września jesteśmy w niedziele")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_load_state()

    # 3. The public page still shows the old version.
    page.goto(f"{base}/pl/organisations/ealing-polish-school/")
    assert "Lekcje języka polskiego" not in page.content()
    assert "Polish lessons for children on Saturdays." in page.content()

    # 4. A moderator approves the suggestion in the admin.
    staff = browser.new_context()
    admin = staff.new_page()
    sign_in(admin, base, "moderator@staff.example")
    admin.goto(f"{base}/admin/directory/organisationsuggestion/queue/")
    admin.get_by_role("link", name="Ealing Polish Saturday School").first.click()
    admin.wait_for_selector("input[name=_approve]")
    assert "Lekcje języka polskiego" in admin.content()
    admin.locator("input[name=_approve]").click()
    admin.wait_for_load_state()

    # 5. The Polish page and the API show the new text.
    page.goto(f"{base}/pl/organisations/ealing-polish-school/")
    assert "Lekcje języka polskiego dla dzieci w niedziele." in page.content()
    api = page.request.get(f"{base}/api/v1/organisations/{organisation.pk}/?lang=pl").json()
    assert api["description"] == "Lekcje języka polskiego dla dzieci w niedziele."

    # 6. Staff compare versions and revert; the page shows the earlier text again.
    admin.goto(f"{base}/admin/directory/organisation/{organisation.pk}/compare/")
    admin.wait_for_load_state()
    assert "Lekcje języka polskiego" in admin.content()
    admin.locator("form[method=post] input[type=submit]").click()
    admin.wait_for_load_state()
    page.goto(f"{base}/pl/organisations/ealing-polish-school/")
    assert "Lekcje języka polskiego" not in page.content()
    assert "Polish lessons for children on Saturdays." in page.content()
    member.close()
    staff.close()
