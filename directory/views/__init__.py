from .browse import OrganisationDetailView, OrganisationListView
from .contributions import (
    ChangesView,
    ClaimView,
    ConfirmLinkView,
    ConfirmView,
    MyContributionsView,
    ProposeView,
    ReportView,
    SuggestView,
    WithdrawSuggestionView,
)
from .review import ListingSuggestionsView, ReviewSuggestionView

__all__ = [
    "ChangesView",
    "ClaimView",
    "ConfirmLinkView",
    "ConfirmView",
    "ListingSuggestionsView",
    "MyContributionsView",
    "OrganisationDetailView",
    "OrganisationListView",
    "ProposeView",
    "ReportView",
    "ReviewSuggestionView",
    "SuggestView",
    "WithdrawSuggestionView",
]
