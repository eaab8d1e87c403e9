"""Translated fields of engagement models (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Insight, StakeholderGroup, Theme


@register(StakeholderGroup)
class StakeholderGroupTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("en",)


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = ("en",)


@register(Insight)
class InsightTranslationOptions(TranslationOptions):
    fields = ("public_summary", "public_response")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("name",)
