"""Who may correct the interface translations in the browser (django-rosetta)."""

from django.core.exceptions import PermissionDenied


def can_translate(user) -> bool:
    """The ``accounts.translate_interface`` rule. Signed-out people are sent to sign in;
    anyone else signed in without it is refused outright (sending them to sign in again
    would loop)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.has_perm("accounts.translate_interface"):
        return True
    raise PermissionDenied
