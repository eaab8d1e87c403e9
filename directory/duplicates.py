"""Is a proposed listing one we already have? Name matching for the duplicate warning.

Names are compared as words, after folding (case, accents), "&" read as "and", and
leaving out words that say nothing about which group it is ("the", "of", "ltd"...).
Two names match when:

- they have the same words in any order ("Carers Bow Bengali" / "Bow Bengali Carers");
- all but one of three or more words match ("Bow Bengali Carers Group" / "Bow Bengali
  Carers Network");
- they differ only by a typo or two (each word compared letter by letter); or
- the organisation is at the same postcode and at least half the words match.

Only names are compared (in every language the listing has), never descriptions: two
groups that both "support carers in Tower Hamlets" are not the same group.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from .search import fold

# Words that do not tell one group from another.
FILLER = {
    "the",
    "of",
    "and",
    "for",
    "in",
    "a",
    "ltd",
    "limited",
    "cic",
    "cio",
    "inc",
    "uk",
}
SIMILAR_WORD = 0.8  # letter-by-letter similarity for two words to count as the same
SIMILAR_NAME = 0.88  # the same for whole names, for typos across word boundaries


def name_words(name: str) -> list[str]:
    folded = fold((name or "").replace("&", " and ").replace("+", " and "))
    return [word for word in folded.split() if word not in FILLER]


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False  # short words differ by a letter too easily ("bow" / "bob")
    return SequenceMatcher(None, a, b).ratio() >= SIMILAR_WORD


def word_overlap(a: list[str], b: list[str]) -> float:
    """The share of words matched one to one, out of the longer name's words."""
    if not a or not b:
        return 0.0
    unmatched = list(b)
    matched = 0
    for word in a:
        partner = next((other for other in unmatched if _same_word(word, other)), None)
        if partner is not None:
            unmatched.remove(partner)
            matched += 1
    return matched / max(len(a), len(b))


def names_match(proposed: str, existing: str, *, same_postcode: bool = False) -> bool:
    a, b = name_words(proposed), name_words(existing)
    if not a or not b:
        return False
    overlap = word_overlap(a, b)
    if overlap == 1.0:
        return True  # the same words, in any order, typos allowed
    longest = max(len(a), len(b))
    if longest >= 3 and overlap >= (longest - 1) / longest:
        return True  # one different word
    if SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= SIMILAR_NAME:
        return True
    return same_postcode and overlap >= 0.5


def candidate_words(name: str) -> list[str]:
    """Pieces of the name to look up candidates by: the start of each longer word, so
    that a typo later in the word still finds it."""
    return sorted({word[:4] for word in name_words(name) if len(word) >= 4})
