"""Validate feed responses against the vendored ORUK 3.0 schemas, with no network.

The schemas carry no ``$id``; their ``$ref``s name
``https://openreferraluk.org/specifications/3.0/schema/<file>.json``. A ``referencing``
registry maps each such URL (and the bare file name) to the local copy under
``directory/oruk/spec/3.0/schema``, so nothing is fetched.
"""

import json
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import directory.oruk

SPEC_DIR = Path(directory.oruk.__file__).resolve().parent / "spec" / "3.0"
SCHEMA_DIR = SPEC_DIR / "schema"
SCHEMA_BASE = "https://openreferraluk.org/specifications/3.0/schema/"


def load(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        resource = Resource.from_contents(load(path.name), default_specification=DRAFT202012)
        resources.append((SCHEMA_BASE + path.name, resource))
        resources.append((path.name, resource))
    return Registry().with_resources(resources)


def _is_absolute_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


def format_checker() -> FormatChecker:
    """The standard checks (uuid, email, date-time), plus absolute http(s) URIs: the
    ``uri`` check otherwise needs a package the project does not install."""
    checker = FormatChecker()
    checker.checks("uri")(_is_absolute_uri)
    return checker


@cache
def validator(name: str) -> Draft202012Validator:
    schema = load(name)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=registry(), format_checker=format_checker())


def errors(instance, name: str) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator(name).iter_errors(instance)
    ]


def assert_valid(instance, name: str) -> None:
    found = errors(instance, name)
    assert not found, f"{name}: " + "; ".join(found[:10])


def empty_values(value, path="$") -> list[str]:
    """Paths of every null, empty string, empty list or empty object in a response."""
    found = []
    if value is None or value == "" or value == [] or value == {}:
        found.append(path)
    if isinstance(value, dict):
        for key, item in value.items():
            found += empty_values(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += empty_values(item, f"{path}[{index}]")
    return found


def assert_no_empty_values(payload, allow=("$.contents",)) -> None:
    """No null anywhere, and no empty optional field (an empty page's contents may be [])."""
    found = [path for path in empty_values(payload) if path not in allow]
    assert not found, f"empty values at {found[:10]}"
