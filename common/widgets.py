"""Form widgets shared by the public pages."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


class FastSelect(forms.Select):
    """A single ``<select>`` written out in Python.

    Django renders every ``<option>`` through a template of its own; on the browse page,
    whose filters offer about 130 options, that was a third of the page's time. The
    markup is the same: every attribute Django adds to the field (id, ``aria-invalid``,
    ``aria-describedby``) and the selected option. Option groups go to Django's own
    rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for option_value, option_label in self.choices:
            if isinstance(option_label, list | tuple):
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            options.append(
                f'<option value="{conditional_escape(option_value)}"'
                f"{' selected' if option_value in selected else ''}>"
                f"{conditional_escape(option_label)}</option>"
            )
            if option_value in selected and not self.allow_multiple_selected:
                selected = set()  # as Django: only the first match is selected
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        return mark_safe(f"<select{flatatt(final_attrs)}>{''.join(options)}</select>")  # noqa: S308
