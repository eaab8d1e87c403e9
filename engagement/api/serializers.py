"""The shapes of the engagement API's responses, as documented in the OpenAPI schema.

Each serializer declares its fields (for the schema) and builds its output from a model
instance in the requested language (``context["language"]``). Nothing here reads a
registration or a feedback author: places left is the only figure drawn from
registrations, a count given only while the event is still to come (afterwards it
would tell exactly how many came and cancelled).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from rest_framework import serializers

from directory.api.serializers import TranslationsField
from directory.api.views import LANGUAGE_CODES, translated
from directory.public import api_datetime

from ..models import Event, Insight


def _translations(instance, fields: dict) -> dict:
    """{public name: {language code: text}} for every language that has text."""
    values = instance.__dict__
    return {
        public: {
            code: values[f"{field}_{code}"]
            for code in LANGUAGE_CODES
            if values.get(f"{field}_{code}")
        }
        for public, field in fields.items()
    }


class EventAccessSerializer(serializers.Serializer):
    step_free_access = serializers.BooleanField()
    hearing_loop = serializers.BooleanField()
    bsl_interpretation = serializers.BooleanField(help_text="British Sign Language interpreters.")
    childcare = serializers.BooleanField()
    travel_expenses = serializers.BooleanField(help_text="Travel expenses are paid.")
    quiet_room = serializers.BooleanField()


class EventSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    url = serializers.URLField(help_text="The event's public page, with its registration form.")
    title = serializers.CharField(help_text="In the requested language, else English.")
    description = serializers.CharField(help_text="In the requested language, else English.")
    event_type = serializers.ChoiceField(choices=Event.Type.choices)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue_name = serializers.CharField(allow_blank=True)
    venue_address = serializers.CharField(allow_blank=True)
    borough = serializers.SlugField(allow_null=True, help_text="The borough's slug.")
    online = serializers.BooleanField(help_text="Whether people can take part online.")
    languages = serializers.ListField(
        child=serializers.CharField(), help_text="ISO 639 codes of the languages offered."
    )
    interpretation = serializers.CharField(allow_blank=True, help_text="Interpretation available.")
    access = EventAccessSerializer(help_text="Access provisions.")
    capacity = serializers.IntegerField(allow_null=True, help_text="Null when there is no limit.")
    places_left = serializers.IntegerField(
        allow_null=True,
        help_text="Places still free; null when there is no limit, and once the event has "
        "started, was held or was cancelled (then it would count who came).",
    )
    status = serializers.ChoiceField(choices=Event.Status.choices)
    translations = TranslationsField(help_text='{"title": {"bn": "..."}, "description": {...}}')

    def to_representation(self, event: Event) -> dict:
        language = self.context["language"]
        values = event.__dict__
        with translation.override(language):
            url = settings.SITE_URL + reverse(
                "engagement:event_detail", kwargs={"slug": event.slug}
            )
        places_left = event.places_left()
        return {
            "id": str(event.pk),
            "slug": event.slug,
            "url": url,
            "title": translated(values, "title", language),
            "description": translated(values, "description", language),
            "event_type": event.event_type,
            "starts_at": api_datetime(event.starts_at),
            "ends_at": api_datetime(event.ends_at),
            "venue_name": event.venue_name,
            "venue_address": event.venue_address,
            "borough": event.borough.slug if event.borough else None,
            "online": bool(event.online_url) or event.event_type == Event.Type.ONLINE,
            "languages": sorted(language.code for language in event.languages.all()),
            "interpretation": event.interpretation,
            "access": {name: getattr(event, name) for name in Event.ACCESS_FIELDS},
            "capacity": event.capacity,
            "places_left": places_left,
            "status": event.status,
            "translations": _translations(event, {"title": "title", "description": "description"}),
        }


class ActionSerializer(serializers.Serializer):
    planned = serializers.CharField(help_text="What we will do.")
    outcome = serializers.CharField(allow_blank=True, help_text="What we did; blank until done.")
    done_on = serializers.DateField(allow_null=True)


class InsightSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    you_said = serializers.CharField(help_text="What people told us, in the requested language.")
    we_did = serializers.CharField(help_text="What we did about it, in the requested language.")
    stakeholder_groups = serializers.ListField(
        child=serializers.SlugField(), help_text="Slugs of the groups it was heard from."
    )
    themes = serializers.ListField(child=serializers.SlugField())
    actions = ActionSerializer(many=True)
    published_at = serializers.DateTimeField()
    translations = TranslationsField(help_text='{"you_said": {"bn": "..."}, "we_did": {...}}')

    def to_representation(self, insight: Insight) -> dict:
        language = self.context["language"]
        values = insight.__dict__
        links = self.context.get("links", {}).get(insight.pk, {})
        return {
            "id": insight.pk,
            "you_said": translated(values, "public_summary", language),
            "we_did": translated(values, "public_response", language),
            "stakeholder_groups": sorted(links.get("stakeholder_groups", [])),
            "themes": sorted(links.get("themes", [])),
            "actions": [
                {
                    "planned": action.planned,
                    "outcome": action.outcome,
                    "done_on": action.done_on.isoformat() if action.done_on else None,
                }
                for action in insight.actions.all()
            ],
            "published_at": api_datetime(insight.response_published_at),
            "translations": _translations(
                insight, {"you_said": "public_summary", "we_did": "public_response"}
            ),
        }
