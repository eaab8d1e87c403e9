"""Bulk open-data downloads, mounted at /data/ (not language-prefixed)."""

from django.urls import path

from . import views

app_name = "open_data"

urlpatterns = [
    path("organisations.csv", views.organisations_csv, name="organisations_csv"),
    path("organisations.json", views.organisations_json, name="organisations_json"),
    path("removals.csv", views.removals_csv, name="removals_csv"),
    path("datapackage.json", views.datapackage, name="datapackage"),
]
