"""The lexicon: every word of the public listings' search text, with how many listings
have it. Search corrects a word that matches nothing from it ("comunity" becomes
"community", see ``directory.search``); ``directory.lexicon`` keeps it in step with the
listings.

``ListingWords`` holds, for each listing, the words it is counted for: so that a listing
that changes (or is unpublished, or deleted) takes back exactly what it gave, whatever
it was before, without anyone having to remember its old text.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Words shorter than this are not in the lexicon (nor corrected), and numbers are not.
MIN_WORD_LENGTH = 3
# Nor are longer ones: nobody types them, and they would bloat the index.
MAX_WORD_LENGTH = 60


class SearchWord(models.Model):
    """A folded word of the public listings, with how many of them have it."""

    # Not shown to anyone (there is no admin for it): the fields keep their own names.
    word = models.CharField(max_length=MAX_WORD_LENGTH, unique=True)
    listings = models.PositiveIntegerField(default=0)
    length = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self):
        return self.word


class ListingWords(models.Model):
    """The words one listing is counted for in the lexicon (none while it is not public),
    separated by spaces.

    Not a constraint on the listing, nor deleted with it by Django: when a listing is
    deleted its services go first, and refreshing the listing's search text then must
    still find what it is counted for. The listing's ``post_delete`` takes its words
    back and removes this row (``directory.lexicon.forget``)."""

    organisation = models.OneToOneField(
        "directory.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="lexicon_words",
        verbose_name=_("organisation"),
    )
    words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("listing's words")
        verbose_name_plural = _("listings' words")

    def __str__(self):
        return str(self.organisation_id)
