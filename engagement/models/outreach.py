"""Stakeholder groups and the outreach that reaches them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .keys import new_record_key


class StakeholderGroup(models.Model):
    """A group of people the engagement work must reach, and how to reach them."""

    class Kind(models.TextChoices):
        DEMOGRAPHIC = "demographic", _("Demographic")
        LANGUAGE = "language_community", _("Language community")
        FAITH = "faith", _("Faith")
        GEOGRAPHIC = "geographic", _("Geographic")
        SECTOR = "sector", _("Sector")
        AGE = "age", _("Age")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    reach_notes = models.TextField(
        _("how to reach them"),
        blank=True,
        help_text=_("Channels, languages, trusted partners, times and places that work."),
    )
    partner_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="stakeholder_groups",
        verbose_name=_("partner organisations that reach them"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder group")
        verbose_name_plural = _("stakeholder groups")

    def __str__(self):
        return self.name


class Channel(models.TextChoices):
    """How people hear about us; outreach is logged and registrations attributed by it."""

    EMAIL = "email", _("Email")
    PHONE_CALL = "phone_call", _("Phone call")
    TRANSLATED_NOTICE = "translated_notice", _("Translated notice or leaflet")
    RADIO = "radio", _("Community or non-English radio")
    SOCIAL_MEDIA = "social_media", _("Social media")
    PARTNER_NEWSLETTER = "partner_newsletter", _("Partner newsletter")
    STREET_OUTREACH = "street_outreach", _("Street outreach")
    VISIT = "visit_meeting", _("Visit or meeting")
    WORD_OF_MOUTH = "word_of_mouth", _("Word of mouth")
    OTHER = "other", _("Other")


class ParticipationStep(models.TextChoices):
    """The ladder of participation."""

    INFORM = "inform", _("Inform")
    CONSULT = "consult", _("Consult")
    ENGAGE = "engage", _("Engage")
    CO_DESIGN = "co_design", _("Co-design")
    CO_PRODUCE = "co_produce", _("Co-produce")


class OutreachActivity(models.Model):
    """One piece of outreach: a call, a translated notice, a radio slot, a street stall."""

    date = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=30, choices=Channel)
    languages = models.ManyToManyField(
        "directory.Language", blank=True, related_name="outreach", verbose_name=_("languages used")
    )
    target_groups = models.ManyToManyField(
        StakeholderGroup, blank=True, related_name="outreach", verbose_name=_("target groups")
    )
    partner_organisations = models.ManyToManyField(
        "directory.Organisation",
        blank=True,
        related_name="outreach",
        verbose_name=_("partner organisations"),
    )
    description = models.TextField(_("what happened"))
    estimated_reach = models.PositiveIntegerField(_("estimated reach"), default=0)
    responses = models.PositiveIntegerField(_("responses"), default=0)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach",
        verbose_name=_("staff member"),
    )
    follow_up_needed = models.BooleanField(_("follow-up needed"), default=False)
    follow_up_date = models.DateField(_("follow up by"), null=True, blank=True)
    participation_step = models.CharField(
        _("step on the ladder of participation"),
        max_length=20,
        choices=ParticipationStep,
        default=ParticipationStep.INFORM,
    )
    event = models.ForeignKey(
        "engagement.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outreach",
        verbose_name=_("event it promotes"),
    )
    record_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        indexes = [models.Index(fields=["date", "channel"], name="outreach_date_channel_idx")]

    def __str__(self):
        when = f"{self.date:%Y-%m-%d} " if self.date else ""
        return f"{when}{self.get_channel_display()}"
