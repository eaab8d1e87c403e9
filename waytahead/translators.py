"""Who may correct the interface translations in the browser (django-rosetta)."""

from django.core.exceptions import PermissionDenied

TRANSLATORS_GROUP = "Translators"


def can_translate(user) -> bool:
    """Translators and administrators. Signed-out people are sent to sign in; anyone else
    signed in is refused outright (sending them to sign in again would loop)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or user.groups.filter(name=TRANSLATORS_GROUP).exists():
        return True
    raise PermissionDenied
