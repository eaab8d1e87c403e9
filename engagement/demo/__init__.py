"""Fictional engagement demo data: stakeholder groups, a year of outreach and meetings,
registrations, anonymous monitoring, feedback, insights and their actions.

``seed_engagement()`` tells the story of the journeys in JOURNEYS.md: Kemi's morning of
outreach (a call to a Somali community organisation, a notice in Polish and Romanian to
three partner groups, a Bengali community radio slot), a year of held meetings whose
monitoring shows the share of people born outside the UK rising while people aged 65+
stay under-represented, meetings open for registration (one nearly full), and the
insight "non-UK-born residents think the meetings are only for British-born people"
with its published "you said, we did".

Everything about people is FICTIONAL and says so: every name ends in "(fictional)",
every address is on a reserved ``.example`` domain, phone numbers are Ofcom drama
numbers (020 7946 0xxx), and event, outreach and insight texts say they are demo data.

The story is data, in ``data/*.toml``, read by ``content.py``; ``people.py`` makes the
people who take part and ``seeding.py`` writes the rest. Deterministic (fixed seeds;
dates relative to today) and idempotent.

``manage.py seed_demo`` runs it as its "engagement" step, after the directory's (whose
demo organisations become partner groups), then publishes a first headway snapshot
(the "headway" step); both are registered here.
"""

from common import demo_registry

from ..headway import demo_snapshot_take
from .content import NOT_FOR_US
from .seeding import seed_engagement

__all__ = ["NOT_FOR_US", "seed_engagement"]

demo_registry.register("engagement", seed_engagement, after=("directory",))
demo_registry.register("headway", demo_snapshot_take, after=("engagement",))
