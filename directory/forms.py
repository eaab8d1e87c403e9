"""Forms for the co-produced directory: suggest, propose, claim, report."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from common.forms import AccessibleErrorsMixin, HoneypotMixin

from .models import Borough, Language, OrganisationClaim, ProblemReport, TaxonomyTerm
from .models.records import FACT_FIELDS, PROSE_FIELDS
from .postcodes import PostcodeProblem, check_address_postcode
from .validators import parse_org_id, validate_uk_postcode

# Prose, written per language; every other field is one value for all languages.
TEXT_FIELDS = PROSE_FIELDS
# What a proposal says about where the listing belongs, so that it appears under the
# directory's filters from the day it is published.
PROPOSAL_LINKS = ("categories", "beneficiaries", "languages", "areas_served")


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def language_choices():
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


def _choose_many(label, queryset, key: str, help_text="") -> forms.ModelMultipleChoiceField:
    """An optional list of checkboxes, its choices named by ``key`` (a slug or a code)."""
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=queryset,
        to_field_name=key,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class ListingFieldsForm(AccessibleErrorsMixin, forms.Form):
    """The public fields of a listing, with the text fields in one chosen language."""

    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the organisation does and who it is for, in plain words."),
    )
    opening_hours = forms.CharField(
        label=_("Opening hours"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    accessibility_notes = forms.CharField(
        label=_("Accessibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: step-free entrance at the side door, hearing loop at reception."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(
        label=_("Public email"),
        required=False,
        help_text=_("A general address for the organisation, not a person's own."),
    )
    phone = forms.CharField(label=_("Public phone"), max_length=30, required=False)
    address_1 = forms.CharField(label=_("Address"), max_length=200, required=False)
    address_2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    postcode = forms.CharField(
        label=_("Postcode"), max_length=10, required=False, validators=[validate_uk_postcode]
    )
    borough = forms.ModelChoiceField(
        label=_("Borough"),
        queryset=Borough.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Choose a borough"),
    )

    def __init__(self, *args, language="en", fallbacks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        # {field: English text} the form started with where ``language`` has none.
        self.fallbacks = fallbacks or {}
        if language != "en":
            # Only English is required; a translation may leave fields blank.
            for name in TEXT_FIELDS:
                self.fields[name].required = False
        for name in TEXT_FIELDS:
            self.fields[name].widget.attrs.update({"lang": language})

    def clean_postcode(self):
        """A postcode the loaded postcode data cannot place in London is refused here,
        with the reason, rather than when a moderator approves it."""
        postcode = self.cleaned_data.get("postcode", "")
        try:
            check_address_postcode(postcode)
        except PostcodeProblem as problem:
            raise forms.ValidationError(problem.messages, code=problem.code) from problem
        return postcode

    def listing_values(self) -> dict:
        """The cleaned values, keyed by model field name (text fields per language)."""
        data = self.cleaned_data
        values = {}
        for name in TEXT_FIELDS:
            value = data.get(name, "") or ""
            if name in self.fallbacks and _same_text(value, self.fallbacks[name]):
                value = ""  # the English text sent back unchanged is not a translation
            values[f"{name}_{self.language}"] = value
        for name in FACT_FIELDS:
            values[name] = data.get(name, "") or ""
        borough = data.get("borough")
        values["borough"] = borough.slug if borough else ""
        return values


class SuggestEditForm(ListingFieldsForm):
    reason = forms.CharField(
        label=_("Why are you suggesting this?"),
        help_text=_("Tell us how you know, for example: “we moved to Sundays in September”."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    language = forms.ChoiceField(widget=forms.HiddenInput, choices=language_choices)


class ProposeOrganisationForm(ListingFieldsForm):
    """A new listing, written in whichever language the proposer writes in."""

    language = forms.ChoiceField(
        label=_("The language you are writing in"),
        choices=language_choices,
        help_text=_(
            "The name and description are kept in this language. Anyone can add a "
            "translation later."
        ),
    )
    org_id = forms.CharField(
        label=_("Registered number"),
        required=False,
        max_length=64,
        help_text=_("As an org-id, for example GB-CHC-1090095 for a charity."),
    )
    reason = forms.CharField(
        label=_("How do you know about this organisation?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    not_a_duplicate = forms.BooleanField(
        label=_("This is a different organisation from the ones listed above"),
        required=False,
    )

    categories = _choose_many(_("Areas of work"), TaxonomyTerm.objects.categories(), "slug")
    beneficiaries = _choose_many(_("Who it helps"), TaxonomyTerm.objects.beneficiaries(), "slug")
    languages = _choose_many(_("Languages spoken"), Language.objects.all(), "code")
    areas_served = _choose_many(
        _("Areas served"),
        Borough.objects.all(),
        "slug",
        help_text=_("The boroughs it works in, besides the one it is based in."),
    )

    field_order = ["language", "name", "org_id", "description", "borough"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new listing needs a name and a description, in whatever language it is in.
        self.fields["name"].required = True
        self.fields["description"].required = True

    def listing_links(self) -> dict[str, list[str]]:
        """The chosen terms, languages and boroughs, as slugs and codes, per link."""
        return {
            name: sorted(
                getattr(item, self.fields[name].to_field_name)
                for item in self.cleaned_data.get(name) or []
            )
            for name in PROPOSAL_LINKS
        }

    def clean_org_id(self):
        value = self.cleaned_data.get("org_id", "").strip()
        if value:
            scheme, identifier = parse_org_id(value)
            return f"{scheme}-{identifier}"
        return value


class ClaimForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = OrganisationClaim
        fields = ["role", "evidence"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 4})}


class ProblemReportForm(HoneypotMixin, AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = ProblemReport
        fields = ["topic", "message", "contact_email"]
        widgets = {
            "topic": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "contact_email": _("Only our staff can see it, and only to reply to you."),
        }
        # The form marks optional fields itself: no "(optional)" in the label too.
        labels = {"contact_email": _("Email for a reply")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A topic is required: no blank "---------" radio button.
        self.fields["topic"].choices = ProblemReport.Topic.choices


class RejectForm(AccessibleErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Reason, sent to the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class ReviewSuggestionForm(AccessibleErrorsMixin, forms.Form):
    """The suggested values, one field each, which the reviewer may adjust before
    approving ("approve with changes"). Only the fields the suggestion changes."""

    LONG_TEXT = ("description", "accessibility_notes", "opening_hours")
    LEFT_TO_RIGHT = ("phone", "website", "email", "postcode")

    def __init__(self, *args, suggestion, **kwargs):
        from common.i18n import direction

        from .selectors import field_label

        kwargs.setdefault("initial", dict(suggestion.changes))
        super().__init__(*args, **kwargs)
        for name in sorted(suggestion.changes):
            base, _sep, code = name.rpartition("_")
            long_text = name in self.LONG_TEXT or base in self.LONG_TEXT
            widget = forms.Textarea(attrs={"rows": 4}) if long_text else forms.TextInput()
            if base in PROSE_FIELDS and code in dict(settings.LANGUAGES):
                widget.attrs.update(lang=code, dir=direction(code))
            else:  # one value for every language: numbers and addresses keep their order
                widget.attrs["dir"] = "ltr" if name in self.LEFT_TO_RIGHT else "auto"
            self.fields[name] = forms.CharField(
                label=field_label(name) or name, required=False, strip=True, widget=widget
            )

    def changes(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.fields}
