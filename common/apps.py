from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Code every app may use (docs/architecture.md). It has no models; it is an app so
    that its template tags (``{% load waytahead %}``), its ``seed_demo`` command and its
    Celery task are found."""

    name = "common"
    label = "common"
