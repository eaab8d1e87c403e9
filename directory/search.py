"""Directory search that is correct on SQLite and fast on PostgreSQL.

Every searchable text of an organisation (its name, description, services and
category names, in every language) is folded into ``Organisation.search_text``:
case-folded, with accents removed from Latin letters ("Zażółć" becomes "zazolc")
and Arabic vowel marks removed, while other scripts (Bengali, Gujarati, Gurmukhi)
are kept as they are. Queries are folded the same way, so matching is
accent-insensitive in every language on every database. On PostgreSQL, full-text
search and pg_trgm word similarity rank the results; see ``_search_postgresql``.

Typos. A query word that no listing searched has as typed, and that is in no word of the
lexicon (``SearchWord``: the words of the public listings, see ``directory.lexicon``), is
corrected to the lexicon's closest word, the more frequent of equally close ones: by
pg_trgm similarity on PostgreSQL, by difflib's ratio among the words with its first
letter and about its length elsewhere. The search then looks for the corrected word as
it looks for any (no similarity scan of the listings), and the caller can say so
("Showing results for ..."; ``corrected_query``). A word with no close enough word is
searched as before: on PostgreSQL by pg_trgm word similarity with the listings' texts.
Which words are found as typed, and the corrections, come from one query
(``_read_terms``).
"""

import difflib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections
from django.db.models import Case, CharField, F, FloatField, Func, IntegerField, Q, Value, When
from django.db.models.functions import Greatest

from .models.lexicon import MAX_WORD_LENGTH, MIN_WORD_LENGTH, SearchWord

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


def search_organisations(
    queryset, query: str, *, first: int | None = None, memo=None, correct: bool | None = None
):
    """Filter a queryset to organisations matching every word of ``query``.

    Returns the queryset annotated with ``relevance`` (higher is better).

    ``first``: when only the first ``first`` results in relevance order will be read (a
    first page), matches may be narrowed to the ones that can be among them, which is
    far cheaper on PostgreSQL for common words; those rows and their order are the same.
    Counts must be taken without it. ``memo``: a dict kept across calls on the same
    queryset, so that a second call (the page after the count) repeats no look-up; from
    ``search_memo``, it also says whether to correct, and ``corrected_query`` reads the
    correction from it afterwards. ``correct``: whether a word that matches nothing is
    corrected from the lexicon (the memo's choice, else yes); see the module docstring.
    """
    terms = query_terms(query)
    if not terms:
        return queryset.annotate(relevance=Value(0.0, output_field=FloatField()))
    if correct is None:
        correct = memo.get(_CORRECT, True) if memo is not None else True
    postgresql = connection.vendor == "postgresql"
    key = (" ".join(terms), correct)
    if memo is not None and key in memo:
        reading = memo[key]
    else:
        reading = _read_terms(queryset, terms, correct=correct, postgresql=postgresql)
        if memo is not None:
            memo[key] = reading
    if postgresql:
        return _search_postgresql(queryset, reading, first=first)
    words = [word for word, _exactly in reading.matched]
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=word)
    return _sqlite_ranked(queryset.filter(condition), words)


# The memo's entry that says whether to correct (no phrase is a tuple of one string).
_CORRECT = ("correct",)


def search_memo(*, correct: bool = True) -> dict:
    """A memo for ``search_organisations``: ``correct=False`` searches every word as
    typed (a visitor who asked for exactly what they typed)."""
    return {_CORRECT: correct}


def corrected_query(query: str, memo) -> str | None:
    """``query`` as it was searched with ``memo``, if a word of it was corrected: each
    corrected word in its place (folded, as the lexicon has it), the others as typed."""
    terms = query_terms(query)
    if memo is None or not terms:
        return None
    reading = memo.get((" ".join(terms), memo.get(_CORRECT, True)))
    if reading is None or not reading.corrections:
        return None
    shown = []
    for piece in (query or "").split():
        words = fold(piece).split()
        if any(word in reading.corrections for word in words):
            piece = " ".join(reading.corrections.get(word, word) for word in words)
        shown.append(piece)
    return " ".join(shown)


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


# A word is corrected to a lexicon word at least this close: pg_trgm similarity on
# PostgreSQL ("comunity" and "community" are 0.73, "helth" and "health" 0.44), difflib's
# ratio elsewhere (0.94 and 0.91).
CORRECTION_SIMILARITY = 0.4
CORRECTION_RATIO = 0.8
# Elsewhere than PostgreSQL, difflib compares a word with at most this many of the
# lexicon's words, the most frequent with its first letter and a length within
# CANDIDATE_LENGTHS of its own.
CANDIDATES = 1000
CANDIDATE_LENGTHS = 2

_FOUND, _KNOWN, _NEAR = 0, 1, 2


@dataclass(frozen=True)
class _Reading:
    """How each word of a query is looked for: ``matched`` has, word by word, what to
    look for and whether exactly (False: by similarity); ``corrections`` maps each
    corrected word, as typed, to its correction."""

    matched: tuple[tuple[str, bool], ...]
    corrections: dict[str, str] = field(default_factory=dict)


def correctable(term: str) -> bool:
    """Whether a query word may be corrected: a word the lexicon could have."""
    return MIN_WORD_LENGTH <= len(term) <= MAX_WORD_LENGTH and not term.isdigit()


# The columns of every part of ``_read_terms``'s query, by name: the SQL of a queryset
# selects its annotations in an order of its own, so the parts are read by these names.
_COLUMNS = ("term_index", "term_kind", "term_word", "term_score", "term_listings")


def _columns(queryset, index: int, kind: int, word=None, score=None, listings=None):
    """``queryset`` selecting ``_COLUMNS``."""
    values = (
        Value(index, output_field=IntegerField()),
        Value(kind, output_field=IntegerField()),
        word if word is not None else Value("", output_field=CharField()),
        score if score is not None else Value(0.0, output_field=FloatField()),
        listings if listings is not None else Value(0, output_field=IntegerField()),
    )
    return queryset.annotate(**dict(zip(_COLUMNS, values, strict=True))).values_list(*_COLUMNS)


def _read_terms(queryset, terms: list[str], *, correct: bool, postgresql: bool) -> _Reading:
    """Which terms some organisation of ``queryset`` has as typed, and for the others
    whether the lexicon has a word containing them and its closest words, in ONE query.

    A term found as typed is looked for as typed. One that is not, that is in no word of
    the lexicon and has a close enough word there, is looked for as that word. Any other
    is looked for by similarity on PostgreSQL, as typed elsewhere (where only a term to
    correct needs the first check)."""
    correcting = [i for i, term in enumerate(terms) if correct and correctable(term)]
    checked = range(len(terms)) if postgresql else correcting
    parts = [
        _columns(queryset.order_by().filter(search_text__contains=terms[i]), i, _FOUND)[:1]
        for i in checked
    ]
    words = SearchWord.objects.filter(listings__gt=0).order_by()
    for i in correcting:
        term = terms[i]
        parts.append(_columns(words.filter(word__contains=term), i, _KNOWN)[:1])
        if postgresql:
            similar = words.filter(word__trigram_similar=term)
            near = _columns(
                similar, i, _NEAR, F("word"), TrigramSimilarity("word", term), F("listings")
            ).order_by("-term_score", "-term_listings", "term_word")[:1]
        else:
            window = words.filter(
                word__gte=term[0],
                word__lt=chr(ord(term[0]) + 1),
                length__gte=len(term) - CANDIDATE_LENGTHS,
                length__lte=len(term) + CANDIDATE_LENGTHS,
            )
            near = _columns(window, i, _NEAR, F("word"), None, F("listings"))
            near = near.order_by("-term_listings", "term_word")[:CANDIDATES]
        parts.append(near)
    if not parts:
        return _Reading(tuple((term, True) for term in terms))
    found, known, near_words = set(), set(), defaultdict(list)
    for index, kind, word, score, listings in _union_all(parts):
        if kind == _FOUND:
            found.add(index)
        elif kind == _KNOWN:
            known.add(index)
        else:
            near_words[index].append((word, score, listings))
    matched, corrections = [], {}
    for i, term in enumerate(terms):
        if i in found or i not in correcting or i in known:
            matched.append((term, i in found or not postgresql))
            continue
        closest = _closest(term, near_words[i], postgresql=postgresql)
        if closest is None:
            matched.append((term, not postgresql))
        else:
            matched.append((closest, True))
            corrections[term] = closest
    return _Reading(tuple(matched), corrections)


def _union_all(parts: list) -> list[tuple]:
    """The rows of every (sliced) queryset of ``parts``, in one query. Each is a subquery
    of its own: SQLite allows no LIMIT in a part of a compound statement."""
    pieces, params = [], []
    for number, part in enumerate(parts):
        try:
            sql, part_params = part.query.get_compiler(using=part.db).as_sql()
        except EmptyResultSet:
            continue  # a part that can have no rows (an empty queryset)
        pieces.append(f"SELECT {', '.join(_COLUMNS)} FROM ({sql}) AS part{number}")  # noqa: S608
        params.extend(part_params)
    if not pieces:
        return []
    with connections[parts[0].db].cursor() as cursor:
        # Only the querysets' own SQL, their values as parameters.
        cursor.execute(" UNION ALL ".join(pieces), params)
        return cursor.fetchall()


def _closest(term: str, candidates: list[tuple], *, postgresql: bool) -> str | None:
    """The closest of the candidate words (``(word, score, listings)``, most frequent
    first) if close enough; the more frequent of equally close ones."""
    if postgresql:  # the query kept the best one, by similarity and then frequency
        return next(
            (word for word, score, _n in candidates if score >= CORRECTION_SIMILARITY), None
        )
    matcher = difflib.SequenceMatcher(b=term)
    best, best_key = None, None
    for word, _score, listings in candidates:
        matcher.set_seq1(word)
        if (
            matcher.real_quick_ratio() < CORRECTION_RATIO
            or matcher.quick_ratio() < CORRECTION_RATIO
        ):
            continue
        ratio = matcher.ratio()
        if ratio >= CORRECTION_RATIO and (best_key is None or (ratio, listings) > best_key):
            best, best_key = word, (ratio, listings)
    return best


def _search_postgresql(queryset, reading: _Reading, *, first=None):
    """Every term must match: as typed or corrected (a substring, through the trigram
    index) or, for a term that no organisation contains as typed and that has no
    correction, by pg_trgm word similarity (see ``_read_terms``).

    Word similarity costs ~80 microseconds a listing, and for a common word thousands of
    listings are candidates; trying it only for terms that match nothing as typed and
    that the lexicon cannot correct keeps typo tolerance where it helps without paying
    for it on every search.

    Relevance (the greater of the full-text rank and the word similarity of the whole
    query) costs ~0.1 ms a listing, so it is worked out only for the top hits: up to
    TOP_HITS matches that contain every word as a whole word and up to TOP_HITS matches
    of any kind, the first found of each. Those come
    first, most relevant first; the other matches get 0 and follow in name order. A
    query with fewer than TOP_HITS matches, as most are, has every match ranked. Since
    the top hits are at least min(TOP_HITS, matches) rows, the first ``first`` <= TOP_HITS
    results are all top hits, and then nothing else needs reading.
    """
    terms = [word for word, _exactly in reading.matched]
    phrase = " ".join(terms)
    condition = Q()
    for term, exactly in reading.matched:
        if exactly:
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
