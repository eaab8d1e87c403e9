"""/api/v1/headway/: the public headway figures as open data.

The same tables as the public page (/<lang>/headway/), from the same code, with the
same suppression: aggregates only, no filters (so no two answers can be subtracted),
no personal data. A figure is a number, ``null`` when hidden to protect privacy; a
column missing from a row's ``values`` is not available for that row.
"""

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.api.serializers import ErrorSerializer
from directory.api.views import LANG_PARAMETER, request_language

from . import snapshots
from .figures import headway_figures
from .perturbation import MAX_NOISE
from .tables import SECTIONS


@extend_schema_field({"type": "number", "nullable": True})
class FigureField(serializers.Field):
    """A count (an integer), a percentage, a ratio or a number of days; null if hidden."""

    def to_representation(self, value):
        return value


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=["count", "percent", "ratio", "days"],
        help_text="count: people or activities; percent: 0 to 100; ratio: 1.0 means in "
        "proportion to the population; days: a median number of days.",
    )


class RowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    values = serializers.DictField(
        child=FigureField(),
        help_text="Column key -> figure. null: hidden to protect privacy. A column left "
        "out: not available for this row.",
    )
    flag = serializers.CharField(
        allow_blank=True, help_text='"under" for a group under-represented (ratio below 0.8).'
    )


class ComparisonSerializer(serializers.Serializer):
    area_code = serializers.CharField(help_text="ONS GSS code of the baseline's area.")
    area_name = serializers.CharField()
    dimension = serializers.CharField(help_text="The baseline's dimension.")
    sources = serializers.ListField(child=serializers.CharField())
    bases = serializers.ListField(
        child=serializers.CharField(), help_text="The base population (the denominator)."
    )
    confidence = serializers.ListField(child=serializers.CharField())
    derived = serializers.BooleanField(help_text="Whether a group is 100 minus the others.")


class TableSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Stable identifier; `table=` of the CSV download.")
    section = serializers.CharField()
    title = serializers.CharField()
    explanation = serializers.CharField(help_text="What the figure means, in plain language.")
    row_heading = serializers.CharField()
    columns = ColumnSerializer(many=True)
    rows = RowSerializer(many=True)
    total = RowSerializer(allow_null=True)
    base = serializers.CharField(help_text="Who the figures are of.")
    source = serializers.CharField()
    comparison = ComparisonSerializer(
        allow_null=True, help_text="The population figures compared with, if any."
    )


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()


class SuppressionSerializer(serializers.Serializer):
    threshold = serializers.IntegerField(help_text="Counts from 1 to this minus 1 are hidden.")
    min_base = serializers.IntegerField(help_text="Percentages of fewer people are hidden.")
    max_noise = serializers.IntegerField(
        help_text="Every shown count (and total) is perturbed by at most this, either way, "
        "by the cell-key method: the same records always get the same noise."
    )
    description = serializers.CharField()


class HeadwaySerializer(serializers.Serializer):
    language = serializers.CharField()
    as_of = serializers.DateTimeField(
        allow_null=True,
        help_text="When the snapshot the figures come from was taken; null before the first. "
        "The figures change only when a new snapshot is published, on a schedule.",
    )
    licence = serializers.CharField()
    suppression = SuppressionSerializer()
    sections = SectionSerializer(many=True)
    tables = TableSerializer(many=True)


class HeadwayView(APIView):
    """Public headway figures: outreach and its reach, registrations and attendance,
    people who come back, who takes part compared with London's population (Census
    2021, Source: Office for National Statistics), how we answer what we hear, and all
    of it month by month. Aggregates only, every small count hidden, every count
    perturbed a little (the same way every time), from the latest published snapshot
    (`as_of`), never from live data."""

    @extend_schema(
        summary="Headway figures (aggregates, small numbers hidden)",
        parameters=[LANG_PARAMETER],
        responses={200: HeadwaySerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        language = request_language(request)
        snapshot = snapshots.latest_published()
        with translation.override(language):
            data = HeadwaySerializer(
                {
                    "language": language,
                    "as_of": snapshot.taken_at if snapshot else None,
                    "licence": settings.OPEN_DATA_LICENCE["name"],
                    "suppression": {
                        "threshold": settings.SMALL_NUMBER_THRESHOLD,
                        "min_base": settings.SMALL_BASE_THRESHOLD,
                        "max_noise": MAX_NOISE,
                        "description": "Counts from 1 to threshold-1 are null, and so is at "
                        "least one more count in the same table so that none can be worked "
                        "out from the total; percentages of fewer than min_base are null. "
                        "Every other count, totals included, is perturbed by at most "
                        "max_noise (cell-key method), so rows need not add up to totals.",
                    },
                    "sections": [{"key": key, "title": title} for key, title in SECTIONS],
                    "tables": headway_figures(snapshot=snapshot),
                }
            ).data
        return Response(data, headers={"Content-Language": language})
