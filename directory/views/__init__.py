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

__all__ = [
    "ChangesView",
    "ClaimView",
    "ConfirmLinkView",
    "ConfirmView",
    "MyContributionsView",
    "OrganisationDetailView",
    "OrganisationListView",
    "ProposeView",
    "ReportView",
    "SuggestView",
    "WithdrawSuggestionView",
]
