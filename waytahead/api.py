"""The REST API router (/api/v1/), its root, the OpenAPI schema and offline docs."""

from csp.decorators import csp_update
from django.conf import settings
from django.urls import path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from directory.api import views as directory_views
from engagement.api import views as engagement_views
from engagement.headway.api import HeadwayView
from webhooks.api import views as webhook_views

router = routers.SimpleRouter(trailing_slash=True)
router.register("organisations", directory_views.OrganisationViewSet, basename="organisation")
router.register("categories", directory_views.CategoryViewSet, basename="category")
router.register("beneficiaries", directory_views.BeneficiaryViewSet, basename="beneficiary")
router.register("boroughs", directory_views.BoroughViewSet, basename="borough")
router.register("languages", directory_views.LanguageViewSet, basename="language")
router.register("events", engagement_views.EventViewSet, basename="event")
router.register("insights", engagement_views.InsightViewSet, basename="insight")
router.register("webhooks", webhook_views.SubscriptionViewSet, basename="webhook")


class ApiRootView(APIView):
    """The Way Ahead directory's open data: what is here, and under which licence."""

    @extend_schema(summary="API root: endpoints and data licence", responses={200: dict})
    def get(self, request):
        endpoints = {
            name: reverse(f"api:{name}-list", request=request)
            for name in (
                "organisation",
                "category",
                "beneficiary",
                "borough",
                "language",
                "event",
                "insight",
                "headway",
            )
        }
        endpoints["organisation_changes"] = reverse("api:organisation-changes", request=request)
        return Response(
            {
                "name": "The Way Ahead directory API",
                "version": "v1",
                "licence": settings.OPEN_DATA_LICENCE,
                "attribution": "The Way Ahead directory contributors",
                "endpoints": endpoints,
                "schema": reverse("api:schema", request=request),
                "docs": reverse("api:docs", request=request),
                "open_referral": request.build_absolute_uri("/openreferral/"),
                "bulk_downloads": request.build_absolute_uri("/data/datapackage.json"),
            }
        )


app_name = "api"

urlpatterns = [
    path("", ApiRootView.as_view(), name="root"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        # Swagger UI sets inline styles as it draws: allowed on this page only (scripts
        # stay 'self', so this opens no way to run code).
        csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
    path("headway/", HeadwayView.as_view(), name="headway-list"),
    *router.urls,
]
