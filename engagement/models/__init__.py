"""Engagement: who we reach, how, who takes part, what they tell us, what we do about it.

Equality monitoring (monitoring.py) is deliberately unlinked from people: no chain of
foreign keys leads from a monitoring answer to a participant, a registration or a user.
"""

from .baseline import PopulationBaseline
from .events import AttendanceStatus, Event, Participant, Registration
from .insights import Action, Feedback, Insight, Theme
from .monitoring import MonitoringResponse, PendingMonitoringResponse
from .outreach import Channel, OutreachActivity, StakeholderGroup
from .snapshots import HeadwaySnapshot

__all__ = [
    "Action",
    "AttendanceStatus",
    "Channel",
    "Event",
    "Feedback",
    "HeadwaySnapshot",
    "Insight",
    "MonitoringResponse",
    "OutreachActivity",
    "Participant",
    "PendingMonitoringResponse",
    "PopulationBaseline",
    "Registration",
    "StakeholderGroup",
    "Theme",
]
