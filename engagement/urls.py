from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="event_list"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="event_detail"),
    path(
        "events/<slug:slug>/registered/",
        views.RegistrationDoneView.as_view(),
        name="registration_done",
    ),
    path(
        "registrations/cancel/<uuid:token>/",
        views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path("events/<slug:slug>/monitoring/", views.MonitoringView.as_view(), name="event_monitoring"),
    path(
        "events/<slug:slug>/monitoring/thanks/",
        views.MonitoringDoneView.as_view(),
        name="monitoring_done",
    ),
    path("events/<slug:slug>/feedback/", views.FeedbackView.as_view(), name="event_feedback"),
    path(
        "events/<slug:slug>/feedback/thanks/",
        views.FeedbackDoneView.as_view(),
        name="event_feedback_done",
    ),
    path("feedback/", views.FeedbackView.as_view(), name="feedback"),
    path("feedback/thanks/", views.FeedbackDoneView.as_view(), name="feedback_done"),
    path("you-said-we-did/", views.YouSaidWeDidView.as_view(), name="you_said_we_did"),
]
