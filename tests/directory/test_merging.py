"""Merging two listings, and the possible-duplicate queue: the service (everything moved,
nothing lost, both histories), the rule per role, the admin's pair and bulk actions and
the two-listing action, and the old addresses answering 301 (pages, API, ORUK feed)."""

import io
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from directory import services
from directory.models import (
    Organisation,
    OrganisationClaim,
    OrganisationEditor,
    OrganisationSuggestion,
    PossibleDuplicate,
    ProblemReport,
    RegisterRecord,
)
from tests.factories import (
    IdentifierFactory,
    LocationFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
    beneficiary,
    borough,
    category,
    language,
    make_editor,
    make_moderator,
)
from tests.registers.ccew_fixture import write_extract

pytestmark = pytest.mark.django_db

ADMIN = "/admin/directory/"
API = "/api/v1/organisations/"
FEED = "/openreferral/organizations/"


@pytest.fixture
def moderator():
    return make_moderator()


@pytest.fixture
def pair():
    existing = OrganisationFactory(
        name_en="Hackney Food Bank Project", slug="hackney-food-bank-project", website=""
    )
    new = OrganisationFactory(
        name_en="Hackney Food Bank", slug="hackney-food-bank", is_published=False
    )
    return PossibleDuplicate.objects.create(
        organisation=new, other=existing, source="ccew", reason="A similar name there."
    )


def merge(survivor, merged, user=None):
    return services.organisation_merge(
        survivor=survivor, merged=merged, user=user or make_moderator()
    )


# --- The service ----------------------------------------------------------------------


def test_the_merged_listing_brings_everything_the_survivor_lacks(pair, moderator):
    survivor, merged = pair.other, pair.organisation
    survivor.alternative_names = "HFBP"
    survivor.phone, survivor.email = "", "hello@project.example"
    survivor.save()
    survivor.categories.set([category("food")])
    merged.name_pl = "Bank Żywności Hackney"
    merged.alternative_names = "Hackney Foodbank\nhfbp\nHackney Food Bank"
    merged.phone, merged.email = "020 7946 0001", "hello@bank.example"
    merged.website, merged.legal_form = "https://bank.example", "registered_charity"
    merged.save()
    merged.categories.set([category("food"), category("mental-health")])
    merged.beneficiaries.set([beneficiary()])
    merged.languages.set([language("pl")])
    merged.areas_served.set([borough("tower-hamlets")])
    identifier = IdentifierFactory(organisation=merged, identifier="1100001")
    record = RegisterRecord.objects.create(
        organisation=merged, source="ccew", identifier="GB-CHC-1100001", extract_date="2026-11-01"
    )
    location, service = LocationFactory(organisation=merged), ServiceFactory(organisation=merged)
    both, only_merged = make_editor(survivor), make_editor(merged)
    OrganisationEditor.objects.create(organisation=merged, user=both)
    suggestion = OrganisationSuggestion.objects.create(
        organisation=merged, author=UserFactory(), changes={"phone": "1"}, reason="x"
    )
    claim = OrganisationClaim.objects.create(organisation=merged, user=UserFactory(), role="Chair")
    asker = UserFactory()
    OrganisationClaim.objects.create(organisation=survivor, user=asker, role="Chair")
    second_claim = OrganisationClaim.objects.create(organisation=merged, user=asker, role="Chair")
    report = ProblemReport.objects.create(organisation=merged, topic="other", message="x")
    closed = ProblemReport.objects.create(
        organisation=merged, topic="other", message="x", status="resolved"
    )
    merged_versions = merged.history.count()

    assert merge(survivor, merged, moderator) == survivor

    survivor.refresh_from_db()
    merged.refresh_from_db()
    assert set(survivor.identifiers.values_list("pk", flat=True)) == {identifier.pk}
    assert RegisterRecord.objects.get(pk=record.pk).organisation == survivor
    assert list(survivor.locations.all()) == [location]
    assert list(survivor.services.all()) == [service]
    assert set(survivor.categories.values_list("slug", flat=True)) == {"food", "mental-health"}
    assert list(survivor.beneficiaries.all()) == [beneficiary()]
    assert list(survivor.languages.all()) == [language("pl")]
    assert list(survivor.areas_served.all()) == [borough("tower-hamlets")]
    assert sorted(survivor.editors.values_list("user__username", flat=True)) == sorted(
        [both.username, only_merged.username]
    )
    assert OrganisationSuggestion.objects.get(pk=suggestion.pk).organisation == survivor
    assert OrganisationClaim.objects.get(pk=claim.pk).organisation == survivor
    second_claim.refresh_from_db()  # the member already asked to manage the survivor
    assert (second_claim.organisation, second_claim.status) == (merged, "withdrawn")
    assert ProblemReport.objects.get(pk=report.pk).organisation == survivor
    assert ProblemReport.objects.get(pk=closed.pk).organisation == merged
    # Its names become other names, each once (the survivor's own name is not repeated).
    assert survivor.alternative_names.splitlines() == [
        "HFBP",
        "Hackney Food Bank",
        "Bank Żywności Hackney",
        "Hackney Foodbank",
    ]
    # Empty fields are filled; none the survivor had is overwritten.
    assert (survivor.phone, survivor.website) == ("020 7946 0001", "https://bank.example")
    assert (survivor.email, survivor.legal_form) == ("hello@project.example", "registered_charity")
    assert survivor.name_en == "Hackney Food Bank Project"
    assert merged.merged_into == survivor and not merged.is_published
    # Both histories are kept, with why.
    assert merged.history.count() == merged_versions + 1
    assert merged.history.first().history_change_reason == "Merged into Hackney Food Bank Project"
    assert merged.history.first().history_user == moderator
    assert survivor.history.first().history_change_reason == "Merged with Hackney Food Bank"
    assert set(identifier.history.values_list("organisation_id", flat=True)) == {
        merged.pk,
        survivor.pk,
    }
    pair.refresh_from_db()
    assert (pair.status, pair.reviewer) == ("approved", moderator) and pair.reviewed_at


def test_an_address_is_taken_whole_and_only_by_a_survivor_without_one():
    survivor = OrganisationFactory(address_1="", postcode="", borough=None)
    merged = OrganisationFactory(address_1="12 Mare Street", address_2="Unit 3", postcode="E8 1DY")
    merge(survivor, merged)
    survivor.refresh_from_db()
    assert (survivor.address_1, survivor.address_2, survivor.postcode) == (
        "12 Mare Street",
        "Unit 3",
        "E8 1DY",
    )
    assert survivor.borough == borough("hackney")
    kept = OrganisationFactory(address_1="", postcode="E1 6AN")
    merge(kept, OrganisationFactory(address_1="1 Other Road", postcode="E8 1DY"))
    kept.refresh_from_db()
    assert (kept.address_1, kept.postcode) == ("", "E1 6AN")  # never half of each


def test_the_merged_listings_other_pending_pairs_follow_it():
    survivor, merged, third = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    moved = PossibleDuplicate.objects.create(organisation=third, other=merged, reason="x")
    PossibleDuplicate.objects.create(organisation=survivor, other=third, reason="x")
    doubled = PossibleDuplicate.objects.create(organisation=merged, other=third, reason="x")
    merge(survivor, merged)
    moved.refresh_from_db()
    doubled.refresh_from_db()
    assert (moved.organisation, moved.other, moved.status) == (third, survivor, "pending")
    # The survivor already has that pair: this one is withdrawn, as it was.
    assert (doubled.organisation, doubled.status) == (merged, "withdrawn")


@pytest.mark.parametrize("case", ["itself", "into a merged one", "a merged one"])
def test_refusals_change_nothing(case):
    first, second, third = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    merge(third, second)
    survivor, merged, message = {
        "itself": (first, first, "cannot be merged into itself"),
        "into a merged one": (second, first, "has itself been merged into another listing"),
        "a merged one": (first, second, "has already been merged into another listing"),
    }[case]
    versions = first.history.count()
    with pytest.raises(ValidationError, match=message):
        merge(survivor, merged)
    first.refresh_from_db()
    assert first.merged_into is None and first.history.count() == versions


@pytest.mark.parametrize("who", ["member", "editor", "staff"])
def test_only_moderators_merge_or_dismiss(pair, who):
    user = {
        "member": UserFactory,
        "editor": lambda: make_editor(pair.organisation),
        "staff": lambda: UserFactory(is_staff=True),
    }[who]()
    with pytest.raises(PermissionDenied):
        services.organisation_merge(survivor=pair.other, merged=pair.organisation, user=user)
    with pytest.raises(PermissionDenied):
        services.possible_duplicate_dismiss(pair=pair, user=user)
    pair.refresh_from_db()
    assert pair.status == "pending" and pair.organisation.merged_into is None


def test_not_the_same_publishes_the_new_listing_once_nothing_else_waits(pair, moderator):
    other = PossibleDuplicate.objects.create(
        organisation=pair.organisation, other=OrganisationFactory(), reason="x"
    )
    services.possible_duplicate_dismiss(pair=pair, user=moderator)
    pair.refresh_from_db()
    assert (pair.status, pair.reviewer) == ("rejected", moderator) and pair.reviewed_at
    assert not Organisation.objects.get(pk=pair.organisation_id).is_published
    services.possible_duplicate_dismiss(pair=other, user=moderator)
    new = Organisation.objects.get(pk=pair.organisation_id)
    assert new.is_published and new.history.first().history_change_reason == "Published"
    with pytest.raises(ValidationError, match="already been decided"):
        services.possible_duplicate_dismiss(pair=pair, user=moderator)


# --- The rule, per role ---------------------------------------------------------------


@pytest.mark.parametrize("permission", ["merge_organisations", "view_possibleduplicate"])
def test_the_rules_by_role(permission):
    organisation = OrganisationFactory()
    allowed = {
        "anonymous": (AnonymousUser(), False),
        "member": (UserFactory(), False),
        "editor": (make_editor(organisation), False),
        "staff outside the Moderators group": (UserFactory(is_staff=True), False),
        "moderator": (make_moderator(), True),
        "administrator": (UserFactory(is_staff=True, is_superuser=True), True),
    }
    for role, (user, expected) in allowed.items():
        assert user.has_perm(f"directory.{permission}", organisation) == expected, role


# --- The admin ------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, moderator):
    client.force_login(moderator)
    return client


def test_the_list_shows_both_listings_with_links_and_filters(staff_client, pair):
    page = staff_client.get(f"{ADMIN}possibleduplicate/?status__exact=pending").content.decode()
    assert f"{ADMIN}organisation/{pair.organisation.pk}/change/" in page
    assert f"{ADMIN}organisation/{pair.other.pk}/change/" in page
    assert "A similar name there." in page and "Charity Commission register" in page
    assert (
        "Hackney Food Bank"
        in staff_client.get(f"{ADMIN}possibleduplicate/?q=Project").content.decode()
    )
    found = staff_client.get(f"{ADMIN}possibleduplicate/?q=Nowhere+Else").content.decode()
    assert "A similar name there." not in found
    queue = staff_client.get(f"{ADMIN}organisationsuggestion/queue/").content.decode()
    assert "Possible duplicates (1)" in queue
    assert f"{ADMIN}possibleduplicate/{pair.pk}/change/" in queue


def test_merge_from_the_pairs_page_after_seeing_both(staff_client, pair):
    change = staff_client.get(f"{ADMIN}possibleduplicate/{pair.pk}/change/").content.decode()
    assert f"{ADMIN}possibleduplicate/{pair.pk}/merge/" in change
    assert f"{ADMIN}possibleduplicate/{pair.pk}/dismiss/" in change
    page = staff_client.get(f"{ADMIN}possibleduplicate/{pair.pk}/merge/").content.decode()
    table = page.split('id="merge-comparison"')[1].split("</table>")[0]
    assert "Hackney Food Bank Project" in table and "Hackney Food Bank</a>" in table
    assert Organisation.objects.get(pk=pair.organisation_id).merged_into is None  # only shown
    response = staff_client.post(f"{ADMIN}possibleduplicate/{pair.pk}/merge/", follow=True)
    assert "was merged into “Hackney Food Bank Project”" in response.content.decode()
    assert Organisation.objects.get(pk=pair.organisation_id).merged_into == pair.other
    again = staff_client.post(f"{ADMIN}possibleduplicate/{pair.pk}/merge/", follow=True)
    assert "already been decided" in again.content.decode()


def test_not_the_same_from_the_pairs_page(staff_client, pair):
    page = staff_client.get(f"{ADMIN}possibleduplicate/{pair.pk}/dismiss/").content.decode()
    assert "Both listings stay" in page
    response = staff_client.post(f"{ADMIN}possibleduplicate/{pair.pk}/dismiss/", follow=True)
    assert "are different organisations" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == "rejected" and pair.organisation.is_published


def test_staff_without_the_rule_are_refused(client, pair):
    client.force_login(UserFactory(is_staff=True))
    for decision in ("merge", "dismiss"):
        url = f"{ADMIN}possibleduplicate/{pair.pk}/{decision}/"
        assert client.get(url).status_code == 403
        assert client.post(url).status_code == 403
    assert client.get(f"{ADMIN}possibleduplicate/").status_code == 403
    pair.refresh_from_db()
    assert pair.status == "pending"


def _pairs(count):
    return [
        PossibleDuplicate.objects.create(
            organisation=OrganisationFactory(is_published=False),
            other=OrganisationFactory(),
            reason="x",
        )
        for _n in range(count)
    ]


@pytest.mark.parametrize("action", ["merge_selected", "dismiss_selected"])
def test_bulk_actions_ask_then_decide_each_pair(staff_client, action):
    pairs = _pairs(2)
    selected = {"action": action, "_selected_action": [p.pk for p in pairs]}
    asked = staff_client.post(f"{ADMIN}possibleduplicate/", selected).content.decode()
    assert 'name="apply"' in asked and str(pairs[1].organisation) in asked
    assert PossibleDuplicate.objects.filter(status="pending").count() == 2
    done = staff_client.post(f"{ADMIN}possibleduplicate/", {**selected, "apply": "1"}, follow=True)
    assert "2 pairs decided." in done.content.decode()
    for item in pairs:
        item.refresh_from_db()
        item.organisation.refresh_from_db()
        if action == "merge_selected":
            assert item.status == "approved" and item.organisation.merged_into == item.other
        else:
            assert item.status == "rejected" and item.organisation.is_published


def test_bulk_actions_are_offered_to_moderators(staff_client, pair):
    page = staff_client.get(f"{ADMIN}possibleduplicate/").content.decode()
    assert 'value="merge_selected"' in page and 'value="dismiss_selected"' in page


def test_merge_any_two_listings_choosing_the_one_that_stays(staff_client):
    first = OrganisationFactory(name_en="Deptford Pantry")
    second = OrganisationFactory(name_en="The Deptford Pantry")
    selected = {"action": "merge_listings", "_selected_action": [first.pk, second.pk]}
    asked = staff_client.post(f"{ADMIN}organisation/", selected).content.decode()
    assert 'name="survivor"' in asked and "The Deptford Pantry" in asked
    missing = staff_client.post(f"{ADMIN}organisation/", {**selected, "apply": "1"})
    assert (
        missing.status_code == 400 and "Choose the listing that stays." in missing.content.decode()
    )
    done = staff_client.post(
        f"{ADMIN}organisation/", {**selected, "apply": "1", "survivor": second.pk}, follow=True
    )
    assert "“Deptford Pantry” was merged into “The Deptford Pantry”" in done.content.decode()
    first.refresh_from_db()
    assert first.merged_into == second


@pytest.mark.parametrize("count", [1, 3])
def test_the_two_listing_action_needs_exactly_two(staff_client, count):
    listings = OrganisationFactory.create_batch(count)
    selected = {"action": "merge_listings", "_selected_action": [o.pk for o in listings]}
    done = staff_client.post(f"{ADMIN}organisation/", selected, follow=True).content.decode()
    assert "Choose exactly two listings to merge." in done
    assert not Organisation.objects.exclude(merged_into=None).exists()


# --- Old addresses -------------------------------------------------------------------


@pytest.fixture
def merged(pair):
    merge(pair.other, pair.organisation)
    return pair.organisation


@pytest.mark.parametrize("page", ["", "suggest/", "report/", "claim/", "changes/"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_a_merged_listings_pages_redirect_permanently(client, merged, page, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    response = client.get(f"/pl/organisations/hackney-food-bank/{page}?from=mail")
    assert response.status_code == 301
    assert response["Location"] == f"/pl/organisations/hackney-food-bank-project/{page}?from=mail"


def test_a_chain_of_merges_is_followed_and_a_loop_is_not(client):
    first, second, third = (OrganisationFactory(slug=s) for s in ("first", "second", "third"))
    merge(second, first)
    merge(third, second)
    assert client.get("/en/organisations/first/")["Location"] == "/en/organisations/third/"
    assert client.get(f"{API}{first.pk}/")["Location"].endswith(f"{API}{third.pk}/")
    # A loop can only be made behind the service's back: it is a 404, not a hang.
    Organisation.objects.filter(pk=third.pk).update(merged_into=first, is_published=False)
    assert client.get("/en/organisations/first/").status_code == 404
    assert client.get(f"{FEED}{first.pk}").status_code == 404


def test_an_unpublished_listing_that_was_not_merged_is_still_not_found(client, pair):
    assert client.get("/en/organisations/hackney-food-bank/").status_code == 404
    assert client.get(f"{API}{pair.organisation_id}/").status_code == 404


def test_the_api_answers_301_with_where_it_went(client, merged, pair):
    response = client.get(f"{API}{merged.pk}/?lang=pl")
    assert response.status_code == 301
    url = f"http://testserver{API}{pair.other_id}/?lang=pl"
    assert response["Location"] == url
    assert response.json() == {"detail": "merged", "merged_into": str(pair.other_id), "url": url}
    unknown = client.get(f"{API}{uuid.uuid4()}/")
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "No Organisation matches the given query."


def test_the_schema_documents_the_301(client):
    import yaml

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    answers = schema["paths"]["/api/v1/organisations/{id}/"]["get"]["responses"]
    body = answers["301"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(schema["components"]["schemas"][body]["properties"]) == {
        "detail",
        "merged_into",
        "url",
    }


def test_the_open_referral_feed_answers_301_with_where_it_went(client, merged, pair):
    response = client.get(f"{FEED}{merged.pk}")
    assert response.status_code == 301
    url = f"http://testserver{FEED}{pair.other_id}"
    assert response["Location"] == url
    assert response.json() == {"detail": "merged", "merged_into": str(pair.other_id), "url": url}
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(response["Location"]).json()["id"] == str(pair.other_id)


# --- End to end: a register's import, a pair, a merge in the admin -----------------------


def test_an_imported_duplicate_merged_in_the_admin_redirects(tmp_path, staff_client):
    existing = OrganisationFactory(name_en="Hackney Food Bank Project", postcode="E8 1DY")
    out = io.StringIO()
    call_command("import_register", "ccew", str(write_extract(tmp_path)), stdout=out)
    pair = PossibleDuplicate.objects.get(status="pending")
    new = pair.organisation
    assert pair.other == existing and not new.is_published
    assert staff_client.get("/en/organisations/" + new.slug + "/").status_code == 404

    staff_client.post(f"{ADMIN}possibleduplicate/{pair.pk}/merge/")

    page = staff_client.get(f"/en/organisations/{new.slug}/")
    assert page.status_code == 301 and page["Location"] == f"/en/organisations/{existing.slug}/"
    assert staff_client.get(page["Location"]).status_code == 200
    existing.refresh_from_db()
    assert existing.identifiers.filter(org_id="GB-CHC-1100001").exists()
    assert existing.register_records.get().identifier == "GB-CHC-1100001"
    assert {"Hackney Food Bank", "Hackney Foodbank"} <= set(existing.alternative_names.split("\n"))
    assert existing.phone == "020 7946 0001"
    # The merge is a version of the survivor, on its public changes page.
    changes = staff_client.get(f"/en/organisations/{existing.slug}/changes/").content.decode()
    assert "Other names" in changes and "Public phone" in changes
    # The next import finds the survivor by its registered number: no new listing.
    listings = Organisation.objects.count()
    call_command("import_register", "ccew", str(write_extract(tmp_path)), stdout=out)
    assert Organisation.objects.count() == listings
    assert not PossibleDuplicate.objects.filter(status="pending").exists()


def test_the_survivors_changes_page_keeps_both_histories(client, pair):
    merged = pair.organisation
    merged.phone = "020 7946 0123"
    merged.save()
    merge(pair.other, merged)
    page = client.get("/en/organisations/hackney-food-bank-project/changes/").content.decode()
    # The merged listing's own versions, named, beside the survivor's.
    assert "On “Hackney Food Bank”, since merged into this listing:" in page
    assert page.count("Listing created") == 2
    assert page.count("Public phone") == 2  # given on one, then taken by the survivor
