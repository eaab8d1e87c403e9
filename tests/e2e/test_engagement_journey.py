"""Journeys 4, 5 and 7 in a browser: a visitor registers for a meeting in Bengali and
leaves feedback; staff mark attendance; after the meeting she answers the anonymous
monitoring form from the link emailed to her; staff turn the feedback into an insight
and publish "you said, we did"; the visitor reads it."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from engagement import services, tasks
from engagement.models import (
    AttendanceStatus,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    Registration,
)
from tests.e2e.journeys import sign_in
from tests.engagement.factories import EventFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEEDBACK_BN = "আমি ভেবেছিলাম এই সভাগুলো শুধু ব্রিটেনে জন্মানো মানুষের জন্য।"
YOU_SAID = "People born abroad thought the meetings were only for British-born people."
WE_DID = "We now advertise the meetings in nine languages and hold them in community venues."


def run_admin_action(admin, base, changelist, pk, action):
    admin.goto(f"{base}/admin/engagement/{changelist}/")
    admin.check(f"input[name=_selected_action][value='{pk}']")
    admin.select_option("select[name=action]", action)
    admin.locator("button[name=index]").click()
    admin.wait_for_load_state()


def test_register_monitor_give_feedback_and_read_the_response(live_server, browser):
    base = live_server.url
    event = EventFactory(
        slug="carers-meeting",
        title_en="Carers' meeting",
        title_bn="কেয়ারারদের সভা",
        description_en="Tell us what carers need.",
        description_bn="কেয়ারারদের কী প্রয়োজন তা আমাদের বলুন।",
        capacity=20,
        interpretation="Bengali and Sylheti interpreters",
        step_free_access=True,
        languages=["bn", "en"],
    )
    staff_user = UserFactory(
        email="kemi@staff.example", is_staff=True, is_superuser=True, username="kemi"
    )
    staff_user.emailaddress_set.create(email=staff_user.email, verified=True, primary=True)

    visitor = browser.new_context(viewport={"width": 390, "height": 844})
    page = visitor.new_page()

    # 1. The visitor reads the event in Bengali and registers, asking for an interpreter.
    page.goto(f"{base}/bn/events/carers-meeting/")
    assert page.locator("html").get_attribute("lang") == "bn"
    assert page.locator("h1").inner_text() == "কেয়ারারদের সভা"
    assert "কেয়ারারদের কী প্রয়োজন" in page.content()
    page.fill("#id_name", "Rahima Begum")
    page.fill("#id_email", "rahima@people.example")
    page.fill("#id_interpretation_needs", "Sylheti")
    page.check("input[name=heard_via][value=radio]")
    page.check("#id_consent")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/bn/events/carers-meeting/registered/**")
    assert "Rahima" not in page.content()
    registration = Registration.objects.get(event=event)
    assert registration.language == "bn" and registration.heard_via == "radio"
    assert registration.status == AttendanceStatus.REGISTERED

    # 2. The thank-you page does not lead straight to the equality questions: their link
    # is emailed after the event. It offers feedback, in Bengali.
    assert page.locator("a[href*='/monitoring/']").count() == 0
    page.locator("a[href='/bn/events/carers-meeting/feedback/']").first.click()
    page.wait_for_url("**/bn/events/carers-meeting/feedback/")
    page.fill("#id_text", FEEDBACK_BN)
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/bn/events/carers-meeting/feedback/thanks/")
    assert page.locator("a[href*='/monitoring/']").count() == 0
    feedback = Feedback.objects.get()
    assert feedback.language == "bn" and feedback.text == FEEDBACK_BN
    assert feedback.contact_name == "" and feedback.contact_email == ""

    # 3. Staff mark attendance in bulk.
    staff = browser.new_context()
    admin = staff.new_page()
    sign_in(admin, base, "kemi@staff.example")
    run_admin_action(admin, base, "registration", registration.pk, "mark_attended")
    registration.refresh_from_db()
    assert registration.status == AttendanceStatus.ATTENDED

    # 4. After the meeting, the daily task emails her the one-time link, in Bengali; she
    # answers some questions, says "prefer not to say" to some and leaves the rest out.
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    mail.outbox.clear()
    assert tasks.monitoring_invitations_send() == 1
    [invitation] = mail.outbox
    assert invitation.to == ["rahima@people.example"] and "কেয়ারারদের সভা" in invitation.subject
    [link] = re.findall(r"https?://\S+/monitoring/\?token=\S+", invitation.body)
    page.goto(base + "{0.path}?{0.query}".format(urlsplit(link)))
    assert page.locator("html").get_attribute("lang") == "bn"
    page.check("input[name=age_band][value='35_49']")
    page.check("input[name=country_of_birth][value=middle_east_asia]")
    page.check("input[name=main_language][value=other]")
    page.check("input[name=religion][value=prefer_not_to_say]")
    page.check("input[name=sexual_orientation][value=prefer_not_to_say]")
    page.locator("main form[method=post] button[type=submit]").click()
    page.wait_for_url("**/bn/events/carers-meeting/monitoring/thanks/")
    # Stored with the next batch, not as it arrives.
    assert not MonitoringResponse.objects.exists()
    services.monitoring_batch_write()
    answer = MonitoringResponse.objects.get()
    assert answer.event_id == event.pk
    assert (answer.age_band, answer.country_of_birth) == ("35_49", "middle_east_asia")
    assert answer.religion == answer.sexual_orientation == "prefer_not_to_say"
    assert answer.sex == "" and answer.ethnic_group == ""
    # The link works once.
    assert page.goto(base + "{0.path}?{0.query}".format(urlsplit(link))).status == 410

    # 5. Staff turn the feedback into an insight.
    run_admin_action(admin, base, "feedback", feedback.pk, "create_insight_from_feedback")
    admin.fill("#id_title", "Non-UK-born residents think the meetings are not for them")
    admin.locator("#content form input[type=submit]").click()
    admin.wait_for_url("**/admin/engagement/insight/*/change/")
    insight = Insight.objects.get()
    assert list(insight.feedback.all()) == [feedback]

    # 6. They write "you said" and "we did", save, and publish.
    admin.fill("#id_public_summary_en", YOU_SAID)
    admin.fill("#id_public_response_en", WE_DID)
    admin.locator("input[name=_save]").click()
    admin.wait_for_url("**/admin/engagement/insight/")
    run_admin_action(admin, base, "insight", insight.pk, "publish_response")
    insight.refresh_from_db()
    assert insight.response_published_at is not None

    # 7. The visitor reads "you said, we did" in Bengali (English until it is translated).
    page.goto(f"{base}/bn/you-said-we-did/")
    content = page.content()
    assert YOU_SAID in content and WE_DID in content
    assert FEEDBACK_BN not in content and "Rahima" not in content
    assert page.locator("[lang=en]", has_text=WE_DID).count() == 1
    api = page.request.get(f"{base}/api/v1/insights/?lang=bn").json()
    assert api["results"][0]["we_did"] == WE_DID
    visitor.close()
    staff.close()
