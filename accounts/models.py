"""People who sign in: community members, organisation editors and staff."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person with an account. Email addresses are private; only a display name that
    the person chose to show is ever public."""

    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How your name appears on your public contributions, if you allow it."),
    )
    show_name_publicly = models.BooleanField(
        _("show my display name on my contributions"),
        default=False,
        help_text=_("Otherwise your changes are credited to “a community member”."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("We write to you in this language."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        """The name shown on public pages: the chosen display name, or nothing."""
        return self.display_name if self.show_name_publicly and self.display_name else ""
