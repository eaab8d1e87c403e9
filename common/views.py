"""Pages and endpoints that belong to the site as a whole."""

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

logger = logging.getLogger(__name__)


class HomeView(TemplateView):
    template_name = "home.html"


class PrivacyView(TemplateView):
    template_name = "privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention_months"] = settings.PERSONAL_DATA_RETENTION_MONTHS
        return context


@never_cache
@require_safe
def healthz(request):
    """Report 200 when the database answers, 503 when it does not."""
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.warning("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


MACHINE_PREFIXES = ("/api/", "/openreferral/", "/data/")


def _is_machine(request) -> bool:
    return request.path.startswith(MACHINE_PREFIXES)


def page_not_found(request, exception=None):
    """JSON for the API, the feed and downloads; a helpful page for people."""
    if _is_machine(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    """Never a stack trace: JSON for machines, a plain apology page for people."""
    if _is_machine(request):
        return JsonResponse(
            {"detail": "Something went wrong on our side. Please try again."}, status=500
        )
    return render(request, "500.html", status=500)


def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links to: send them to the icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("favicon.svg"))
