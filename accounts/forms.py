from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import AccessibleErrorsMixin

from .models import User


class ProfileForm(AccessibleErrorsMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "show_name_publicly", "preferred_language"]


class DeleteAccountForm(AccessibleErrorsMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted and cannot be recovered"),
    )
