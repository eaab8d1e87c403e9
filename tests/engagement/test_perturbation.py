"""The cell-key method: the perturbation table, cell keys, and publishing a table."""

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from engagement.headway import perturbation, suppression
from engagement.headway.perturbation import MAX_NOISE, Cell, cell_sum, noise, perturb
from engagement.headway.snapshots import facts_collect, headway_snapshot_take
from engagement.models import HeadwaySnapshot, MonitoringResponse, Registration
from engagement.models.keys import RECORD_KEY_RANGE
from tests.engagement.test_headway import add_registrations, add_responses, at, make_event

LIMIT = 5
counts = st.integers(min_value=0, max_value=2000)
keys = st.integers(min_value=0, max_value=RECORD_KEY_RANGE - 1)


@given(counts, keys)
def test_noise_is_small_and_never_makes_a_shown_count_small(n, key):
    value = perturb(Cell(n, key), LIMIT)
    assert abs(value - n) <= MAX_NOISE
    if n == 0:
        assert value == 0  # zero stays zero
    if n >= LIMIT:
        assert value >= LIMIT  # a count at the threshold is never published below it
    assert perturb(Cell(n, key), LIMIT) == value  # the same cell, the same noise


def test_the_table_is_unbiased_far_from_the_threshold_with_the_documented_spread():
    row = [noise(100, key, LIMIT) for key in range(RECORD_KEY_RANGE)]
    assert sum(row) == 0
    assert sum(d * d for d in row) == 206  # variance 206/256, as the README says
    assert row.count(0) == 128
    assert {d: row.count(d) for d in (-2, -1, 1, 2)} == {-2: 13, -1: 51, 1: 51, 2: 13}


def test_near_the_threshold_the_keys_that_would_go_below_it_give_no_noise():
    at_threshold = [noise(LIMIT, key, LIMIT) for key in range(RECORD_KEY_RANGE)]
    assert min(at_threshold) == 0 and at_threshold.count(0) == 128 + 51 + 13
    assert min(noise(LIMIT + 1, key, LIMIT) for key in range(RECORD_KEY_RANGE)) == -1


@given(st.lists(st.tuples(st.integers(0, 50), keys), max_size=8))
def test_cell_keys_add_up_modulo_256(parts):
    cells = [Cell(n, key) for n, key in parts]
    total = cell_sum(cells)
    assert total.n == sum(n for n, _k in parts)
    assert total.key == sum(k for _n, k in parts) % RECORD_KEY_RANGE
    if cells:
        assert (total - cells[0]) + cells[0] == total


@pytest.mark.django_db
def test_every_record_draws_its_own_key():
    event = make_event("keys", at(2025, 3, 12))
    add_registrations(event, attended=60)
    add_responses(event, 60)
    assert len(set(Registration.objects.values_list("record_key", flat=True))) > 20
    assert len(set(MonitoringResponse.objects.values_list("record_key", flat=True))) > 20


def test_a_published_table_hides_small_counts_then_perturbs_the_rest_and_its_total(
    monkeypatch,
):
    cells = {"a": Cell(40, 7), "b": Cell(2, 100), "c": Cell(9, 200)}
    shown, total = suppression.publish_table(cells)
    assert shown["b"] is None and shown["c"] is None  # 2 hidden, and 9 to protect it
    assert shown["a"] == perturb(Cell(40, 7))
    assert total == perturb(Cell(51, 307 % 256))  # the total is a cell of its own
    monkeypatch.setattr(perturbation, "noise", lambda n, key, threshold=None: 0)
    assert suppression.publish_table(cells) == ({"a": 40, "b": None, "c": None}, 51)


@pytest.mark.django_db
def test_a_snapshot_holds_counts_only_never_a_person():
    event = make_event("private", at(2025, 3, 12))
    add_registrations(event, attended=12, participants=[f"p{i}" for i in range(12)])
    Registration.objects.filter(event=event).update(
        name="Canary Person", email="canary@people.example", phone="07700 900123"
    )
    add_responses(event, 12, religion=[("muslim", 6)])
    snapshot = headway_snapshot_take()
    text = str(HeadwaySnapshot.objects.get(pk=snapshot.pk).facts)
    for marker in ("Canary", "canary@", "07700", "people.example"):
        assert marker not in text
    assert set(facts_collect()["events"][str(event.pk)]) - {"borough", "groups", "channels"} == {
        "month",
        "starts_at",
        "walk_ins",
        "registrations",
        "responses",
        "answers",
        "attendees",
        "registration_prints",
        "form_prints",
    }
    prints = facts_collect()["events"][str(event.pk)]["registration_prints"]
    assert len(prints) == 12 and all(len(p) == 12 for p in prints)  # keyed hashes only
    assert snapshot.taken_at <= timezone.now()
