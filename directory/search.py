"""Directory search that is correct on SQLite and fast on PostgreSQL.

Every searchable text of an organisation (its name, description, services and
category names, in every language) is folded into ``Organisation.search_text``:
case-folded, with accents removed from Latin letters ("Zażółć" becomes "zazolc")
and Arabic vowel marks removed, while other scripts (Bengali, Gujarati, Gurmukhi)
are kept as they are. Queries are folded the same way, so matching is
accent-insensitive in every language on every database. On PostgreSQL, full-text
search and pg_trgm word similarity rank the results and tolerate typos.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

# Letters that carry no combining mark in Unicode but have a plain ASCII reading.
_LETTER_FOLDS = str.maketrans(
    {"ł": "l", "đ": "d", "ð": "d", "ø": "o", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th", "ħ": "h"}
)
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
MAX_QUERY_TERMS = 8
MAX_QUERY_LENGTH = 200


def fold(text: str) -> str:
    """Fold text for matching: lower case, no Latin accents, single spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    previous_base = ""
    for char in decomposed:
        if unicodedata.combining(char):
            # Drop accents on Latin letters only; marks in Indic scripts are letters' parts.
            if previous_base and previous_base < "\u0250":
                continue
        else:
            previous_base = char
        kept.append(char)
    folded = unicodedata.normalize("NFC", "".join(kept)).translate(_LETTER_FOLDS)
    folded = _ARABIC_MARKS.sub("", folded)
    # Keep letters, digits and the marks that are part of Indic letters; all else separates.
    words = "".join(c if unicodedata.category(c)[0] in "LNM" else " " for c in folded)
    return " ".join(words.split())


def query_terms(query: str) -> list[str]:
    """The folded words of a visitor's query, bounded in number and length."""
    return fold((query or "")[:MAX_QUERY_LENGTH]).split()[:MAX_QUERY_TERMS]


def search_text_for(organisation) -> str:
    """Build the folded search text for one organisation from its current data."""
    language_codes = [code for code, _name in settings.LANGUAGES]
    parts: list[str] = []

    def add_translated(instance, field):
        for code in language_codes:
            value = getattr(instance, f"{field}_{code}", None)
            if value:
                parts.append(value)

    add_translated(organisation, "name")
    add_translated(organisation, "description")
    if organisation.pk:
        for service in organisation.services.all():
            add_translated(service, "name")
            add_translated(service, "description")
        for term in list(organisation.categories.all()) + list(organisation.beneficiaries.all()):
            add_translated(term, "name")
    return fold(" ".join(dict.fromkeys(parts)))


def search_organisations(queryset, query: str):
    """Filter a queryset to organisations matching every word of ``query``.

    Returns the queryset annotated with ``relevance`` (higher is better).
    """
    terms = query_terms(query)
    if not terms:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, terms)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    # Without ranking functions, put organisations whose name starts with the query first.
    relevance = Case(
        When(name__istartswith=terms[0], then=Value(2.0)),
        default=Value(1.0),
        output_field=FloatField(),
    )
    return queryset.filter(condition).annotate(relevance=relevance)


def _search_postgresql(queryset, terms: list[str]):
    phrase = " ".join(terms)
    condition = Q()
    for term in terms:
        # Exact word (full-text), a substring, or a near miss (trigram word similarity).
        condition &= Q(search_text__contains=term) | Q(search_text__trigram_word_similar=term)
    vector = SearchVector("search_text", config="simple")
    ts_query = SearchQuery(phrase, config="simple", search_type="plain")
    return queryset.filter(condition).annotate(
        relevance=Greatest(
            SearchRank(vector, ts_query),
            TrigramWordSimilarity(phrase, F("search_text")),
            output_field=FloatField(),
        )
    )
