"""Who may correct the interface translations in the browser (django-rosetta)."""

TRANSLATORS_GROUP = "Translators"


def can_translate(user) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name=TRANSLATORS_GROUP).exists()
