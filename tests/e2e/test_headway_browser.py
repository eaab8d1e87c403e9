"""Headway in a real browser: the public figures in English and in Arabic (mirrored),
and the staff dashboard filtered by stakeholder group."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from engagement.models import StakeholderGroup
from tests.e2e.journeys import sign_in
from tests.engagement.test_headway import KNOWN, add_registrations, add_responses, at, make_event
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("live_figures"),  # the tables as built, without the noise
]


@pytest.fixture
def figures(reference_data):
    """The baseline the data migration loads (emptied between browser tests), and
    two events: one for older people, one for everyone."""
    import_module("engagement.migrations.0003_population_baseline").load_baseline(apps, None)
    older = StakeholderGroup.objects.create(slug="older", name_en="Older people", kind="age")
    for_older = make_event("older", at(2025, 3, 12), walk_ins=40, groups=[older])
    everyone = make_event("everyone", at(2025, 4, 12), walk_ins=25)
    add_responses(for_older, 100, **KNOWN)
    add_responses(everyone, 30, country_of_birth=[("uk", 15), ("africa", 15)])
    add_registrations(for_older, attended=20, no_show=8)
    add_registrations(everyone, attended=15)
    return older


def test_public_headway_in_english_and_arabic(live_server, page, figures):
    page.goto(f"{live_server.url}/en/headway/")
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("heading", level=1).inner_text() == "Headway"
    assert (
        page.get_by_role("link", name="Headway", exact=True).get_attribute("aria-current") == "page"
    )
    chart = page.get_by_role("img", name="Country of birth")
    assert chart.is_visible()
    table = page.get_by_role("table", name="Country of birth")
    row = table.get_by_role("row", name="Born outside the United Kingdom")
    # 20 of the 80 who answered in March and 15 of 30 in April: 35 of 110.
    assert row.get_by_role("cell").all_inner_texts()[:4] == ["35", "31.8", "40.6", "0.78"]
    assert "Under-represented" in row.inner_text()

    page.goto(f"{live_server.url}/ar/headway/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    chart = page.locator("#chart-attendance")
    box = chart.bounding_box()
    first_bar = chart.locator("rect").nth(1).bounding_box()  # after the background
    # Mirrored: the bars start at the right-hand edge of the chart.
    assert first_bar["x"] + first_bar["width"] > box["x"] + box["width"] * 0.9
    assert page.get_by_role("table").count() > 20


def test_staff_dashboard_filters_by_stakeholder_group(live_server, page, figures):
    staff = UserFactory(email="kemi@staff.example", is_staff=True)
    staff.groups.add(Group.objects.get(name="Engagement staff"))
    staff.emailaddress_set.create(email=staff.email, verified=True, primary=True)
    sign_in(page, live_server.url, "kemi@staff.example")
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Open the headway dashboard").click()
    page.wait_for_url("**/admin/engagement/headway/")
    attendance = page.get_by_role("table", name="Attendance", exact=True)
    assert attendance.get_by_role("row", name="Total").inner_text().split()[1] == "100"

    page.get_by_label("Stakeholder group").select_option(label="Older people")
    page.get_by_role("button", name="Show figures").click()
    page.wait_for_url(f"**/admin/engagement/headway/?*stakeholder_group={figures.slug}*")
    attendance = page.get_by_role("table", name="Attendance", exact=True)
    # Only the event for older people: 20 came and 40 walked in.
    assert attendance.get_by_role("row", name="Total").inner_text().split()[1] == "60"
    download = page.locator("#attendance a[download]")
    assert f"stakeholder_group={figures.slug}" in download.get_attribute("href")
