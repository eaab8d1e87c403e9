"""Feedback, the insights drawn from it, and the actions that answer it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .keys import new_record_key
from .outreach import StakeholderGroup


class Feedback(models.Model):
    """Something someone told us: through the public form, or heard by staff."""

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        IN_PERSON = "in_person", _("Heard in person")
        OUTREACH = "outreach", _("During outreach")
        PHONE = "phone", _("Phone")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        "engagement.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
    )
    outreach_activity = models.ForeignKey(
        "engagement.OutreachActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.ONLINE
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    text = models.TextField(_("feedback"), max_length=5000)
    # Personal data, given only with consent; staff only; erased with the retention task.
    contact_name = models.CharField(_("name (optional)"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email (optional)"), blank=True)
    contact_consent = models.BooleanField(_("agreed to be contacted"), default=False)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return self.text[:60]


class Theme(models.Model):
    """Barrier, need, suggestion, praise, complaint."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class InsightQuerySet(models.QuerySet):
    def published(self):
        return self.filter(response_published_at__isnull=False)

    def open(self):
        return self.exclude(status__in=[Insight.Status.DONE, Insight.Status.CLOSED])


class Insight(models.Model):
    """A finding drawn from one or more pieces of feedback, investigated and acted on.

    Its public face is "you said" (``public_summary``) and "we did" (``public_response``),
    translated, shown once published.
    """

    class Status(models.TextChoices):
        NEW = "new", _("New")
        INVESTIGATING = "investigating", _("Investigating")
        CONFIRMED = "confirmed", _("Confirmed")
        NOT_CONFIRMED = "not_confirmed", _("Not confirmed")
        ACTION_PLANNED = "action_planned", _("Action planned")
        DONE = "done", _("Done")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("insight"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)
    feedback = models.ManyToManyField(
        Feedback, blank=True, related_name="insights", verbose_name=_("feedback")
    )
    stakeholder_groups = models.ManyToManyField(
        StakeholderGroup, blank=True, related_name="insights", verbose_name=_("stakeholder groups")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="insights", verbose_name=_("themes")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="insights",
        verbose_name=_("owner"),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    public_summary = models.TextField(_("you said (public)"), blank=True)
    public_response = models.TextField(_("we did (public)"), blank=True)
    response_published_at = models.DateTimeField(_("response published"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    record_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InsightQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("insight")
        verbose_name_plural = _("insights")

    def __str__(self):
        return self.title


class Action(models.Model):
    """What we will do about an insight, and what we did."""

    insight = models.ForeignKey(Insight, on_delete=models.CASCADE, related_name="actions")
    planned = models.TextField(_("what we will do"))
    planned_for = models.DateField(_("planned for"), null=True, blank=True)
    outcome = models.TextField(_("what we did"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["planned_for", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self):
        return self.planned[:60]
