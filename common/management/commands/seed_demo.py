"""``manage.py seed_demo``: fill the site with FICTIONAL demo data and a demo staff login.

Runs the demo steps each app registers in ``common.demo_registry`` (the directory's,
then engagement's, then the first headway snapshot), or with ``--only`` just the ones
named (with none, no step), then creates or updates the demo staff account. Everything
is idempotent: run it as often as you like. ``--organisations N`` seeds a smaller
directory demo, for quick tests (it replaces a larger one).

The staff password comes from ``--password``, else the ``DEMO_STAFF_PASSWORD``
environment variable, else ``waytahead-demo``; it is set again on every run. Never
run this on a production site: it creates a superuser.
"""

import os

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import NoReverseMatch, reverse

from common import demo_registry

DEMO_STAFF_USERNAME = "demo-staff"
DEMO_STAFF_EMAIL = "demo-staff@waytahead.example"
DEFAULT_DEMO_STAFF_PASSWORD = "waytahead-demo"  # noqa: S105 (a published demo password)
PASSWORD_ENV_VAR = "DEMO_STAFF_PASSWORD"  # noqa: S105 (the variable's name)


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
        parser.add_argument(
            "--only",
            nargs="*",
            metavar="STEP",
            help=(
                "Run only these demo steps, in their usual order "
                f"({', '.join(demo_registry.labels())}); with none, only the staff login is "
                "made (it always is)."
            ),
        )
        parser.add_argument(
            "--organisations",
            type=int,
            metavar="N",
            help=(
                "Seed a smaller directory demo, N organisations instead of about 300, for "
                "quick tests; it replaces a larger one."
            ),
        )

    def handle(self, *args, password=None, only=None, organisations=None, **options):
        password = password or os.environ.get(PASSWORD_ENV_VAR) or DEFAULT_DEMO_STAFF_PASSWORD
        if not settings.DEBUG and password == DEFAULT_DEMO_STAFF_PASSWORD:
            self.stderr.write(
                self.style.WARNING(
                    "Warning: DEBUG is off and the demo staff login gets the published default "
                    f"password. Use --password or {PASSWORD_ENV_VAR}, and never seed a "
                    "production site."
                )
            )
        try:
            steps = demo_registry.steps(only)
        except LookupError as error:
            raise CommandError(str(error)) from error
        try:
            with transaction.atomic():
                self._seed(steps, organisations, password)
        except ValueError as error:  # a size the demo cannot be, say
            raise CommandError(str(error)) from error
        self._report(password)

    def _seed(self, steps, organisations, password):
        for step in steps:
            counts = step(stdout=self.stdout, organisations=organisations)
            summary = ", ".join(f"{key}: {value}" for key, value in counts.items())
            self.stdout.write(f"Seeded {step.label}: {summary}")
        ensure_demo_staff(password)

    def _report(self, password):
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
