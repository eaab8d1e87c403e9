"""The public headway page (/<lang>/headway/) and its CSV downloads.

The public figures take no filters: narrowing them (to a month, a borough) would let two
published figures be subtracted to reveal a hidden one. The staff dashboard is in
``admin``; both are written from the same ``presentation``.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from . import snapshots
from .figures import headway_figures
from .presentation import csv_response, legend, present, sections


class HeadwayView(TemplateView):
    """Public, suppressed headway figures with a plain-language note on each, and every
    table as CSV with ``?format=csv&table=<name>``."""

    template_name = "engagement/headway.html"

    def get(self, request, *args, **kwargs):
        output = request.GET.get("format", "html")
        rtl, charts_too = get_language_bidi(), output != "csv"
        snapshot = snapshots.latest_published()
        presented = [
            present(t, rtl=rtl, chart=charts_too) for t in headway_figures(snapshot=snapshot)
        ]
        if output == "csv":
            return csv_response(presented, request.GET.get("table"), "headway", snapshot=snapshot)
        if output != "html":
            return HttpResponseBadRequest(
                _("Unknown format: use format=csv, or leave it out for the page."),
                content_type="text/plain; charset=utf-8",
            )
        as_of = snapshot.taken_at if snapshot else None
        return self.render_to_response(
            self.get_context_data(sections=sections(presented), as_of=as_of, **legend())
        )
