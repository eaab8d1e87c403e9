"""Public engagement forms: registering for an event, equality monitoring, feedback."""

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from common.forms import AccessibleErrorsMixin, HoneypotMixin

from .models import Channel
from .models.monitoring import DIMENSIONS, SIXTEEN_PLUS_ONLY

PRIVACY_NOTE_ID = "privacy-note"

phone_characters = RegexValidator(
    r"^[0-9+()\-. ]{6,40}$",
    _("Enter a phone number using digits, spaces and + ( ) - only."),
)


def _name_field(**options) -> forms.CharField:
    """The person's own name, which the browser may fill in (autocomplete "name")."""
    return forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        **options,
    )


def _email_field(label: str, **options) -> forms.EmailField:
    """The person's email address, optional, which the browser may fill in."""
    return forms.EmailField(
        label=label,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        **options,
    )


class RadioSelectWidget(forms.RadioSelect):
    """Radio buttons whose group "id" is the first option's, so that the error summary's
    link to the question lands on it (Django's own gives no id for the group).

    The name keeps ``widget_type`` "radioselect", which _field.html renders as a fieldset.
    """

    def id_for_label(self, id_, index=None):
        return super().id_for_label(id_, "0" if index is None else index)


class RegistrationForm(AccessibleErrorsMixin, forms.Form):
    name = _name_field(
        help_text=_("So that we know who to expect. It is never shown on the website."),
    )
    email = _email_field(
        _("Email"),
        help_text=_("We send a confirmation, with a link to cancel if you cannot come."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        validators=[phone_characters],
        help_text=_("Only if you would like us to call you about the meeting."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    access_needs = forms.CharField(
        label=_("Access needs"),
        required=False,
        max_length=2000,
        help_text=_("Anything we can do so that you can take part, for example step-free access."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    interpretation_needs = forms.CharField(
        label=_("Do you need an interpreter?"),
        required=False,
        max_length=200,
        help_text=_("Tell us the language, for example: Arabic, or British Sign Language."),
    )
    heard_via = forms.ChoiceField(
        label=_("How did you hear about this meeting?"),
        required=False,
        choices=Channel.choices,
        widget=RadioSelectWidget,
        help_text=_("This helps us reach more people."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to you keeping these details to run this event, as the privacy notice says"
        ),
        error_messages={"required": _("Please agree to the privacy notice to register.")},
        widget=forms.CheckboxInput(attrs={"aria-describedby": PRIVACY_NOTE_ID}),
    )

    def full_clean(self):
        super().full_clean()
        if "consent" in self.errors:
            # Keep the privacy note announced alongside the error.
            widget = self.fields["consent"].widget
            widget.attrs["aria-describedby"] += f" {PRIVACY_NOTE_ID}"


class MonitoringForm(AccessibleErrorsMixin, forms.Form):
    """One optional radio group per monitoring question; nothing that identifies anyone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, choices) in DIMENSIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=False,
                widget=RadioSelectWidget,
                help_text=(
                    _("16 and over only. Leave this out if you are under 16.")
                    if name in SIXTEEN_PLUS_ONLY
                    else ""
                ),
            )

    def clean(self):
        data = super().clean()
        if data.get("age_band") == "under_16":
            for name in SIXTEEN_PLUS_ONLY:
                if data.get(name):
                    self.add_error(name, _("This question is only for people aged 16 or over."))
        return data

    def answers(self) -> dict:
        """Every question, with "" for the ones left unanswered."""
        return {name: self.cleaned_data.get(name) or "" for name in DIMENSIONS}


class FeedbackForm(HoneypotMixin, AccessibleErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("Your feedback"),
        max_length=5000,
        help_text=_(
            "Write in any language. Tell us what worked, what did not, and what we should change."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    contact_name = _name_field(required=False)
    contact_email = _email_field(
        _("Your email"),
        help_text=_("Only if you would like a reply. Only our staff can see it."),
    )
    contact_consent = forms.BooleanField(
        label=_("You may contact me about this"),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("contact_consent") and not data.get("contact_email"):
            self.add_error(
                "contact_email",
                _("Give an email address so that we can contact you, or untick the box."),
            )
        return data
