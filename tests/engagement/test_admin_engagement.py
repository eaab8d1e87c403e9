"""The engagement admin, used as Kemi uses it: outreach, attendance, paper monitoring
forms, feedback into insights, "you said, we did", and the per-event summary."""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.forms import CheckboxInput, MultiWidget
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import Language
from engagement import services
from engagement.headway import headway_snapshot_take
from engagement.models import (
    Action,
    AttendanceStatus,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Participant,
    PendingMonitoringResponse,
    Registration,
    StakeholderGroup,
    Theme,
)
from tests.engagement.factories import (
    EventFactory,
    FeedbackFactory,
    InsightFactory,
    StakeholderGroupFactory,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/engagement"


# --- Helpers ------------------------------------------------------------------------------
def add_registrations(event, statuses, heard_via=None):
    """Registrations with the given statuses (and channels), fictional people."""
    heard_via = heard_via or [""] * len(statuses)
    Registration.objects.bulk_create(
        Registration(
            event=event,
            name=f"Person {i} (fictional)",
            email=f"person{i}@people.example",
            status=status,
            heard_via=channel,
            consent=True,
        )
        for i, (status, channel) in enumerate(zip(statuses, heard_via, strict=True))
    )


def add_responses(event, count, **answers):
    MonitoringResponse.objects.bulk_create(
        MonitoringResponse(event=event, month=this_month(), **answers) for _i in range(count)
    )


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def post_action(client, model, action, objects, **extra):
    return client.post(
        f"{ADMIN}/{model}/",
        {"action": action, "_selected_action": [str(item.pk) for item in objects], **extra},
    )


def change_form_data(response) -> dict:
    """What the browser would send back from an admin change page, unchanged."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if isinstance(field.widget, MultiWidget):
                parts = value if isinstance(value, list) else field.widget.decompress(value)
                for i, part in enumerate(parts):
                    data[f"{key}_{i}"] = "" if part is None else part
            elif isinstance(field.widget, CheckboxInput):
                if value:
                    data[key] = "on"
            elif value is not None:
                data[key] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


class CellTexts(HTMLParser):
    """The text of every table cell (td) on a page."""

    def __init__(self):
        super().__init__()
        self.cells, self._depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._depth += 1
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.cells[-1] += data


def cell_texts(html: str) -> list[str]:
    parser = CellTexts()
    parser.feed(html)
    return [" ".join(cell.split()) for cell in parser.cells]


@pytest.fixture
def event():
    return EventFactory(slug="bow-meeting", title_en="Bow community meeting")


# --- Every page loads ---------------------------------------------------------------------
@pytest.mark.slow
def test_every_changelist_add_and_change_page_loads(admin_client, admin_user, event):
    group = StakeholderGroupFactory(slug="older-people", name_en="Older people")
    activity = OutreachActivity.objects.create(
        date=timezone.localdate(),
        channel="radio",
        description="Bengali radio slot",
        staff=admin_user,
    )
    activity.languages.set([Language.objects.get(code="bn")])
    activity.target_groups.set([group])
    add_registrations(event, [AttendanceStatus.REGISTERED])
    registration = Registration.objects.get()
    registration.participant = Participant.objects.create(key="a" * 64)
    registration.save()
    response = MonitoringResponse.objects.create(event=event, month=this_month(), age_band="65_74")
    feedback = FeedbackFactory(event=event, stakeholder_group=group)
    insight = InsightFactory(stakeholder_groups=[group])
    insight.feedback.set([feedback])
    action = Action.objects.create(insight=insight, planned="Daytime meetings")
    objects = {
        "stakeholdergroup": group,
        "outreachactivity": activity,
        "event": event,
        "registration": registration,
        "participant": registration.participant,
        "monitoringresponse": response,
        "feedback": feedback,
        "insight": insight,
        "theme": Theme.objects.first(),
        "action": action,
    }
    for model, obj in objects.items():
        if model == "monitoringresponse":
            continue  # add only: see the test below
        assert admin_client.get(f"{ADMIN}/{model}/").status_code == 200, model
        assert admin_client.get(f"{ADMIN}/{model}/{obj.pk}/change/").status_code == 200, model
        expected = 403 if model == "participant" else 200  # pseudonymous keys: read only
        assert admin_client.get(f"{ADMIN}/{model}/add/").status_code == expected, model
    assert admin_client.get(f"{ADMIN}/monitoringresponse/add/").status_code == 200


def test_stored_monitoring_answers_are_never_listed_opened_changed_or_deleted(admin_client, event):
    add_responses(event, 30, religion="christian")
    add_responses(event, 1, religion="buddhist")
    response = MonitoringResponse.objects.get(religion="buddhist")
    url = f"{ADMIN}/monitoringresponse/"
    # A list filtered by event and answer would show one person's answers, exactly.
    assert (
        admin_client.get(f"{url}?event__id__exact={event.pk}&religion=buddhist").status_code == 403
    )
    assert admin_client.get(f"{url}{response.pk}/change/").status_code == 403
    assert admin_client.post(f"{url}{response.pk}/delete/", {"post": "yes"}).status_code == 403
    assert MonitoringResponse.objects.count() == 31
    index = admin_client.get("/admin/").content.decode()
    assert f'href="{url}add/"' in index and f'href="{url}"' not in index


def test_event_pages_show_translations_summary_link_and_inlines(admin_client, event):
    event.title_pl = "Spotkanie w Bow"
    event.description_pl = "Opis."
    event.title_bn = "বো সভা"  # a title without a description is not a translation yet
    event.save()
    html = admin_client.get(f"{ADMIN}/event/").content.decode()
    assert "en pl" in html and "en pl bn" not in html
    assert f"{ADMIN}/event/{event.pk}/summary/" in html
    change = admin_client.get(f"{ADMIN}/event/{event.pk}/change/").content.decode()
    assert f"{ADMIN}/event/{event.pk}/summary/" in change  # in the object tools
    assert 'name="title_pl"' in change and 'name="walk_in_count"' in change
    assert "registrations-TOTAL_FORMS" in change
    assert 'name="monitoring_responses-9-age_band"' in change  # ten rows for paper forms


# --- Filters and search -------------------------------------------------------------------
def test_outreach_filters_and_search(admin_client, admin_user):
    polish = StakeholderGroupFactory(slug="polish-speakers", name_en="Polish speakers")
    notice = OutreachActivity.objects.create(
        date=timezone.localdate(), channel="translated_notice", description="Notice in Polish"
    )
    notice.languages.set([Language.objects.get(code="pl")])
    notice.target_groups.set([polish])
    OutreachActivity.objects.create(
        date=timezone.localdate(),
        channel="radio",
        description="Bengali radio",
        follow_up_needed=True,
    )
    url = f"{ADMIN}/outreachactivity/"
    page = admin_client.get(url).content.decode()
    assert "Notice in Polish" in page and "Bengali radio" in page
    for query in (
        "?channel=translated_notice",
        f"?languages__id__exact={Language.objects.get(code='pl').pk}",
        f"?target_groups__id__exact={polish.pk}",
        "?q=polish",
        "?follow_up_needed__exact=0",
    ):
        filtered = admin_client.get(url + query).content.decode()
        assert "Notice in Polish" in filtered and "Bengali radio" not in filtered, query


def test_registration_feedback_insight_and_monitoring_filters(admin_client, event):
    add_registrations(event, [AttendanceStatus.ATTENDED, AttendanceStatus.NO_SHOW])
    came = admin_client.get(f"{ADMIN}/registration/?status__exact=attended").content.decode()
    assert "Person 0 (fictional)" in came and "Person 1 (fictional)" not in came
    found = admin_client.get(f"{ADMIN}/registration/?q=person1@people").content.decode()
    assert "Person 1 (fictional)" in found and "Person 0 (fictional)" not in found

    FeedbackFactory(text="Meetings only for British people?", language="pl", event=event)
    FeedbackFactory(text="Great tea.", language="en")
    polish = admin_client.get(f"{ADMIN}/feedback/?language=pl").content.decode()
    assert "Meetings only for British" in polish and "Great tea" not in polish
    searched = admin_client.get(f"{ADMIN}/feedback/?q=tea").content.decode()
    assert "Great tea" in searched and "Meetings only" not in searched

    InsightFactory(title="Published finding")
    InsightFactory(title="Private finding", response_published_at=None)
    published = admin_client.get(f"{ADMIN}/insight/?published=yes").content.decode()
    assert "Published finding" in published and "Private finding" not in published
    unpublished = admin_client.get(f"{ADMIN}/insight/?published=no").content.decode()
    assert "Private finding" in unpublished and "Published finding" not in unpublished


# --- Attendance and erasure ---------------------------------------------------------------
def test_mark_attended_and_no_show_in_bulk(admin_client, event):
    add_registrations(event, [AttendanceStatus.REGISTERED] * 4)
    came, missed = list(Registration.objects.all()[:3]), Registration.objects.all()[3]
    response = post_action(admin_client, "registration", "mark_attended", came)
    assert response.status_code == 302
    assert "3 registrations marked as “Attended”." in messages_of(response)
    post_action(admin_client, "registration", "mark_no_show", [missed])
    statuses = sorted(Registration.objects.values_list("status", flat=True))
    assert statuses == ["attended", "attended", "attended", "no_show"]


def test_erasing_a_registration_asks_first_then_blanks_personal_data(admin_client, event):
    add_registrations(event, [AttendanceStatus.ATTENDED, AttendanceStatus.ATTENDED])
    registration = Registration.objects.get(name="Person 0 (fictional)")
    registration.phone, registration.access_needs = "020 7946 0001", "Step-free access"
    registration.save()
    confirm = post_action(admin_client, "registration", "erase_personal_data", [registration])
    assert confirm.status_code == 200
    assert "Person 0 (fictional)" in confirm.content.decode()
    assert Registration.objects.get(pk=registration.pk).name  # nothing erased yet
    done = post_action(
        admin_client, "registration", "erase_personal_data", [registration], apply="1"
    )
    assert done.status_code == 302
    erased = Registration.objects.get(pk=registration.pk)
    assert (erased.name, erased.email, erased.phone, erased.access_needs) == ("", "", "", "")
    assert erased.erased_at is not None and erased.status == AttendanceStatus.ATTENDED
    assert Registration.objects.get(name="Person 1 (fictional)").email  # the other one stays
    listing = admin_client.get(f"{ADMIN}/registration/?erased=yes")
    assert listing.status_code == 200 and "(erased)" in listing.content.decode()


def test_erasing_feedback_contact_details(admin_client):
    feedback = FeedbackFactory(
        contact_name="Marek (fictional)", contact_email="marek@people.example", contact_consent=True
    )
    post_action(admin_client, "feedback", "erase_personal_data", [feedback], apply="1")
    feedback.refresh_from_db()
    assert (feedback.contact_name, feedback.contact_email) == ("", "")
    assert feedback.text and feedback.erased_at is not None


def test_attendance_sheet_import_changes_status_but_never_personal_data(admin_client, event):
    add_registrations(event, [AttendanceStatus.REGISTERED, AttendanceStatus.REGISTERED])
    kept, erased = Registration.objects.order_by("name")
    Registration.objects.filter(pk=erased.pk).update(name="", email="", erased_at=timezone.now())
    sheet = (
        "id,event,name,email,phone,status,heard_via\n"
        f"{kept.pk},bow-meeting,Someone Else,else@people.example,,attended,\n"
        f"{erased.pk},bow-meeting,Person 1 (fictional),person1@people.example,,no_show,\n"
    )
    confirm = import_preview(admin_client, "registration", sheet).context["confirm_form"]
    admin_client.post(f"{ADMIN}/registration/process_import/", confirm.initial)
    kept.refresh_from_db()
    erased.refresh_from_db()
    assert (kept.status, kept.name) == ("attended", "Person 0 (fictional)")
    assert (erased.status, erased.name, erased.email) == ("no_show", "", "")


# --- Paper monitoring forms ---------------------------------------------------------------
def test_paper_forms_typed_into_the_event_join_the_next_batch(admin_client, event):
    url = f"{ADMIN}/event/{event.pk}/change/"
    page = admin_client.get(url)
    assert "counted after the next daily batch" in page.content.decode()
    data = change_form_data(page)
    assert data["monitoring_responses-0-source"] == "paper"
    answers = ["65_74", "35_49", "prefer_not_to_say", "25_34", "16_24", "50_64", "", "35_49", ""]
    for i, age in enumerate(answers):
        data[f"monitoring_responses-{i}-age_band"] = age
        data[f"monitoring_responses-{i}-country_of_birth"] = "africa" if i % 2 else "uk"
    data["walk_in_count"] = "6"
    response = admin_client.post(url, {**data, "_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "9 paper forms received; they are added to the figures in the next batch." in (
        messages_of(response)
    )
    assert Event.objects.get(pk=event.pk).walk_in_count == 6
    # Not stored as typed: they wait for the batch, like answers from the online form.
    assert not MonitoringResponse.objects.exists()
    assert PendingMonitoringResponse.objects.filter(event=event).count() == 9
    assert services.monitoring_batch_write() == 9
    responses = MonitoringResponse.objects.filter(event=event)
    assert responses.count() == 9  # the tenth row, left untouched, is not saved
    assert set(responses.values_list("source", flat=True)) == {"paper"}
    assert set(responses.values_list("month", flat=True)) == {this_month()}
    assert responses.filter(age_band="65_74").count() == 1
    # The admin's history says the event changed, not when each form was typed in.
    assert not LogEntry.objects.filter(content_type__model="monitoringresponse").exists()


def test_paper_forms_for_a_past_event_keep_the_events_month(admin_client):
    event = EventFactory(starts_at=timezone.now() - datetime.timedelta(days=70))
    form = admin_client.get(f"{ADMIN}/event/{event.pk}/change/").context["inline_admin_formsets"]
    paper = next(inline for inline in form if inline.formset.prefix == "monitoring_responses")
    assert paper.formset.forms[0]["month"].value() == timezone.localdate(event.starts_at).replace(
        day=1
    )


def test_a_single_paper_form_defaults_to_paper_and_this_month(admin_client):
    form = admin_client.get(f"{ADMIN}/monitoringresponse/add/").context["adminform"].form
    assert form["source"].value() == "paper"
    assert form["month"].value() == this_month()


def test_a_single_paper_form_joins_the_next_batch_with_only_its_month(admin_client, event):
    data = {"event": str(event.pk), "source": "paper", "month": "2025-03-17", "religion": "sikh"}
    response = admin_client.post(f"{ADMIN}/monitoringresponse/add/", data)
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}/monitoringresponse/add/"  # the next form
    assert "1 paper form received; it is added to the figures in the next batch." in (
        messages_of(response)
    )
    assert not MonitoringResponse.objects.exists()
    services.monitoring_batch_write()
    stored = MonitoringResponse.objects.get()
    assert (stored.religion, stored.month) == ("sikh", datetime.date(2025, 3, 1))
    assert not LogEntry.objects.filter(content_type__model="monitoringresponse").exists()


def test_a_paper_form_breaking_the_under_16_rule_is_refused(admin_client, event):
    data = {"event": str(event.pk), "source": "paper", "month": "2025-03-01"}
    data |= {"age_band": "under_16", "sexual_orientation": "bisexual"}
    response = admin_client.post(f"{ADMIN}/monitoringresponse/add/", data)
    assert response.status_code == 200
    assert "only for people aged 16 or over" in response.content.decode()
    assert not PendingMonitoringResponse.objects.exists()


# --- Feedback into insights ---------------------------------------------------------------
def test_three_comments_become_one_insight_owned_by_kemi(admin_client, admin_user):
    group = StakeholderGroupFactory(slug="non-uk-born-londoners", name_en="Born abroad")
    comments = [
        FeedbackFactory(text=f"Only for British people? ({i})", stakeholder_group=group)
        for i in range(3)
    ]
    other = FeedbackFactory(text="Great tea.")
    page = post_action(admin_client, "feedback", "create_insight_from_feedback", comments)
    assert page.status_code == 200
    assert page.context["form"]["owner"].value() == admin_user.pk  # the owner defaults to me
    title = "Non-UK-born residents think the meetings are only for British-born people"
    response = post_action(
        admin_client,
        "feedback",
        "create_insight_from_feedback",
        comments,
        apply="1",
        title=title,
        owner=str(admin_user.pk),
        themes=[str(Theme.objects.get(slug="barrier").pk)],
    )
    insight = Insight.objects.get(title=title)
    assert response.status_code == 302
    assert response["Location"] == f"{ADMIN}/insight/{insight.pk}/change/"
    assert set(insight.feedback.all()) == set(comments) and other not in insight.feedback.all()
    assert insight.owner == admin_user
    assert list(insight.stakeholder_groups.all()) == [group]
    assert list(insight.themes.values_list("slug", flat=True)) == ["barrier"]


def test_feedback_added_by_staff_keeps_contact_only_with_consent(admin_client, admin_user):
    response = admin_client.post(
        f"{ADMIN}/feedback/add/",
        {
            "text": "Heard at the door: the hall is hard to find.",
            "language": "en",
            "source": "in_person",
            "contact_name": "Nia (fictional)",
            "contact_email": "nia@people.example",
            "logged_by": str(admin_user.pk),
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.contact_name, feedback.contact_email) == ("", "")  # no consent given
    assert feedback.logged_by == admin_user


# --- You said, we did ---------------------------------------------------------------------
def test_publish_refuses_without_both_texts_and_publishes_with_them(admin_client):
    missing = InsightFactory(
        title="Half written", public_response_en="", response_published_at=None
    )
    ready = InsightFactory(title="Ready", response_published_at=None)
    response = post_action(admin_client, "insight", "publish_response", [missing, ready])
    notes = messages_of(response)
    assert any("Not published: Half written" in note and "we did" in note for note in notes)
    assert "1 response published on “You said, we did”." in notes
    missing.refresh_from_db()
    ready.refresh_from_db()
    assert missing.response_published_at is None and ready.response_published_at is not None
    post_action(admin_client, "insight", "unpublish_response", [ready])
    ready.refresh_from_db()
    assert ready.response_published_at is None


# --- The per-event summary ----------------------------------------------------------------
def summary(client, event):
    return client.get(f"{ADMIN}/event/{event.pk}/summary/")


def summary_tables(response) -> dict:
    return {item.table.name: item for s in response.context["sections"] for item in s["tables"]}


def counts_of(item) -> dict:
    """{row key: its first cell} of a presented table (the count, as shown)."""
    return {row.key: row.cells[0] for row in item.rows}


@pytest.mark.usefixtures("live_figures")
def test_summary_shows_the_right_counts(admin_client, event):
    A = AttendanceStatus
    statuses = (
        [A.ATTENDED] * 12
        + [A.NO_SHOW] * 5
        + [A.CANCELLED] * 6
        + [A.REGISTERED] * 7
        + [A.WAITING_LIST] * 5
    )
    channels = ["radio"] * 10 + ["translated_notice"] * 10 + ["word_of_mouth"] * 15
    add_registrations(event, statuses, channels)
    event.walk_in_count = 6
    event.save()
    add_responses(event, 10, country_of_birth="uk", age_band="35_49")
    add_responses(event, 5, country_of_birth="africa", age_band="prefer_not_to_say")
    add_responses(event, 5, country_of_birth="prefer_not_to_say")

    response = summary(admin_client, event)
    assert response.status_code == 200
    tables = summary_tables(response)
    assert counts_of(tables["registrations"]) == {
        "attended": "12",
        "no_show": "5",
        "registered": "7",
        "waiting_list": "5",
        "cancelled": "6",
    }
    assert tables["registrations"].total.cells[0] == "35"
    attendance = tables["attendance"]
    assert counts_of(attendance) == {"registered": "12", "walk_in": "6"}
    assert attendance.total.cells[0] == "18"
    heard = tables["registrations_by_channel"]
    assert counts_of(heard)["radio"] == "10" and counts_of(heard)["word_of_mouth"] == "15"
    assert heard.rows[[r.key for r in heard.rows].index("radio")].cells[1] == "28.6"
    assert tables["response_rate"].rows[0].cells[0] == "20"
    # Each question in the census groups headway publishes it in, and in no other.
    born = counts_of(tables["monitoring_country_of_birth"])
    assert born == {"uk": "10", "outside_uk": "5", "prefer_not_to_say": "5", "not_answered": "0"}
    age = counts_of(tables["monitoring_age_band"])
    assert not {"35_49", "65_74", "75_plus"} & set(age)
    # Everyone who gave an age was under 65: shown, it would say so of each of them.
    assert age["under_65"] == "[c]" and age["65_plus"] == "0"
    html = response.content.decode()
    assert "Not answered" in html and "Prefer not to say" in html


@pytest.mark.usefixtures("live_figures")
def test_summary_never_shows_a_count_from_1_to_4(admin_client, event):
    A = AttendanceStatus
    statuses = [A.ATTENDED] * 3 + [A.NO_SHOW] * 4 + [A.CANCELLED] + [A.REGISTERED] * 2
    statuses += [A.WAITING_LIST] * 8
    channels = ["radio"] * 3 + ["email"] * 4 + [""] * 11
    add_registrations(event, statuses, channels)
    event.walk_in_count = 1
    event.save()
    add_responses(event, 4, country_of_birth="uk", age_band="35_49", ethnic_group="white_british")
    add_responses(event, 3, country_of_birth="uk", age_band="35_49", ethnic_group="bangladeshi")
    add_responses(event, 1, country_of_birth="africa", age_band="65_74", ethnic_group="indian")
    add_responses(event, 2, country_of_birth="europe_eu", age_band="65_74")
    add_responses(event, 2, country_of_birth="prefer_not_to_say", age_band="16_24")

    response = summary(admin_client, event)
    cells = [
        cell
        for item in summary_tables(response).values()
        for row in item.rows
        for cell in row.cells
    ]
    assert cells, "the summary has tables"
    assert [cell for cell in cells if cell in {"1", "2", "3", "4"}] == []
    assert "[c]" in cells


@pytest.mark.usefixtures("live_figures")
def test_the_cell_the_summary_tables_share_is_hidden_in_both_or_neither(admin_client, event):
    add_registrations(event, [AttendanceStatus.ATTENDED] * 12)
    event.walk_in_count = 3
    event.save()
    tables = summary_tables(summary(admin_client, event))
    assert counts_of(tables["attendance"])["walk_in"] == "[c]"
    came = counts_of(tables["attendance"])["registered"]
    assert came == counts_of(tables["registrations"])["attended"] == "[c]"


def test_the_summary_says_when_an_event_is_not_in_the_snapshot_yet(admin_client, event):
    headway_snapshot_take()
    later = EventFactory(slug="later-meeting", title_en="Later meeting")
    html = summary(admin_client, later).content.decode()
    assert "not in the latest published snapshot yet" in html
    assert "Figures as of" in html


def test_the_summary_says_when_the_event_is_too_small_to_show(admin_client, event):
    add_registrations(event, [AttendanceStatus.ATTENDED] * 3)
    add_responses(event, 2, age_band="65_74")
    headway_snapshot_take()
    response = summary(admin_client, event)
    html = response.content.decode()
    assert "1 event chosen here has fewer than 5 registrations" in html
    assert "1 event chosen here has fewer than 5 monitoring forms" in html
    assert counts_of(summary_tables(response)["registrations"])["attended"] == "0"


def test_summary_query_count_does_not_grow_with_the_event(
    admin_client, event, django_assert_max_num_queries
):
    add_registrations(event, [AttendanceStatus.ATTENDED] * 5, ["radio"] * 5)
    add_responses(event, 5, age_band="35_49")
    headway_snapshot_take()
    summary(admin_client, event)  # the session and the user are loaded once, warm them up
    with CaptureQueriesContext(connection) as small:
        assert summary(admin_client, event).status_code == 200
    queries = len(small.captured_queries)  # the next request clears the query log
    add_registrations(event, [AttendanceStatus.NO_SHOW] * 45, ["email"] * 45)
    add_responses(event, 45, age_band="65_74", country_of_birth="africa")
    headway_snapshot_take()
    summary(admin_client, event)  # each process reads a new snapshot's facts once
    with django_assert_max_num_queries(queries):
        response = summary(admin_client, event)
    no_show = int(counts_of(summary_tables(response)["registrations"])["no_show"])
    assert abs(no_show - 45) <= 2  # perturbed by at most 2


# --- Outreach import ----------------------------------------------------------------------
def import_preview(client, model, text):
    start = client.get(f"{ADMIN}/{model}/import/")
    form = start.context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    return client.post(
        f"{ADMIN}/{model}/import/",
        {
            "format": csv_choice,
            "import_file": SimpleUploadedFile("sheet.csv", text.encode(), content_type="text/csv"),
            "resource": "0",
        },
    )


def test_outreach_import_previews_then_imports(admin_client, admin_user):
    StakeholderGroupFactory(slug="non-uk-born-londoners", name_en="Born abroad")
    for slug in ("polish-school", "romanian-club", "somali-women"):
        OrganisationFactory(slug=slug)
    sheet = (
        "date,channel,description,languages,target_groups,partner_organisations,estimated_reach\n"
        f"{datetime.date(2025, 3, 3)},phone_call,Called a Somali community organisation,so;en,"
        "non-uk-born-londoners,somali-women,40\n"
        "2025-03-03,Translated notice or leaflet,Notice in Polish and Romanian,pl;ro,"
        "non-uk-born-londoners,polish-school;romanian-club;somali-women,300\n"
    )
    preview = import_preview(admin_client, "outreachactivity", sheet)
    assert preview.status_code == 200
    assert "Notice in Polish and Romanian" in preview.content.decode()
    assert OutreachActivity.objects.count() == 0  # nothing written before confirming
    confirm = preview.context["confirm_form"]
    admin_client.post(f"{ADMIN}/outreachactivity/process_import/", confirm.initial)
    notice = OutreachActivity.objects.get(channel="translated_notice")
    assert sorted(notice.languages.values_list("code", flat=True)) == ["pl", "ro"]
    assert notice.partner_organisations.count() == 3 and notice.estimated_reach == 300
    assert notice.staff == admin_user  # logged by whoever imported it
    call = OutreachActivity.objects.get(channel="phone_call")
    assert call.date == datetime.date(2025, 3, 3)
    assert list(call.target_groups.values_list("slug", flat=True)) == ["non-uk-born-londoners"]


def test_outreach_import_names_bad_rows_and_offers_no_confirm(admin_client):
    sheet = (
        "date,channel,description,languages,target_groups\n"
        "2025-03-03,carrier pigeon,Sent a bird,xx;pl,nobody\n"
    )
    preview = import_preview(admin_client, "outreachactivity", sheet)
    html = preview.content.decode()
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert "carrier pigeon" in html and "xx" in html and "nobody" in html
    assert OutreachActivity.objects.count() == 0


# --- Default owner on outreach ------------------------------------------------------------
def test_outreach_added_in_the_admin_is_logged_by_the_staff_member(admin_client, admin_user):
    form = admin_client.get(f"{ADMIN}/outreachactivity/add/").context["adminform"].form
    assert form["staff"].value() == admin_user.pk
    response = admin_client.post(
        f"{ADMIN}/outreachactivity/add/",
        {
            "date": "2025-03-03",
            "channel": "radio",
            "description": "Bengali radio interview",
            "estimated_reach": "2000",
            "responses": "0",
            "participation_step": "inform",
            "_save": "Save",
        },
    )
    assert response.status_code == 302
    assert OutreachActivity.objects.get().staff == admin_user


def test_stakeholder_groups_are_translated(admin_client):
    html = admin_client.get(f"{ADMIN}/stakeholdergroup/add/").content.decode()
    assert 'name="name_pl"' in html and 'name="description_bn"' in html
    assert StakeholderGroup.objects.count() == 0


def test_outreach_rows_with_an_id_update_that_activity(admin_client):
    activity = OutreachActivity.objects.create(
        date=datetime.date(2025, 3, 3), channel="radio", description="Bengali radio"
    )
    form = admin_client.get(f"{ADMIN}/outreachactivity/export/").context["form"]
    csv_choice = next(value for value, label in form.fields["format"].choices if label == "csv")
    columns = {name: "on" for name in form.fields if name.startswith("outreachactivityresource_")}
    export = admin_client.post(
        f"{ADMIN}/outreachactivity/export/", {"format": csv_choice, "resource": "0", **columns}
    )
    assert export["Content-Type"].startswith("text/csv")
    exported = export.content.decode()
    assert exported.splitlines()[0].startswith("id,date,channel,description,languages")
    assert f"{activity.pk},2025-03-03,radio,Bengali radio" in exported
    sheet = (
        "id,date,channel,description,estimated_reach\n"
        f"{activity.pk},2025-03-03,radio,Bengali radio,2000\n"
    )
    confirm = import_preview(admin_client, "outreachactivity", sheet).context["confirm_form"]
    admin_client.post(f"{ADMIN}/outreachactivity/process_import/", confirm.initial)
    assert OutreachActivity.objects.get().estimated_reach == 2000
    unknown = import_preview(
        admin_client, "outreachactivity", sheet.replace(str(activity.pk), "999")
    )
    assert unknown.context.get("confirm_form") is None
    assert "999" in unknown.content.decode()
