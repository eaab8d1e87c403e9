"""Engagement: who we reach, how, who takes part, what they tell us, what we do about it.

Equality monitoring (monitoring.py) is deliberately unlinked from people: no chain of
foreign keys leads from a monitoring answer to a participant, a registration or a user.
"""

from .baseline import PopulationBaseline
from .events import AttendanceStatus, Event, Participant, Registration
from .insights import Action, Feedback, Insight, Theme
from .monitoring import MonitoringResponse
from .outreach import Channel, OutreachActivity, StakeholderGroup

__all__ = [
    "Action",
    "AttendanceStatus",
    "Channel",
    "Event",
    "Feedback",
    "Insight",
    "MonitoringResponse",
    "OutreachActivity",
    "Participant",
    "PopulationBaseline",
    "Registration",
    "StakeholderGroup",
    "Theme",
]
