"""Form behaviour shared by every public form."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AccessibleErrorsMixin:
    """Point each invalid field's aria-describedby at its error message as well as its hint,
    so that screen readers announce why a field was refused."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            widget.attrs["aria-describedby"] = " ".join(ids)


class HoneypotMixin:
    """Anti-spam for forms anyone may send without an account: a field hidden from people
    (templates put ``website_url`` in a ``.honeypot`` box, out of the tab order) that bots
    fill in. A view pretends a spam submission went through, and stores nothing. The
    views add a rate limit per address too (django-ratelimit)."""

    HONEYPOT = "website_url"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.HONEYPOT] = forms.CharField(
            required=False,
            label=_("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.HONEYPOT))
