"""An organisation's editor reviews the suggestions about their own listing, in a browser,
outside the admin: approves one after correcting it, rejects another with a reason, and
the moderators are told of both."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail

from directory import services
from directory.models import Organisation, OrganisationEditor, OrganisationSuggestion
from tests.e2e.journeys import member, sign_in
from tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_approves_with_changes_and_rejects_with_a_reason(live_server, browser):
    base = live_server.url
    pantry = OrganisationFactory(slug="pantry", name_en="Hackney Pantry", phone="020 7946 0000")
    editor = member("editor@pantry.example")
    OrganisationEditor.objects.create(organisation=pantry, user=editor)
    author = member("volunteer@people.example")
    moderator = member("moderator@staff.example", is_staff=True)
    moderator.groups.add(Group.objects.get(name="Moderators"))
    phone = services.suggestion_submit(
        organisation=pantry, author=author, values={"phone": "020 7946 1234 "}, reason="New line"
    )
    website = services.suggestion_submit(
        organisation=pantry,
        author=author,
        values={"website": "https://pantry.example/"},
        reason="Their site",
    )
    mail.outbox.clear()

    context = browser.new_context()
    page = context.new_page()
    sign_in(page, base, "editor@pantry.example")
    # From the editor's own page, to the suggestions waiting about their listing.
    page.goto(f"{base}/en/organisations/mine/")
    page.get_by_role("link", name="2 suggestions to review").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Suggestions about Hackney Pantry"

    # Approve the phone number, corrected first, using the keyboard to send it.
    page.locator(f"a[href$='/suggestions/{phone.pk}/']").click()
    page.wait_for_load_state()
    assert "020 7946 0000" in page.locator("table.suggestion-diff").inner_text()
    page.fill("#id_phone", "020 7946 1235")
    page.get_by_role("button", name="Approve and publish").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Approved." in page.get_by_role("status").inner_text()

    # Reject the other: without a reason it is refused, with one it is rejected.
    page.locator(f"a[href$='/suggestions/{website.pk}/']").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Reject with this reason").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    page.fill("#id_note", "That site belongs to another pantry.")
    page.get_by_role("button", name="Reject with this reason").click()
    page.wait_for_load_state()
    assert "No suggestions are waiting for review." in page.content()
    context.close()

    pantry = Organisation.objects.get(pk=pantry.pk)
    assert pantry.phone == "020 7946 1235" and pantry.website == ""
    phone.refresh_from_db()
    website.refresh_from_db()
    assert (phone.status, phone.reviewer, phone.changes) == (
        "approved",
        editor,
        {"phone": "020 7946 1235"},
    )
    assert website.status == "rejected" and website.review_note.startswith("That site")
    # The change is credited to the author in the listing's history.
    assert pantry.history.first().history_user == author
    # The author hears each decision; the moderator hears that an editor decided.
    told = {(message.to[0], message.subject) for message in mail.outbox}
    assert (
        "moderator@staff.example",
        "An editor approved a suggestion about Hackney Pantry",
    ) in told
    assert (
        "moderator@staff.example",
        "An editor rejected a suggestion about Hackney Pantry",
    ) in told
    assert sum(to == "volunteer@people.example" for to, _subject in told) == 2
    assert OrganisationSuggestion.objects.pending().count() == 0
