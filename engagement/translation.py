"""Translated fields of engagement models (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Action, Event, Insight, StakeholderGroup, Theme


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


# "What changed" on the "you said, we did" page is read by the public, so it is
# translatable like the response it belongs to.
@register(Action)
class ActionTranslationOptions(TranslationOptions):
    fields = ("outcome",)
