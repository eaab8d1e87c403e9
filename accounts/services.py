"""Account changes with side effects."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

if TYPE_CHECKING:
    from .models import User


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete a member's account and personal data.

    Their suggestions and listing changes stay (the author becomes empty, shown as
    "a community member"); editor roles and pending claims go with the account.
    """
    # Foreign keys to the user from suggestions and history are SET_NULL, so the
    # contributions remain without anything that identifies the person.
    user.delete()
