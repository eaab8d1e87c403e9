"""The doors between the apps open one way (docs/architecture.md): engagement and the
webhooks may use the directory, never the reverse; accounts uses neither; shared code
uses no app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# package -> the packages of ours it must never import
FORBIDDEN = {
    "directory": {"engagement", "webhooks"},
    "accounts": {"directory", "engagement", "webhooks"},
    "common": {"accounts", "directory", "engagement", "webhooks"},
    "engagement": {"webhooks"},
}
OURS = {"accounts", "common", "directory", "engagement", "webhooks", "waytahead"}


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, anywhere in it (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & OURS


def crossings(package: str) -> list[str]:
    return sorted(
        f"{path.relative_to(ROOT)} imports {other}"
        for path in (ROOT / package).rglob("*.py")
        for other in imported_packages(path) & FORBIDDEN[package]
    )


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_crosses_a_door_the_wrong_way(package):
    assert (ROOT / package).is_dir(), f"{package}/ does not exist"
    assert crossings(package) == []


def test_the_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from engagement.models import Event\n", encoding="utf-8")
    assert imported_packages(module) == {"engagement"}
