"""axe-core finds no WCAG 2.2 AA violation on the directory's pages, in English and Arabic."""

import pytest

from tests.e2e.accessibility import axe_violations
from tests.factories import OrganisationFactory, ServiceFactory, UserFactory, category, language

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC = [
    "/{lang}/",
    "/{lang}/organisations/?q=pantry&borough=lewisham&category=food&language=pl",
    "/{lang}/organisations/?q=nothing-matches-this",
    "/{lang}/organisations/pantry/",
    "/{lang}/organisations/pantry/report/",
    "/{lang}/organisations/pantry/changes/",
    "/{lang}/privacy/",
    "/{lang}/accounts/login/",
    "/{lang}/accounts/signup/",
]
SIGNED_IN = [
    "/{lang}/organisations/pantry/suggest/",
    "/{lang}/organisations/pantry/suggest/?language=pl",
    "/{lang}/organisations/pantry/claim/",
    "/{lang}/organisations/new/",
    "/{lang}/organisations/mine/",
    "/{lang}/accounts/profile/",
]


@pytest.fixture
def listing():
    organisation = OrganisationFactory(
        slug="pantry",
        name_en="Lewisham Pantry",
        borough=None,
        categories=[category("food")],
        languages=[language("pl")],
    )
    from directory.models import Borough

    organisation.borough = Borough.objects.get(slug="lewisham")
    organisation.save()
    ServiceFactory(organisation=organisation, name_en="Weekly food parcels")
    return organisation


def check(page, base, paths):
    problems = {}
    for lang in ("en", "ar"):
        for path in paths:
            url = base + path.format(lang=lang)
            page.goto(url)
            violations = axe_violations(page)
            if violations:
                problems[url] = violations
    return problems


def test_public_directory_pages_have_no_violations(live_server, browser, listing):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    assert check(page, live_server.url, PUBLIC) == {}
    context.close()


def test_member_pages_have_no_violations(live_server, browser, listing):
    member = UserFactory(email="member@people.example")
    member.emailaddress_set.create(email=member.email, verified=True, primary=True)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.fill("#id_login", "member@people.example")
    page.fill("#id_password", "a-long-password-1")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    assert check(page, live_server.url, SIGNED_IN) == {}
    context.close()


def test_a_form_with_errors_has_no_violations(live_server, browser, listing):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/organisations/pantry/report/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "error-summary" in page.content()
    assert axe_violations(page) == []
    context.close()


def test_the_scanner_reports_violations_when_there_are_some(page):
    page.set_content('<html><body><img src="x.png"><a href="#"></a></body></html>')
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "link-name", "html-has-lang"} <= found
