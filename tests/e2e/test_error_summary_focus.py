"""Every link in a form's error summary moves keyboard focus to its field (radio groups
and checkbox lists included), on the site's forms and allauth's alike."""

import pytest

from tests.factories import OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit_empty_and_follow_each_link(
    page, url, submit="main form[method=post] button[type=submit]"
):
    page.goto(url)
    page.locator(submit).last.click()
    page.wait_for_selector(".error-summary")
    links = page.locator(".error-summary a")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets, url
    for target in targets:
        page.locator(f'.error-summary a[href="{target}"]').click()
        focused = page.evaluate("document.activeElement && document.activeElement.id")
        assert f"#{focused}" == target, (url, target, focused)
    return targets


def test_error_summary_links_focus_their_fields(live_server, page):
    base = live_server.url
    OrganisationFactory(slug="pantry", name_en="Lewisham Pantry")
    # A problem report: a radio group, a text area and an email field.
    targets = submit_empty_and_follow_each_link(page, f"{base}/en/organisations/pantry/report/")
    assert "#id_topic_0" in targets
    # Sign-up (allauth), in Bengali.
    submit_empty_and_follow_each_link(page, f"{base}/bn/accounts/signup/")
    # The propose form, signed in.
    user = UserFactory(email="member@people.example")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    page.goto(f"{base}/en/accounts/login/")
    page.fill("#id_login", user.email)
    page.fill("#id_password", "a-long-password-1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    submit_empty_and_follow_each_link(page, f"{base}/en/organisations/new/")
