"""Sign-in backends that grant no permissions.

Who may do what is decided by django-rules alone (``directory/rules.py``,
``engagement/rules.py``, ``accounts/rules.py``), so that no permission can be granted
by ticking a box in the admin or by a group's permission list and go unseen there.
Superusers still pass every check: Django's ``User.has_perm`` says yes before asking
any backend.
"""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class NoModelPermissionsMixin:
    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def with_perm(self, perm, is_active=True, include_superusers=True, obj=None):
        return get_user_model()._default_manager.none()


class PasswordBackend(NoModelPermissionsMixin, ModelBackend):
    """Username and password (the admin's sign-in form)."""


class AccountBackend(NoModelPermissionsMixin, AuthenticationBackend):
    """Email and password, through allauth."""
