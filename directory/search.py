"""Directory search that is correct on SQLite and fast on PostgreSQL.

Every searchable text of an organisation (its name, description, services and
category names, in every language) is folded into ``Organisation.search_text``:
case-folded, with accents removed from Latin letters ("Zażółć" becomes "zazolc")
and Arabic vowel marks removed, while other scripts (Bengali, Gujarati, Gurmukhi)
are kept as they are. Queries are folded the same way, so matching is
accent-insensitive in every language on every database. On PostgreSQL, full-text
search and pg_trgm word similarity rank the results, and a word that matches nothing as
typed is matched by similarity instead (typos); see ``_search_postgresql``.
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
from django.db.models import Case, CharField, F, FloatField, Func, IntegerField, Q, Value, When
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


def search_text_for(organisation, *, terms=None) -> str:
    """Build the folded search text for one organisation from its current data.

    ``terms``: for an organisation not saved yet (no services), its categories and
    beneficiaries, when the caller has them at hand (an import); read otherwise."""
    language_codes = [code for code, _name in settings.LANGUAGES]
    parts: list[str] = []

    def add_translated(instance, field):
        for code in language_codes:
            value = getattr(instance, f"{field}_{code}", None)
            if value:
                parts.append(value)

    add_translated(organisation, "name")
    if organisation.alternative_names:
        parts.append(organisation.alternative_names)
    add_translated(organisation, "description")
    if terms is not None:
        for term in terms:
            add_translated(term, "name")
    elif organisation.pk:
        for service in organisation.services.all():
            add_translated(service, "name")
            add_translated(service, "description")
        for term in list(organisation.categories.all()) + list(organisation.beneficiaries.all()):
            add_translated(term, "name")
    return fold(" ".join(dict.fromkeys(parts)))


def search_organisations(queryset, query: str, *, first: int | None = None, memo=None):
    """Filter a queryset to organisations matching every word of ``query``.

    Returns the queryset annotated with ``relevance`` (higher is better).

    ``first``: when only the first ``first`` results in relevance order will be read (a
    first page), matches may be narrowed to the ones that can be among them, which is
    far cheaper on PostgreSQL for common words; those rows and their order are the same.
    Counts must be taken without it. ``memo``: a dict kept across calls on the same
    queryset, so that a second call (the page after the count) repeats no look-up.
    """
    terms = query_terms(query)
    if not terms:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, terms, first=first, memo=memo)
    condition = Q()
    for term in terms:
        condition &= Q(search_text__contains=term)
    return _sqlite_ranked(queryset.filter(condition), terms)


class Fold(Func):
    """``fold()`` in SQL, on SQLite (``waytahead_fold``, registered on every connection)."""

    function = "waytahead_fold"
    output_field = CharField()


def _sqlite_ranked(queryset, terms: list[str]):
    """SQLite has no ranking functions: rank by the name the reader sees (in the page's
    language, with its fallbacks), folded as the query is: the name itself first, then a
    name that starts with the query, then one with every word in it, then any other
    match (a word in the description, a service, a category)."""
    from django.utils.translation import get_language

    from .ordering import shown_name

    whole = " ".join(terms)
    every_word = Q()
    for term in terms:
        every_word &= Q(folded_name__contains=term)
    return queryset.annotate(folded_name=Fold(shown_name(get_language() or "en"))).annotate(
        relevance=Case(
            When(folded_name=whole, then=Value(4.0)),
            When(folded_name__startswith=whole, then=Value(3.0)),
            When(every_word, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )
    )


# How many hits each GIN index offers for ranking (see _search_postgresql).
TOP_HITS = 60


def _terms_found_as_typed(queryset, terms: list[str]) -> set[str]:
    """The terms that some organisation of ``queryset`` contains as typed, in one query."""
    parts = [
        queryset.order_by()
        .filter(search_text__contains=term)
        .values_list(Value(index, output_field=IntegerField()), flat=True)[:1]
        for index, term in enumerate(terms)
    ]
    found = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return {terms[index] for index in found}


def _search_postgresql(queryset, terms: list[str], *, first=None, memo=None):
    """Every term must match: as typed (a substring, through the trigram index) or, for a
    term that no organisation contains as typed, by pg_trgm word similarity (typos).

    Word similarity costs ~80 microseconds a listing, and for a common word thousands of
    listings are candidates; trying it only for terms that match nothing as typed keeps
    typo tolerance where it helps without paying for it on every search.

    Relevance (the greater of the full-text rank and the word similarity of the whole
    query) costs ~0.1 ms a listing, so it is worked out only for the top hits: up to
    TOP_HITS matches that contain every word as a whole word and up to TOP_HITS matches
    of any kind, the first found of each. Those come
    first, most relevant first; the other matches get 0 and follow in name order. A
    query with fewer than TOP_HITS matches, as most are, has every match ranked. Since
    the top hits are at least min(TOP_HITS, matches) rows, the first ``first`` <= TOP_HITS
    results are all top hits, and then nothing else needs reading.
    """
    phrase = " ".join(terms)
    if memo is not None and phrase in memo:
        found = memo[phrase]
    else:
        found = _terms_found_as_typed(queryset, terms)
        if memo is not None:
            memo[phrase] = found
    condition = Q()
    for term in terms:
        if term in found:
            condition &= Q(search_text__contains=term)
        else:
            condition &= Q(search_text__trigram_word_similar=term)
    matches = queryset.filter(condition)
    vector = SearchVector("search_text", config="simple")
    ts_query = SearchQuery(phrase, config="simple", search_type="plain")
    # Unordered on purpose: the first hits found, without reading every match. Whole words
    # by regular expression (\m and \M are word boundaries; terms are letters and digits
    # only, see fold), which costs microseconds a row where to_tsvector costs 30.
    whole = Q()
    for term in terms:
        whole &= Q(search_text__regex=rf"\m{term}\M")
    whole_words = matches.filter(whole).order_by().values("pk")[:TOP_HITS]
    any_match = matches.order_by().values("pk")[:TOP_HITS]
    score = Greatest(
        SearchRank(vector, ts_query),
        TrigramWordSimilarity(phrase, F("search_text")),
        output_field=FloatField(),
    )
    if first is not None and first <= TOP_HITS:
        return matches.filter(pk__in=whole_words.union(any_match)).annotate(relevance=score)
    top_hits = Q(pk__in=whole_words) | Q(pk__in=any_match)
    return matches.annotate(
        relevance=Case(When(top_hits, then=score), default=Value(0.0), output_field=FloatField())
    )
