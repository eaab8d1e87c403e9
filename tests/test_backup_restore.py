"""Backup and restore (pg_dump / pg_restore) round-trips the demo data."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import require_or_skip

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_backup_and_restore_round_trip():
    require_or_skip(
        connection.vendor == "postgresql" and shutil.which("pg_dump") is not None,
        "Backup and restore need PostgreSQL (run with DATABASE_URL set) and pg_dump",
        "WAYTAHEAD_REQUIRE_BACKUP_CHECK",
    )
    url = os.environ["DATABASE_URL"]
    result = subprocess.run(
        ["bash", str(BASE_DIR / "scripts" / "backup-restore-check.sh"), url],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHON": sys.executable},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "round trip OK" in result.stdout
