"""Keep each organisation's folded search text in step with what it is found by, and
the lexicon (``directory.lexicon``) in step with the search texts."""

import contextlib
import contextvars

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import lexicon
from .models import Organisation, Service
from .search import search_text_for

_deferred = contextvars.ContextVar("search_text_deferred", default=False)


@contextlib.contextmanager
def search_text_deferred():
    """Within it, saving an organisation or changing its categories leaves its search text
    alone: the caller refreshes it once, when the organisation is complete (imports
    save a row and then its many-to-many fields, which refreshed it three times)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def refresh_search_text(organisation: Organisation) -> None:
    """Rebuild the search text, and count the listing in the lexicon for its words now
    (its text may be the same while it was published or unpublished)."""
    text = search_text_for(organisation)
    if text != organisation.search_text:
        organisation.search_text = text
        # .update() leaves updated_at and history alone: this is derived data.
        Organisation.objects.filter(pk=organisation.pk).update(search_text=text)
    lexicon.refresh([organisation.pk])


@receiver(post_save, sender=Organisation)
def organisation_saved(sender, instance, raw=False, **kwargs):
    if not raw and not _deferred.get():
        refresh_search_text(instance)


@receiver(m2m_changed, sender=Organisation.categories.through)
@receiver(m2m_changed, sender=Organisation.beneficiaries.through)
def organisation_terms_changed(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_") and not reverse and not _deferred.get():
        refresh_search_text(instance)


@receiver(post_save, sender=Service)
@receiver(post_delete, sender=Service)
def service_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    organisation = Organisation.objects.filter(pk=instance.organisation_id).first()
    if organisation is not None:
        refresh_search_text(organisation)


@receiver(post_delete, sender=Organisation)
def organisation_deleted(sender, instance, using, **kwargs):
    # After its services, which refreshed it on their way out: its words go back now.
    lexicon.forget([instance.pk], using=using)
