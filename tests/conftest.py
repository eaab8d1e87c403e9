"""Test-wide settings overrides and fixtures."""

import pytest


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


def require_or_skip(condition: bool, reason: str, env_var: str) -> None:
    """Skip with a clear reason, or fail when CI says the dependency must be there."""
    import os

    if condition:
        return
    if os.environ.get(env_var):
        pytest.fail(f"{reason} ({env_var} is set, so this may not be skipped)")
    pytest.skip(reason)
