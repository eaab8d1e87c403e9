"""The anonymous equality monitoring form."""

import re

import pytest

from engagement.models import MonitoringResponse
from engagement.models.monitoring import DIMENSIONS, SIXTEEN_PLUS_ONLY
from tests.engagement.factories import EventFactory

pytestmark = pytest.mark.django_db


def main_form(html: str) -> str:
    start = html.index('<form method="post" novalidate>')
    return html[start : html.index("</form>", start)]


@pytest.fixture
def event():
    return EventFactory(slug="drop-in")


def test_every_question_is_optional_and_offers_prefer_not_to_say(client, event):
    html = client.get("/en/events/drop-in/monitoring/").content.decode()
    assert "Your answers are anonymous" in html
    form = main_form(html)
    assert "only show totals" in html and "hide any number small enough" in html
    for name in DIMENSIONS:
        assert f'id="id_{name}_' in html
        assert 'value="prefer_not_to_say"' in html
        assert re.search(rf'name="{name}" value="prefer_not_to_say"', html), name
    assert form.count("<fieldset>") == len(DIMENSIONS)
    assert form.count("<legend>") == len(DIMENSIONS)
    assert form.count("16 and over only") == len(SIXTEEN_PLUS_ONLY)
    assert " required" not in form


def test_the_form_carries_nothing_that_identifies_the_person(client, event):
    html = client.get("/en/events/drop-in/monitoring/").content.decode()
    form = main_form(html)
    hidden = re.findall(r'<input type="hidden"[^>]*>', form)
    assert [h for h in hidden if "csrfmiddlewaretoken" not in h] == []
    assert "registration" not in form.lower() and 'name="name"' not in form
    assert 'name="email"' not in form


def test_answers_are_stored_anonymously_with_blanks_and_prefer_not_to_say(client, event):
    response = client.post(
        "/en/events/drop-in/monitoring/",
        {
            "age_band": "35_49",
            "country_of_birth": "middle_east_asia",
            "main_language": "other",
            "religion": "prefer_not_to_say",
            "sexual_orientation": "prefer_not_to_say",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/events/drop-in/monitoring/thanks/"
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your answers" in thanks
    assert "/en/events/drop-in/feedback/" in thanks
    answer = MonitoringResponse.objects.get()
    assert answer.event == event and answer.outreach_activity is None
    assert answer.source == MonitoringResponse.Source.ONLINE
    assert answer.age_band == "35_49" and answer.country_of_birth == "middle_east_asia"
    assert answer.religion == "prefer_not_to_say"
    assert answer.sexual_orientation == "prefer_not_to_say"
    assert answer.sex == "" and answer.ethnic_group == "" and answer.disability == ""
    # Nothing leads back to a person: only the event, a source and a date.
    links = {
        field.name
        for field in MonitoringResponse._meta.get_fields()
        if field.is_relation and field.concrete
    }
    assert links == {"event", "outreach_activity"}


def test_an_empty_form_is_a_valid_response(client, event):
    assert client.post("/en/events/drop-in/monitoring/", {}).status_code == 302
    answer = MonitoringResponse.objects.get()
    assert all(getattr(answer, name) == "" for name in DIMENSIONS)


def test_an_unknown_answer_is_a_400_and_nothing_is_stored(client, event):
    response = client.post(
        "/en/events/drop-in/monitoring/", {"age_band": "ancient", "sex": "female"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_age_band' in html
    assert not MonitoringResponse.objects.exists()


def test_sixteen_plus_questions_are_refused_for_under_sixteens(client, event):
    response = client.post(
        "/en/events/drop-in/monitoring/", {"age_band": "under_16", "gender_identity": "same"}
    )
    assert response.status_code == 400
    assert "only for people aged 16 or over" in response.content.decode()
    assert not MonitoringResponse.objects.exists()


def test_the_form_works_in_arabic(client, event):
    response = client.get("/ar/events/drop-in/monitoring/")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
    assert client.post("/ar/events/drop-in/monitoring/", {"sex": "female"}).status_code == 302
