from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from common import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the icon.
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("translate/", include("rosetta.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("waytahead.api", namespace="api")),
    path("openreferral/", include("directory.oruk.urls")),
    path("data/", include("directory.open_data.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("organisations/", include("directory.urls")),
    path("", include("engagement.urls")),
    path("headway/", include("engagement.headway.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
)

handler404 = "common.views.page_not_found"
handler500 = "common.views.server_error"

if settings.BENCH_VIEWS:  # benchmark baselines; never on in production
    urlpatterns += [path("bench/", include("bench.urls"))]
