"""The demo registry behind seed_demo: each app's steps, in dependency order, a subset on
demand; and the data helpers its content modules read TOML with."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError

from common import demo_data, demo_registry


def test_every_app_registers_its_steps_directory_first():
    assert demo_registry.labels() == ["directory", "engagement", "headway"]
    directory = demo_registry.steps(["directory"])[0]
    assert directory.options == ("organisations",)
    # Asked in any order, they run in dependency order.
    chosen = demo_registry.steps(["headway", "directory", "engagement"])
    assert [step.label for step in chosen] == ["directory", "engagement", "headway"]
    assert [step.label for step in demo_registry.steps(["headway", "engagement"])] == [
        "engagement",
        "headway",
    ]
    assert demo_registry.steps([]) == []


@pytest.fixture
def fake_steps(monkeypatch):
    """A registry of its own, that finds no app's steps."""
    monkeypatch.setattr(demo_registry, "STEPS", {})
    monkeypatch.setattr(demo_registry, "autodiscover_modules", lambda *names: None)
    calls = []

    def step(label):
        def run(*, stdout=None, **options):
            calls.append((label, options))
            return {"rows": len(calls)}

        return run

    return calls, step


def test_steps_run_after_those_they_name_and_get_only_their_options(fake_steps):
    calls, step = fake_steps
    demo_registry.register("later", step("later"), after=("first", "missing"))
    demo_registry.register("first", step("first"), options=("size",))
    demo_registry.register("alone", step("alone"))

    assert demo_registry.run(size=5, colour="blue") == {
        "first": {"rows": 1},
        "later": {"rows": 2},
        "alone": {"rows": 3},
    }
    assert calls == [("first", {"size": 5}), ("later", {}), ("alone", {})]

    calls.clear()
    demo_registry.run(only=["later"], size=None)  # a step runs without those it waits on
    assert calls == [("later", {})]
    with pytest.raises(LookupError, match="No demo step is called nope"):
        demo_registry.steps(["nope"])


def test_steps_that_wait_on_each_other_are_refused(fake_steps):
    _calls, step = fake_steps
    demo_registry.register("a", step("a"), after=("b",))
    demo_registry.register("b", step("b"), after=("a",))
    with pytest.raises(ImproperlyConfigured, match="wait on each other: a, b"):
        demo_registry.steps()


def test_seed_demo_refuses_an_unknown_step(db):
    with pytest.raises(CommandError, match="No demo step is called bogus"):
        call_command("seed_demo", only=["bogus"], stdout=io.StringIO())


def test_data_helpers_read_records_and_name_every_problem(tmp_path):
    (tmp_path / "things.toml").write_text(
        '[[thing]]\nkey = "a"\nparts = ["x", "y"]\n', encoding="utf-8"
    )
    [table] = demo_data.read(tmp_path, "things")["thing"]
    assert demo_data.record(dict, table) == {"key": "a", "parts": ("x", "y")}
    assert demo_data.record(dict, table, key="b")["key"] == "b"

    problems = demo_data.Problems()
    problems.expect({"x"}, ["x", "y", "z"], "things.toml a")
    with pytest.raises(ValueError, match=r"things.toml a: unknown 'y'; things.toml a: unknown 'z'"):
        problems.check(tmp_path)
    demo_data.Problems().check(tmp_path)  # nothing wrong: no error


@pytest.mark.django_db
def test_a_demo_size_out_of_range_is_a_clear_command_error():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="1 to 300"):
        call_command("seed_demo", "--only", "directory", "--organisations", "0")
