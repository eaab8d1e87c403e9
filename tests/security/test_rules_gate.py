"""Every permission in a ``rules.py`` gates something real.

A named power ("directory.edit_directly") must be asked for in the code: by
``has_perm(...)``, ``permission_required = ...`` or a service. A permission in the
admin's own form ("engagement.change_event", "directory" for an app's section) must
name a model (or an app) the admin shows, whose ModelAdmin asks rules for it. Anything
else is a rule that gates nothing, and fails here.
"""

import re
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.contrib import admin

ROOT = Path(__file__).resolve().parents[2]
APPS = ("accounts", "directory", "engagement")
ADMIN_ACTIONS = ("view", "change", "add", "delete", "import", "export")


def _source() -> str:
    """Every Python file of the apps except the rules themselves, tests and migrations."""
    files = [
        path
        for app in (*APPS, "common", "waytahead")
        for path in (ROOT / app).rglob("*.py")
        if path.name != "rules.py" and "migrations" not in path.parts
    ]
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def _asked_for(name: str, source: str) -> bool:
    quoted = re.escape(f'"{name}"')
    return bool(re.search(rf"(has_perm\(\s*|permission_required\s*=\s*){quoted}", source))


def _admin_gates(name: str) -> bool:
    registry = admin.site._registry
    if "." not in name:  # the app's section of the admin index
        return any(model._meta.app_label == name for model in registry)
    app_label, codename = name.split(".", 1)
    action, _sep, model_name = codename.partition("_")
    if action not in ADMIN_ACTIONS:
        return False
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    if model._meta.model_name.startswith("historical"):  # simple-history's history pages
        model = model.instance_type
        return model in registry and action == "view"
    model_admin = registry.get(model)
    if model_admin is None:  # edited only inline, on its parent's page
        return action in ("view", "change", "add", "delete") and any(
            inline.model is model for parent in registry.values() for inline in parent.inlines
        )
    if action in ("import", "export"):
        return hasattr(model_admin, f"has_{action}_permission")
    return True


def gating_nothing(names, source) -> list[str]:
    return sorted(name for name in names if not (_asked_for(name, source) or _admin_gates(name)))


def _our_rules() -> list[str]:
    return [name for name in rules.permissions.permissions if name.split(".")[0] in APPS]


def test_every_rule_gates_something():
    assert _our_rules(), "no rules were loaded"
    assert gating_nothing(_our_rules(), _source()) == []


@pytest.mark.parametrize(
    "unused",
    ["directory.paint_the_office", "engagement.view_nothingatall", "engagement.fly_event"],
)
def test_the_check_finds_a_rule_that_gates_nothing(unused):
    rules.add_perm(unused, rules.always_allow)
    try:
        assert gating_nothing(_our_rules(), _source()) == [unused]
    finally:
        rules.remove_perm(unused)
