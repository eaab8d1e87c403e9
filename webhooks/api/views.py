"""A partner's webhooks in the API: register an address, list and remove one's own, and
read each one's delivery log. A token is needed (``Authorization: Token <key>``); a
subscription of someone else's is not found."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from directory.api.serializers import ErrorSerializer

from .. import services
from ..models import Subscription
from .serializers import DeliverySerializer, NewSubscriptionSerializer, SubscriptionSerializer

MAX_ID = 2**63 - 1
ID_PARAMETER = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The subscription's id."
)
PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 100 (default 50)."),
]
ERRORS = {401: ErrorSerializer, 404: ErrorSerializer}
REGISTER_DESCRIPTION = """The changes feed (`/organisations/changes/`), pushed to an address.

Each change and removal is POSTed to every active subscription as JSON,
`{"subscription": id, "results": [items...], "cursor": "<last>"}`, up to 100 items
a request, its items as the feed gives them, in the feed's order. A subscription is
sent the changes made after it was registered. Headers: `Webhook-Id` (the delivery's
id, the same on every attempt: drop a duplicate), `Webhook-Timestamp` (Unix seconds)
and `Webhook-Signature: sha256=<hex>`, the HMAC-SHA256 of
`"<Webhook-Timestamp>.<body>"` keyed with the subscription's secret. Answer with a
2xx: anything else (a redirect is not followed), or no answer within the timeout (5
seconds), is tried again after 2, 4, 8... minutes (at most 6 hours apart), 10 times
in all; the next batch waits meanwhile. Each delivery's attempts are in its log."""


class SubscriptionViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A partner's webhooks: the changes feed, pushed to the addresses they register."""

    permission_classes = [IsAuthenticated]
    serializer_class = SubscriptionSerializer
    filter_backends: list = []
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return Subscription.objects.filter(owner=self.request.user).order_by("id")

    def get_object(self) -> Subscription:
        raw = str(self.kwargs.get("pk", ""))
        pk = int(raw) if raw.isascii() and raw.isdigit() else None
        if pk is None or pk > MAX_ID:
            raise Http404("No subscription matches the given query.")
        subscription = self.get_queryset().filter(pk=pk).first()
        if subscription is None:  # none, or someone else's
            raise Http404("No subscription matches the given query.")
        return subscription

    @extend_schema(
        summary="Your webhook subscriptions",
        parameters=PAGE_PARAMETERS,
        responses={200: SubscriptionSerializer(many=True), 400: ErrorSerializer, **ERRORS},
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="Register an address for webhooks",
        description=REGISTER_DESCRIPTION,
        request=SubscriptionSerializer,
        responses={
            201: OpenApiResponse(
                NewSubscriptionSerializer,
                description="Registered. The `secret` is shown this once.",
            ),
            400: ErrorSerializer,
            401: ErrorSerializer,
        },
    )
    def create(self, request, *args, **kwargs):
        serializer = SubscriptionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        subscription = services.register(owner=request.user, url=serializer.validated_data["url"])
        data = NewSubscriptionSerializer(subscription).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a webhook subscription",
        parameters=[ID_PARAMETER],
        responses={204: OpenApiResponse(description="Removed."), **ERRORS},
    )
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)

    @extend_schema(
        summary="A webhook subscription's deliveries, latest first",
        parameters=[ID_PARAMETER, *PAGE_PARAMETERS],
        responses={200: DeliverySerializer(many=True), 400: ErrorSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get"], url_path="deliveries")
    def deliveries(self, request, pk=None):
        subscription = self.get_object()
        page = self.paginate_queryset(subscription.deliveries.order_by("-id"))
        return self.get_paginated_response(DeliverySerializer(page, many=True).data)
