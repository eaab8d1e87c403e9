"""A partner's subscription to the changes feed, and each batch sent to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .validators import validate_webhook_url


class Subscription(models.Model):
    """An address to POST the changes feed to, for the partner who registered it.

    ``cursor`` is where in the feed this subscription has read to: every later change
    is, or will be, in one of its deliveries. It starts at the latest change when the
    subscription is registered. ``secret`` signs each request; it is shown to the
    partner once, when they register, and never again (not in the admin either)."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webhook_subscriptions",
        verbose_name=_("owner"),
    )
    url = models.URLField(_("address"), max_length=500, validators=[validate_webhook_url])
    secret = models.CharField(max_length=100, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    cursor = models.CharField(_("read to"), max_length=50, default="0.0", editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self) -> str:
        return self.url


class Delivery(models.Model):
    """One batch of the feed (up to 100 items) for one subscription: the body as it is
    sent on every attempt, and how its attempts went. Its id is the ``Webhook-Id``."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        DELIVERED = "delivered", _("delivered")
        FAILED = "failed", _("failed")

    subscription = models.ForeignKey(
        Subscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    # The batch's first and last items' cursors in the feed.
    first_cursor = models.CharField(_("first cursor"), max_length=50)
    cursor = models.CharField(_("cursor"), max_length=50)
    items = models.PositiveIntegerField(_("items"), default=0)
    # The JSON body; emptied once delivered (the feed itself keeps the history).
    body = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    # Why the last attempt failed when there was no status code: "timeout", "connection".
    last_error = models.CharField(_("last error"), max_length=20, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # While a worker is sending it: until when the others leave it alone (a worker that
    # died mid-send lets it go again then, with the same Webhook-Id).
    sending_until = models.DateTimeField(_("being sent until"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "first_cursor"], name="webhook_delivery_batch_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhook_delivery_due_idx"),
            # A subscription's next delivery to send: its oldest pending one.
            models.Index(
                fields=["subscription", "status", "id"], name="webhook_delivery_queue_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subscription_id}: {self.first_cursor} to {self.cursor}"
