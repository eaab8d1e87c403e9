"""Fixtures for the headway tests.

``live_figures`` is for the tests of how the tables are built and suppressed: every
door then reads an unsaved snapshot of the data as it is at that moment, without the
cell-key noise, so the expected counts can be written down. The snapshots, their
publishing and the noise itself are tested without it (test_headway_snapshots.py,
test_headway_attacks.py).
"""

import pytest
from django.utils import timezone

from engagement import perturbation, snapshots
from engagement.models import HeadwaySnapshot


@pytest.fixture(scope="module")
def live_figures():
    def latest_published():
        return HeadwaySnapshot(taken_at=timezone.now(), facts=snapshots.facts_collect())

    # Module-scoped (hypothesis refuses function-scoped fixtures around @given).
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(snapshots, "latest_published", latest_published)
        patch.setattr(perturbation, "noise", lambda n, key, threshold=None: 0)
        yield
