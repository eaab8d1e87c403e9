"""Who may do what with accounts (django-rules). Accounts themselves, and the groups
that give people their roles (Moderators, Translators, Engagement staff, Engagement
leads), are managed by administrators (superusers) only."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

TRANSLATORS_GROUP = "Translators"


@rules.predicate
def is_translator(user: User | AnonymousUser) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=TRANSLATORS_GROUP).exists()


# Correct the interface's translations in the browser (django-rosetta, /translate/).
rules.add_perm("accounts.translate_interface", is_translator)
