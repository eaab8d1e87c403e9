"""axe-core finds no WCAG 2.2 AA violation on the engagement and headway pages, in
English and Arabic, including a form showing its errors."""

from datetime import timedelta

import pytest
from django.utils import timezone

from engagement import monitoring_links
from engagement.models import AttendanceStatus, Registration
from tests.e2e.accessibility import axe_violations
from tests.engagement.factories import EventFactory, InsightFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/{lang}/events/",
    "/{lang}/events/?when=past",
    "/{lang}/events/open-meeting/",
    "/{lang}/events/held-meeting/monitoring/?token={token}",
    "/{lang}/events/open-meeting/feedback/",
    "/{lang}/feedback/",
    "/{lang}/you-said-we-did/",
    "/{lang}/headway/",
]


def test_engagement_pages_have_no_violations(live_server, browser):
    EventFactory(slug="open-meeting", capacity=10, languages=["bn", "ar"], hearing_loop=True)
    held = EventFactory(slug="held-meeting", starts_at=timezone.now() - timedelta(days=2))
    came = Registration.objects.create(
        event=held, name="Person (fictional)", consent=True, status=AttendanceStatus.ATTENDED
    )
    token = monitoring_links.monitoring_link_token(came)
    InsightFactory()
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    problems = {}
    for lang in ("en", "ar"):
        for path in PAGES:
            url = live_server.url + path.format(lang=lang, token=token)
            response = page.goto(url)
            assert response.status == 200, url
            violations = axe_violations(page)
            if violations:
                problems[url] = violations
        # Without a link, the questions say how to get one.
        url = f"{live_server.url}/{lang}/events/held-meeting/monitoring/"
        assert page.goto(url).status == 403
        violations = axe_violations(page)
        if violations:
            problems[url] = violations
    # The registration form, sent empty, shows its error summary: still no violations.
    page.goto(f"{live_server.url}/ar/events/open-meeting/")
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "error-summary" in page.content()
    violations = axe_violations(page)
    if violations:
        problems["registration errors"] = violations
    context.close()
    assert problems == {}
