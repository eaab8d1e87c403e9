"""Co-production: suggestions, claims, editors, problem reports and reminders.

A suggestion never changes the published record by itself: it waits until a
moderator, or an editor of that organisation, approves it (see services.py).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import Organisation


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReviewedQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ReviewStatus.PENDING)


class Reviewed(models.Model):
    """What a suggestion and a claim share: a review status, when it was sent and when
    decided, and the queue's order (newest first). Each declares its own ``reviewer``
    (the reverse names differ) and ``review_note`` (to the author, or to the member)."""

    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus, default=ReviewStatus.PENDING
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReviewedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]


class OrganisationEditor(models.Model):
    """A member who may edit an organisation's listing directly, after a claim."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="editors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="editor_of"
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation editor")
        verbose_name_plural = _("organisation editors")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_editor"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class OrganisationSuggestion(Reviewed):
    """A proposed change to a listing, or a proposed new listing, awaiting review.

    ``changes`` holds only the fields that change, keyed by model field name
    (``description_pl``, ``website``...); ``original`` holds their values when the
    suggestion was made, so reviewers see a field-by-field diff.
    """

    class Kind(models.TextChoices):
        EDIT = "edit", _("Edit")
        TRANSLATION = "translation", _("Translation")
        NEW_LISTING = "new_listing", _("New listing")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="suggestions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EDIT)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    changes = models.JSONField(_("changes"), default=dict)
    original = models.JSONField(_("values before"), default=dict)
    base_version = models.PositiveIntegerField(_("listing version suggested against"), default=1)
    reason = models.TextField(_("reason or source"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("author"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_suggestions",
        verbose_name=_("reviewer"),
    )
    review_note = models.TextField(
        _("note to the author"), blank=True, help_text=_("Required when rejecting.")
    )

    class Meta(Reviewed.Meta):
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["status", "created_at"], name="suggestion_queue_idx")]

    def __str__(self):
        return _("%(kind)s for %(organisation)s") % {
            "kind": self.get_kind_display(),
            "organisation": self.organisation,
        }


class OrganisationClaim(Reviewed):
    """A member asks to become an editor of an organisation's listing."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    role = models.CharField(_("your role in the organisation"), max_length=200)
    evidence = models.TextField(
        _("how we can check"),
        help_text=_("For example, an email address at the organisation's own domain."),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_claims",
    )
    review_note = models.TextField(_("note to the member"), blank=True)

    class Meta(Reviewed.Meta):
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_claim_per_member",
            ),
        ]

    def __str__(self):
        return _("Claim of %(organisation)s") % {"organisation": self.organisation}


class ProblemReport(models.Model):
    """Anyone, signed in or not, reports that a listing is wrong."""

    class Topic(models.TextChoices):
        OUT_OF_DATE = "out_of_date", _("Out of date")
        CLOSED = "closed", _("The organisation has closed")
        WRONG_DETAILS = "wrong_details", _("Wrong details")
        INAPPROPRIATE = "inappropriate", _("Inappropriate content")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")
        DISMISSED = "dismissed", _("Dismissed")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="problem_reports"
    )
    topic = models.CharField(_("what is wrong"), max_length=20, choices=Topic.choices)
    message = models.TextField(_("details"), max_length=4000)
    # Personal data: visible to staff only, never on a public page or in an export.
    contact_email = models.EmailField(_("email for a reply (optional)"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")

    def __str__(self):
        return f"{self.get_topic_display()}: {self.organisation}"


class StaleListingReminder(models.Model):
    """One reminder per listing per period of staleness: sending is idempotent."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="stale_reminders"
    )
    # The last confirmation the reminder is about ("never" if none), so a listing that is
    # confirmed and later goes stale again gets a new reminder.
    period = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("stale listing reminder")
        verbose_name_plural = _("stale listing reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"], name="one_reminder_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.period})"


class NotificationLog(models.Model):
    """Keys of notifications already sent, so that a task that runs twice sends once."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("notification sent")
        verbose_name_plural = _("notifications sent")

    def __str__(self):
        return self.key
