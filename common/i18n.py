"""Which language a piece of translated content is actually shown in.

A translated field (django-modeltranslation) shows the page's language, or else falls
back along ``MODELTRANSLATION_FALLBACK_LANGUAGES``: English, then the other languages in
order, so that text written only in Bengali is still shown, in Bengali. Pages mark such
text with its own ``lang`` (and ``dir``), and the API says which language each field is in.
"""

from __future__ import annotations

import functools

from django.utils.translation import get_language, get_language_info
from modeltranslation.utils import resolution_order

RTL_LANGUAGES = {"ar", "fa", "he", "ur"}


def page_language() -> str:
    return (get_language() or "en").split("-")[0]


def fallback_order(language: str | None = None) -> tuple[str, ...]:
    """The languages a field is looked up in for ``language``, in order."""
    return resolution_order(language or page_language())


@functools.lru_cache(maxsize=32)
def fallback_chain(language: str) -> tuple[str, ...]:
    """``fallback_order`` for raw ``.values()`` rows (the API, the feed, downloads):
    the same order, worked out once per language."""
    return resolution_order(language)


def shown_text(instance, field: str, language: str | None = None) -> tuple[str, str]:
    """``(language code, text)`` of what ``instance.<field>`` shows in ``language``
    (the page's by default): its own text, or the first fallback that has some."""
    language = language or page_language()
    for code in fallback_order(language):
        value = getattr(instance, f"{field}_{code}", None)
        if value:
            return code, value
    return language, ""


def shown_language(instance, field: str, language: str | None = None) -> str:
    """The language ``instance.<field>`` is shown in (``language`` for untranslated fields)."""
    language = language or page_language()
    if not hasattr(instance, f"{field}_{language}"):
        return language
    return shown_text(instance, field, language)[0]


def direction(code: str) -> str:
    return "rtl" if code in RTL_LANGUAGES else "ltr"


def language_name(code: str) -> str:
    """The language's name in the page's language ("Bengali" in English, "bengalski" in
    Polish)."""
    return str(get_language_info(code)["name_translated"])
