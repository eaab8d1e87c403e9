from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Delivery, Subscription
from ..validators import validate_webhook_url


@extend_schema_field(OpenApiTypes.URI)
class WebhookURLField(serializers.CharField):
    """An address, checked by the one validator (not DRF's too: one message, not two)."""


class SubscriptionSerializer(serializers.ModelSerializer):
    url = WebhookURLField(
        max_length=500,
        validators=[validate_webhook_url],
        help_text="Where to POST the changes: an http:// or https:// address.",
    )

    class Meta:
        model = Subscription
        fields = ["id", "url", "active", "created"]
        read_only_fields = ["id", "active", "created"]
        extra_kwargs = {
            "active": {"help_text": "Staff may pause a subscription; then nothing is sent."}
        }


class NewSubscriptionSerializer(SubscriptionSerializer):
    secret = serializers.CharField(
        read_only=True,
        help_text="Signs every request (`Webhook-Signature`). Shown this once: keep it.",
    )

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id",
            "created",
            "cursor",
            "status",
            "attempts",
            "last_attempt_at",
            "last_status_code",
            "last_error",
            "delivered_at",
            "next_attempt_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": "Sent as `Webhook-Id`, the same on every attempt."},
            "cursor": {"help_text": "The cursor of the batch's last item."},
            "last_error": {"help_text": '"timeout" or "connection" when there was no answer.'},
            "next_attempt_at": {"help_text": "When it is tried again, while pending."},
        }
