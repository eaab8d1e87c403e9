"""Open Referral UK 3.0 feed, mounted at /openreferral/. Paths take no trailing slash, as
in the ORUK OpenAPI description; one is accepted too."""

from django.urls import path, re_path

from . import views

app_name = "oruk"

ID = r"(?P<pk>[^/]+)"

urlpatterns = [
    path("", views.api_details, name="api_details"),
    re_path(r"^services/?$", views.services, name="services"),
    re_path(rf"^services/{ID}/?$", views.service_detail, name="service_detail"),
    re_path(r"^organizations/?$", views.organizations, name="organizations"),
    re_path(rf"^organizations/{ID}/?$", views.organization_detail, name="organization_detail"),
    re_path(r"^taxonomies/?$", views.taxonomies, name="taxonomies"),
    re_path(rf"^taxonomies/{ID}/?$", views.taxonomy_detail, name="taxonomy_detail"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_terms, name="taxonomy_terms"),
    re_path(rf"^taxonomy_terms/{ID}/?$", views.taxonomy_term_detail, name="taxonomy_term_detail"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="service_at_locations"),
    re_path(
        rf"^service_at_locations/{ID}/?$",
        views.service_at_location_detail,
        name="service_at_location_detail",
    ),
    re_path(r"^.*$", views.not_found),
]
