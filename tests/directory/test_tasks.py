"""Scheduled work: stale-listing reminders and the moderation digest."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from directory import services, tasks
from directory.models import Organisation, StaleListingReminder
from directory.services import reminders
from tests.factories import OrganisationFactory, UserFactory, make_editor, make_moderator

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - timezone.timedelta(days=400)


def test_stale_reminders_go_to_editors_once_per_period(client):
    stale = OrganisationFactory(slug="stale", last_confirmed_at=LONG_AGO)
    editor = make_editor(stale, preferred_language="pl")
    OrganisationFactory(slug="fresh")  # confirmed recently: no reminder
    unedited = OrganisationFactory(slug="unedited", last_confirmed_at=LONG_AGO)
    assert unedited.editors.count() == 0

    assert tasks.stale_listing_reminders_send() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [editor.email]
    # Running again, as beat may, sends nothing new.
    assert tasks.stale_listing_reminders_send() == 0
    assert len(mail.outbox) == 1
    assert StaleListingReminder.objects.count() == 1

    # The link in the email (in Polish) confirms the listing with one button.
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert path.startswith("pl/organisations/stale/confirm/")
    page = client.get("/" + path)
    assert page.status_code == 200
    stale.refresh_from_db()
    assert stale.is_stale  # opening the link alone changes nothing
    client.post("/" + path)
    stale.refresh_from_db()
    assert not stale.is_stale


def test_a_listing_that_goes_stale_again_gets_a_new_reminder():
    stale = OrganisationFactory(last_confirmed_at=LONG_AGO)
    editor = make_editor(stale)
    assert tasks.stale_listing_reminders_send() == 1
    services.organisation_confirm(organisation=stale, user=editor)
    Organisation.objects.filter(pk=stale.pk).update(
        last_confirmed_at=timezone.now() - timezone.timedelta(days=800)
    )
    assert tasks.stale_listing_reminders_send() == 1


@pytest.mark.parametrize("token", ["not-a-token", "x" * 40])
def test_a_bad_confirm_link_is_refused(client, token):
    stale = OrganisationFactory(slug="stale", last_confirmed_at=LONG_AGO)
    response = client.post(f"/en/organisations/stale/confirm/{token}/")
    assert response.status_code == 400
    stale.refresh_from_db()
    assert stale.is_stale


def test_an_expired_confirm_link_is_refused(client):
    stale = OrganisationFactory(slug="stale", last_confirmed_at=LONG_AGO)
    editor = make_editor(stale)
    token = services.confirm_token(stale, editor)
    original = reminders.CONFIRM_MAX_AGE
    try:
        reminders.CONFIRM_MAX_AGE = timezone.timedelta(seconds=-1)
        response = client.post(f"/en/organisations/stale/confirm/{token}/")
    finally:
        reminders.CONFIRM_MAX_AGE = original
    assert response.status_code == 400
    assert "expired" in response.content.decode()


def test_a_confirm_link_for_another_listing_is_refused(client):
    stale = OrganisationFactory(slug="stale", last_confirmed_at=LONG_AGO)
    other = OrganisationFactory(slug="other")
    token = services.confirm_token(other, make_editor(other))
    assert client.post(f"/en/organisations/stale/confirm/{token}/").status_code == 400
    stale.refresh_from_db()
    assert stale.is_stale


def test_moderation_digest_is_sent_once_a_day(on_commit_immediately):
    moderator = make_moderator()
    organisation = OrganisationFactory()
    assert tasks.moderation_digest_send() == 0  # nothing waiting, nothing sent
    services.suggestion_submit(
        organisation=organisation, author=UserFactory(), values={"phone": "1"}, reason="x"
    )
    mail.outbox.clear()
    assert tasks.moderation_digest_send() == 1
    assert mail.outbox[0].to == [moderator.email]
    assert "1 suggestions" in mail.outbox[0].body
    assert tasks.moderation_digest_send() == 0
    assert len(mail.outbox) == 1


def test_notification_tasks_ignore_records_that_are_gone(on_commit_immediately):
    """A task for a deleted record is a no-op, not an error that retries forever."""
    assert tasks.suggestion_decision_notify("00000000-0000-0000-0000-000000000000") is False
    assert tasks.problem_report_notify(999999) == 0
