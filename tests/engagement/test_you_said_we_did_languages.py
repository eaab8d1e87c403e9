""" "You said, we did" is translatable content: what changed is shown in the reader's
language where someone translated it, and marked with its own language where not."""

import datetime

import pytest

from tests.engagement.factories import ActionFactory, InsightFactory

pytestmark = pytest.mark.django_db


def test_what_changed_is_translatable_and_marked_where_it_falls_back(client):
    insight = InsightFactory()
    ActionFactory(
        insight=insight,
        outcome_en="We now advertise every meeting on Bengali radio.",
        outcome_pl="Ogłaszamy teraz każde spotkanie w radiu bengalskim.",
        done_on=datetime.date(2026, 11, 5),
    )
    ActionFactory(
        insight=insight,
        outcome_en="",
        outcome_bn="সভার আমন্ত্রণপত্র এখন বাংলাতেও পাঠানো হয়।",
        done_on=datetime.date(2026, 11, 6),
    )
    polish = client.get("/pl/you-said-we-did/").content.decode()
    assert "<span>Ogłaszamy teraz każde spotkanie w radiu bengalskim.</span>" in polish
    assert '<span lang="bn" dir="ltr">সভার আমন্ত্রণপত্র' in polish
    # The English summary on the Polish page is marked as English.
    assert '<div lang="en" dir="ltr"><p>You told us something important' in polish
    english = client.get("/en/you-said-we-did/").content.decode()
    assert "<span>We now advertise every meeting on Bengali radio.</span>" in english
    assert '<span lang="bn" dir="ltr">সভার আমন্ত্রণপত্র' in english
    arabic = client.get("/ar/you-said-we-did/").content.decode()
    assert '<span lang="en" dir="ltr">We now advertise' in arabic
