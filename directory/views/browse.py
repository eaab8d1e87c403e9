"""Public directory pages: browse and search, and an organisation's listing."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views import View
from django.views.generic import DetailView

from common.i18n import shown_language

from ..filters import OrganisationFilter
from ..models import Location, Organisation, Service, TaxonomyTerm
from ..ordering import name_sort
from ..search import TOP_HITS
from ..structured_data import organisation_json_ld

PAGE_SIZE = 20


class OrganisationListView(View):
    """Browse and search the directory; bad filter values get a 400 with the form's message."""

    template_name = "directory/organisation_list.html"

    def get(self, request):
        base = Organisation.objects.public().select_related("borough")
        filterset = OrganisationFilter(request.GET, queryset=base, request=request)
        valid = filterset.is_valid()
        sort = request.GET.get("sort", "")
        query = request.GET.get("q", "").strip() if valid else ""
        by_name = name_sort(get_language() or "en")
        if valid:
            results = filterset.qs
            if query and sort != "name":
                results = results.order_by("-relevance", by_name, "pk")
                sort = "relevance"
            else:
                results = results.order_by(by_name, "pk")
                sort = "name"
        else:
            results = Organisation.objects.none()
        categories = Prefetch("categories", queryset=TaxonomyTerm.objects.order_by("name"))
        results = results.prefetch_related(categories)
        paginator = Paginator(results, PAGE_SIZE)
        page = paginator.get_page(request.GET.get("page"))
        if sort == "relevance" and 0 < page.end_index() <= TOP_HITS:
            # The first pages of a search are read from its top hits alone (same rows).
            first = filterset.first_results(base, page.end_index())
            first = first.order_by("-relevance", by_name, "pk").prefetch_related(categories)
            page.object_list = first[page.start_index() - 1 : page.end_index()]
        context = {
            "filter": filterset,
            "form": filterset.form,
            "page_obj": page,
            "organisations": page.object_list,
            "query": query,
            "sort": sort,
            "active_filters": (active := _active_filters(request, filterset) if valid else []),
            # Filters besides the search words: what the empty state suggests depends on it.
            "filtered": any(item["name"] != "q" for item in active),
            "querystring_without_page": _querystring(request, drop=("page",)),
        }
        return render(request, self.template_name, context, status=200 if valid else 400)


def _querystring(request, drop=()):
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def _active_filters(request, filterset):
    """Each applied filter with a link that removes just that one."""
    active = []
    cleaned = filterset.form.cleaned_data
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


class OrganisationDetailView(DetailView):
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
