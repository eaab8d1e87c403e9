"""Test-wide settings overrides and fixtures."""

from contextlib import contextmanager

import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Browser and Celery-worker tests are slow by nature: they count as ``slow`` too,
    so that ``-m "not slow"`` leaves them out of a quick run."""
    for item in items:
        if item.get_closest_marker("browser") or item.get_closest_marker("celery_worker"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _fresh_language():
    """Each test starts in English: a view that activated another language must not
    leak it into the next test (a real process handles one request at a time)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # The manifest storage needs collectstatic; tests serve static files as they are.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.MEDIA_ROOT = tmp_path / "media"
    # Rate-limit counters live in the cache; every test starts with none.
    from django.core.cache import cache

    cache.clear()
    # Fast hashing: the suite creates many accounts; production keeps the strong default.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def require_or_skip(condition: bool, reason: str, env_var: str) -> None:
    """Skip with a clear reason, or fail when CI says the dependency must be there."""
    import os

    if condition:
        return
    if os.environ.get(env_var):
        pytest.fail(f"{reason} ({env_var} is set, so this may not be skipped)")
    pytest.skip(reason)


@pytest.fixture
def on_commit_immediately(monkeypatch):
    """Run transaction.on_commit callbacks at once, as a real commit would run them.

    Tests run inside a transaction that is never committed, so without this the
    notification tasks queued on commit would never run.
    """
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


# --- Headway figures without snapshots or noise ----------------------------------------
# ``live_figures`` is for the tests of how the headway tables are built and suppressed:
# every door then reads an unsaved snapshot of the data as it is at that moment,
# without the cell-key noise, so the expected counts can be written down. Snapshots and
# the noise are tested without it (tests/engagement/test_headway_attacks.py,
# test_perturbation.py, test_headway_snapshots.py). ``live_figures_module`` does the
# same for a whole module, for hypothesis tests (which refuse function-scoped fixtures).


@contextmanager
def _live_figures():
    def latest_published():
        from django.utils import timezone

        from engagement.headway import snapshots
        from engagement.models import HeadwaySnapshot

        return HeadwaySnapshot(taken_at=timezone.now(), facts=snapshots.facts_collect())

    from engagement.headway import perturbation, snapshots

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "latest_published", latest_published)
        patch.setattr(perturbation, "noise", lambda n, key, threshold=None: 0)
        yield


@pytest.fixture
def live_figures():
    with _live_figures():
        yield


@pytest.fixture(scope="module")
def live_figures_module():
    with _live_figures():
        yield


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """For requests through the WSGI application itself (schemathesis): its handler closes
    the database connection when a request starts and ends, which inside the test's
    transaction would lose it (PostgreSQL). Django's test client disconnects the same two
    signals."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)
