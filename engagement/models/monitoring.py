"""Anonymous equality monitoring, in Census 2021 categories.

A response is stored against an event or an outreach activity only. It has no foreign
key to a person, a registration or a user, a random id, and the month it was received
but no day or time, so it cannot be matched to a registration by timestamp.

Answers do not reach ``MonitoringResponse`` as they arrive: they wait as
``PendingMonitoringResponse`` rows until ``services.monitoring_batch_write`` moves them
all in a shuffled order, so neither insertion order nor a time ties a stored row to the
request that sent it.
"""

import uuid
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from .keys import new_record_key

PREFER_NOT = ("prefer_not_to_say", _("Prefer not to say"))


def with_prefer_not(*choices):
    return [*choices, PREFER_NOT]


AGE_BANDS = with_prefer_not(
    ("under_16", _("Under 16")),
    ("16_24", _("16 to 24")),
    ("25_34", _("25 to 34")),
    ("35_49", _("35 to 49")),
    ("50_64", _("50 to 64")),
    ("65_74", _("65 to 74")),
    ("75_plus", _("75 or over")),
)
SEX = with_prefer_not(("female", _("Female")), ("male", _("Male")))
GENDER_IDENTITY = with_prefer_not(
    ("same", _("Yes, my gender is the same as my sex registered at birth")),
    ("different", _("No, my gender is different")),
)
COUNTRY_OF_BIRTH = with_prefer_not(
    ("uk", _("United Kingdom")),
    ("europe_eu", _("Outside the UK: European Union")),
    ("europe_other", _("Outside the UK: rest of Europe")),
    ("africa", _("Outside the UK: Africa")),
    ("middle_east_asia", _("Outside the UK: Middle East and Asia")),
    ("americas_caribbean", _("Outside the UK: the Americas and the Caribbean")),
    ("oceania_other", _("Outside the UK: Antarctica, Oceania or elsewhere")),
)
MAIN_LANGUAGE = with_prefer_not(
    ("english", _("English (or Welsh)")),
    ("other", _("Another language")),
)
ENGLISH_PROFICIENCY = with_prefer_not(
    ("very_well", _("Very well")),
    ("well", _("Well")),
    ("not_well", _("Not well")),
    ("not_at_all", _("Not at all")),
)
# The 19 ONS ethnic groups (Census 2021), each with its high-level group of five.
ETHNIC_GROUPS = {
    "indian": ("asian", _("Asian or Asian British: Indian")),
    "pakistani": ("asian", _("Asian or Asian British: Pakistani")),
    "bangladeshi": ("asian", _("Asian or Asian British: Bangladeshi")),
    "chinese": ("asian", _("Asian or Asian British: Chinese")),
    "other_asian": ("asian", _("Asian or Asian British: any other Asian background")),
    "caribbean": ("black", _("Black, Black British, Caribbean or African: Caribbean")),
    "african": ("black", _("Black, Black British, Caribbean or African: African")),
    "other_black": ("black", _("Black, Black British, Caribbean or African: any other background")),
    "white_black_caribbean": ("mixed", _("Mixed or multiple: White and Black Caribbean")),
    "white_black_african": ("mixed", _("Mixed or multiple: White and Black African")),
    "white_asian": ("mixed", _("Mixed or multiple: White and Asian")),
    "other_mixed": ("mixed", _("Mixed or multiple: any other background")),
    "white_british": ("white", _("White: English, Welsh, Scottish, Northern Irish or British")),
    "white_irish": ("white", _("White: Irish")),
    "gypsy_traveller": ("white", _("White: Gypsy or Irish Traveller")),
    "roma": ("white", _("White: Roma")),
    "other_white": ("white", _("White: any other White background")),
    "arab": ("other", _("Other ethnic group: Arab")),
    "any_other": ("other", _("Other ethnic group: any other ethnic group")),
}
ETHNIC_GROUP = with_prefer_not(*((key, label) for key, (_group, label) in ETHNIC_GROUPS.items()))
ETHNIC_GROUP_ROLLUP = {key: group for key, (group, _label) in ETHNIC_GROUPS.items()}
QUALIFICATION = with_prefer_not(
    ("none", _("No qualifications")),
    ("level_1", _("Level 1 and entry level (for example 1 to 4 GCSEs)")),
    ("level_2", _("Level 2 (for example 5 or more GCSEs)")),
    ("apprenticeship", _("Apprenticeship")),
    ("level_3", _("Level 3 (for example 2 or more A levels)")),
    ("level_4_plus", _("Level 4 or above (for example a degree)")),
    ("other", _("Other qualifications, including from abroad")),
)
DISABILITY = with_prefer_not(
    ("limited_a_lot", _("Yes, my day-to-day activities are limited a lot")),
    ("limited_a_little", _("Yes, my day-to-day activities are limited a little")),
    ("no", _("No")),
)
RELIGION = with_prefer_not(
    ("none", _("No religion")),
    ("christian", _("Christian")),
    ("buddhist", _("Buddhist")),
    ("hindu", _("Hindu")),
    ("jewish", _("Jewish")),
    ("muslim", _("Muslim")),
    ("sikh", _("Sikh")),
    ("other", _("Any other religion")),
)
SEXUAL_ORIENTATION = with_prefer_not(
    ("straight", _("Straight or heterosexual")),
    ("gay_lesbian", _("Gay or lesbian")),
    ("bisexual", _("Bisexual")),
    ("other", _("Another sexual orientation")),
)

# Monitoring dimensions: field name -> (label, choices).
DIMENSIONS = {
    "age_band": (_("Age"), AGE_BANDS),
    "sex": (_("Sex"), SEX),
    "gender_identity": (_("Gender identity (16 and over)"), GENDER_IDENTITY),
    "country_of_birth": (_("Country of birth"), COUNTRY_OF_BIRTH),
    "main_language": (_("Main language"), MAIN_LANGUAGE),
    "english_proficiency": (_("How well you speak English"), ENGLISH_PROFICIENCY),
    "ethnic_group": (_("Ethnic group"), ETHNIC_GROUP),
    "qualification": (_("Highest qualification"), QUALIFICATION),
    "disability": (_("Disability"), DISABILITY),
    "religion": (_("Religion"), RELIGION),
    "sexual_orientation": (_("Sexual orientation (16 and over)"), SEXUAL_ORIENTATION),
}
SIXTEEN_PLUS_ONLY = ("gender_identity", "sexual_orientation")


def _answer(field):
    label, choices = DIMENSIONS[field]
    return models.CharField(label, max_length=30, choices=choices, blank=True)


def month_start(day: date) -> date:
    """The first day of ``day``'s month: the only date an answer keeps."""
    return day.replace(day=1)


class MonitoringAnswers(models.Model):
    """One person's optional, anonymous answers. Blank means "not answered".

    Shared by a stored response and one waiting for the next batch.
    """

    class Source(models.TextChoices):
        ONLINE = "online", _("Online form")
        PAPER = "paper", _("Paper form, typed in by staff")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    month = models.DateField(
        _("month"), help_text=_("Only the month is kept: any day in it will do.")
    )
    age_band = _answer("age_band")
    sex = _answer("sex")
    gender_identity = _answer("gender_identity")
    country_of_birth = _answer("country_of_birth")
    main_language = _answer("main_language")
    english_proficiency = _answer("english_proficiency")
    ethnic_group = _answer("ethnic_group")
    qualification = _answer("qualification")
    disability = _answer("disability")
    religion = _answer("religion")
    sexual_orientation = _answer("sexual_orientation")

    class Meta:
        abstract = True

    def __str__(self):
        return str(_("Monitoring response"))

    def save(self, *args, **kwargs):
        if self.month:
            self.month = month_start(self.month)
        super().save(*args, **kwargs)

    def answers(self) -> dict:
        return {field: getattr(self, field) for field in DIMENSIONS}

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.month:
            self.month = month_start(self.month)
        if self.age_band == "under_16":
            for field in SIXTEEN_PLUS_ONLY:
                if getattr(self, field):
                    raise ValidationError(
                        {field: _("This question is only for people aged 16 or over.")}
                    )


def _linked_to(model: str, related_name: str):
    return models.ForeignKey(
        f"engagement.{model}",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
    )


class MonitoringResponse(MonitoringAnswers):
    """A stored response, counted in the figures. Written only in shuffled batches."""

    event = _linked_to("Event", "monitoring_responses")
    outreach_activity = _linked_to("OutreachActivity", "monitoring_responses")
    record_key = models.PositiveSmallIntegerField(default=new_record_key, editable=False)

    class Meta:
        verbose_name = _("monitoring response")
        verbose_name_plural = _("monitoring responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False) | models.Q(outreach_activity__isnull=False),
                name="monitoring_has_event_or_activity",
            ),
        ]


class PendingMonitoringResponse(MonitoringAnswers):
    """Answers received and waiting for the next batch: not counted, never listed.

    No record key (the stored response draws its own) and nothing but the month.
    """

    event = _linked_to("Event", "pending_monitoring_responses")
    outreach_activity = _linked_to("OutreachActivity", "pending_monitoring_responses")

    class Meta:
        verbose_name = _("monitoring response waiting for the next batch")
        verbose_name_plural = _("monitoring responses waiting for the next batch")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False) | models.Q(outreach_activity__isnull=False),
                name="pending_monitoring_has_event_or_activity",
            ),
        ]
