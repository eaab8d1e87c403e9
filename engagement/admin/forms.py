"""Forms for the intermediate pages of engagement admin actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Insight, StakeholderGroup, Theme
from .common import staff_users


class InsightFromFeedbackForm(forms.Form):
    """What the new insight is called, and who looks into it."""

    title = forms.CharField(
        label=_("Insight"),
        max_length=Insight._meta.get_field("title").max_length,
        help_text=_(
            "What the feedback tells us, in one sentence: for example, “non-UK-born "
            "residents think the meetings are only for British-born people”."
        ),
        widget=forms.TextInput(attrs={"size": 80}),
    )
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=staff_users())
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stakeholder_groups = forms.ModelMultipleChoiceField(
        label=_("Stakeholder groups"),
        queryset=StakeholderGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to take the groups recorded on the feedback."),
    )
