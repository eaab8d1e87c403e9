"""Engagement staff's powers: the one place it is decided who may do what (django-rules).

Roles: engagement staff (staff in the "Engagement staff" group) run events, log
outreach, record attendance, enter paper monitoring forms, turn feedback into insights
and read the headway dashboard. Engagement leads (the "Engagement leads" group) may do
all that, and also publish a response ("you said, we did") and erase a person's data
on request. Administrators (superusers) may do everything. Directory moderators have no
engagement powers unless they are in one of these groups too.

``tests/security/test_rules_gate.py`` fails if a permission here gates nothing, and
``tests/engagement/test_rules.py`` walks every one through every role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from directory.rules import admin_perms, is_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User

ENGAGEMENT_STAFF_GROUP = "Engagement staff"
ENGAGEMENT_LEADS_GROUP = "Engagement leads"


def _in_groups(user: User | AnonymousUser, *names: str) -> bool:
    if not (is_member(user) and user.is_staff):
        return False
    cache = "_engagement_groups"
    if not hasattr(user, cache):  # asked many times a request by the admin
        groups = (ENGAGEMENT_STAFF_GROUP, ENGAGEMENT_LEADS_GROUP)
        setattr(
            user, cache, set(user.groups.filter(name__in=groups).values_list("name", flat=True))
        )
    return bool(getattr(user, cache) & set(names))


@rules.predicate
def is_engagement_lead(user: User | AnonymousUser) -> bool:
    return is_member(user) and (user.is_superuser or _in_groups(user, ENGAGEMENT_LEADS_GROUP))


@rules.predicate
def is_engagement_staff(user: User | AnonymousUser) -> bool:
    return is_engagement_lead(user) or _in_groups(user, ENGAGEMENT_STAFF_GROUP)


# The powers, by name.
can_view_headway = is_engagement_staff
can_run_events = is_engagement_staff
can_log_outreach = is_engagement_staff
can_record_attendance = is_engagement_staff
can_enter_monitoring = is_engagement_staff
can_turn_feedback_into_insights = is_engagement_staff
can_publish_response = is_engagement_lead
can_erase_personal_data = is_engagement_lead
can_manage_baseline = is_engagement_lead

# Powers asked for by name, beyond a model's pages in the admin.
rules.add_perm("engagement.view_headway", can_view_headway)  # dashboard, event summary
rules.add_perm("engagement.record_attendance", can_record_attendance)  # attended / no-show
rules.add_perm("engagement.enter_monitoring", can_enter_monitoring)  # paper forms
rules.add_perm("engagement.turn_feedback_into_insights", can_turn_feedback_into_insights)
rules.add_perm("engagement.publish_response", can_publish_response)
rules.add_perm("engagement.erase_personal_data", can_erase_personal_data)

# --- The admin -----------------------------------------------------------------------
CRUD = ("view", "change", "add", "delete")
rules.add_perm("engagement", is_engagement_staff)  # the app's section of the admin
# Events, who they are for, and what people said about them.
admin_perms("engagement", "event", can_run_events, *CRUD, "import", "export")
for _model in ("stakeholdergroup", "theme"):
    admin_perms("engagement", _model, can_run_events, *CRUD)
# Outreach: notices, radio, partner calls and street outreach, logged.
admin_perms("engagement", "outreachactivity", can_log_outreach, *CRUD, "import", "export")
# Registrations and attendance. Deleting one loses a record: erase its personal data.
admin_perms("engagement", "registration", can_record_attendance, "view", "change", "add")
admin_perms("engagement", "registration", is_engagement_lead, "import", "export")
admin_perms("engagement", "participant", can_record_attendance, "view")
# Paper equality monitoring forms, typed in (never read back one by one).
admin_perms("engagement", "monitoringresponse", can_enter_monitoring, "add")
# Feedback, the insights drawn from it and the actions that answer it.
admin_perms("engagement", "feedback", can_turn_feedback_into_insights, "view", "change", "add")
for _model in ("insight", "action"):
    admin_perms("engagement", _model, can_turn_feedback_into_insights, *CRUD)
# The Census 2021 baseline that headway compares with, and the published snapshots.
admin_perms("engagement", "populationbaseline", can_view_headway, "view")
admin_perms(
    "engagement", "populationbaseline", can_manage_baseline, "change", "add", "delete", "import"
)
admin_perms("engagement", "populationbaseline", can_view_headway, "export")
admin_perms("engagement", "headwaysnapshot", can_view_headway, "view")
