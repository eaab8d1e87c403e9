"""Equality monitoring cannot be linked to people: no chain of relations leads from a
monitoring answer to a participant, a registration, feedback or a member's account."""

import pytest
from django.contrib.auth import get_user_model

from engagement.models import (
    Event,
    Feedback,
    MonitoringResponse,
    OutreachActivity,
    Participant,
    PendingMonitoringResponse,
    Registration,
)

PEOPLE = {Participant, Registration, Feedback, get_user_model()}
# The one relation allowed to reach an account: the staff member who did the outreach.
# It says who ran an activity, never who answered a form.
STAFF_ATTRIBUTION = {(OutreachActivity, "staff")}


def forward_relations(model):
    """(field name, model) for each relation a query can follow from ``model``'s rows:
    its foreign keys, one-to-ones and many-to-many fields."""
    for field in model._meta.get_fields():
        if field.is_relation and field.concrete and field.related_model is not None:
            yield field.name, field.related_model


def paths_to_people(start):
    seen, frontier, found = {start}, [(start, start.__name__)], []
    while frontier:
        model, path = frontier.pop()
        for name, target in forward_relations(model):
            step = f"{path} -.{name}-> {target.__name__}"
            if target in PEOPLE and (model, name) not in STAFF_ATTRIBUTION:
                found.append(step)
            if target not in seen:
                seen.add(target)
                frontier.append((target, step))
    return found


def test_no_path_of_relations_leads_from_monitoring_to_a_person():
    assert paths_to_people(MonitoringResponse) == []


def test_the_walk_finds_links_where_they_exist():
    """Not vacuous: from a registration, the walk does reach the participant."""
    assert any(path.endswith("-> Participant") for path in paths_to_people(Registration))
    assert Event in {target for _name, target in forward_relations(Registration)}


@pytest.mark.parametrize("model", [MonitoringResponse, PendingMonitoringResponse])
def test_monitoring_rows_carry_no_time_and_no_sequence(model):
    fields = {field.name: field for field in model._meta.concrete_fields}
    assert fields["id"].get_internal_type() == "UUIDField"
    dates = {name for name, field in fields.items() if field.get_internal_type() == "DateField"}
    assert dates == {"month"}
    assert not any(field.get_internal_type() == "DateTimeField" for field in fields.values())
    assert not any(getattr(field, "auto_now", False) for field in fields.values())


def test_no_path_of_relations_leads_from_a_waiting_answer_to_a_person():
    assert paths_to_people(PendingMonitoringResponse) == []


def test_a_registration_keeps_only_whether_its_link_was_sent_and_used():
    fields = {field.name: field for field in Registration._meta.concrete_fields}
    for name in ("monitoring_invited", "monitoring_done"):
        assert fields[name].get_internal_type() == "BooleanField"
    assert not [name for name in fields if name.startswith("monitoring") and "_at" in name]
