"""Sign-in backends that grant no permissions.

Who may do what is decided by django-rules alone (``directory/rules.py``,
``engagement/rules.py``, ``accounts/rules.py``), so that no permission can be granted
by ticking a box in the admin or by a group's permission list and go unseen there.
Superusers still pass every check: Django's ``User.has_perm`` says yes before asking
any backend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser, Permission
    from django.db.models import Model, QuerySet

    from .models import User


class NoModelPermissionsMixin:
    # The async variants too: ModelBackend's own would read the permission tables.
    def get_user_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        return set()

    async def aget_user_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        return set()

    def get_group_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        return set()

    async def aget_group_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        return set()

    def get_all_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        return set()

    async def aget_all_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Model | None = None
    ) -> set[str]:
        return set()

    def has_perm(
        self, user_obj: AbstractBaseUser | AnonymousUser, perm: str, obj: Model | None = None
    ) -> bool:
        return False

    async def ahas_perm(
        self, user_obj: AbstractBaseUser | AnonymousUser, perm: str, obj: Model | None = None
    ) -> bool:
        return False

    def has_module_perms(self, user_obj: AbstractBaseUser | AnonymousUser, app_label: str) -> bool:
        return False

    async def ahas_module_perms(
        self, user_obj: AbstractBaseUser | AnonymousUser, app_label: str
    ) -> bool:
        return False

    def with_perm(
        self,
        perm: str | Permission,
        is_active: bool = True,
        include_superusers: bool = True,
        obj: Model | None = None,
    ) -> QuerySet[User]:
        return get_user_model()._default_manager.none()


class PasswordBackend(NoModelPermissionsMixin, ModelBackend):
    """Username and password (the admin's sign-in form)."""


class AccountBackend(NoModelPermissionsMixin, AuthenticationBackend):
    """Email and password, through allauth."""
