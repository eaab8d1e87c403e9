"""The co-production workflows, through their services."""

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from directory import services
from directory.models import (
    Organisation,
    OrganisationEditor,
    OrganisationSuggestion,
    ProblemReport,
)
from tests.factories import (
    IdentifierFactory,
    OrganisationFactory,
    UserFactory,
    make_editor,
    make_moderator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _notifications_run(on_commit_immediately):
    """Notifications are queued on commit; run them so that the tests can see them."""


@pytest.fixture
def organisation():
    return OrganisationFactory(
        slug="saturday-school",
        name_en="Ealing Polish Saturday School",
        description_en="Polish lessons on Saturdays.",
        opening_hours="Saturdays 9am to 1pm",
    )


def suggest(organisation, values, *, author=None, reason="x", **options):
    """``suggestion_submit`` about ``organisation``, by a new member unless ``author``."""
    return services.suggestion_submit(
        organisation=organisation,
        author=author or UserFactory(),
        values=values,
        reason=reason,
        **options,
    )


def test_a_suggestion_stores_only_what_changed_and_changes_nothing_yet(organisation, client):
    suggestion = suggest(
        organisation,
        {"opening_hours": "Sundays 9am to 1pm", "description_en": "Polish lessons on Saturdays."},
        reason="We moved to Sundays in September",
    )
    assert suggestion.changes == {"opening_hours": "Sundays 9am to 1pm"}
    assert suggestion.original == {"opening_hours": "Saturdays 9am to 1pm"}
    assert suggestion.status == "pending" and suggestion.kind == "edit"
    organisation.refresh_from_db()
    assert organisation.opening_hours == "Saturdays 9am to 1pm"
    assert (
        "Saturdays 9am to 1pm" in client.get("/en/organisations/saturday-school/").content.decode()
    )


def test_suggesting_nothing_new_is_refused(organisation):
    with pytest.raises(ValidationError, match="not changed anything"):
        suggest(organisation, {"description_en": "Polish lessons on Saturdays."})
    assert not OrganisationSuggestion.objects.exists()


def test_filling_an_empty_language_is_a_translation(organisation):
    suggestion = suggest(
        organisation, {"description_pl": "Lekcje języka polskiego w soboty."}, language="pl"
    )
    assert suggestion.kind == "translation"


def test_approval_applies_the_change_credits_the_author_and_emails_them(organisation):
    author = UserFactory(preferred_language="pl", display_name="Agnieszka", show_name_publicly=True)
    moderator = make_moderator()
    suggestion = suggest(organisation, {"opening_hours": "Sundays 9am to 1pm"}, author=author)
    mail.outbox.clear()
    services.suggestion_approve(suggestion=suggestion, reviewer=moderator)
    organisation.refresh_from_db()
    assert organisation.opening_hours == "Sundays 9am to 1pm"
    suggestion.refresh_from_db()
    assert suggestion.status == "approved" and suggestion.reviewer == moderator
    assert organisation.history.first().history_user == author
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [author.email]
    # The author prefers Polish; the link points at the Polish page.
    assert "/pl/organisations/saturday-school/" in mail.outbox[0].body


def test_a_reviewer_can_adjust_a_suggestion_before_approving(organisation):
    suggestion = suggest(organisation, {"opening_hours": "sundays 9-1"})
    services.suggestion_approve(
        suggestion=suggestion,
        reviewer=make_moderator(),
        changes={"opening_hours": "Sundays 9am to 1pm"},
    )
    organisation.refresh_from_db()
    assert organisation.opening_hours == "Sundays 9am to 1pm"


def test_a_suggestion_with_invalid_data_cannot_be_approved(organisation):
    suggestion = suggest(organisation, {"postcode": "E8 1DZ"})
    with pytest.raises(ValidationError):
        services.suggestion_approve(
            suggestion=suggestion, reviewer=make_moderator(), changes={"postcode": "NOPE"}
        )
    organisation.refresh_from_db()
    assert organisation.postcode == "E8 1DY"
    suggestion.refresh_from_db()
    assert suggestion.status == "pending"


def test_rejection_needs_a_reason_which_the_author_is_told(organisation):
    author = UserFactory()
    suggestion = suggest(organisation, {"phone": "020 7946 0001"}, author=author)
    with pytest.raises(ValidationError):
        services.suggestion_reject(suggestion=suggestion, reviewer=make_moderator(), note="  ")
    mail.outbox.clear()
    services.suggestion_reject(
        suggestion=suggestion, reviewer=make_moderator(), note="That number is a private mobile."
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"
    assert "That number is a private mobile." in mail.outbox[0].body
    organisation.refresh_from_db()
    assert organisation.phone == ""


def test_a_reviewed_suggestion_cannot_be_reviewed_again(organisation):
    suggestion = suggest(organisation, {"phone": "1"})
    services.suggestion_reject(suggestion=suggestion, reviewer=make_moderator(), note="no")
    with pytest.raises(ValidationError, match="already been reviewed"):
        services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())


def test_approval_never_silently_overwrites_a_newer_change(organisation):
    suggestion = suggest(organisation, {"description_en": "Version from the suggestion"})
    editor = make_editor(organisation)
    services.organisation_edit(
        organisation=organisation,
        editor=editor,
        values={"description_en": "Version from the editor"},
        expected_version=organisation.version,
        reason="update",
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    assert "description_en" in conflict.value.changed_meanwhile
    organisation.refresh_from_db()
    assert organisation.description_en == "Version from the editor"
    # The suggestion now shows the newer text as "before"; approving again applies it.
    suggestion.refresh_from_db()
    assert suggestion.original["description_en"] == "Version from the editor"
    services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    organisation.refresh_from_db()
    assert organisation.description_en == "Version from the suggestion"


def test_an_editor_publishes_directly_and_moderators_are_told(organisation):
    editor = make_editor(organisation)
    moderator = make_moderator()
    mail.outbox.clear()
    services.organisation_edit(
        organisation=organisation,
        editor=editor,
        values={"opening_hours": "Sundays"},
        expected_version=organisation.version,
        reason="moved",
    )
    organisation.refresh_from_db()
    assert organisation.opening_hours == "Sundays"
    record = OrganisationSuggestion.objects.get()
    assert record.status == "approved" and record.author == editor
    assert [message.to for message in mail.outbox] == [[moderator.email]]


def test_two_concurrent_edits_lose_nothing(organisation):
    first, second = make_editor(organisation), make_editor(organisation)
    started_at = organisation.version
    services.organisation_edit(
        organisation=organisation,
        editor=first,
        values={"description_en": "First editor's text"},
        expected_version=started_at,
        reason="first",
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.organisation_edit(
            organisation=organisation,
            editor=second,
            values={"description_en": "Second editor's text"},
            expected_version=started_at,
            reason="second",
        )
    assert "description_en" in conflict.value.changed_meanwhile
    organisation.refresh_from_db()
    assert organisation.description_en == "First editor's text"
    kept = conflict.value.kept_as
    assert kept.status == "pending" and kept.changes == {"description_en": "Second editor's text"}


def test_proposed_listing_stays_hidden_until_approved_then_author_is_told_in_bengali(client):
    author = UserFactory(preferred_language="bn")
    suggestion = services.organisation_propose(
        author=author,
        values={
            "name_en": "Tower Hamlets Bengali Carers",
            "description_en": "A group for carers who speak Bengali.",
            "borough": "tower-hamlets",
        },
        reason="I run it",
        org_id="GB-CHC-1190001",
    )
    organisation = suggestion.organisation
    assert not organisation.is_published
    assert organisation.identifiers.get().org_id == "GB-CHC-1190001"
    assert client.get(organisation.get_absolute_url()).status_code == 404
    mail.outbox.clear()
    services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    organisation.refresh_from_db()
    assert organisation.is_published and organisation.last_confirmed_at
    assert client.get(organisation.get_absolute_url()).status_code == 200
    assert "/bn/organisations/" in mail.outbox[0].body


def test_likely_duplicates_by_name_and_org_id():
    same_id = OrganisationFactory(name_en="Alpha Trust")
    IdentifierFactory(organisation=same_id, identifier="1090095")
    OrganisationFactory(name_en="Tower Hamlets Carers Group")
    found = services.likely_duplicates(name="Tower Hamlets Carers", org_id="GB-CHC-1090095")
    names = {duplicate.organisation.name for duplicate in found}
    assert names == {"Alpha Trust", "Tower Hamlets Carers Group"}
    assert services.likely_duplicates(name="Completely different") == []


def test_claim_approval_makes_an_editor(organisation):
    member = UserFactory()
    claim = services.claim_submit(
        organisation=organisation, user=member, role="Head teacher", evidence="head@school.example"
    )
    with pytest.raises(ValidationError):
        services.claim_submit(organisation=organisation, user=member, role="x", evidence="y")
    services.claim_approve(claim=claim, reviewer=make_moderator())
    assert OrganisationEditor.objects.filter(organisation=organisation, user=member).exists()
    assert member.has_perm("directory.edit_directly", organisation)


def test_claim_rejection_needs_a_reason(organisation):
    claim = services.claim_submit(
        organisation=organisation, user=UserFactory(), role="x", evidence="y"
    )
    with pytest.raises(ValidationError):
        services.claim_reject(claim=claim, reviewer=make_moderator(), note="")
    services.claim_reject(claim=claim, reviewer=make_moderator(), note="We could not verify you.")
    claim.refresh_from_db()
    assert claim.status == "rejected"


def test_problem_reports_reach_editors_and_moderators(organisation):
    editor = make_editor(organisation, preferred_language="ar")
    moderator = make_moderator()
    mail.outbox.clear()
    report = services.report_submit(
        organisation=organisation,
        topic=ProblemReport.Topic.CLOSED,
        message="The food bank closed last month.",
        contact_email="resident@people.example",
    )
    assert report.status == "open"
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([editor.email, moderator.email])
    # The reporter's address goes to nobody but stays in the staff-only record.
    assert all("resident@people.example" not in message.body for message in mail.outbox)


def test_revert_restores_an_earlier_version_as_a_new_version(organisation):
    moderator = make_moderator()
    good = organisation.history.first()
    organisation.description_en = "VANDALISED"
    organisation.save()
    versions_before = organisation.history.count()
    services.organisation_revert(
        organisation=organisation, history_id=good.history_id, user=moderator
    )
    organisation.refresh_from_db()
    assert organisation.description_en == "Polish lessons on Saturdays."
    assert organisation.history.count() == versions_before + 1
    assert organisation.history.first().history_user == moderator


def test_revert_refuses_a_version_of_another_listing(organisation):
    other = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.organisation_revert(
            organisation=organisation,
            history_id=other.history.first().history_id,
            user=make_moderator(),
        )


def test_confirming_sets_last_confirmed(organisation):
    Organisation.objects.filter(pk=organisation.pk).update(last_confirmed_at=None)
    before = timezone.now()
    services.organisation_confirm(organisation=organisation, user=make_editor(organisation))
    organisation.refresh_from_db()
    assert organisation.last_confirmed_at >= before


def test_a_save_that_changes_one_field_records_one_change():
    organisation = OrganisationFactory(name_pl=None, description_bn=None)
    organisation.refresh_from_db()
    assert organisation.name_pl == "" and organisation.description_bn == ""  # never NULL
    # As the admin's form sends it: every empty translation as "", one field changed.
    for field in ("name", "description", "accessibility_notes"):
        for code, _name in settings.LANGUAGES:
            if not getattr(organisation, f"{field}_{code}"):
                setattr(organisation, f"{field}_{code}", "")
    organisation.website = "https://changed.example.org/"
    organisation.save()
    newest, before = organisation.history.all()[:2]
    assert [change.field for change in newest.diff_against(before).changes] == ["website"]


def test_prose_changed_in_one_language_marks_the_others_possibly_out_of_date():
    organisation = OrganisationFactory(
        description_en="Food for neighbours.", description_pl="Jedzenie dla sąsiadów."
    )
    organisation.description_en = "Food and hot meals for neighbours, on Sundays."
    organisation.save()
    assert organisation.outdated_translations == {"description": ["pl"]}
    # Writing a first translation changes no meaning: it marks nothing.
    organisation.description_bn = "প্রতিবেশীদের জন্য খাবার।"
    organisation.save()
    assert organisation.outdated_translations == {"description": ["pl"]}
    # Updating the Polish text unmarks it; a change in Polish marks the others.
    organisation.description_pl = "Jedzenie i ciepłe posiłki dla sąsiadów, w niedziele."
    organisation.save()
    assert organisation.outdated_translations == {"description": ["bn", "en"]}


def test_a_changed_fact_marks_no_translation():
    organisation = OrganisationFactory(description_pl="Jedzenie dla sąsiadów.")
    organisation.website = "https://new.example.org/"
    organisation.opening_hours = "Sundays"
    organisation.save()
    assert organisation.outdated_translations == {}
