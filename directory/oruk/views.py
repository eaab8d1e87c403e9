"""The Open Referral UK 3.0 (HSDS-UK-3.0) feed of the directory, under ``/openreferral/``.

For partners: this is an open, read-only API. No key is needed, every response carries
``Access-Control-Allow-Origin: *`` and an ``ETag`` (send ``If-None-Match`` to get a
``304 Not Modified`` when nothing changed). It follows the ORUK 3.0 OpenAPI description,
https://openreferraluk.org/specifications/3.0/openapi.json (vendored in ``spec/3.0``):

- ``GET /openreferral/``: what this API is (``version``, ``profile``, ``openapi_url``).
- ``GET /openreferral/services`` and ``/services/{id}``: services, the second fully nested.
- ``GET /openreferral/organizations`` and ``/organizations/{id}``.
- ``GET /openreferral/taxonomies``, ``/taxonomies/{id}``, ``/taxonomy_terms``,
  ``/taxonomy_terms/{id}``: the directory's vocabularies (areas of work, who it helps).
- ``GET /openreferral/service_at_locations`` and ``/service_at_locations/{id}``.

Every endpoint takes the query parameters the spec gives its operation and a few more
of the feed's own (``postcode`` and ``proximity`` on ``/services``; ``taxonomy_term_id``,
``taxonomy_id``, ``organization_id`` and ``modified_after`` on ``/organizations``), and
only those: any other is a 400 naming it and listing the ones it takes, so a misspelt
filter is never silently ignored. The details take none, except ``full_service`` on
``/organizations/{id}``.

Lists come in the ORUK envelope (``total_items``, ``total_pages``, ``page_number``,
``size``, ``first_page``, ``last_page``, ``empty``, ``contents``) and take ``page`` (from
1) and ``per_page`` (1 to 100, default 50); a page past the last one is an empty page, not
an error. Filters combine with AND. ``/services`` and ``/service_at_locations`` also take
``postcode`` (services whose area covers it) and ``postcode`` with ``proximity`` (metres
from its centroid, up to 50000: the nearest first), as ``proximity.py`` explains.

- ``format=ndjson`` (every list; ``json``, the default, is the envelope): every matching
  record, unpaginated, as a stream of ``application/x-ndjson``, one JSON object a line,
  each the record the list's ``contents`` would hold for the same parameters, in the
  same order. ``page`` and ``per_page`` are still checked, but do not apply. The stream
  is read and sent a chunk at a time, so its memory stays flat; its ETag is weak, made
  from how many records match and when they last changed.
- ``minimal=true`` (``/services``): every matching service in one page, each as ``id``,
  ``name``, ``status`` and ``last_modified`` only, for partners checking what changed.
- ``full=true``: fully nested services (``/services``), organizations with identifiers
  and attributes (``/organizations``), locations with address and accessibility
  (``/service_at_locations``).
- ``full_service=true`` (``/organizations`` and ``/organizations/{id}``): organizations
  with their services fully nested.
- ``top_only=true`` (``/taxonomy_terms``): as the spec words it, the terms that have no
  child terms.

A bad parameter is a 400 with ``{"detail": ..., "parameter": ...}``; an unknown id is a
404 with ``{"detail": ...}``.

Only organisations that are published and not closed, and their services, are in the
feed. Text is in English. Fields with no value are left out rather than sent empty.
"""

import functools
import hashlib
import itertools
import json
import math
import uuid
from collections.abc import Callable, Iterator, Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response, set_response_etag
from django.views.decorators.csrf import csrf_exempt

from common.params import BadParameter, Problem, QueryParams
from directory.models import Location, Organisation, Service, Taxonomy, TaxonomyTerm
from directory.ordering import shown_name
from directory.search import query_terms, search_organisations
from directory.services import survivor_of

from . import proximity
from . import serializers as oruk

VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://openreferraluk.org/developers"
OPENAPI_URL = "https://openreferraluk.org/specifications/3.0/openapi.json"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
FORMATS = ("json", "ndjson")
NDJSON_CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
# Rows an ndjson stream reads, and builds records from, at a time.
NDJSON_CHUNK_SIZE = 500

ServiceLocation = Service.locations.through

# The query parameters each operation takes: those the ORUK 3.0 OpenAPI description gives
# it (spec/3.0/openapi.json, in its order), then those this feed takes beyond it. Any
# other parameter is a 400 naming it (``feed_endpoint``).
LIST_PARAMETERS = ("search", "page", "per_page", "format")
SERVICE_FILTERS = ("taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after")
PLACE_PARAMETERS = ("postcode", "proximity")
SERVICES_PARAMETERS = (
    *LIST_PARAMETERS,
    *SERVICE_FILTERS,
    "minimal",
    "full",
    *PLACE_PARAMETERS,  # beyond the spec's /services
)
ORGANIZATIONS_PARAMETERS = (
    "search",
    "full_service",
    "full",
    "page",
    "per_page",
    "format",
    *SERVICE_FILTERS,  # beyond the spec's /organizations
)
ORGANIZATION_PARAMETERS = ("full_service",)
TAXONOMIES_PARAMETERS = LIST_PARAMETERS
TAXONOMY_TERMS_PARAMETERS = (*LIST_PARAMETERS, "taxonomy_id", "top_only", "parent_id")
SERVICE_AT_LOCATIONS_PARAMETERS = (
    "search",
    *SERVICE_FILTERS,
    "full",
    "page",
    "per_page",
    "format",
    *PLACE_PARAMETERS,
)
NO_PARAMETERS = ()


# --- Errors, parameters and responses ------------------------------------------------------


class NotFound(Exception):
    """No public record with this id: answered with a 404."""


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def feed_endpoint(parameters: Sequence[str] | None):
    """Wrap a feed view that takes the query ``parameters`` (None: any, for the catch-all
    404): GET and HEAD only, JSON errors, any other parameter a 400 naming it, ETag with
    304 on a matching If-None-Match, and ``Access-Control-Allow-Origin: *`` on every
    response (304s and errors included, whether or not the request sent an Origin).

    A view's JSON gets a strong ETag, the hash of its body; a stream (ndjson) has no body
    to hash yet and comes with its own weak ETag (``_ndjson``), checked the same way."""

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                response = _json({"detail": "This feed is read-only: use GET."}, status=405)
                response["Allow"] = "GET, HEAD"
            else:
                try:
                    params = _params(request)
                    params.refuse_nul_bytes()
                    if parameters is not None:
                        params.refuse_unsupported(parameters)
                    response = view(request, *args, **kwargs)
                except BadParameter as error:
                    # The name as sent (a partner matches on it); the message shortens it.
                    response = _json({"detail": _message(error), "parameter": error.name}, 400)
                except proximity.BadPlace as error:
                    response = _json({"detail": error.detail, "parameter": error.name}, 400)
                except NotFound as error:
                    response = _json({"detail": str(error) or "Not found."}, status=404)
                if response.status_code == 200:
                    if not response.streaming:
                        set_response_etag(response)
                    response = get_conditional_response(
                        request, etag=response["ETag"], response=response
                    )
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorate


def _params(request) -> QueryParams:
    """The feed reads its parameters stripped, an empty one as not given."""
    return QueryParams(request.GET, blank_is_absent=True)


def _message(error: BadParameter) -> str:
    """The feed's words for what is wrong with a parameter (partners match on them)."""
    name = error.name[:100]
    if error.problem is Problem.UNSUPPORTED:
        supported = (
            f"Supported: {', '.join(error.choices)}."
            if error.choices
            else "This endpoint takes no parameters."
        )
        return f"The parameter {name} is not supported here. {supported}"
    messages = {
        Problem.WHOLE_NUMBER: f"{name} must be a whole number.",
        Problem.TOO_SMALL: f"{name} must be 1 or more.",
        Problem.TOO_LARGE: f"{name} must be {error.limit} or less.",
        Problem.UUID: f"{name} must be a UUID.",
        Problem.BOOLEAN: f"{name} must be true or false.",
        Problem.MOMENT: (
            f"{name} must be an ISO 8601 date-time or date, e.g. 2024-05-01T09:30:00Z."
        ),
        # The feed's one choice is its format.
        Problem.CHOICE: f"{name} must be {' or '.join(error.choices)}.",
        Problem.NUL: "NUL bytes are not allowed.",
    }
    return messages[error.problem]


def _path_uuid(value: str, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound(f"No {what} has the id {value[:100]!r}.") from None


Build = Callable[[list[dict]], list[dict]]
Stamp = Callable[[QuerySet], list]


def _each(record: Callable[[dict], dict]) -> Build:
    """A ``build`` that makes one record of each row, with no query."""
    return lambda rows: [record(row) for row in rows]


def _list(
    request,
    params: QueryParams,
    queryset: QuerySet,
    fields: Sequence[str],
    build: Build,
    *,
    stamp: Stamp,
    paginate: bool = True,
):
    """A list's answer: a page of ``queryset`` in the ORUK envelope, or with
    ``format=ndjson`` every matching record, unpaginated, as a stream (``_ndjson``).

    The records are built from rows of ``.values(*fields)`` by ``build(rows)``, which adds
    a fixed number of queries whatever the number of rows. A page is a COUNT and one
    SELECT, then ``build``. With ``paginate=False`` the JSON is one page holding every
    matching record (one SELECT, then ``build``). ``page`` and ``per_page`` are checked
    whatever the format, and apply only to a paginated JSON list. ``stamp`` gives what
    a stream's weak ETag is made of."""
    output = params.choice("format", FORMATS, ignore_case=True) or "json"
    page = params.positive_integer("page", default=1)
    per_page = params.positive_integer("per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE)
    if output == "ndjson":
        return _ndjson(request, queryset.values(*fields), build, stamp(queryset))
    if not paginate:
        contents = build(list(queryset.values(*fields)))
        return _json(_envelope(contents, total=len(contents), page=1, total_pages=1))
    total = queryset.order_by().count()
    offset = (page - 1) * per_page
    rows = list(queryset.values(*fields)[offset : offset + per_page]) if offset < total else []
    total_pages = max(1, math.ceil(total / per_page))
    return _json(_envelope(build(rows), total=total, page=page, total_pages=total_pages))


def _envelope(contents: list[dict], *, total: int, page: int, total_pages: int) -> dict:
    """A page in the ORUK envelope."""
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _ndjson(request, rows: QuerySet, build: Build, stamp: list) -> StreamingHttpResponse:
    """Every row of ``rows`` (a ``.values()`` queryset) built into its record, in the
    queryset's order, one JSON object a line (``application/x-ndjson``), unpaginated.

    Memory stays flat however many records match: the rows are read through
    ``iterator()`` (a server-side cursor on PostgreSQL), ``NDJSON_CHUNK_SIZE`` at a time,
    and each chunk's records are built and sent before the next chunk is read. A stream
    costs one SELECT plus ``build``'s fixed number of queries a chunk.

    A stream has no body to hash before it is sent, so its ETag is weak: a hash of the
    path, the query and ``stamp`` (how many records match and when they last changed,
    worked out before any row is read). A matching If-None-Match is a 304 that reads no
    row; a HEAD reads none either."""
    signature = repr([request.path, sorted(request.GET.lists()), *stamp])
    digest = hashlib.sha256(signature.encode()).hexdigest()[:32]
    content = () if request.method == "HEAD" else _lines(rows, build)
    response = StreamingHttpResponse(content, content_type=NDJSON_CONTENT_TYPE)
    response["ETag"] = f'W/"{digest}"'
    return response


def _lines(rows: QuerySet, build: Build) -> Iterator[str]:
    """The stream's lines, a chunk of rows at a time."""
    size = NDJSON_CHUNK_SIZE
    unread = rows.iterator(chunk_size=size)
    while chunk := list(itertools.islice(unread, size)):
        yield "".join(
            json.dumps(record, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
            + "\n"
            for record in build(chunk)
        )


def _stamp(*dates: str, services: bool = False, locations: bool = False) -> Stamp:
    """A ``Stamp`` for records dated by ``dates`` (their own ``updated_at`` and those of
    the records whose changes they show, as ``last_modified`` and ``modified_after``
    read them): how many records match and the latest of each date among them, in one
    query. With ``services`` (organisations with their services nested), how many
    services they have and when the latest of them changed, in one query more; with
    ``locations`` (services with their locations nested), when any location last
    changed, in one query more (any: cheaper than the nested ones, and never stale). A
    change that leaves every date alone, such as a vocabulary term's new wording, leaves
    the stamp alone too."""

    def stamp(queryset: QuerySet) -> list:
        latest = {f"latest_{index}": Max(date) for index, date in enumerate(dates)}
        values = list(queryset.order_by().aggregate(rows=Count("pk"), **latest).values())
        if services:
            values += (
                Service.objects.filter(organisation__in=queryset.order_by().values("pk"))
                .aggregate(services=Count("pk"), latest=Max("updated_at"))
                .values()
            )
        if locations:
            values.append(Location.objects.aggregate(latest=Max("updated_at"))["latest"])
        return values

    return stamp


def _contents_stamp(fields: Sequence[str]) -> Stamp:
    """A ``Stamp`` for the vocabularies, which have no dates: a hash of the matching
    rows' ``fields``, read in one query (a vocabulary is a few hundred terms at most)."""

    def stamp(queryset: QuerySet) -> list:
        digest = hashlib.sha256()
        for row in queryset.values_list(*fields).iterator(chunk_size=NDJSON_CHUNK_SIZE):
            digest.update(repr(row).encode())
        return [digest.hexdigest()]

    return stamp


# --- Filters -------------------------------------------------------------------------------


def _service_filters(params: QueryParams, prefix: str = "") -> list[Q]:
    """The ``search``, ``taxonomy_term_id``, ``taxonomy_id``, ``organization_id`` and
    ``modified_after`` conditions on services, reached through ``prefix`` ("" from
    services, "service__" from service-location links). They combine with AND."""
    service_ref = OuterRef(f"{prefix}id") if prefix else OuterRef("pk")
    organisation_ref = OuterRef(f"{prefix}organisation_id")
    conditions = []

    search = params.text("search")
    if terms := query_terms(search):
        # The organisation's search text (its name, description, terms and all its
        # services' text, in every language) or the service's own English text.
        matching = search_organisations(Organisation.objects.public(), search).values("pk")
        own_text = Q()
        for term in terms:
            own_text &= Q(**{f"{prefix}name_en__icontains": term}) | Q(
                **{f"{prefix}description_en__icontains": term}
            )
        conditions.append(Q(**{f"{prefix}organisation__in": matching}) | own_text)

    for name, lookup in (
        ("taxonomy_term_id", "taxonomyterm_id"),
        ("taxonomy_id", "taxonomyterm__taxonomy_id"),
    ):
        if (value := params.uuid(name)) is not None:
            # A service's terms are its own areas of work and the groups its
            # organisation is for, as its attributes show.
            conditions.append(
                Exists(
                    Service.categories.through.objects.filter(
                        service_id=service_ref, **{lookup: value}
                    )
                )
                | Exists(
                    Organisation.beneficiaries.through.objects.filter(
                        organisation_id=organisation_ref, **{lookup: value}
                    )
                )
            )

    if (organisation_id := params.uuid("organization_id")) is not None:
        conditions.append(Q(**{f"{prefix}organisation_id": organisation_id}))

    if (moment := params.moment("modified_after")) is not None:
        changed = Q(**{f"{prefix}updated_at__gte": moment}) | Q(
            **{f"{prefix}organisation__updated_at__gte": moment}
        )
        if prefix:  # a service at a location changes with its location too
            changed |= Q(location__updated_at__gte=moment)
        conditions.append(changed)
    return conditions


def _organisation_filters(params: QueryParams, queryset):
    for name, lookup in (
        ("taxonomy_term_id", "taxonomyterm_id"),
        ("taxonomy_id", "taxonomyterm__taxonomy_id"),
    ):
        if (value := params.uuid(name)) is not None:
            queryset = queryset.filter(
                Exists(
                    Organisation.categories.through.objects.filter(
                        organisation_id=OuterRef("pk"), **{lookup: value}
                    )
                )
                | Exists(
                    Organisation.beneficiaries.through.objects.filter(
                        organisation_id=OuterRef("pk"), **{lookup: value}
                    )
                )
            )
    if (organisation_id := params.uuid("organization_id")) is not None:
        queryset = queryset.filter(pk=organisation_id)
    if (moment := params.moment("modified_after")) is not None:
        queryset = queryset.filter(updated_at__gte=moment)
    return queryset


def _public_services():
    return Service.objects.filter(oruk.public_q("organisation__"))


def _public_links():
    return ServiceLocation.objects.filter(
        oruk.public_q("service__organisation__"), oruk.public_q("location__organisation__")
    )


# --- Views ---------------------------------------------------------------------------------


@feed_endpoint(NO_PARAMETERS)
def api_details(request):
    """``GET /openreferral/``: the ORUK version this feed follows (``HSDS-UK-3.0``), the
    profile's documentation and the OpenAPI description it conforms to."""
    return _json({"version": VERSION, "profile": PROFILE_URL, "openapi_url": OPENAPI_URL})


@feed_endpoint(SERVICES_PARAMETERS)
def services(request):
    """``GET /openreferral/services``: a page of services with their one-to-one fields and
    their organization, ordered by name.

    Filters (combined with AND): ``search`` (words in the organisation's or the service's
    text, any language, accents ignored), ``taxonomy_term_id`` and ``taxonomy_id`` (the
    service's areas of work, or the groups its organisation is for), ``organization_id``,
    ``modified_after`` (ISO 8601 date-time or date; the service or its organisation changed
    on or after it), ``postcode`` (the service's area covers the postcode's borough: its
    organisation serves all of London, serves that borough or is based in it, or the
    service has a location there) and ``postcode`` with ``proximity`` (instead: the
    service has a location within that many metres, 1 to 50000, of the postcode's
    centroid; nearest first, then by name). ``full=true`` gives fully nested services, as
    ``/services/{id}`` does. An unknown or malformed postcode, a bad proximity and a
    proximity without a postcode are a 400 naming the parameter.

    ``minimal=true`` gives every matching service in one page (``per_page`` and ``page``
    do not apply; ``total_pages`` is 1), each as ``id``, ``name``, ``status`` and
    ``last_modified`` only: the spec asks for "just id and modified_date", and a service
    record needs its name and status too. It takes precedence over ``full``. It is one
    query whatever the number of services.

    ``format=ndjson`` streams every matching service, as the list would give them (full
    or minimal too), one a line, in the list's order, unpaginated.
    """
    params = _params(request)
    where = proximity.read(params)
    queryset = proximity.services(
        _public_services().filter(*_service_filters(params)), where, ordering=("name_en", "id")
    )
    minimal, full = params.boolean("minimal"), params.boolean("full")
    dates = ("updated_at", "organisation__updated_at")
    if minimal:
        fields, build = oruk.SERVICE_MINIMAL_FIELDS, _each(oruk.minimal_service)
    elif full:
        fields, build = oruk.SERVICE_FULL_FIELDS, oruk.full_services
    else:
        fields, build = oruk.SERVICE_FIELDS, _each(oruk.service)
    stamp = _stamp(*dates, locations=full and not minimal)
    return _list(request, params, queryset, fields, build, stamp=stamp, paginate=not minimal)


@feed_endpoint(NO_PARAMETERS)
def service_detail(request, pk):
    """``GET /openreferral/services/{id}``: one service, fully nested: its organization
    (with identifiers and attributes), service_at_locations (location, address,
    accessibility), schedules, service_areas, languages, cost_options, a contact with the
    organisation's public generic email and phone, and attributes linking taxonomy terms.
    Services of organisations that are unpublished or closed are not found (404)."""
    service_id = _path_uuid(pk, "service")
    row = _public_services().filter(pk=service_id).values(*oruk.SERVICE_FULL_FIELDS).first()
    if row is None:
        raise NotFound(f"No service has the id {service_id}.")
    return _json(oruk.full_services([row])[0])


@feed_endpoint(ORGANIZATIONS_PARAMETERS)
def organizations(request):
    """``GET /openreferral/organizations``: a page of organizations (published and not
    closed), by relevance when searching, otherwise by name.

    Filters (combined with AND): ``search``, ``taxonomy_term_id``, ``taxonomy_id`` (areas of
    work and groups it is for), ``organization_id``, ``modified_after``. ``full=true`` adds
    identifiers and attributes. ``full_service=true`` gives each organization as
    ``/organizations/{id}?full_service=true`` does: identifiers, attributes and its
    ``services``, fully nested, for the whole page in a fixed number of queries.
    ``format=ndjson`` streams every matching organization, one a line, unpaginated."""
    params = _params(request)
    queryset = Organisation.objects.filter(oruk.public_q())
    search = params.text("search")
    if query_terms(search):
        queryset = search_organisations(queryset, search).order_by(
            "-relevance", shown_name("en"), "id"
        )
    else:
        queryset = queryset.order_by(shown_name("en"), "id")
    queryset = _organisation_filters(params, queryset)
    full_service = params.boolean("full_service")
    full = params.boolean("full") or full_service

    def build(rows):
        records = [oruk.organisation(row) for row in rows]
        if full_service:
            return oruk.with_services(oruk.nest_organisations(records), full=True)
        return oruk.nest_organisations(records) if full else records

    stamp = _stamp("updated_at", services=full_service, locations=full_service)
    return _list(request, params, queryset, oruk.ORGANISATION_FIELDS, build, stamp=stamp)


@feed_endpoint(ORGANIZATION_PARAMETERS)
def organization_detail(request, pk):
    """``GET /openreferral/organizations/{id}``: one organization with its identifiers
    (e.g. GB-CHC charity numbers), attributes and services (one-to-one fields; fully
    nested with ``full_service=true``). Unpublished or closed organisations give a 404;
    one merged into another answers 301, with the other's address in ``Location``."""
    params = _params(request)
    full_service = params.boolean("full_service")
    organisation_id = _path_uuid(pk, "organization")
    row = (
        Organisation.objects.filter(oruk.public_q(), pk=organisation_id)
        .values(*oruk.ORGANISATION_FIELDS)
        .first()
    )
    if row is None:
        if (survivor := survivor_of(pk=organisation_id)) is None:
            raise NotFound(f"No organization has the id {organisation_id}.")
        # Merged into another organisation: a permanent redirect to the one it became.
        url = request.build_absolute_uri(
            reverse("oruk:organization_detail", kwargs={"pk": str(survivor.pk)})
        )
        query = request.META.get("QUERY_STRING", "")
        url = f"{url}?{query}" if query else url
        response = _json({"detail": "merged", "merged_into": str(survivor.pk), "url": url}, 301)
        response["Location"] = url
        return response
    record = oruk.nest_organisations([oruk.organisation(row)])[0]
    return _json(oruk.with_services([record], full=full_service)[0])


@feed_endpoint(TAXONOMIES_PARAMETERS)
def taxonomies(request):
    """``GET /openreferral/taxonomies``: the directory's taxonomies (areas of work, who it
    helps). ``search`` matches their English name or description. ``format=ndjson``
    streams them all, one a line."""
    params = _params(request)
    queryset = Taxonomy.objects.order_by("name_en", "id")
    if search := params.text("search"):
        queryset = queryset.filter(
            Q(name_en__icontains=search) | Q(description_en__icontains=search)
        )
    fields = oruk.TAXONOMY_FIELDS
    return _list(
        request, params, queryset, fields, _each(oruk.taxonomy), stamp=_contents_stamp(fields)
    )


@feed_endpoint(NO_PARAMETERS)
def taxonomy_detail(request, pk):
    """``GET /openreferral/taxonomies/{id}``: one taxonomy with all its terms."""
    taxonomy_id = _path_uuid(pk, "taxonomy")
    row = Taxonomy.objects.filter(pk=taxonomy_id).values(*oruk.TAXONOMY_FIELDS).first()
    if row is None:
        raise NotFound(f"No taxonomy has the id {taxonomy_id}.")
    record = oruk.taxonomy(row)
    terms = (
        TaxonomyTerm.objects.filter(taxonomy_id=taxonomy_id)
        .order_by("name_en", "id")
        .values(*oruk.TERM_FIELDS)
    )
    record["taxonomy_terms"] = [oruk.taxonomy_term(term) for term in terms]
    return _json(oruk.compact(record))


@feed_endpoint(TAXONOMY_TERMS_PARAMETERS)
def taxonomy_terms(request):
    """``GET /openreferral/taxonomy_terms``: taxonomy terms, by taxonomy then name.

    Filters (combined with AND): ``taxonomy_id``, ``parent_id``, ``top_only=true`` and
    ``search`` (English name, description or code). ``top_only`` follows the spec's own
    words, "Only retrieve taxonomy terms that have not child terms": it keeps the terms
    with no children (the leaves), not the terms with no parent. ``format=ndjson``
    streams every matching term, one a line."""
    params = _params(request)
    queryset = TaxonomyTerm.objects.order_by("taxonomy__kind", "name_en", "id")
    if (taxonomy_id := params.uuid("taxonomy_id")) is not None:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    if (parent_id := params.uuid("parent_id")) is not None:
        queryset = queryset.filter(parent_id=parent_id)
    if params.boolean("top_only"):
        queryset = queryset.filter(~Exists(TaxonomyTerm.objects.filter(parent_id=OuterRef("pk"))))
    if search := params.text("search"):
        queryset = queryset.filter(
            Q(name_en__icontains=search)
            | Q(description_en__icontains=search)
            | Q(code__icontains=search)
        )
    fields = oruk.TERM_FIELDS
    return _list(
        request, params, queryset, fields, _each(oruk.taxonomy_term), stamp=_contents_stamp(fields)
    )


@feed_endpoint(NO_PARAMETERS)
def taxonomy_term_detail(request, pk):
    """``GET /openreferral/taxonomy_terms/{id}``: one taxonomy term."""
    term_id = _path_uuid(pk, "taxonomy term")
    row = TaxonomyTerm.objects.filter(pk=term_id).values(*oruk.TERM_FIELDS).first()
    if row is None:
        raise NotFound(f"No taxonomy term has the id {term_id}.")
    return _json(oruk.taxonomy_term(row))


LINK_FIELDS = (
    "id",
    "service_id",
    "location_id",
    *oruk.prefixed("location__", oruk.LOCATION_FIELDS),
    *oruk.prefixed("service__", oruk.SERVICE_FIELDS),
)


def _service_at_location(row: dict, full: bool) -> dict:
    return oruk.compact(
        {
            "id": oruk.service_at_location_id(row["id"]),
            "service_id": str(row["service_id"]),
            "location_id": str(row["location_id"]),
            "location": oruk.location(row, "location__", full=full),
            "service": oruk.service(row, "service__"),
        }
    )


@feed_endpoint(SERVICE_AT_LOCATIONS_PARAMETERS)
def service_at_locations(request):
    """``GET /openreferral/service_at_locations``: a page of services at locations, each
    with its location and its service (one-to-one fields).

    Filters as for ``/services`` (``search``, ``taxonomy_term_id``, ``taxonomy_id``,
    ``organization_id``, ``modified_after``, which here also counts changes to the
    location; ``postcode`` keeps every row of a service whose area covers it). With
    ``proximity``, only the rows whose own location is within that many metres of the
    postcode's centroid, nearest first. ``full=true`` adds each location's address and
    accessibility. ``format=ndjson`` streams every matching row, one a line,
    unpaginated."""
    params = _params(request)
    where = proximity.read(params)
    queryset = proximity.service_at_locations(
        _public_links().filter(*_service_filters(params, prefix="service__")),
        where,
        ordering=("service__name_en", "service_id", "location__name", "id"),
    )
    full = params.boolean("full")
    stamp = _stamp(
        "service__updated_at", "service__organisation__updated_at", "location__updated_at"
    )
    return _list(
        request,
        params,
        queryset,
        LINK_FIELDS,
        lambda rows: [_service_at_location(row, full) for row in rows],
        stamp=stamp,
    )


@feed_endpoint(NO_PARAMETERS)
def service_at_location_detail(request, pk):
    """``GET /openreferral/service_at_locations/{id}``: one service at a location, with
    the location's address and accessibility, and the service."""
    link_pk = oruk.service_at_location_pk(_path_uuid(pk, "service at location"))
    row = None
    if link_pk is not None:
        row = _public_links().filter(pk=link_pk).values(*LINK_FIELDS).first()
    if row is None:
        raise NotFound(f"No service at location has the id {pk[:100]!r}.")
    return _json(_service_at_location(row, full=True))


@feed_endpoint(None)
def not_found(request, *args, **kwargs):
    """Any other path under ``/openreferral/``: a JSON 404, whatever the query."""
    raise NotFound("There is no such endpoint in this feed; see /openreferral/.")
