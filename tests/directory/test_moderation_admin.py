"""Moderators work through the queue in the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from directory import services
from directory.models import OrganisationEditor, OrganisationSuggestion
from tests.directory.admin_forms import organisation_change_data
from tests.factories import OrganisationFactory, UserFactory, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator_client(client):
    client.force_login(make_moderator())
    return client


@pytest.fixture
def listing():
    return OrganisationFactory(slug="pantry", name_en="Lewisham Pantry", description_en="Food.")


def test_the_queue_shows_every_kind_of_pending_item(moderator_client, listing):
    services.suggestion_submit(
        organisation=listing, author=UserFactory(), values={"phone": "020 7946 0123"}, reason="x"
    )
    services.organisation_propose(
        author=UserFactory(),
        values={"name_en": "Brand New Group", "description_en": "New."},
        reason="x",
    )
    services.claim_submit(organisation=listing, user=UserFactory(), role="Chair", evidence="x")
    services.report_submit(organisation=listing, topic="closed", message="Closed.")
    html = moderator_client.get("/admin/directory/organisationsuggestion/queue/").content.decode()
    assert (
        "phone" in html
        and "Brand New Group" in html
        and "Chair" in html
        and "The organisation has closed" in html
    )
    assert "Open the moderation queue" in moderator_client.get("/admin/").content.decode()


def test_suggestion_page_shows_a_diff_and_approves(
    moderator_client, listing, on_commit_immediately
):
    suggestion = services.suggestion_submit(
        organisation=listing,
        author=UserFactory(),
        values={"description_pl": "Jedzenie."},
        reason="translation",
        language="pl",
    )
    url = f"/admin/directory/organisationsuggestion/{suggestion.pk}/change/"
    html = moderator_client.get(url).content.decode()
    assert "Jedzenie." in html and 'name="_approve"' in html
    diff = html.split('class="suggestion-diff"')[1].split("</table>")[0]
    assert "Description (Polish)" in diff and "description_pl" not in diff
    moderator_client.post(
        url,
        {
            "changes": '{"description_pl": "Jedzenie dla sąsiadów."}',
            "review_note": "",
            "_approve": "1",
        },
    )
    listing.refresh_from_db()
    assert listing.description_pl == "Jedzenie dla sąsiadów."  # approved after an adjustment


def test_bulk_reject_asks_for_a_reason_and_tells_each_author(
    moderator_client, listing, on_commit_immediately
):
    first = services.suggestion_submit(
        organisation=listing, author=UserFactory(), values={"phone": "1"}, reason="x"
    )
    second = services.suggestion_submit(
        organisation=listing, author=UserFactory(), values={"phone": "2"}, reason="x"
    )
    url = "/admin/directory/organisationsuggestion/"
    ids = [str(first.pk), str(second.pk)]
    page = moderator_client.post(url, {"action": "reject_selected", "_selected_action": ids})
    assert "Reject with a reason" in page.content.decode()
    mail.outbox.clear()
    moderator_client.post(
        url, {"action": "reject_selected", "_selected_action": ids, "apply": "1", "note": "Spam."}
    )
    assert set(OrganisationSuggestion.objects.values_list("status", flat=True)) == {"rejected"}
    assert len(mail.outbox) == 2 and all("Spam." in message.body for message in mail.outbox)


def test_bulk_approve_claims(moderator_client, listing):
    member = UserFactory()
    claim = services.claim_submit(organisation=listing, user=member, role="Chair", evidence="x")
    moderator_client.post(
        "/admin/directory/organisationclaim/",
        {"action": "approve_selected", "_selected_action": [str(claim.pk)]},
    )
    assert OrganisationEditor.objects.filter(user=member, organisation=listing).exists()
    claim.refresh_from_db()
    assert claim.status == "approved"


def test_compare_versions_then_revert_in_one_action(moderator_client, listing):
    good = listing.history.first()
    listing.description_en = "BUY CHEAP PILLS"
    listing.save()
    url = f"/admin/directory/organisation/{listing.pk}/compare/"
    html = moderator_client.get(url).content.decode()
    assert "BUY CHEAP PILLS" in html and "Food." in html
    moderator_client.post(url, {"history_id": good.history_id})
    listing.refresh_from_db()
    assert listing.description_en == "Food."
    assert listing.history.count() == 3


def test_staff_without_moderator_role_cannot_revert(client, listing):
    good = listing.history.first()
    listing.description_en = "BUY CHEAP PILLS"
    listing.save()
    # Staff who are not moderators: the compare page asks rules for the revert power
    # itself (a ticked model permission would grant nothing: rules alone decide).
    staff = UserFactory(is_staff=True, is_superuser=False)
    staff.user_permissions.add(Permission.objects.get(codename="change_organisation"))
    client.force_login(staff)
    url = f"/admin/directory/organisation/{listing.pk}/compare/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"history_id": good.history_id}).status_code == 403
    listing.refresh_from_db()
    assert listing.description_en == "BUY CHEAP PILLS"
    assert listing.history.count() == 2


def test_admin_refuses_a_save_over_a_newer_version(admin_client, listing):
    url, data = organisation_change_data(
        admin_client, listing, name_en="Lewisham Pantry", description_en="My change"
    )
    listing.description_en = "Someone else's change"
    listing.save()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Someone else saved this listing" in response.content.decode()
    listing.refresh_from_db()
    assert listing.description_en == "Someone else's change"


def test_the_diff_says_which_translations_approving_would_mark_out_of_date(
    moderator_client, listing
):
    listing.description_pl = "Jedzenie."
    listing.save()
    suggestion = services.suggestion_submit(
        organisation=listing,
        author=UserFactory(),
        values={"description_en": "Food and hot meals."},
        reason="new service",
    )
    url = f"/admin/directory/organisationsuggestion/{suggestion.pk}/change/"
    html = moderator_client.get(url).content.decode()
    note = html.split('id="outdated-note"')[1].split("</p>")[0]
    assert "possibly out of date" in note and "Description (Polish)" in note
    changelist = moderator_client.get("/admin/directory/organisation/").content.decode()
    assert "pl?" not in changelist  # not yet: the suggestion is still waiting
    services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    changelist = moderator_client.get("/admin/directory/organisation/").content.decode()
    assert "pl?" in changelist


def test_a_claim_is_approved_or_rejected_from_its_own_page(moderator_client, listing):
    member, other = UserFactory(), UserFactory()
    claim = services.claim_submit(organisation=listing, user=member, role="Chair", evidence="x")
    url = f"/admin/directory/organisationclaim/{claim.pk}/change/"
    page = moderator_client.get(url).content.decode()
    assert 'name="_approve"' in page and 'name="_reject"' in page
    response = moderator_client.post(url, {"review_note": "", "_approve": "1"})
    assert response["Location"] == "/admin/directory/organisationsuggestion/queue/"
    assert OrganisationEditor.objects.filter(organisation=listing, user=member).exists()
    assert 'name="_approve"' not in moderator_client.get(url).content.decode()  # decided

    second = services.claim_submit(organisation=listing, user=other, role="Fan", evidence="y")
    url = f"/admin/directory/organisationclaim/{second.pk}/change/"
    refused = moderator_client.post(url, {"review_note": "", "_reject": "1"}, follow=True)
    html = refused.content.decode()
    assert "Give the member a reason" in html and "was changed successfully" not in html
    second.refresh_from_db()
    assert second.status == "pending"
    moderator_client.post(url, {"review_note": "Not a member of the group.", "_reject": "1"})
    second.refresh_from_db()
    assert second.status == "rejected" and second.review_note == "Not a member of the group."
