"""Problem reports: anyone reports that a listing is wrong; the listing's editors and the
moderators are told; a moderator resolves or dismisses it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction

from .. import tasks
from ..models import Organisation, ProblemReport

if TYPE_CHECKING:
    from accounts.models import User


@transaction.atomic
def report_submit(
    *, organisation: Organisation, topic: str, message: str, contact_email: str = ""
) -> ProblemReport:
    report = ProblemReport(
        organisation=organisation, topic=topic, message=message, contact_email=contact_email
    )
    report.full_clean()
    report.save()
    transaction.on_commit(lambda: tasks.problem_report_notify.delay(report.pk))
    return report


@transaction.atomic
def report_close(*, reports: Iterable[ProblemReport], user: User, status: str) -> int:
    """Mark open reports resolved or dismissed, crediting the moderator; returns how many.

    ``reports`` is a queryset or a list; reports already closed are left as they are.
    """
    if not user.has_perm("directory.change_problemreport"):
        raise PermissionDenied
    if status not in (ProblemReport.Status.RESOLVED, ProblemReport.Status.DISMISSED):
        raise ValueError(f"not a closing status: {status!r}")
    pks = [report.pk for report in reports]
    return ProblemReport.objects.filter(pk__in=pks, status=ProblemReport.Status.OPEN).update(
        status=status, resolved_by=user
    )
