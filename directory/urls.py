from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.OrganisationListView.as_view(), name="organisation_list"),
    path("new/", views.ProposeView.as_view(), name="organisation_new"),
    path("mine/", views.MyContributionsView.as_view(), name="my_contributions"),
    path(
        "suggestions/<uuid:pk>/withdraw/",
        views.WithdrawSuggestionView.as_view(),
        name="suggestion_withdraw",
    ),
    path("<slug:slug>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("<slug:slug>/suggest/", views.SuggestView.as_view(), name="organisation_suggest"),
    path("<slug:slug>/report/", views.ReportView.as_view(), name="organisation_report"),
    path("<slug:slug>/claim/", views.ClaimView.as_view(), name="organisation_claim"),
    path("<slug:slug>/confirm/", views.ConfirmView.as_view(), name="organisation_confirm"),
    path(
        "<slug:slug>/confirm/<str:token>/",
        views.ConfirmLinkView.as_view(),
        name="organisation_confirm_link",
    ),
    path("<slug:slug>/changes/", views.ChangesView.as_view(), name="organisation_changes"),
    path(
        "<slug:slug>/suggestions/",
        views.ListingSuggestionsView.as_view(),
        name="listing_suggestions",
    ),
    path(
        "<slug:slug>/suggestions/<uuid:pk>/",
        views.ReviewSuggestionView.as_view(),
        name="suggestion_review",
    ),
]
