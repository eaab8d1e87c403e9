"""The community's pages for keeping the directory right, used as people would."""

import pytest

from directory import services
from directory.models import Organisation, OrganisationClaim, OrganisationSuggestion, ProblemReport
from tests.factories import OrganisationFactory, UserFactory, make_editor, make_moderator

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing():
    return OrganisationFactory(
        slug="pantry", name_en="Lewisham Pantry", description_en="Food for neighbours."
    )


def suggest_data(organisation, **overrides):
    data = {
        "language": "en",
        "version": organisation.version,
        "name": organisation.name_en,
        "description": organisation.description_en,
        "postcode": organisation.postcode,
        "borough": organisation.borough.slug,
        "reason": "I volunteer there",
    }
    data.update(overrides)
    return data


def test_signed_out_visitors_are_asked_to_sign_in_to_suggest(client, listing):
    response = client.get("/en/organisations/pantry/suggest/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_member_suggests_a_change_and_the_page_keeps_the_old_text(client, listing):
    client.force_login(UserFactory())
    form = client.get("/en/organisations/pantry/suggest/")
    assert 'value="Lewisham Pantry"' in form.content.decode()
    response = client.post(
        "/en/organisations/pantry/suggest/",
        suggest_data(listing, description="Food and hot meals for neighbours."),
        follow=True,
    )
    assert "Your suggestion has been sent" in response.content.decode()
    suggestion = OrganisationSuggestion.objects.get()
    assert suggestion.changes == {"description_en": "Food and hot meals for neighbours."}
    page = client.get("/en/organisations/pantry/").content.decode()
    assert "Food for neighbours." in page and "hot meals" not in page
    mine = client.get("/en/organisations/mine/").content.decode()
    assert "Lewisham Pantry" in mine and "Pending" in mine


def test_a_translation_is_suggested_in_the_chosen_language(client, listing):
    client.force_login(UserFactory())
    form = client.get("/en/organisations/pantry/suggest/?language=pl").content.decode()
    # The form starts with what the Polish page shows (the English text), and says so.
    assert "nobody has written it in Polish yet" in form
    assert 'lang="en"' in form and ">\nFood for neighbours.</textarea>" in form
    client.post(
        "/en/organisations/pantry/suggest/",
        # The name is sent back as it was shown (English): that is not a translation.
        suggest_data(listing, language="pl", description="Jedzenie dla sąsiadów."),
    )
    suggestion = OrganisationSuggestion.objects.get()
    assert suggestion.kind == "translation"
    assert suggestion.changes == {"description_pl": "Jedzenie dla sąsiadów."}


def test_a_translated_field_shows_the_english_beside_it(client, listing):
    listing.description_pl = "Jedzenie dla sąsiadów."
    listing.save()
    client.force_login(UserFactory())
    form = client.get("/en/organisations/pantry/suggest/?language=pl").content.decode()
    assert "Show the English text" in form and 'lang="pl"' in form


def test_a_polish_correction_to_opening_hours_reaches_english_readers(client, listing):
    listing.opening_hours = "Saturdays 9am to 1pm"
    listing.save()
    client.force_login(UserFactory())  # Agnieszka, a volunteer
    form = client.get("/pl/organisations/pantry/suggest/").content.decode()
    assert "Saturdays 9am to 1pm" in form  # the hours as every page shows them
    client.post(
        "/pl/organisations/pantry/suggest/",
        suggest_data(
            listing,
            language="pl",
            opening_hours="Niedziele 9:00–13:00",
            reason="Od września spotykamy się w niedziele",
        ),
    )
    suggestion = OrganisationSuggestion.objects.get()
    assert suggestion.changes == {"opening_hours": "Niedziele 9:00–13:00"}
    services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    english = client.get("/en/organisations/pantry/").content.decode()
    assert "Niedziele 9:00–13:00" in english and "Saturdays 9am" not in english


def test_a_suggestion_with_bad_input_is_a_400_with_an_error_summary(client, listing):
    client.force_login(UserFactory())
    response = client.post(
        "/en/organisations/pantry/suggest/", suggest_data(listing, postcode="NOPE", reason="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_postcode"' in html
    assert 'aria-describedby="id_postcode_error' in html
    assert not OrganisationSuggestion.objects.exists()


def test_submitting_without_changes_says_so(client, listing):
    client.force_login(UserFactory())
    response = client.post("/en/organisations/pantry/suggest/", suggest_data(listing))
    assert response.status_code == 400
    assert "You have not changed anything yet." in response.content.decode()


def test_an_editor_publishes_directly(client, listing):
    client.force_login(make_editor(listing))
    client.post("/en/organisations/pantry/suggest/", suggest_data(listing, description="New text."))
    listing.refresh_from_db()
    assert listing.description_en == "New text."


def test_a_stale_edit_form_is_refused_with_what_changed(client, listing):
    editor = make_editor(listing)
    started = listing.version
    listing.description_en = "Changed by someone else."
    listing.save()
    client.force_login(editor)
    response = client.post(
        "/en/organisations/pantry/suggest/",
        suggest_data(listing, version=started, description="My edit."),
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this listing" in html
    assert "Changed by someone else." in html
    conflict = html.split('id="conflict"')[1].split("</table>")[0]
    assert '<th scope="row">Description (English)</th>' in conflict  # a label, not a column
    listing.refresh_from_db()
    assert listing.description_en == "Changed by someone else."
    kept = OrganisationSuggestion.objects.get(status="pending")
    assert kept.changes["description_en"] == "My edit."


def test_proposing_warns_about_duplicates_first(client, listing):
    client.force_login(UserFactory())
    data = {
        "name": "Lewisham Pantry",
        "description": "Another food group.",
        "borough": "lewisham",
        "reason": "I know them",
    }
    first = client.post("/en/organisations/new/", data)
    assert first.status_code == 200
    assert "This organisation may already be listed" in first.content.decode()
    assert Organisation.objects.count() == 1
    second = client.post("/en/organisations/new/", {**data, "not_a_duplicate": "on"}, follow=True)
    assert "We will check the new listing" in second.content.decode()
    proposed = Organisation.objects.exclude(pk=listing.pk).get()
    assert not proposed.is_published and proposed.slug == "lewisham-pantry"


def test_proposing_rejects_a_malformed_org_id(client):
    client.force_login(UserFactory())
    response = client.post(
        "/en/organisations/new/",
        {"name": "X", "description": "Y", "reason": "Z", "org_id": "GB-CHC-12"},
    )
    assert response.status_code == 400
    assert "GB-CHC" in response.content.decode()


def test_claiming_a_listing(client, listing):
    client.force_login(UserFactory())
    response = client.post(
        "/en/organisations/pantry/claim/",
        {"role": "Coordinator", "evidence": "coordinator@pantry.example"},
        follow=True,
    )
    assert "We will check your claim" in response.content.decode()
    assert OrganisationClaim.objects.get().status == "pending"
    again = client.post(
        "/en/organisations/pantry/claim/", {"role": "Coordinator", "evidence": "again"}
    )
    assert again.status_code == 400


def test_reporting_a_problem_needs_no_account(client, listing):
    response = client.post(
        "/en/organisations/pantry/report/",
        {"topic": "closed", "message": "It closed in May.", "contact_email": "me@people.example"},
        follow=True,
    )
    assert "Thank you for telling us" in response.content.decode()
    report = ProblemReport.objects.get()
    assert report.topic == "closed" and report.contact_email == "me@people.example"
    assert "me@people.example" not in client.get("/en/organisations/pantry/").content.decode()


def test_the_honeypot_silently_drops_bots(client, listing):
    client.post(
        "/en/organisations/pantry/report/",
        {"topic": "other", "message": "spam", "website_url": "http://spam.example"},
    )
    assert not ProblemReport.objects.exists()


def test_reports_are_rate_limited(client, listing):
    data = {"topic": "other", "message": "Something is off."}
    statuses = [client.post("/en/organisations/pantry/report/", data).status_code for _ in range(7)]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    assert ProblemReport.objects.count() == 5


def test_report_with_bad_input_is_a_400(client, listing):
    response = client.post("/en/organisations/pantry/report/", {"topic": "nonsense", "message": ""})
    assert response.status_code == 400
    assert not ProblemReport.objects.exists()


def test_editors_can_confirm_and_others_cannot(client, listing):
    Organisation.objects.filter(pk=listing.pk).update(last_confirmed_at=None)
    client.force_login(UserFactory())
    assert client.post("/en/organisations/pantry/confirm/").status_code == 403
    client.force_login(make_editor(listing))
    assert (
        "This listing is still correct" in client.get("/en/organisations/pantry/").content.decode()
    )
    client.post("/en/organisations/pantry/confirm/")
    listing.refresh_from_db()
    assert listing.last_confirmed_at is not None


def test_public_changes_name_only_people_who_opted_in(client, listing, on_commit_immediately):
    from directory import services

    shy = UserFactory(display_name="Private Person", show_name_publicly=False)
    proud = UserFactory(display_name="Agnieszka K", show_name_publicly=True)
    for author, text in ((shy, "First edit."), (proud, "Second edit.")):
        suggestion = services.suggestion_submit(
            organisation=listing, author=author, values={"description_en": text}, reason="x"
        )
        services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    html = client.get("/en/organisations/pantry/changes/").content.decode()
    assert "Agnieszka K" in html
    assert "Private Person" not in html and shy.email not in html and proud.email not in html
    assert "a community member" in html
    assert "Description" in html


def test_the_withdraw_button_withdraws(client, listing):
    member = UserFactory()
    client.force_login(member)
    client.post("/en/organisations/pantry/suggest/", suggest_data(listing, description="Other."))
    suggestion = OrganisationSuggestion.objects.get()
    client.post(f"/en/organisations/suggestions/{suggestion.pk}/withdraw/")
    suggestion.refresh_from_db()
    assert suggestion.status == "withdrawn"
    # Nobody else can withdraw it.
    other = OrganisationSuggestion.objects.create(
        organisation=listing, author=UserFactory(), changes={"phone": "1"}, reason="x"
    )
    # Someone else's suggestion: rules refuse it, and it stays as it was.
    assert client.post(f"/en/organisations/suggestions/{other.pk}/withdraw/").status_code == 403


def test_missing_translation_links_to_the_translation_form(client, listing):
    html = client.get("/bn/organisations/pantry/").content.decode()
    assert "/bn/organisations/pantry/suggest/?language=bn" in html


def test_readers_and_translators_are_told_when_their_text_may_be_out_of_date(client, listing):
    listing.description_pl = "Jedzenie dla sąsiadów."
    listing.save()
    services.organisation_edit(
        organisation=listing,
        editor=make_moderator(),
        values={"description_en": "Food and hot meals, on Sundays."},
        expected_version=listing.version,
        reason="New service",
    )
    polish = client.get("/pl/organisations/pantry/").content.decode()
    assert 'id="translation-outdated"' in polish
    assert "/organisations/pantry/suggest/?language=pl" in polish
    assert (
        'id="translation-outdated"' not in client.get("/en/organisations/pantry/").content.decode()
    )
    client.force_login(UserFactory())
    form = client.get("/en/organisations/pantry/suggest/?language=pl").content.decode()
    assert "Possibly out of date" in form


def test_a_search_with_no_results_offers_to_propose_a_listing_even_to_visitors(client):
    page = client.get("/en/organisations/?q=Bow+Bengali+carers").content.decode()
    assert "No organisations match your search" in page
    assert 'href="/en/organisations/new/?name=Bow%20Bengali%20carers"' in page
    # Visitors sign in first, then land on the form with the name filled in.
    response = client.get("/en/organisations/new/?name=Bow%20Bengali%20carers")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    form = client.get("/en/organisations/new/?name=Bow%20Bengali%20carers").content.decode()
    assert 'value="Bow Bengali carers"' in form


def test_forms_offer_no_blank_radio_and_say_optional_once(client, listing):
    report = client.get("/en/organisations/pantry/report/").content.decode()
    assert "---------" not in report
    assert report.count("(optional)") == report.count('class="optional"')  # never twice
    assert "(optional)</label>" not in report.replace(
        '<span class="optional">(optional)</span>', ""
    )
    client.force_login(UserFactory())
    propose = client.get("/en/organisations/new/").content.decode()
    assert "(optional) <span" not in propose and "Registered number" in propose
    assert propose.count("(optional)") == propose.count('class="optional"')
