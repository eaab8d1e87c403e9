"""Sending email in the recipient's own language."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def send_localised_email(*, to: str, language: str, template: str, context: dict) -> None:
    """Render ``emails/<template>_subject.txt`` and ``_body.txt`` in ``language`` and send.

    Log lines name the template, never the address.
    """
    if not to:
        return
    codes = {code for code, _name in settings.LANGUAGES}
    language = language if language in codes else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {**context, "site_url": settings.SITE_URL, "language": language}
        subject = render_to_string(f"emails/{template}_subject.txt", context).strip()
        body = render_to_string(f"emails/{template}_body.txt", context)
    send_mail(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False
    )
    logger.info("Sent %s email in %s", template, language)


def notify_users(users, *, template: str, context: dict, skip=None) -> int:
    """Email each user (not ``skip``, a user id) in their own language; returns how many
    were sent. Users without an address are passed over."""
    sent = 0
    for user in users:
        if user.pk == skip or not user.email:
            continue
        send_localised_email(
            to=user.email, language=user.preferred_language, template=template, context=context
        )
        sent += 1
    return sent
