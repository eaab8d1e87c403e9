"""Fixtures for the headway tests.

``live_figures`` is for the tests of how the tables are built and suppressed: every
door then reads an unsaved snapshot of the data as it is at that moment, without the
cell-key noise, so the expected counts can be written down. The snapshots, their
publishing and the noise itself are tested without it (test_headway_attacks.py,
test_perturbation.py). ``live_figures_module`` is the same for a whole module, for
hypothesis tests (which refuse function-scoped fixtures around @given).
"""

from contextlib import contextmanager

import pytest
from django.utils import timezone

from engagement import perturbation, snapshots
from engagement.models import HeadwaySnapshot


@contextmanager
def _live_figures():
    def latest_published():
        return HeadwaySnapshot(taken_at=timezone.now(), facts=snapshots.facts_collect())

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
