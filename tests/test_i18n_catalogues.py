"""The interface catalogues are complete: every string translated, nothing fuzzy, and no
string in the code that the catalogues have not caught up with."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]
ENTRY = re.compile(r"\n\n(?=(?:#.*\n)*msgid )")


def entries(po_text: str) -> list[dict]:
    """Parse a .po file into entries: flags, msgid and the msgstr values."""
    parsed = []
    for block in ENTRY.split(po_text.strip()):
        lines = block.splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?|msgctxt) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if "msgid" in fields:
            parsed.append({"flags": flags, **fields})
    return parsed


def catalogue(code: str) -> list[dict]:
    path = BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
    return [entry for entry in entries(path.read_text(encoding="utf-8")) if entry["msgid"]]


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete_and_nothing_is_fuzzy(code):
    problems = []
    for entry in catalogue(code):
        if "fuzzy" in entry["flags"]:
            problems.append(("fuzzy", entry["msgid"][:60]))
        translations = [value for key, value in entry.items() if key.startswith("msgstr")]
        if not translations or any(not value for value in translations):
            problems.append(("untranslated", entry["msgid"][:60]))
    assert problems == []


def test_the_completeness_check_sees_gaps():
    text = (
        'msgid ""\nmsgstr ""\n\n#, fuzzy\nmsgid "Hello"\nmsgstr "Cześć"\n\nmsgid "Bye"\nmsgstr ""\n'
    )
    parsed = [entry for entry in entries(text) if entry["msgid"]]
    assert [entry["msgid"] for entry in parsed] == ["Hello", "Bye"]
    assert "fuzzy" in parsed[0]["flags"] and parsed[1]["msgstr"] == ""


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext tools are not installed")
def test_catalogues_contain_every_marked_string(tmp_path):
    """Run makemessages on a copy of the code and compare: a new or changed string that
    has not been added to the catalogues fails here."""
    copy = tmp_path / "project"
    copy.mkdir()
    ignore = shutil.ignore_patterns(".venv", "var", "node_modules", "__pycache__", ".git", "*.mo")
    for name in (
        "manage.py",
        "waytahead",
        "common",
        "directory",
        "engagement",
        "accounts",
        "webhooks",
        "templates",
        "locale",
    ):
        source = BASE_DIR / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy(source, copy / name)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "pl",
            "--no-location",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "true", "PYTHONPATH": str(copy)},
        timeout=300,
    )
    fresh = {entry["msgid"] for entry in catalogue_at(copy, "pl")}
    committed = {entry["msgid"] for entry in catalogue("pl")}
    assert sorted(fresh - committed) == []


def catalogue_at(root: Path, code: str) -> list[dict]:
    path = root / "locale" / code / "LC_MESSAGES" / "django.po"
    return [entry for entry in entries(path.read_text(encoding="utf-8")) if entry["msgid"]]
