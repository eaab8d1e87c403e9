"""Template helpers used across the site."""

import json

from django import template
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_bidi, get_language_info

register = template.Library()


@register.filter
def ld_json(value) -> str:
    """Serialise structured data for a <script type="application/ld+json"> block, escaped
    so that no value can close the script element."""
    return mark_safe(  # noqa: S308 (escaped below, as django's json_script does)
        json.dumps(value, ensure_ascii=False, sort_keys=True).translate(_json_script_escapes)
    )


@register.simple_tag
def text_direction() -> str:
    return "rtl" if get_language_bidi() else "ltr"


@register.simple_tag
def language_name_local(code: str) -> str:
    return get_language_info(code)["name_local"]


def shown_in_english(instance, field: str) -> bool:
    """Whether ``instance.<field>`` is shown in English on this page because the page's
    language has no text of its own (modeltranslation falls back to English)."""
    from django.utils.translation import get_language

    code = (get_language() or "en").split("-")[0]
    if code == "en" or not hasattr(instance, f"{field}_en"):
        return False
    return not getattr(instance, f"{field}_{code}", "") and bool(getattr(instance, f"{field}_en"))


@register.simple_tag
def english_fallback(instance, field: str) -> str:
    """` lang="en" dir="ltr"` for an element holding English fallback text, so that
    screen readers read it as English and right-to-left pages keep it left to right."""
    return mark_safe(' lang="en" dir="ltr"') if shown_in_english(instance, field) else ""


@register.simple_tag
def list_separator() -> str:
    """The comma between items of a list, as the page's language writes it ("، " in
    Arabic, ", " elsewhere)."""
    from django.utils.translation import get_language

    return "، " if (get_language() or "").startswith("ar") else ", "
