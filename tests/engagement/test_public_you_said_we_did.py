"""The public "you said, we did" page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.engagement.factories import (
    ActionFactory,
    InsightFactory,
    StakeholderGroupFactory,
    ThemeFactory,
    in_days,
)

pytestmark = pytest.mark.django_db


def test_only_published_responses_are_shown_newest_first(client):
    InsightFactory(
        public_summary_en="Older: the venue was hard to reach.",
        response_published_at=in_days(-10),
    )
    InsightFactory(
        public_summary_en="Newer: the meetings are only for British-born people.",
        public_response_en="We now advertise in nine languages and meet in community venues.",
    )
    InsightFactory(public_summary_en="Draft finding", response_published_at=None)
    html = client.get("/en/you-said-we-did/").content.decode()
    assert html.index("Newer:") < html.index("Older:")
    assert "We now advertise in nine languages" in html
    assert "Draft finding" not in html
    assert "Internal finding" not in html  # the staff title is not public


def test_a_translation_is_shown_and_a_missing_one_falls_back_to_english(client):
    InsightFactory(
        public_summary_en="You said the meetings were not for you.",
        public_summary_bn="আপনি বলেছেন সভাগুলো আপনার জন্য নয়।",
        public_response_en="We now hold them in community venues.",
    )
    html = client.get("/bn/you-said-we-did/").content.decode()
    assert "আপনি বলেছেন সভাগুলো আপনার জন্য নয়।" in html
    assert "You said the meetings were not for you." not in html
    assert '<div lang="en" dir="ltr"><p>We now hold them in community venues.</p></div>' in html


def test_done_actions_and_translated_groups_are_shown(client):
    group = StakeholderGroupFactory(
        slug="born-abroad", name_en="People born abroad", name_ar="المولودون في الخارج"
    )
    insight = InsightFactory(stakeholder_groups=[group], themes=[ThemeFactory()])
    ActionFactory(
        insight=insight,
        planned="Translate the posters",
        outcome="Posters now in nine languages",
        done_on=datetime.date(2026, 3, 1),
    )
    ActionFactory(insight=insight, planned="Still to do: a radio advert")
    html = client.get("/ar/you-said-we-did/").content.decode()
    assert "Posters now in nine languages" in html and "2026" in html
    assert "Still to do" not in html
    assert "المولودون في الخارج" in html


def test_the_page_explains_itself_and_has_an_empty_state(client):
    html = client.get("/en/you-said-we-did/").content.decode()
    assert "what we changed as a result" in html
    assert "Nothing published yet" in html


def test_the_query_count_does_not_grow_with_the_number_shown(client):
    group = StakeholderGroupFactory()

    def publish(count):
        for _ in range(count):
            ActionFactory(
                insight=InsightFactory(stakeholder_groups=[group]),
                outcome="x",
                done_on=datetime.date(2026, 1, 1),
            )

    publish(2)
    with CaptureQueriesContext(connection) as few:
        client.get("/en/you-said-we-did/")
    publish(15)
    with CaptureQueriesContext(connection) as many:
        html = client.get("/en/you-said-we-did/").content.decode()
    assert len(many) == len(few)
    assert html.count('class="insight"') == 17
