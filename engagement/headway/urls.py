"""The public headway page, included from ``waytahead/urls.py`` as
``path("headway/", include("engagement.headway.urls"))``."""

from django.urls import path

from .views import HeadwayView

urlpatterns = [path("", HeadwayView.as_view(), name="headway")]
