"""Browser tests: Playwright driving Debian's Chromium against the live test server.

They are skipped, saying so, when Chromium is not installed; CI sets
WAYTAHEAD_REQUIRE_BROWSER so that they can never be skipped there.
"""

import os
import shutil

import pytest

from tests.conftest import require_or_skip

# Playwright's sync API runs an event loop in the test thread; Django must allow
# its synchronous database calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("WAYTAHEAD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    require_or_skip(
        shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM),
        f"Chromium is not installed at {CHROMIUM}: browser tests skipped",
        "WAYTAHEAD_REQUIRE_BROWSER",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Browser tests run on a transactional database, which is emptied after each test;
    load the reference data (boroughs, taxonomies, languages, roles) that the data
    migrations provide, exactly as they provide it."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    # The database was emptied and its content types recreated with new ids; forget the
    # cached ones (admin log entries point at them).
    ContentType.objects.clear_cache()

    for module in ("0003_reference_data", "0005_moderators_group"):
        migration = import_module(f"directory.migrations.{module}")
        loader = getattr(migration, "load", None) or migration.create_group
        loader(apps, None)
    import_module("directory.migrations.0013_moderators_without_model_permissions").clear(
        apps, None
    )
    import_module("engagement.migrations.0008_engagement_roles").create(apps, None)
    import_module("accounts.migrations.0002_translators_group").create(apps, None)
