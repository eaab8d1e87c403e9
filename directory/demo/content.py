"""The directory demo's content, read from the TOML files in ``data/``.

``places.toml`` (boroughs' places, postcodes and map centres; streets and venues),
``communities.toml``, ``community_kinds.toml`` and ``general_kinds.toml`` (the kinds of
organisation, with their services), ``translations.toml`` (descriptions in the
community's language) and ``listings.toml`` (what every listing has some of, and the
organisations a demo always shows). Each file says what its fields mean.

The files are read once, when this module is imported (by ``seed_directory``, never
by the running site), and checked: a name that points at nothing fails here, with the
file and the name, rather than halfway through seeding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from common.demo_data import Problems, read, record

from ..models import Organisation
from ..models.records import SOURCE_DEMO

DATA = Path(__file__).resolve().parent / "data"
DEMO_SOURCE = SOURCE_DEMO
LF = Organisation.LegalForm


@dataclass(frozen=True)
class Community:
    key: str
    adjectives: tuple[str, ...]  # the first is the plain one, used for translated names
    language: str  # Language.code
    language_name: str
    boroughs: tuple[str, ...]  # where the community is large
    refugee: bool = False


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    description: str
    eligibility: str
    fees: str = ""
    schedule: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None


@dataclass(frozen=True)
class Kind:
    key: str
    names: tuple[str, ...]  # {place}, and {adj} for community kinds
    summary: str  # "a ..." phrase
    activity: str  # English; may use {adj}, {language}, {place}
    categories: tuple[str, ...]
    beneficiaries: tuple[str, ...]
    legal_forms: tuple[str, ...]
    hours: tuple[str, ...]
    services: tuple[ServiceSpec, ...]
    community: bool = False
    extra_languages: tuple[str, ...] = ()
    features: tuple[str, ...] = ()  # accessibility features always present

    @property
    def refugee_only(self) -> bool:
        return self.key == "refugee"

    @classmethod
    def from_data(cls, table: dict, *, community: bool) -> Kind:
        return record(
            cls,
            table,
            legal_forms=tuple(LF(value) for value in table["legal_forms"]),
            services=tuple(ServiceSpec(**service) for service in table["services"]),
            community=community,
        )


@dataclass(frozen=True)
class LanguageTexts:
    intro: str
    activities: dict[str, str]
    speaks: str
    fiction: str
    names: dict[str, str] = field(default_factory=dict)  # kind -> translated name ({place})


# --- Places ---------------------------------------------------------------------------
_places = read(DATA, "places")
# Per borough: (place, outward postcode) pairs; the first is the borough itself.
PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    slug: tuple((place, outward) for place, outward in pairs)
    for slug, pairs in _places["places"].items()
}
# Rough centres, for plausible map pins (jittered by about a kilometre).
CENTRES: dict[str, tuple[float, float]] = {
    slug: (latitude, longitude) for slug, (latitude, longitude) in _places["centres"].items()
}
STREETS: tuple[str, ...] = tuple(_places["streets"])
VENUES: tuple[str, ...] = tuple(_places["venues"])
INWARD_LETTERS: str = _places["inward_letters"]

# --- Communities and kinds of organisation ----------------------------------------------
COMMUNITIES = tuple(record(Community, table) for table in read(DATA, "communities")["community"])
COMMUNITY_BY_KEY = {community.key: community for community in COMMUNITIES}
COMMUNITY_KINDS = tuple(
    Kind.from_data(table, community=True) for table in read(DATA, "community_kinds")["kind"]
)
GENERAL_KINDS = tuple(
    Kind.from_data(table, community=False) for table in read(DATA, "general_kinds")["kind"]
)
KIND_BY_KEY = {kind.key: kind for kind in COMMUNITY_KINDS + GENERAL_KINDS}

# --- Translations -----------------------------------------------------------------------
TEXTS: dict[str, LanguageTexts] = {
    code: LanguageTexts(**texts) for code, texts in read(DATA, "translations").items()
}

# --- What every listing has some of -----------------------------------------------------
_listings = read(DATA, "listings")
FICTION_NOTE: str = _listings["fiction_note"]
OPENERS: tuple[str, ...] = tuple(_listings["openers"])
EMAIL_BOXES: tuple[str, ...] = tuple(_listings["email_boxes"])
ADDITIONAL_LANGUAGES: tuple[str, ...] = tuple(_listings["additional_languages"])
# The organisations a demo should always show (borough, kind, community, place).
ANCHORS: tuple[tuple[str, str, str | None, str], ...] = tuple(
    (borough, kind, community or None, place)
    for borough, kind, community, place in _listings["anchors"]
)
FEATURE_ODDS: tuple[tuple[str, float], ...] = tuple(_listings["feature_odds"].items())
ACCESS_NOTES: tuple[str, ...] = tuple(note["text"] for note in _listings["access_note"])
# What each note says about the accessibility facts, which are set to agree with it (a
# listing must not say "step-free access" beside "steps at the entrance").
ACCESS_NOTE_FACTS: dict[str, dict[str, bool]] = {
    note["text"]: note["facts"] for note in _listings["access_note"] if "facts" in note
}


def _check() -> None:
    """Every name in the data points at something (the database is checked when seeding)."""
    problems = Problems()
    expect = problems.expect
    expect(PLACES, CENTRES, "places.toml [centres]")
    for community in COMMUNITIES:
        expect(PLACES, community.boroughs, f"communities.toml {community.key}")
    features = {name for name, _odds in FEATURE_ODDS}
    for kind in KIND_BY_KEY.values():
        expect(features, kind.features, f"kind {kind.key} features")
    for facts in ACCESS_NOTE_FACTS.values():
        expect(features, facts, "listings.toml access_note facts")
    for code, texts in TEXTS.items():
        expect(KIND_BY_KEY, [*texts.activities, *texts.names], f"translations.toml [{code}]")
    for borough, kind, community, place in ANCHORS:
        expect(PLACES, [borough], "listings.toml anchors")
        expect(KIND_BY_KEY, [kind], "listings.toml anchors")
        expect(COMMUNITY_BY_KEY, [community] if community else [], "listings.toml anchors")
        expect([name for name, _outward in PLACES.get(borough, ())], [place], "anchors")
    if len(KIND_BY_KEY) < len(COMMUNITY_KINDS) + len(GENERAL_KINDS):
        problems.append("kinds: two kinds have the same key")
    problems.check(DATA)


_check()
