"""The vocabularies that describe a listing: boroughs, languages, and the taxonomies of
areas of work and of who an organisation helps. Reference data, loaded by migrations."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Borough(models.Model):
    """One of London's 33 local authorities (32 boroughs and the City of London)."""

    gss_code = models.CharField(_("ONS GSS code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("borough")
        verbose_name_plural = _("boroughs")

    def __str__(self):
        return self.name


class Language(models.Model):
    """A language, by ISO 639 code, with its name in English and in its own script."""

    code = models.CharField(_("ISO 639 code"), max_length=12, unique=True)
    name = models.CharField(_("name in English"), max_length=100)
    name_local = models.CharField(_("name in the language itself"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        """The name in the page's language, with the name in its own script beside it
        (as in a list to choose from): "bengalski (বাংলা)" on a Polish page."""
        name = self.display_name
        if self.name_local and self.name_local != name:
            return f"{name} ({self.name_local})"
        return name

    @property
    def display_name(self) -> str:
        """The language's name in the page's language: "bengalski" on a Polish page."""
        from ..vocabularies import language_display_name

        return language_display_name(self.code, self.name)


class Taxonomy(models.Model):
    """A controlled vocabulary, such as the areas of work or the beneficiary groups."""

    class Kind(models.TextChoices):
        CATEGORY = "category", _("Areas of work")
        BENEFICIARY = "beneficiary", _("Beneficiary groups")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    uri = models.URLField(_("URI"), blank=True)
    version = models.CharField(_("version"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self):
        return self.name


class TaxonomyTermQuerySet(models.QuerySet):
    def categories(self):
        return self.filter(taxonomy__kind=Taxonomy.Kind.CATEGORY)

    def beneficiaries(self):
        return self.filter(taxonomy__kind=Taxonomy.Kind.BENEFICIARY)


class TaxonomyTerm(models.Model):
    """A term in a taxonomy; terms can nest under a parent."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("taxonomy")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent term"),
    )
    code = models.CharField(_("code"), max_length=50)
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))

    objects = TaxonomyTermQuerySet.as_manager()

    class Meta:
        ordering = ["taxonomy__kind", "name"]
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code"),
            models.UniqueConstraint(fields=["taxonomy", "slug"], name="unique_term_slug"),
        ]

    def __str__(self):
        return self.name
