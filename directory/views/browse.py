"""Public directory pages: browse and search, and an organisation's listing."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Window
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from common.i18n import shown_language

from .. import services
from ..distances import describe_distances
from ..filters import DEFAULT_WITHIN_KM, OrganisationFilter
from ..models import Location, Organisation, Service, TaxonomyTerm
from ..ordering import name_sort
from ..search import TOP_HITS, corrected_query, search_memo
from ..structured_data import organisation_json_ld

PAGE_SIZE = 20


class OrganisationListView(View):
    """Browse and search the directory; bad filter values get a 400 with the form's message.

    A search word that matches nothing is corrected when the lexicon has one like it
    (``directory.search``): the page shows the results for the corrected words, says so,
    and links to the search as typed, with ``exact=1``, which corrects nothing.
    """

    template_name = "directory/organisation_list.html"

    def get(self, request):
        base = Organisation.objects.public().select_related("borough")
        data = request.GET.copy()
        # The distance box shows (and a postcode search uses) the default until changed.
        data.setdefault("within", str(DEFAULT_WITHIN_KM))
        filterset = OrganisationFilter(data, queryset=base, request=request)
        exact = request.GET.get("exact") == "1"
        # The memo the filter's search keeps (filter_q): it says whether to correct, and
        # holds the correction for the page to show.
        filterset._search_memo = search_memo(correct=not exact)  # type: ignore[attr-defined]
        valid = filterset.is_valid()
        requested = request.GET.get("sort", "")
        query = request.GET.get("q", "").strip() if valid else ""
        centre = filterset.centre if valid else None
        by_name = name_sort(get_language() or "en")
        # "Best match" is the nearest first for a place, the best hit for words, else
        # A to Z; "Name (A to Z)" is always that.
        if not valid:
            results, sort = Organisation.objects.none(), "name"
        elif requested == "name" or (centre is None and not query):
            results, sort = filterset.qs.order_by(by_name, "pk"), "name"
        elif centre is not None:
            results, sort = filterset.qs.order_by("distance_km", by_name, "pk"), "distance"
        else:
            results, sort = filterset.qs.order_by("-relevance", by_name, "pk"), "relevance"
        categories = Prefetch("categories", queryset=TaxonomyTerm.objects.order_by("name"))
        results = results.prefetch_related(categories)
        if sort == "distance":
            results = NarrowFirst(results, page=request.GET.get("page"), per_page=PAGE_SIZE)
        paginator = Paginator(results, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        if sort == "relevance" and 0 < page.end_index() <= TOP_HITS:
            # The first pages of a search are read from its top hits alone (same rows).
            first = filterset.first_results(base, page.end_index())
            first = first.order_by("-relevance", by_name, "pk").prefetch_related(categories)
            page.object_list = first[page.start_index() - 1 : page.end_index()]
        if centre is not None:
            page.object_list = list(page.object_list)
            describe_distances(centre, page.object_list)
        context = {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "organisations": page.object_list,
            "query": query,
            "sort": sort,
            # The sort box shows what was asked for: "Best match" unless A to Z was.
            "sort_choice": "name" if requested == "name" else "relevance",
            "near": _near_description(filterset) if centre is not None else "",
            "active_filters": (active := _active_filters(request, filterset) if valid else []),
            # Filters besides the search words: what the empty state suggests depends on it.
            "filtered": any(item["name"] != "q" for item in active),
            "querystring_without_page": _querystring(request, drop=("page",)),
            "correction": _correction(request, query, filterset) if query and not exact else None,
        }
        return render(request, self.template_name, context, status=200 if valid else 400)


class NarrowFirst:
    """A queryset ordered by a computed value (distance), paged in two steps: the page's
    ids in order, with the count of every match, from one narrow query; then those rows
    whole. Sorting a few thousand whole listings (every language's text) to keep twenty,
    and counting them in a query of its own, cost more than the search itself."""

    def __init__(self, queryset, *, page: str | None, per_page: int):
        self.queryset = queryset
        try:
            number = max(1, int(page or 1))
        except ValueError:
            number = 1
        # The page asked for: its ids and the count come from the same query.
        self.expected = slice((number - 1) * per_page, number * per_page)
        self._read: dict = {}

    def _narrow(self, key: slice) -> tuple[int | None, list]:
        if key.start == self.expected.start and key != self.expected:
            # The last page is sliced up to the count: the same rows as asked for.
            total, rows = self._narrow(self.expected)
            return total, rows[: key.stop - key.start]
        if (key.start, key.stop) not in self._read:
            rows = list(
                self.queryset.annotate(matches=Window(Count("pk"))).values_list(
                    "pk", "distance_km", "matches"
                )[key]
            )
            total = rows[0][2] if rows else None
            self._read[(key.start, key.stop)] = (total, [(pk, km) for pk, km, _n in rows])
        return self._read[(key.start, key.stop)]

    def count(self) -> int:
        total, _rows = self._narrow(self.expected)
        if total is None:  # past the last page: count them apart
            return self.queryset.order_by().count()
        return total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        _total, ordered = self._narrow(key)
        rows = self.queryset.order_by().filter(pk__in=[pk for pk, _km in ordered]).in_bulk()
        page = []
        for pk, distance in ordered:
            row = rows[pk]
            row.distance_km = distance
            page.append(row)
        return page


def _querystring(request, drop=(), **values):
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    for key, value in values.items():
        params[key] = value
    return params.urlencode()


def _correction(request, query: str, filterset) -> dict | None:
    """When the search corrected a word: the words searched and the words typed, each a
    link (with the page's other parameters) to its own search."""
    corrected = corrected_query(query, filterset._search_memo)
    if corrected is None:
        return None
    searched = _querystring(request, drop=("page", "exact"), q=corrected)
    typed = _querystring(request, drop=("page",), q=query, exact="1")
    return {
        "corrected": corrected,
        "typed": query,
        "corrected_link": format_html('<a href="?{}"><bdi>{}</bdi></a>', searched, corrected),
        "typed_link": format_html('<a href="?{}"><bdi>{}</bdi></a>', typed, query),
    }


def _near_description(filterset) -> str:
    """Where results are measured from, in words: "within 2 km of E1 6AN"."""
    km = filterset.within_km
    km = int(km) if km == int(km) else km
    place = filterset.form.cleaned_data.get("near")
    if place is not None:
        return _("within %(km)s km of %(postcode)s") % {"km": km, "postcode": place.postcode}
    return _("within %(km)s km of your location") % {"km": km}


def _active_filters(request, filterset):
    """Each applied filter with a link that removes just that one."""
    active = []
    cleaned = filterset.form.cleaned_data
    if filterset.centre is not None:
        active.append(
            {
                "name": "near",
                "label": _("Distance"),
                "value": _near_description(filterset),
                "remove_querystring": _querystring(
                    request, drop=(*OrganisationFilter.POINT_PARAMETERS, "page")
                ),
            }
        )
    for name in ("q", "borough", "category", "language", "beneficiary"):
        value = cleaned.get(name)
        if not value:
            continue
        active.append(
            {
                "name": name,
                "label": filterset.form.fields[name].label,
                "value": str(value),
                "remove_querystring": _querystring(request, drop=(name, "page")),
            }
        )
    return active


def merged_redirect(request, slug: str) -> HttpResponsePermanentRedirect | None:
    """A 301 to the same page of the listing that the listing ``slug`` was merged into
    (at the end of a chain of merges), or None if it was not merged."""
    survivor = services.survivor_of(slug=slug)
    if survivor is None:
        return None
    match = request.resolver_match
    url = reverse(match.view_name, kwargs={**match.kwargs, "slug": survivor.slug})
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


class FollowsMerges:
    """For the pages of one listing (``slug`` in the URL): a merged listing's page
    answers 301 with the same page of the listing it went into, for anyone. Only asked
    when the page would otherwise be a 404 or a refusal, so found pages cost nothing."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        except Http404:
            if (moved := merged_redirect(request, kwargs["slug"])) is not None:
                return moved
            raise

    def handle_no_permission(self):
        # Before asking someone to sign in (or refusing them): it may have moved.
        moved = merged_redirect(self.request, self.kwargs["slug"])  # type: ignore[attr-defined]
        return moved if moved is not None else super().handle_no_permission()  # type: ignore[misc]


class OrganisationDetailView(FollowsMerges, DetailView):
    template_name = "directory/organisation_detail.html"
    context_object_name = "organisation"

    def get_object(self, queryset=None):
        queryset = (
            Organisation.objects.public()
            .select_related("borough")
            .prefetch_related(
                "categories",
                "beneficiaries",
                "languages",
                "areas_served",
                "identifiers",
                Prefetch(
                    "services",
                    queryset=Service.objects.exclude(status=Service.Status.DEFUNCT)
                    .prefetch_related("languages", "locations", "categories")
                    .order_by("name"),
                ),
                Prefetch("locations", queryset=Location.objects.select_related("borough")),
            )
        )
        return get_object_or_404(queryset, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        language = get_language()
        context["json_ld"] = organisation_json_ld(organisation, self.request)
        context["can_confirm"] = self.request.user.has_perm(
            "directory.confirm_listing", organisation
        )
        context["can_review"] = self.request.user.has_perm("directory.review_listing", organisation)
        # The notice says "shown in English": only when it is (a listing written in
        # Bengali falls back to Bengali, and its text is marked as such by text_lang).
        context["description_missing_translation"] = (
            language != "en" and shown_language(organisation, "description", language) == "en"
        )
        context["translation_outdated"] = any(
            language in codes for codes in (organisation.outdated_translations or {}).values()
        )
        return context
