"""Template helpers used across the site."""

import json

from django import template
from django.utils.html import _json_script_escapes, format_html
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


@register.simple_tag
def text_lang(instance, field: str) -> str:
    """` lang="bn" dir="ltr"` for an element holding text shown in another language than
    the page's (the English fallback, or the only language a listing was written in), so
    that screen readers read it in its own language and its direction is its own."""
    from common.i18n import direction, page_language, shown_language

    page = page_language()
    code = shown_language(instance, field, page)
    if code == page:
        return ""
    return format_html(' lang="{}" dir="{}"', code, direction(code))


@register.simple_tag
def list_separator() -> str:
    """The comma between items of a list, as the page's language writes it ("، " in
    Arabic, ", " elsewhere)."""
    from django.utils.translation import get_language

    return "، " if (get_language() or "").startswith("ar") else ", "


@register.filter
def figure(value):
    """A figure as the page's language writes numbers ("12,345" in English, "12 345"
    in Polish, with its decimal comma); markers such as "[c]" are left as they are.
    CSV downloads keep plain digits."""
    from decimal import Decimal, InvalidOperation

    from django.utils.formats import number_format

    text = str(value)
    try:
        number = Decimal(text)
    except InvalidOperation:
        return value
    places = len(text.split(".", 1)[1]) if "." in text else 0
    return number_format(number, decimal_pos=places, use_l10n=True, force_grouping=True)
