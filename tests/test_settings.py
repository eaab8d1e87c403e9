"""Production settings: safe defaults and a clean deploy check."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "DJANGO_ALLOWED_HOSTS": "waytahead.example",
    "DJANGO_SECURE_SSL_REDIRECT": "true",
    "DJANGO_SECURE_PROXY_SSL": "true",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "DJANGO_SECURE_HSTS_PRELOAD": "true",
    "DJANGO_SESSION_COOKIE_SECURE": "true",
    "DJANGO_CSRF_COOKIE_SECURE": "true",
}


def manage(*args, env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST")) and k != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_is_clean_with_only_a_secret_key_and_hosts():
    # Secure by default: HTTPS redirect, HSTS and secure cookies need no setting.
    env = {
        "DJANGO_SECRET_KEY": PRODUCTION_ENV["DJANGO_SECRET_KEY"],
        "DJANGO_ALLOWED_HOSTS": "waytahead.example",
    }
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_local_http_env_file_turns_each_https_requirement_off_explicitly():
    text = (BASE_DIR / ".env.local-http.example").read_text(encoding="utf-8")
    values = dict(
        line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#")
    )
    for name in (
        "DJANGO_SECURE_SSL_REDIRECT",
        "DJANGO_SESSION_COOKIE_SECURE",
        "DJANGO_CSRF_COOKIE_SECURE",
        "DJANGO_SECURE_HSTS_PRELOAD",
    ):
        assert values[name] == "False", name
    assert values["DJANGO_SECURE_HSTS_SECONDS"] == "0"
    assert values["DJANGO_SITE_URL"].startswith("http://localhost")
    settings_seen = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)",
        env={k: v.strip('"') for k, v in values.items() if k.startswith("DJANGO_")},
    )
    assert settings_seen.stdout.strip().splitlines()[-1] == "False False 0", settings_seen.stderr


def test_secret_key_is_required_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_by_default():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=PRODUCTION_ENV
    )
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


def test_sqlite_database_lives_under_var_by_default():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['NAME'])",
        env={**PRODUCTION_ENV, "DATABASE_URL": ""},
    )
    assert result.stdout.strip().splitlines()[-1] == str(BASE_DIR / "var" / "db.sqlite3"), (
        result.stderr
    )


def test_make_run_serves_and_prints_the_address_it_is_run_on():
    commands = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=9001"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    ).stdout
    for command in ("migrate", "seed_demo", "runserver 0.0.0.0:9001"):
        [line] = [line for line in commands.splitlines() if command in line]
        assert "DJANGO_SITE_URL=${DJANGO_SITE_URL:-http://0.0.0.0:9001}" in line
