"""The staff side of engagement: outreach, events and attendance, equality monitoring,
feedback, insights and their actions.

Admin actions stay thin and call ``engagement.services``; the per-event summary is
read with a fixed number of queries and suppressed as any published figure would be.
"""

from ..headway import admin as headway_admin  # noqa: F401 (baselines, snapshots)
from . import events, insights, monitoring, outreach  # noqa: F401 (registers the admin classes)
