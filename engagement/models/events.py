"""Events, registration and attendance.

Personal data (names, contact details, needs) lives only on Registration, is shown
only to staff, and is erased after the retention period or on request. Repeat
participation is counted through Participant, which holds only a keyed hash.
"""

import uuid

from django.db import models
from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .keys import new_record_key
from .outreach import Channel


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True)

    def with_places_taken(self):
        """Each event with ``places_taken``: its registrations that hold a place (see
        ``AttendanceStatus.HOLDING_A_PLACE``), counted in the same query."""
        taken = (
            Registration.objects.filter(
                event=OuterRef("pk"), status__in=AttendanceStatus.HOLDING_A_PLACE
            )
            .order_by()
            .values("event")
            .annotate(taken=Count("pk"))
            .values("taken")
        )
        return self.annotate(
            places_taken=Coalesce(Subquery(taken, output_field=models.IntegerField()), Value(0))
        )

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).exclude(
            status=Event.Status.CANCELLED
        )


class Event(models.Model):
    class Type(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        WORKSHOP = "workshop", _("Workshop")
        DROP_IN = "drop_in", _("Drop-in")
        FOCUS_GROUP = "focus_group", _("Focus group")
        CONSULTATION = "consultation", _("Consultation")
        ONLINE = "online", _("Online session")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    ACCESS_FIELDS = (
        "step_free_access",
        "hearing_loop",
        "bsl_interpretation",
        "childcare",
        "travel_expenses",
        "quiet_room",
    )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    event_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    borough = models.ForeignKey(
        "directory.Borough",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("borough"),
    )
    online_url = models.URLField(_("online link"), blank=True)
    languages = models.ManyToManyField(
        "directory.Language", blank=True, related_name="events", verbose_name=_("languages offered")
    )
    interpretation = models.CharField(
        _("interpretation available"),
        max_length=200,
        blank=True,
        help_text=_("For example: Bengali and Somali interpreters; others on request."),
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    bsl_interpretation = models.BooleanField(_("BSL interpretation"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    travel_expenses = models.BooleanField(_("travel expenses paid"), default=False)
    quiet_room = models.BooleanField(_("quiet room"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave blank for no limit.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    target_groups = models.ManyToManyField(
        "engagement.StakeholderGroup",
        blank=True,
        related_name="events",
        verbose_name=_("target groups"),
    )
    is_published = models.BooleanField(_("published"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    closing_notes = models.TextField(_("closing notes"), blank=True)
    walk_in_count = models.PositiveIntegerField(
        _("walk-ins"), default=0, help_text=_("People who came without registering: a headcount.")
    )
    # The walk-ins have no records of their own: their record keys are drawn from this.
    walk_in_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("engagement:event_detail", kwargs={"slug": self.slug})

    def access_provisions(self) -> list[str]:
        return [
            self._meta.get_field(name).verbose_name
            for name in self.ACCESS_FIELDS
            if getattr(self, name)
        ]

    def count_places_taken(self) -> int:
        """Registrations holding a place: the ``with_places_taken`` figure when the event
        was read with it, else counted now."""
        taken = getattr(self, "places_taken", None)
        if taken is None:
            taken = self.registrations.filter(status__in=AttendanceStatus.HOLDING_A_PLACE).count()
        return taken

    def places_left(self) -> int | None:
        """Places still free, or None when the event has no limit or is over (the places
        left of a past event would tell exactly how many came)."""
        if self.capacity is None or not self.takes_registrations_still():
            return None
        return max(self.capacity - self.count_places_taken(), 0)

    def takes_registrations_still(self, now=None) -> bool:
        """Whether the event is still to come (planned and not yet started): only then
        are its places left shown, since from the start they would count who came and
        who did not (checked in at the door)."""
        return self.status == self.Status.PLANNED and self.starts_at > (now or timezone.now())

    def registration_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.PLANNED or self.ends_at < now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now > self.registration_closes_at)


class Participant(models.Model):
    """A person who took part, known only by a keyed hash of their contact details,
    so that repeat participation can be counted without knowing who anyone is."""

    key = models.CharField(max_length=64, unique=True)
    record_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant (pseudonymous)")
        verbose_name_plural = _("participants (pseudonymous)")

    def __str__(self):
        return self.key[:12]


class AttendanceStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING_LIST = "waiting_list", _("Waiting list")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")

    @classmethod
    def counts_as_attendance(cls, status: str) -> bool:
        """Whether a status counts towards attendance figures."""
        return status == cls.ATTENDED

    @classmethod
    def holds_a_place(cls, status: str) -> bool:
        """Whether a status takes up one of the event's places."""
        return status in cls.HOLDING_A_PLACE


# The statuses that take up one of an event's places (an enum's members cannot be
# class attributes of their own class).
AttendanceStatus.HOLDING_A_PLACE = (AttendanceStatus.REGISTERED, AttendanceStatus.ATTENDED)


class Registration(models.Model):
    """A person's registration for an event. Personal data: staff only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    access_needs = models.TextField(_("access needs"), blank=True)
    interpretation_needs = models.CharField(_("interpretation needs"), max_length=200, blank=True)
    heard_via = models.CharField(
        _("how they heard about it"), max_length=30, choices=Channel.choices, blank=True
    )
    language = models.CharField(_("language for messages"), max_length=10, default="en")
    consent = models.BooleanField(_("agreed to the privacy notice"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AttendanceStatus,
        default=AttendanceStatus.REGISTERED,
    )
    cancel_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The one-time link to the equality questions, emailed after the event. Booleans,
    # never times: no time may tie an answer to a registration.
    monitoring_invited = models.BooleanField(
        _("sent the link to the equality questions"), default=False, editable=False
    )
    monitoring_done = models.BooleanField(
        _("link to the equality questions used"), default=False, editable=False
    )
    record_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status_idx")]

    def __str__(self):
        return self.name or str(_("(erased)"))

    @property
    def counts_as_attendance(self) -> bool:
        return AttendanceStatus.counts_as_attendance(self.status)
