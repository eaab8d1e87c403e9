"""Read-only REST API for the directory.

Lists are served from ``.values()`` with the count taken on the bare filtered table and
every many-to-many value of a page fetched in one query, so a page costs a fixed,
small number of queries whatever its size.
"""

import functools
import uuid

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import F, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from common.i18n import fallback_chain
from common.params import BadParameter, QueryParams

from .. import changes, services
from ..models import (
    Borough,
    Language,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
    TaxonomyTerm,
)
from ..ordering import name_sort
from ..public import (
    ACCESSIBILITY_FIELDS,
    LANGUAGE_CODES,
    PUBLIC_FIELDS,
    SUMMARY_FIELDS,
    TRANSLATED_FIELDS,
    api_datetime,
    translated_columns,
)
from ..selectors import LINK_KINDS, M2M_LINKS, organisation_links, register_sources
from .filters import ORDERINGS, OrganisationApiFilter
from .serializers import (
    BoroughSerializer,
    ChangeSerializer,
    ErrorSerializer,
    LanguageSerializer,
    OrganisationDetailSerializer,
    OrganisationListItemSerializer,
    OrganisationSerializer,
    TermSerializer,
)

SERVICE_TRANSLATED = ("name", "description", "eligibility", "fees")
# Output key: field, for the text whose language the API reports.
ORGANISATION_TEXT = {
    "name": "name",
    "description": "description",
    "accessibility.notes": "accessibility_notes",
}
SERVICE_TEXT = {field: field for field in SERVICE_TRANSLATED}

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=LANGUAGE_CODES,
    description="Language of translated text (default: from Accept-Language, else English). "
    "Missing translations fall back to English; `translations` carries every language.",
)


def request_language(request) -> str:
    """``?lang=`` if given (and valid), else the language negotiated from the request."""
    requested = QueryParams(request.query_params).choice("lang", LANGUAGE_CODES)
    if requested is not None:
        return requested
    current = translation.get_language() or "en"
    return current if current in LANGUAGE_CODES else "en"


def text_in(row: dict, field: str, language: str) -> tuple[str, str]:
    """``(language code, text)`` of a translated field for ``language``: its own text,
    else English, else the first language that has some (a listing proposed in Bengali
    is served in Bengali until someone translates it)."""
    for code in fallback_chain(language):
        value = row.get(f"{field}_{code}")
        if value:
            return code, value
    return language, ""


def translated(row: dict, field: str, language: str) -> str:
    return text_in(row, field, language)[1]


def texts_with_languages(row: dict, fields: dict, language: str) -> tuple[dict, dict]:
    """The translated ``fields`` ({output key: field}) of a row in ``language``, and
    ``{output key: language}`` for each whose text is in another language (a fallback)."""
    texts, languages = {}, {}
    for key, field in fields.items():
        code, texts[key] = text_in(row, field, language)
        if code != language:
            languages[key] = code
    return texts, languages


@functools.lru_cache(maxsize=16)
def _translation_keys(fields: tuple) -> tuple:
    return tuple(
        (field, tuple((code, f"{field}_{code}") for code in LANGUAGE_CODES)) for field in fields
    )


def translations_of(row: dict, fields: tuple) -> dict:
    """``{field: {language: text}}`` for every language a field has text in."""
    return {
        field: {code: row[key] for code, key in keys if row.get(key)}
        for field, keys in _translation_keys(fields)
    }


def listing_url(slug: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse("directory:organisation_detail", kwargs={"slug": slug})


_SLUG_MARKER = "slug-marker"


@functools.lru_cache(maxsize=64)
def _listing_url_parts(site_url: str, language: str) -> tuple[str, str]:
    with translation.override(language):
        url = reverse("directory:organisation_detail", kwargs={"slug": _SLUG_MARKER})
    prefix, suffix = (site_url + url).split(_SLUG_MARKER)
    return prefix, suffix


def listing_url_builder(language: str):
    """``listing_url`` for many slugs: reverse() once per language, not once per row
    (it was a fifth of an API page). Slugs are URL-safe, so joining is the same."""
    prefix, suffix = _listing_url_parts(settings.SITE_URL, language)
    return lambda slug: f"{prefix}{slug}{suffix}"


# The whole public shape of a listing, every language's text included.
ROW_FIELDS = [*PUBLIC_FIELDS, *translated_columns(TRANSLATED_FIELDS)]


def organisation_dict(row: dict, links: dict, language: str, url_for=None) -> dict:
    """One organisation, from a ``.values()`` row and its many-to-many values."""
    borough_slug = row.get("borough_slug")
    texts, field_languages = texts_with_languages(row, ORGANISATION_TEXT, language)
    return {
        "id": str(row["id"]),
        "slug": row["slug"],
        "url": url_for(row["slug"]) if url_for else listing_url(row["slug"], language),
        "language": language,
        "field_languages": field_languages,
        "name": texts["name"],
        "description": texts["description"],
        "legal_form": row["legal_form"],
        "org_ids": sorted(links.get("identifiers", [])),
        "website": row["website"],
        "email": row["email"],
        "phone": row["phone"],
        "address": {
            "address_1": row["address_1"],
            "address_2": row["address_2"],
            "city": row["city"],
            "postcode": row["postcode"],
        },
        "borough": {"slug": borough_slug, "name": row["borough_name"]} if borough_slug else None,
        "areas_served": sorted(links.get("areas_served", [])),
        "serves_all_london": row["serves_all_london"],
        "categories": sorted(links.get("categories", [])),
        "beneficiaries": sorted(links.get("beneficiaries", [])),
        "languages": sorted(links.get("languages", [])),
        "accessibility": {
            **{name: row[name] for name in ACCESSIBILITY_FIELDS},
            "notes": texts["accessibility.notes"],
        },
        "opening_hours": row["opening_hours"],
        "status": row["status"],
        "last_confirmed_at": api_datetime(row["last_confirmed_at"]),
        "updated_at": api_datetime(row["updated_at"]),
        "licence": row["licence"] or settings.OPEN_DATA_LICENCE["name"],
        "translations": translations_of(row, SUMMARY_FIELDS),
        # Only when a point was given (near, or lat and lng): to 10 metres.
        **({"distance_km": round(row["distance_km"], 2)} if "distance_km" in row else {}),
    }


def row_links(row: dict) -> dict:
    """The many-to-many values a ``RowsWithLinks`` row carries, by kind."""
    return {kind: row["links_" + kind] for kind in LINK_KINDS}


@functools.lru_cache(maxsize=4)
def _links_columns_sql(vendor: str) -> str:
    """Every many-to-many value of one row of a page ``p``, as one array column per kind
    (``links_categories``...), for PostgreSQL; quoted names from the models' metadata.
    Each value is looked up by primary key (a join here made PostgreSQL hash the whole
    value table once per row)."""
    qn = connection.ops.quote_name
    page_id = f"p.{qn('id')}"
    columns = []
    for kind, field_name, value_field in M2M_LINKS:
        m2m = Organisation._meta.get_field(field_name)
        target = m2m.related_model._meta
        value = (
            f"(SELECT v.{qn(target.get_field(value_field).column)} FROM {qn(target.db_table)} v "  # noqa: S608
            f"WHERE v.{qn(target.pk.column)} = t.{qn(m2m.m2m_reverse_name())})"
        )
        columns.append(
            f"ARRAY(SELECT {value} FROM {qn(m2m.remote_field.through._meta.db_table)} t "  # noqa: S608
            f"WHERE t.{qn(m2m.m2m_column_name())} = {page_id}) AS {qn('links_' + kind)}"
        )
    identifier = OrganisationIdentifier._meta
    columns.append(
        f"ARRAY(SELECT t.{qn(identifier.get_field('org_id').column)} "  # noqa: S608
        f"FROM {qn(identifier.db_table)} t "
        f"WHERE t.{qn(identifier.get_field('organisation').column)} = {page_id}) "
        f"AS {qn('links_identifiers')}"
    )
    return ", ".join(columns)


class RowsWithLinks:
    """A ``.values()`` queryset (with ``id``) whose slices come back as row dicts that also
    carry their many-to-many values, ``links_<kind>`` lists, for a paginator.

    On PostgreSQL the page's SELECT is wrapped in one that adds an ``ARRAY(...)`` per
    kind, so a page is read in one statement and the arrays are worked out for the
    page's rows only (a second query for them cost about a sixth of an API list
    request). Elsewhere they come from ``organisation_links``: one more query."""

    ordered = True

    def __init__(self, rows):
        self.rows = rows

    def __getitem__(self, key: slice) -> list[dict]:
        page = self.rows[key]
        database = connections[page.db]
        if database.vendor != "postgresql":
            found = list(page)
            links = organisation_links(organisation_id__in=[row["id"] for row in found])
            for row in found:
                values = links.get(row["id"], {})
                for kind in LINK_KINDS:
                    row["links_" + kind] = values.get(kind, [])
            return found
        try:
            sql, params = page.query.get_compiler(connection=database).as_sql()
        except EmptyResultSet:
            return []  # a filter that can match nothing: Django runs no query either
        # No outer ORDER BY: PostgreSQL passes a sorted, limited subquery's rows through
        # a plain projection in order (tests check the order on PostgreSQL).
        with database.cursor() as cursor:
            wrapped = f"SELECT p.*, {_links_columns_sql(database.vendor)} FROM ({sql}) p"  # noqa: S608
            cursor.execute(wrapped, params)
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


FILTER_PARAMETERS = frozenset(OrganisationApiFilter.base_filters)
CHANGES_PARAMETERS = frozenset({"cursor", "since", "page_size", "lang", "format"})
MERGED_RESPONSE = OpenApiResponse(
    response=inline_serializer(
        "MergedOrganisation",
        {
            "detail": serializers.CharField(help_text='Always "merged".'),
            "merged_into": serializers.UUIDField(help_text="The id of the organisation now."),
            "url": serializers.URLField(help_text="Its address in this API (also `Location`)."),
        },
    ),
    description="Moved permanently: this organisation was merged into another, whose "
    "address is in `Location` and `url`.",
)


@extend_schema_view(
    list=extend_schema(
        summary="List and search organisations",
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("page", OpenApiTypes.INT, description="Page number, from 1."),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 100 (default 50)."),
        ],
        responses={200: OrganisationListItemSerializer(many=True), 400: ErrorSerializer},
    ),
    retrieve=extend_schema(
        summary="One organisation, with its services and locations",
        parameters=[LANG_PARAMETER],
        responses={
            200: OrganisationDetailSerializer,
            301: MERGED_RESPONSE,
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    ),
)
class OrganisationViewSet(viewsets.GenericViewSet):
    """Published organisations in the directory.

    Filters combine with AND: `q` (words in any language, accents ignored), `borough`
    (slug), `category` (term slug, including narrower terms), `language` (ISO code),
    `beneficiary` (term slug) and `updated_since` (ISO 8601). Near a place: `near` (a
    postcode) or `lat` and `lng` (WGS84), with `within` (km, default 2, at most 50),
    gives organisations whose address or a location is that close, nearest first, each
    with `distance_km`; `ordering` may still sort them otherwise. To sync, ask for
    `?updated_since=<last run>&ordering=updated_at` and follow the pages. Unchanged
    pages answer `304 Not Modified` to `If-None-Match`.
    """

    filterset_class = OrganisationApiFilter
    filter_backends = [DjangoFilterBackend]  # documents the filters; list() applies them
    queryset = Organisation.objects.public()
    serializer_class = OrganisationSerializer
    lookup_value_regex = "[^/]+"

    def list(self, request):
        """A search word that matches nothing may be corrected from the directory's words
        (`comunity` searches `community`): the results are those of the corrected words,
        which the `X-Search-Corrected` header gives (percent-encoded UTF-8); without
        that header, every word was searched as typed."""
        language = request_language(request)
        public = Organisation.objects.public()
        if FILTER_PARAMETERS.isdisjoint(request.query_params):
            # A plain listing (or a page of one): no filter to build or validate, which
            # was a tenth of such a request.
            filterset, filtered, ordering, query, centre = None, public, "", "", None
        else:
            params = request.query_params
            filterset = OrganisationApiFilter(params, queryset=public, request=request)
            if not filterset.is_valid():
                raise ValidationError(filterset.errors)
            filtered = filterset.qs
            ordering = filterset.form.cleaned_data.get("ordering") or ""
            query = filterset.form.cleaned_data.get("q")
            centre = filterset.centre
        # The count is taken on the bare, filtered table. The ETag (and 304 Not Modified)
        # is the page's hash (common.middleware.ConditionalGetMiddleware), so it
        # changes with anything shown, a renamed category included.
        total = filtered.order_by().count()
        by_name = name_sort(language)
        if ordering:
            ordered = filtered.order_by(
                *(
                    (by_name.desc() if key.startswith("-") else by_name)
                    if key.endswith("name")
                    else key
                    for key in ORDERINGS[ordering]
                )
            )
        elif centre is not None:
            ordered = filtered.order_by("distance_km", by_name, "id")
        elif query:
            # Only this page will be read: through its last row, if within the search's
            # top hits, nothing else is (the same rows; see search_organisations).
            paginator = self.paginator
            last = paginator.get_page_size(request) * paginator.get_page_number_value(request)
            ranked = filterset.first_results(public, last)
            ordered = ranked.order_by("-relevance", by_name, "id")
        else:
            ordered = filtered.order_by(by_name, "id")
        # raw_values(): the columns as stored. Language fallbacks are ours (translated());
        # modeltranslation's, row by row, would be work thrown away.
        extra = {"distance_km": F("distance_km")} if centre is not None else {}
        rows = ordered.raw_values(
            *ROW_FIELDS, borough_slug=F("borough__slug"), borough_name=F("borough__name"), **extra
        )
        paginator = self.paginator
        page = paginator.paginate_queryset(RowsWithLinks(rows), request, view=self, count=total)
        url_for = listing_url_builder(language)
        results = [organisation_dict(row, row_links(row), language, url_for) for row in page]
        response = paginator.get_paginated_response(results)
        response["Content-Language"] = language
        if filterset is not None and (corrected := filterset.corrected_header()):
            response["X-Search-Corrected"] = corrected
        return response

    @extend_schema(
        summary="Changes and removals since a cursor, to keep a mirror",
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter(
                "cursor",
                OpenApiTypes.STR,
                pattern=rf"^({changes.CURSOR_PATTERN})?$",  # or empty: the start
                description="Where the last read ended: the `cursor` it returned. "
                "Without it the stream starts at the beginning (the whole public set).",
            ),
            OpenApiParameter(
                "since",
                OpenApiTypes.DATETIME,
                description="Only changes on or after this ISO 8601 date-time (or date).",
            ),
            OpenApiParameter("page_size", OpenApiTypes.INT, description="1 to 1000 (default 100)."),
        ],
        responses={
            200: inline_serializer(
                "ChangesPage",
                {
                    "results": ChangeSerializer(many=True),
                    "cursor": serializers.CharField(
                        help_text="Pass it as `cursor` next time to read on from here."
                    ),
                    "next": serializers.URLField(
                        allow_null=True, help_text="The next page now, if there is more."
                    ),
                },
            ),
            400: ErrorSerializer,
        },
    )
    @action(detail=False, url_path="changes", filter_backends=[], pagination_class=None)
    def changes(self, request):
        """Every change to the public set, removals included, in one ordered stream.

        Each listing appears once, at its latest change: `updated` with its record as the
        list gives it, or `removed` with when and why it left (`unpublished`, `merged`
        with `merged_into`, `closed`, `removed_from_register`, `deleted`). Apply the
        results in order (upsert, or delete), keep the `cursor`, and ask again with it:
        a mirror kept this way holds exactly the public set. Follow `next` while it is
        not null."""
        params = QueryParams(request.query_params)
        unknown = sorted(set(request.query_params) - CHANGES_PARAMETERS)
        if unknown:
            raise ValidationError(
                {name: [_("This parameter is not supported here.")] for name in unknown}
            )
        language = request_language(request)
        limit = params.positive_integer("page_size", default=100, maximum=1000)
        after = None
        # An empty cursor is the start of the stream.
        if raw := params.value("cursor"):
            try:
                after = changes.Cursor.parse(raw)
            except changes.BadCursor:
                raise ValidationError(
                    {"cursor": [_("Not a cursor this feed gave: use the last response's.")]}
                ) from None
        try:
            since = params.moment("since")
        except BadParameter:
            if _before_any_change(params.value("since") or ""):
                since = None  # a real date-time, too early for the clock: every change
            else:
                raise ValidationError(
                    {
                        "since": [
                            _("Enter an ISO 8601 date-time or date, e.g. 2026-05-01T09:30:00Z.")
                        ]
                    }
                ) from None
        entries, more = changes.read(after=after, since=since, limit=limit)
        results = change_items(entries, language)
        cursor = results[-1]["cursor"] if results else (str(after) if after else "0.0")
        next_url = None
        if more:
            query = request.query_params.copy()
            query["cursor"] = cursor
            next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return Response(
            {"results": results, "cursor": cursor, "next": next_url},
            headers={"Content-Language": language},
        )

    def retrieve(self, request, pk=None):
        language = request_language(request)
        try:
            organisation_id = uuid.UUID(str(pk))
        except ValueError:
            organisation_id = None
        organisation = (
            Organisation.objects.public()
            .select_related("borough")
            .prefetch_related(
                Prefetch(
                    "services",
                    queryset=Service.objects.prefetch_related(
                        "categories", "languages", "locations"
                    ),
                ),
                Prefetch("locations", queryset=Location.objects.select_related("borough")),
                "register_records",
            )
            .filter(pk=organisation_id)
            .first()
            if organisation_id is not None
            else None
        )
        if organisation is None:
            survivor = services.survivor_of(pk=organisation_id) if organisation_id else None
            if survivor is None:
                raise Http404("No Organisation matches the given query.")  # as before
            # Merged into another listing: a permanent redirect to the one it became.
            url = request.build_absolute_uri(
                reverse("api:organisation-detail", kwargs={"pk": survivor.pk})
            )
            query = request.META.get("QUERY_STRING", "")
            url = f"{url}?{query}" if query else url
            body = {"detail": "merged", "merged_into": str(survivor.pk), "url": url}
            return Response(body, status=301, headers={"Location": url})
        row = {name: getattr(organisation, name) for name in ROW_FIELDS}
        row["borough_slug"] = organisation.borough.slug if organisation.borough else None
        row["borough_name"] = organisation.borough.name if organisation.borough else None
        links = organisation_links(organisation_id=organisation.pk).get(organisation.pk, {})
        data = organisation_dict(row, links, language)
        data["services"] = [
            service_dict(service, language) for service in organisation.services.all()
        ]
        data["locations"] = [location_dict(location) for location in organisation.locations.all()]
        with translation.override(language):
            sources = register_sources(organisation)
        data["provenance"] = [
            {
                "source": source["source"],
                "title": source["title"],
                "extract_date": source["extract_date"].isoformat(),
                "licence": source["licence"],
                "fields": source["fields"],
                "removed_on": source["removed_on"].isoformat() if source["removed_on"] else None,
            }
            for source in sources
        ]
        return Response(data, headers={"Content-Language": language})


def _before_any_change(value: str) -> bool:
    """An ISO 8601 date-time so early that it cannot be held in UTC (year 1 with an
    offset east of Greenwich): valid, and before every change."""
    from django.utils.dateparse import parse_datetime

    try:
        moment = parse_datetime(value.strip())
    except ValueError:
        return False
    return moment is not None and moment.year == 1


def change_items(entries: list[changes.Entry], language: str) -> list[dict]:
    """The changes feed's items for ``entries`` (the API's, and the webhooks'): each
    ``updated`` with the listing's public record as the list gives it, or ``removed``
    with its reason (and ``merged_into`` after a merge). A fixed number of queries."""
    public_ids = [entry.organisation_id for entry in entries if entry.removal is None]
    records = {}
    if public_ids:
        rows = (
            Organisation.objects.public()
            .filter(pk__in=public_ids)
            .order_by("id")
            .raw_values(
                *ROW_FIELDS, borough_slug=F("borough__slug"), borough_name=F("borough__name")
            )
        )
        url_for = listing_url_builder(language)
        records = {
            row["id"]: organisation_dict(row, row_links(row), language, url_for)
            for row in RowsWithLinks(rows)[: len(public_ids)]
        }
    items = []
    for entry in entries:
        item = {
            "cursor": str(entry.cursor),
            "id": str(entry.organisation_id),
            "at": api_datetime(entry.at),
        }
        record = records.get(entry.organisation_id) if entry.removal is None else None
        if record is not None:
            item.update(change="updated", organisation=record)
        else:  # gone since it was read, or a tombstone
            item.update(change="removed", reason=entry.removal or changes.Reason.UNPUBLISHED)
            if entry.merged_into is not None:
                item["merged_into"] = str(entry.merged_into)
        items.append(item)
    return items


def service_dict(service: Service, language: str) -> dict:
    row = {
        f"{f}_{c}": getattr(service, f"{f}_{c}") for f in SERVICE_TRANSLATED for c in LANGUAGE_CODES
    }
    row["schedule"] = service.schedule
    texts, field_languages = texts_with_languages(row, SERVICE_TEXT, language)
    return {
        "id": str(service.pk),
        "language": language,
        "field_languages": field_languages,
        "name": texts["name"],
        "description": texts["description"],
        "status": service.status,
        "url": service.url,
        "eligibility": texts["eligibility"],
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "fees": texts["fees"],
        "schedule": row["schedule"],
        "categories": sorted(term.slug for term in service.categories.all()),
        "languages": sorted(item.code for item in service.languages.all()),
        "locations": [str(location.pk) for location in service.locations.all()],
        "translations": translations_of(row, ("name", "description")),
    }


def location_dict(location: Location) -> dict:
    return {
        "id": str(location.pk),
        "name": location.name,
        "address_1": location.address_1,
        "city": location.city,
        "postcode": location.postcode,
        "borough": location.borough.slug if location.borough else None,
        "latitude": float(location.latitude) if location.latitude is not None else None,
        "longitude": float(location.longitude) if location.longitude is not None else None,
        "accessibility": {
            **{name: getattr(location, name) for name in Location.ACCESSIBILITY_FIELDS},
            "notes": location.accessibility_notes,
        },
    }


@extend_schema_view(
    list=extend_schema(summary="Areas of work", parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(summary="One area of work", parameters=[LANG_PARAMETER]),
)
class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Areas of work (a hierarchical taxonomy); use a term's `slug` as `category=`."""

    serializer_class = TermSerializer
    lookup_field = "slug"
    queryset = TaxonomyTerm.objects.categories().select_related("parent").order_by("name_en")
    lookup_value_regex = "[^/]+"
    filter_backends: list = []

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        translation.activate(request_language(request))


@extend_schema_view(
    list=extend_schema(summary="Beneficiary groups", parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(summary="One beneficiary group", parameters=[LANG_PARAMETER]),
)
class BeneficiaryViewSet(CategoryViewSet):
    """Who organisations help; use a term's `slug` as `beneficiary=`."""

    queryset = TaxonomyTerm.objects.beneficiaries().select_related("parent").order_by("name_en")


@extend_schema_view(list=extend_schema(summary="London's 33 boroughs"))
class BoroughViewSet(viewsets.ReadOnlyModelViewSet):
    """The 32 London boroughs and the City of London, with ONS GSS codes."""

    serializer_class = BoroughSerializer
    queryset = Borough.objects.order_by("name")
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    filter_backends: list = []


@extend_schema_view(list=extend_schema(summary="Languages"))
class LanguageViewSet(viewsets.ReadOnlyModelViewSet):
    """Languages, by ISO 639 code, with their names in their own script."""

    serializer_class = LanguageSerializer
    queryset = Language.objects.order_by("name")
    lookup_field = "code"
    lookup_value_regex = "[^/]+"
    filter_backends: list = []
