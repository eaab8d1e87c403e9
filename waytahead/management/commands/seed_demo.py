"""``manage.py seed_demo``: fill the site with FICTIONAL demo data and a demo staff login.

Runs every step in ``SEED_STEPS`` (each a dotted path to a function taking ``stdout=``
and returning a dict of counts), then creates or updates the demo staff account.
Everything is idempotent: run it as often as you like. Other apps add their demo data
by appending a step, e.g. ``("engagement", "engagement.demo.seed_engagement")``.

The staff password comes from ``--password``, else the ``DEMO_STAFF_PASSWORD``
environment variable, else ``waytahead-demo``; it is set again on every run. Never
run this on a production site: it creates a superuser.
"""

import os

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

DEMO_STAFF_USERNAME = "demo-staff"
DEMO_STAFF_EMAIL = "demo-staff@waytahead.example"
DEFAULT_DEMO_STAFF_PASSWORD = "waytahead-demo"  # noqa: S105 (a published demo password)
PASSWORD_ENV_VAR = "DEMO_STAFF_PASSWORD"  # noqa: S105 (the variable's name)

# (label, dotted path to a callable(stdout=...) -> dict of counts), run in this order.
SEED_STEPS: list[tuple[str, str]] = [
    ("directory", "directory.demo.seed_directory"),
    ("engagement", "engagement.demo.seed_engagement"),
    ("headway", "engagement.headway.snapshots.demo_snapshot_take"),
]


def ensure_demo_staff(password: str):
    """Create or update the demo staff superuser and (re)set its password."""
    User = get_user_model()
    user, _created = User.objects.get_or_create(**{User.USERNAME_FIELD: DEMO_STAFF_USERNAME})
    user.email = DEMO_STAFF_EMAIL
    user.is_staff = True
    user.is_superuser = True
    user.is_active = True
    user.set_password(password)
    user.save()
    # Staff sign in through allauth, which needs a verified address.
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_STAFF_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


def admin_url() -> str:
    try:
        path = reverse("admin:index")
    except NoReverseMatch:
        path = "/admin/"
    return f"{settings.SITE_URL}{path}"


class Command(BaseCommand):
    help = (
        "Load FICTIONAL demo data (about 300 London organisations, marked is_demo) and "
        "create or update the demo staff login 'demo-staff'. Idempotent. Not for production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=(
                f"Password for the demo staff login (default: ${PASSWORD_ENV_VAR}, "
                f"else '{DEFAULT_DEMO_STAFF_PASSWORD}')."
            ),
        )

    def handle(self, *args, password=None, **options):
        password = password or os.environ.get(PASSWORD_ENV_VAR) or DEFAULT_DEMO_STAFF_PASSWORD
        if not settings.DEBUG and password == DEFAULT_DEMO_STAFF_PASSWORD:
            self.stderr.write(
                self.style.WARNING(
                    "Warning: DEBUG is off and the demo staff login gets the published default "
                    f"password. Use --password or {PASSWORD_ENV_VAR}, and never seed a "
                    "production site."
                )
            )
        with transaction.atomic():
            for label, path in SEED_STEPS:
                counts = import_string(path)(stdout=self.stdout)
                summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
                self.stdout.write(f"Seeded {label}: {summary}")
            ensure_demo_staff(password)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo staff login: {admin_url()}  email: {DEMO_STAFF_EMAIL}  password: {password}"
            )
        )
        self.stdout.write(
            "The demo data is FICTIONAL: every demo organisation is marked is_demo and says "
            "so in its description; its contact details use reserved example addresses and "
            "Ofcom drama numbers."
        )
