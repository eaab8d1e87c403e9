"""Editors review the suggestions about their own listing, outside the admin, through
the same services as moderators, and the moderators are told."""

import pytest
from django.core import mail

from directory import services
from directory.models import Organisation, OrganisationSuggestion
from tests.factories import OrganisationFactory, UserFactory, make_editor, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return OrganisationFactory(slug="pantry", name_en="Lewisham Pantry", phone="020 1")


@pytest.fixture
def editor(listing):
    return make_editor(listing)


def suggest(listing, author=None, **values):
    return services.suggestion_submit(
        organisation=listing, author=author or UserFactory(), values=values, reason="Because"
    )


def review_url(suggestion):
    return f"/en/organisations/pantry/suggestions/{suggestion.pk}/"


def test_the_waiting_list_shows_only_this_listings_suggestions(client, listing, editor):
    mine = suggest(listing, phone="020 2")
    elsewhere = suggest(OrganisationFactory(slug="other"), phone="020 3")
    client.force_login(editor)
    page = client.get("/en/organisations/pantry/suggestions/").content.decode()
    assert review_url(mine) in page and str(elsewhere.pk) not in page
    assert "Public phone" in page


def test_an_editor_approves_with_changes_and_moderators_are_told(
    client, listing, editor, django_capture_on_commit_callbacks
):
    moderator = make_moderator()
    suggestion = suggest(listing, phone="020 2")
    mail.outbox.clear()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(suggestion), {"decision": "approve", "phone": "020 9"})
    assert response.status_code == 302
    assert Organisation.objects.get().phone == "020 9"
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.reviewer) == ("approved", editor)
    told = {message.to[0]: message.subject for message in mail.outbox}
    assert told[moderator.email] == "An editor approved a suggestion about Lewisham Pantry"
    assert suggestion.author.email in told


def test_a_moderator_deciding_does_not_tell_the_moderators(
    client, listing, django_capture_on_commit_callbacks
):
    make_moderator()
    deciding = make_moderator()
    suggestion = suggest(listing, phone="020 2")
    mail.outbox.clear()
    client.force_login(deciding)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(review_url(suggestion), {"decision": "approve", "phone": "020 2"})
    assert [message.to[0] for message in mail.outbox] == [suggestion.author.email]


def test_a_rejection_needs_a_reason_and_then_tells_the_author(
    client, listing, editor, django_capture_on_commit_callbacks
):
    suggestion = suggest(listing, phone="020 2")
    client.force_login(editor)
    response = client.post(review_url(suggestion), {"decision": "reject", "note": " "})
    assert response.status_code == 400
    assert OrganisationSuggestion.objects.get().status == "pending"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(review_url(suggestion), {"decision": "reject", "note": "Wrong"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.review_note) == ("rejected", "Wrong")
    assert Organisation.objects.get().phone == "020 1"
    assert suggestion.author.email in {message.to[0] for message in mail.outbox}


def test_bad_decisions_and_bad_values_are_400s_and_change_nothing(client, listing, editor):
    suggestion = suggest(listing, email="hello@pantry.example")
    client.force_login(editor)
    assert client.post(review_url(suggestion), {"decision": "publish"}).status_code == 400
    response = client.post(review_url(suggestion), {"decision": "approve", "email": "not mail"})
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert OrganisationSuggestion.objects.get().status == "pending"
    assert Organisation.objects.get().email == listing.email


def test_a_suggestion_already_decided_is_a_400(client, listing, editor):
    suggestion = suggest(listing, phone="020 2")
    services.suggestion_reject(suggestion=suggestion, reviewer=make_moderator(), note="No")
    client.force_login(editor)
    assert "already been reviewed" in client.get(review_url(suggestion)).content.decode()
    response = client.post(review_url(suggestion), {"decision": "approve", "phone": "020 2"})
    assert response.status_code == 400
    assert Organisation.objects.get().phone == "020 1"


def test_a_listing_changed_meanwhile_is_a_409_and_nothing_is_applied(client, listing, editor):
    suggestion = suggest(listing, phone="020 2")
    Organisation.objects.filter(pk=listing.pk).update(phone="020 5")
    client.force_login(editor)
    response = client.post(review_url(suggestion), {"decision": "approve", "phone": "020 2"})
    assert response.status_code == 409
    assert "changed since this suggestion was made" in response.content.decode()
    assert Organisation.objects.get().phone == "020 5"


@pytest.mark.parametrize("who", ["author", "member", "other_editor", "anonymous"])
def test_who_may_not_review(client, listing, editor, who):
    author = make_editor(listing) if who == "author" else UserFactory()
    suggestion = suggest(listing, author=author, phone="020 2")
    users = {
        "author": author,
        "member": UserFactory(),
        "other_editor": make_editor(OrganisationFactory(slug="other")),
    }
    if who != "anonymous":
        client.force_login(users[who])
    post = client.post(review_url(suggestion), {"decision": "approve", "phone": "020 2"})
    assert post.status_code == (302 if who == "anonymous" else 403)
    if who == "anonymous":
        assert "/accounts/login/" in post["Location"]
    assert OrganisationSuggestion.objects.get().status == "pending"


def test_new_listing_proposals_are_for_moderators_only(client, listing, editor):
    proposal = OrganisationSuggestion.objects.create(
        organisation=listing, kind=OrganisationSuggestion.Kind.NEW_LISTING, reason="x"
    )
    client.force_login(editor)
    assert client.get(review_url(proposal)).status_code == 404


def test_the_service_refuses_a_reviewer_without_the_power(listing):
    from django.core.exceptions import PermissionDenied

    suggestion = suggest(listing, phone="020 2")
    with pytest.raises(PermissionDenied):
        services.suggestion_approve(suggestion=suggestion, reviewer=UserFactory())
    with pytest.raises(PermissionDenied):
        services.suggestion_reject(suggestion=suggestion, reviewer=UserFactory(), note="No")
    assert OrganisationSuggestion.objects.get().status == "pending"


def test_editors_find_the_waiting_suggestions_from_their_page(client, listing, editor):
    suggest(listing, phone="020 2")
    suggest(listing, author=editor, phone="020 3")  # their own is not theirs to review
    client.force_login(editor)
    mine = client.get("/en/organisations/mine/").content.decode()
    assert "1 suggestion to review" in mine
    detail = client.get("/en/organisations/pantry/").content.decode()
    assert "/en/organisations/pantry/suggestions/" in detail
    assert "Review the suggestions about this listing" in detail


def test_the_review_page_speaks_the_readers_language(client, listing, editor):
    suggestion = suggest(listing, phone="020 2")
    client.force_login(editor)
    page = client.get(f"/bn/organisations/pantry/suggestions/{suggestion.pk}/").content.decode()
    assert "অনুমোদন করে প্রকাশ করুন" in page and "Approve and publish" not in page


def test_numbers_keep_their_order_on_a_right_to_left_page(client, listing, editor):
    suggestion = suggest(listing, phone="020 7946 1234")
    client.force_login(editor)
    page = client.get(f"/ar/organisations/pantry/suggestions/{suggestion.pk}/").content.decode()
    assert 'dir="rtl"' in page
    phone_input = page[page.index('id="id_phone"') - 200 : page.index('id="id_phone"') + 100]
    assert 'dir="ltr"' in phone_input
    assert '<td class="diff-new" dir="auto">020 7946 1234</td>' in page
