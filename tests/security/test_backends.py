"""The sign-in backends grant no model permission, by the sync API or the async one:
a permission ticked for a user or their group in the admin gates nothing
(accounts/backends.py). Whatever they may do comes from django-rules."""

import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PERM = "directory.view_organisation"


@pytest.fixture
def ticked():
    """Staff with a model permission given directly and another through a group, as
    the admin's checkboxes would; read back fresh, so no permission cache is warm."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_organisation"))
    group = Group.objects.create(name="Ticked in the admin")
    group.permissions.add(Permission.objects.get(codename="change_organisation"))
    user.groups.add(group)
    return get_user_model().objects.get(pk=user.pk)


def test_sync_checks_grant_nothing(ticked):
    assert ticked.get_all_permissions() == set()
    assert ticked.get_user_permissions() == set()
    assert ticked.get_group_permissions() == set()
    assert not ticked.has_perm(PERM)
    assert not ticked.has_perm("directory.change_organisation")
    assert not ticked.has_module_perms("directory")


def test_async_checks_grant_nothing(ticked):
    assert async_to_sync(ticked.aget_all_permissions)() == set()
    assert async_to_sync(ticked.aget_user_permissions)() == set()
    assert async_to_sync(ticked.aget_group_permissions)() == set()
    assert not async_to_sync(ticked.ahas_perm)(PERM)
    assert not async_to_sync(ticked.ahas_perm)("directory.change_organisation")
    assert not async_to_sync(ticked.ahas_module_perms)("directory")


def test_no_backend_lists_users_by_model_permission(ticked):
    for backend_path in (
        "accounts.backends.PasswordBackend",
        "accounts.backends.AccountBackend",
    ):
        assert not get_user_model().objects.with_perm(PERM, backend=backend_path).exists()
