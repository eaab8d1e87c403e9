"""Writes with side effects for the co-produced directory.

Views, the admin, the API and tasks call these, whichever door a change comes through,
so that each leaves the same history and notifications. Each write runs in one
transaction and queues its notifications with ``transaction.on_commit``, so nothing is
sent for a rollback. Arguments are keyword-only. Reads live in ``directory.selectors``.

- ``values``: the suggestible fields, compared, applied and saved with credit;
- ``suggestions``: suggest, edit directly, review (approve, with changes, or reject);
- ``listings``: propose a new listing, publish, confirm, revert;
- ``claims``: ask to manage a listing, and the decision;
- ``reports``: report a problem, and resolve it;
- ``reminders``: the moderation digest and the stale-listing reminders.
"""

from .claims import claim_approve, claim_reject, claim_submit
from .listings import (
    LINK_TARGETS,
    Duplicate,
    likely_duplicates,
    organisation_confirm,
    organisation_propose,
    organisation_publish,
    organisation_revert,
)
from .merging import organisation_merge, possible_duplicate_dismiss, survivor_of
from .reminders import (
    confirm_token,
    moderation_digest_send,
    read_confirm_token,
    stale_listing_reminders_send,
)
from .reports import report_close, report_submit
from .suggestions import (
    changed_since,
    organisation_edit,
    suggestion_approve,
    suggestion_reject,
    suggestion_submit,
    suggestion_withdraw,
)
from .values import (
    PLAIN_FIELDS,
    EditConflict,
    snapshot,
    suggestible_fields,
)

__all__ = [
    "LINK_TARGETS",
    "PLAIN_FIELDS",
    "Duplicate",
    "EditConflict",
    "changed_since",
    "claim_approve",
    "claim_reject",
    "claim_submit",
    "confirm_token",
    "likely_duplicates",
    "moderation_digest_send",
    "organisation_confirm",
    "organisation_edit",
    "organisation_merge",
    "organisation_propose",
    "organisation_publish",
    "organisation_revert",
    "possible_duplicate_dismiss",
    "read_confirm_token",
    "report_close",
    "report_submit",
    "snapshot",
    "stale_listing_reminders_send",
    "suggestible_fields",
    "suggestion_approve",
    "suggestion_reject",
    "suggestion_submit",
    "suggestion_withdraw",
    "survivor_of",
]
