"""Baseline views for the benchmarks, mounted at /bench/ only when WAYTAHEAD_BENCH_VIEWS is on."""

from django.urls import path

from . import views

app_name = "bench"

urlpatterns = [
    path("floor/organisations/", views.floor, name="floor"),
    path("lookup/", views.name_lookup, name="lookup"),
]
