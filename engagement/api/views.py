"""Read-only REST API for engagement: public events and published "you said, we did".

Registrations, feedback and monitoring answers are never served here. A page costs a
fixed number of queries whatever its size: the count, the page, and one query per kind
of related value.
"""

import uuid

from django.db.models import F, Prefetch, Value
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.params import QueryParams
from directory.api.serializers import ErrorSerializer
from directory.api.views import LANG_PARAMETER, request_language

from ..models import Action, Event, Insight
from .serializers import EventSerializer, InsightSerializer

PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
    OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 100 (default 50)."),
]
WHEN_CHOICES = ("upcoming", "past")
WHEN_PARAMETER = OpenApiParameter(
    "when",
    OpenApiTypes.STR,
    enum=WHEN_CHOICES,
    description="`upcoming` (not yet ended and not cancelled, soonest first) or `past` "
    "(ended, latest first). Default: every public event, latest first.",
)
MAX_ID = 2**63 - 1


def _paginate(view, queryset, request):
    """The shared strict pagination, after refusing an empty ``page`` or ``page_size``: the
    schema documents both as integers, so an empty value is a mistake, not a default.

    The pagination refuses an empty value too, but this check has always come first, so
    partners see its answer: ``page`` before ``page_size``, and in English."""
    params = QueryParams(request.query_params)
    for name in ("page", "page_size"):
        if params.value(name) == "":
            raise ValidationError({name: ["Must be a whole number."]})
    return view.paginator.paginate_queryset(queryset, request, view=view)


def _events():
    """Public events, with the number of places taken worked out in the same query."""
    return (
        Event.objects.public()
        .with_places_taken()
        .select_related("borough")
        .prefetch_related("languages")
    )


class _PublicViewSet(viewsets.GenericViewSet):
    """What both read-only viewsets share: no filter backends (each reads its own
    parameters strictly), any lookup value (retrieve checks it), and a page of results
    that says its language."""

    lookup_value_regex = "[^/]+"
    filter_backends: list = []

    def _page_response(self, data, language: str) -> Response:
        response = self.paginator.get_paginated_response(data)
        response["Content-Language"] = language
        return response


def _documented(serializer, *, many: str, one: str, filters: tuple = ()):
    """The schema of a read-only viewset: ``lang`` on both actions, then ``filters`` and
    the paging on the list, and the error answers (400, and 404 for one record)."""
    return extend_schema_view(
        list=extend_schema(
            summary=many,
            parameters=[LANG_PARAMETER, *filters, *PAGE_PARAMETERS],
            responses={200: serializer(many=True), 400: ErrorSerializer},
        ),
        retrieve=extend_schema(
            summary=one,
            parameters=[LANG_PARAMETER],
            responses={200: serializer, 400: ErrorSerializer, 404: ErrorSerializer},
        ),
    )


@_documented(
    EventSerializer, many="Public events", one="One public event", filters=(WHEN_PARAMETER,)
)
class EventViewSet(_PublicViewSet):
    """Published events: meetings, drop-ins, workshops, focus groups and consultations.

    Each event gives its time and place, the languages offered and interpretation, its
    access provisions (step-free access, hearing loop, BSL, childcare, travel expenses,
    quiet room), its capacity and the places left (null when there is no limit), and its
    title and description in the requested language (`lang`) with every translation in
    `translations`. People register on the page at `url`; no registration data is ever
    served here.
    """

    serializer_class = EventSerializer
    queryset = Event.objects.none()

    def list(self, request):
        language = request_language(request)
        when = QueryParams(request.query_params).choice("when", WHEN_CHOICES)
        events = _events()
        if when == "upcoming":
            events = events.upcoming().order_by("starts_at", "id")
        elif when == "past":
            events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "id")
        else:
            events = events.order_by("-starts_at", "id")
        page = _paginate(self, events, request)
        data = EventSerializer(page, many=True, context={"language": language}).data
        return self._page_response(data, language)

    def retrieve(self, request, pk=None):
        language = request_language(request)
        event = _events().filter(pk=_uuid_or_404(pk)).first()
        if event is None:
            raise Http404
        data = EventSerializer(event, context={"language": language}).data
        return Response(data, headers={"Content-Language": language})


def _uuid_or_404(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Http404 from None


def _insights():
    return Insight.objects.published().prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("planned_for", "pk"))
    )


def insight_links(insight_ids: list) -> dict:
    """Stakeholder group and theme slugs for a page of insights, in one UNION query."""
    if not insight_ids:
        return {}
    groups = Insight.stakeholder_groups.through.objects.filter(insight_id__in=insight_ids)
    themes = Insight.themes.through.objects.filter(insight_id__in=insight_ids)
    parts = [
        groups.values_list(Value("stakeholder_groups"), "insight_id", F("stakeholdergroup__slug")),
        themes.values_list(Value("themes"), "insight_id", F("theme__slug")),
    ]
    links: dict = {}
    first, *rest = [part.order_by() for part in parts]
    for kind, insight_id, slug in first.union(*rest, all=True):
        links.setdefault(insight_id, {}).setdefault(kind, []).append(slug)
    return links


@_documented(
    InsightSerializer, many='Published "you said, we did"', one='One published "you said, we did"'
)
class InsightViewSet(_PublicViewSet):
    """What people told us ("you said") and what we did about it ("we did"), newest first.

    Only published responses are served, in the requested language (`lang`) with every
    translation in `translations`, with the stakeholder groups it was heard from, its
    themes, and the actions planned and done. Never who said it.
    """

    serializer_class = InsightSerializer
    queryset = Insight.objects.none()

    def list(self, request):
        language = request_language(request)
        insights = _insights().order_by("-response_published_at", "-id")
        page = _paginate(self, insights, request)
        context = {"language": language, "links": insight_links([item.pk for item in page])}
        data = InsightSerializer(page, many=True, context=context).data
        return self._page_response(data, language)

    def retrieve(self, request, pk=None):
        language = request_language(request)
        try:
            insight_id = int(pk)
        except (TypeError, ValueError):
            raise Http404 from None
        if not 0 < insight_id <= MAX_ID:
            raise Http404
        insight = _insights().filter(pk=insight_id).first()
        if insight is None:
            raise Http404
        context = {"language": language, "links": insight_links([insight.pk])}
        data = InsightSerializer(insight, context=context).data
        return Response(data, headers={"Content-Language": language})
