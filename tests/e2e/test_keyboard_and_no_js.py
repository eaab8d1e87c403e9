"""Keyboard alone, and no JavaScript at all: the journeys still work."""

import pytest

from tests.factories import OrganisationFactory, category

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def listing():
    return OrganisationFactory(
        slug="pantry", name_en="Lewisham Pantry", categories=[category("food")]
    )


def focus_outline(page) -> str:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.boxShadow; }"""
    )


def test_keyboard_journey_skip_link_order_focus_and_no_trap(live_server, page, listing):
    page.goto(f"{live_server.url}/en/organisations/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert "solid" in focus_outline(page) or "rgb" in focus_outline(page)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    # Tab through the whole page: focus always visible, always moves on, and comes back
    # round to the start (no trap).
    page.goto(f"{live_server.url}/en/organisations/")
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        description = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.tagName + '#' + (e.id || e.name || e.textContent.trim().slice(0, 20)); }"
        )
        if seen and description == seen[0]:
            break
        if description.startswith("BODY"):
            continue
        outline = focus_outline(page)
        assert outline.split()[0] != "none" or "rgb" in outline, description
        seen.append(description)
    else:
        pytest.fail("focus never came back round: a keyboard trap?")
    # The order is logical: header, then the filters, then the results.
    names = " ".join(seen)
    assert (
        names.index("Skip to main content") < names.index("id_q") < names.index("Lewisham Pantry")
    )


def test_search_filter_and_report_without_javascript(live_server, browser, listing):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.fill("#home-search", "pantry")
    page.locator("form[role=search] button").click()
    page.select_option("#id_category", "food")
    page.get_by_role("button", name="Show results").click()
    assert "1 organisation found" in page.content()
    page.get_by_role("link", name="Lewisham Pantry").click()
    page.get_by_role("link", name="Report a problem").click()
    page.check("input[value=closed]")
    page.fill("#id_message", "It closed last month.")
    page.locator("main form button[type=submit]").click()
    assert "Thank you for telling us" in page.content()
    context.close()


def test_the_list_page_weighs_150_kb_or_less(live_server, page):
    OrganisationFactory.create_batch(20, categories=[category("food")])
    sizes = {}

    def record(response):
        kind = response.request.resource_type
        if kind in ("document", "stylesheet", "script"):
            sizes[response.url] = len(response.body())

    page.on("response", record)
    page.goto(f"{live_server.url}/en/organisations/")
    page.wait_for_load_state("networkidle")
    total = sum(sizes.values())
    assert sizes and total <= 150 * 1024, sizes
