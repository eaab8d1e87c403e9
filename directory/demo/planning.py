"""Planning the directory demo: every organisation's fields, decided without the database.

``plan()`` draws everything from one ``random.Random`` with a fixed seed, in a fixed
order, so the same data (and the same ``size``) always gives the same organisations;
``writing.seed_directory`` then writes them. The content it draws from is in
``content.py`` (and so in ``data/``).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from ..models import Organisation, Service
from .content import (
    ACCESS_NOTE_FACTS,
    ACCESS_NOTES,
    ADDITIONAL_LANGUAGES,
    ANCHORS,
    CENTRES,
    COMMUNITIES,
    COMMUNITY_BY_KEY,
    COMMUNITY_KINDS,
    DEMO_SOURCE,
    EMAIL_BOXES,
    FEATURE_ODDS,
    FICTION_NOTE,
    GENERAL_KINDS,
    INWARD_LETTERS,
    KIND_BY_KEY,
    LF,
    OPENERS,
    PLACES,
    STREETS,
    TEXTS,
    VENUES,
    Community,
    Kind,
)

SEED = 20_250_401
TARGET_ORGANISATIONS = 300
# Of TARGET_ORGANISATIONS listings, how many are temporarily closed, closed and
# unpublished; a smaller demo has proportionally fewer.
HIDDEN = (9, 6, 7)
# How far a listing's point may be from its borough's rough centre, in degrees: about a
# kilometre each way (a degree of longitude is about 69 km in London), so that the point
# stays inside the borough.
JITTER_LATITUDE = 0.009
JITTER_LONGITUDE = 0.0144


def other_languages() -> list[str]:
    """The site's languages besides English, in which names and descriptions may be."""
    return [code for code, _name in settings.LANGUAGES if code != "en"]


def plan(
    boroughs: dict, categories: dict, beneficiaries: dict, *, size: int = TARGET_ORGANISATIONS
) -> list[OrgSpec]:
    """Every demo organisation, filled in: ``size`` of them, the anchors first.

    ``boroughs`` are the Borough rows by slug; ``categories`` and ``beneficiaries`` the
    terms by slug (a term no organisation has is given to one).
    """
    if not 1 <= size <= TARGET_ORGANISATIONS:
        # Beyond that, the names would run out; seed_bench makes bulk data.
        raise ValueError(f"The demo has 1 to {TARGET_ORGANISATIONS} organisations, not {size}.")
    rng = random.Random(SEED)
    borough_slugs = sorted(boroughs)
    specs = _plan(borough_slugs, rng, size)
    indexes = list(range(len(ANCHORS), len(specs)))
    counts = [round(count * len(specs) / TARGET_ORGANISATIONS) for count in HIDDEN]
    hidden = rng.sample(indexes, min(sum(counts), len(indexes)))
    closed_from, unpublished_from = counts[0], counts[0] + counts[1]
    ctx = {
        "now": timezone.now().replace(hour=12, minute=0, second=0, microsecond=0),
        "boroughs": boroughs,
        "borough_slugs": borough_slugs,
        "borough_names": {slug: borough.name for slug, borough in boroughs.items()},
        "other_languages": other_languages(),
        "statuses": {
            **dict.fromkeys(hidden[:closed_from], Organisation.Status.TEMPORARILY_CLOSED),
            **dict.fromkeys(hidden[closed_from:unpublished_from], Organisation.Status.CLOSED),
        },
        "unpublished": set(hidden[unpublished_from:]),
        "stale": set(rng.sample(indexes, min(len(specs) // 10, len(indexes)))),
        "numbers": set(),
    }
    for spec in specs:
        _fill(spec, rng, ctx)
    _settle_postcodes(specs)
    _ensure_every_term(specs, categories, beneficiaries)
    return specs


@dataclass(frozen=True)
class PostcodeSpec:
    """A fictional postcode the demo uses: where it is, and in which borough."""

    postcode: str
    borough: str  # the borough's slug
    latitude: Decimal
    longitude: Decimal


def postcodes(specs: list[OrgSpec]) -> list[PostcodeSpec]:
    """Every postcode the planned organisations and their locations use, once each."""
    found: dict[str, PostcodeSpec] = {}
    for spec in specs:
        for values in (spec.values, spec.location):
            found.setdefault(
                values["postcode"],
                PostcodeSpec(
                    values["postcode"], spec.borough, values["latitude"], values["longitude"]
                ),
            )
    return list(found.values())


@dataclass
class OrgSpec:
    index: int
    slug: str
    name: str
    kind: Kind
    borough: str
    place: str
    outward: str
    community: Community | None = None
    adjective: str = ""
    values: dict = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    beneficiaries: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    location: dict = field(default_factory=dict)
    services: list[dict] = field(default_factory=list)
    identifiers: list[tuple[str, str]] = field(default_factory=list)


def _slug_for(name: str) -> str:
    # Slugs double as the .example.org host name, so keep them within one DNS label.
    return slugify(name)[:60].strip("-")


def _make_name(rng, kind: Kind, place: str, adjective: str, template: int | None = None) -> str:
    pattern = kind.names[template] if template is not None else rng.choice(kind.names)
    return pattern.format(place=place, adj=adjective)


def _plan(boroughs: list[str], rng: random.Random, size: int) -> list[OrgSpec]:
    """Decide names, kinds and places for ``size`` organisations, the anchors first."""
    specs: list[OrgSpec] = []
    used: set[str] = set()
    local = {slug: [c for c in COMMUNITIES if slug in c.boroughs] for slug in boroughs}
    general_cycle = list(GENERAL_KINDS)
    rng.shuffle(general_cycle)

    def add(borough, kind, community, adjective, place, name):
        outward = dict(PLACES[borough]).get(place, PLACES[borough][0][1])
        spec = OrgSpec(len(specs), _slug_for(name), name, kind, borough, place, outward, community)
        spec.adjective = adjective
        used.add(spec.slug)
        specs.append(spec)

    for borough, kind_key, community_key, place in ANCHORS[:size]:
        kind = KIND_BY_KEY[kind_key]
        community = COMMUNITY_BY_KEY.get(community_key) if community_key else None
        adjective = community.adjectives[0] if community else ""
        add(borough, kind, community, adjective, place, _make_name(rng, kind, place, adjective, 0))

    position = len(specs)
    general = 0
    while len(specs) < size:
        borough = boroughs[position % len(boroughs)]
        position += 1
        candidates = local[borough]
        use_community = rng.random() < (0.45 if candidates else 0.12)
        for _attempt in range(30):
            place = rng.choice(PLACES[borough])[0]
            if use_community:
                community = rng.choice(candidates or COMMUNITIES)
                kinds = [k for k in COMMUNITY_KINDS if community.refugee or not k.refugee_only]
                kind = rng.choice(kinds)
                adjective = rng.choice(community.adjectives)
            else:
                community, adjective = None, ""
                kind = general_cycle[general % len(general_cycle)]
            name = _make_name(rng, kind, place, adjective)
            if _slug_for(name) not in used:
                if not use_community:
                    general += 1
                add(borough, kind, community, adjective, place, name)
                break
    return specs


def _fill(spec: OrgSpec, rng: random.Random, ctx: dict) -> None:
    """Fill in one organisation's fields, deterministically from ``rng``."""
    kind, community, borough_name = spec.kind, spec.community, ctx["borough_names"][spec.borough]
    language_name = community.language_name if community else "English"
    fmt = {"adj": spec.adjective, "language": language_name, "place": spec.place}

    # "in Lewisham", "in Deptford, Lewisham" (Kingston and Richmond stand for their boroughs).
    is_borough = spec.place == PLACES[spec.borough][0][0]
    where = borough_name if is_borough else f"{spec.place}, {borough_name}"
    opener = rng.choice(OPENERS).format(year=rng.randint(1978, 2022))
    speaks = f"We work in {language_name} and English." if community else ""
    description = " ".join(
        part
        for part in (
            f"{spec.name} is {kind.summary} in {where}.",
            kind.activity.format(**fmt),
            speaks,
            opener,
            FICTION_NOTE,
        )
        if part
    )

    # Translated name and description, in the community's language where the site has it;
    # "" in the others, as the model stores a missing translation (None would differ from
    # the stored row on every run, and save it again).
    translated: dict[str, str] = {}
    for code in ctx["other_languages"]:
        translated[f"name_{code}"] = ""
        translated[f"description_{code}"] = ""
    if (
        community
        and community.language in TEXTS
        and kind.key in TEXTS[community.language].activities
    ):
        texts = TEXTS[community.language]
        local_name = None
        if kind.key in texts.names and spec.adjective == community.adjectives[0]:
            local_name = texts.names[kind.key].format(place=spec.place)
            translated[f"name_{community.language}"] = local_name
        translated[f"description_{community.language}"] = " ".join(
            (
                texts.intro.format(name=local_name or spec.name, borough=borough_name),
                texts.activities[kind.key],
                texts.speaks,
                texts.fiction,
            )
        )

    # Status: the plan marks a few hidden or closed; the rest are active and published.
    status = ctx["statuses"].get(spec.index, Organisation.Status.ACTIVE)
    is_published = spec.index not in ctx["unpublished"]
    now = ctx["now"]
    if spec.index in ctx["stale"]:
        confirmed = None if spec.index % 2 else now - timedelta(days=rng.randint(400, 900))
    else:
        confirmed = now - timedelta(days=rng.randint(1, 330), hours=rng.randint(0, 8))

    inward_letters = "".join(rng.choice(INWARD_LETTERS) for _ in range(2))
    postcode = f"{spec.outward} {rng.randint(1, 9)}{inward_letters}"
    street = f"{rng.randint(1, 240)} {rng.choice(STREETS)}"
    venue = rng.choice(VENUES).format(place=spec.place)
    features = {name: rng.random() < p for name, p in FEATURE_ODDS}
    for name in kind.features:
        features[name] = True
    access_notes = rng.choice(ACCESS_NOTES)
    facts = ACCESS_NOTE_FACTS.get(access_notes, {})
    if any(not value and name in kind.features for name, value in facts.items()):
        access_notes = ""  # a kind that always has step-free access keeps it
    else:
        features.update(facts)
    legal_form = rng.choice(kind.legal_forms)
    hours = rng.choice(kind.hours)
    domain = f"{spec.slug}.example.org"

    spec.values = {
        "name": spec.name,
        "name_en": spec.name,
        "description": description,
        "description_en": description,
        "legal_form": legal_form,
        "website": f"https://{domain}",
        "email": f"{rng.choice(EMAIL_BOXES)}@{domain}",
        "phone": f"020 7946 0{spec.index % 1000:03d}",
        "address_1": street,
        "address_2": venue,
        "city": "London",
        "postcode": postcode,
        "borough_id": ctx["boroughs"][spec.borough].pk,
        "serves_all_london": rng.random() < 0.06,
        "accessibility_notes": access_notes,
        "accessibility_notes_en": access_notes,
        "opening_hours": hours,
        "status": status,
        "is_published": is_published,
        "last_confirmed_at": confirmed,
        "source": DEMO_SOURCE,
        "licence": "CC-BY-4.0",
        "is_demo": True,
        **features,
        **translated,
    }

    # Vocabularies: the kind's terms, trimmed a little for variety.
    cats = list(kind.categories)
    keep = max(1, len(cats) - rng.randint(0, 1))
    spec.categories = cats[:keep]
    bens = list(kind.beneficiaries)
    spec.beneficiaries = bens[: max(1, len(bens) - rng.randint(0, 1))]
    languages = ["en"]
    if community:
        languages.append(community.language)
    languages.extend(kind.extra_languages)
    if rng.random() < 0.2:
        languages.append(rng.choice(ADDITIONAL_LANGUAGES))
    spec.languages = list(dict.fromkeys(languages))
    neighbours = [slug for slug in ctx["borough_slugs"] if slug != spec.borough]
    spec.areas = [spec.borough, *rng.sample(neighbours, rng.choice((0, 0, 1, 2)))]

    # Within about a kilometre of the borough's rough centre, so inside the borough.
    lat, lon = CENTRES.get(spec.borough, (51.5072, -0.1276))
    latitude = Decimal(f"{lat + rng.uniform(-JITTER_LATITUDE, JITTER_LATITUDE):.6f}")
    longitude = Decimal(f"{lon + rng.uniform(-JITTER_LONGITUDE, JITTER_LONGITUDE):.6f}")
    spec.location = {
        "name": venue,
        "address_1": street,
        "city": "London",
        "postcode": postcode,
        "borough_id": ctx["boroughs"][spec.borough].pk,
        "latitude": latitude,
        "longitude": longitude,
        "accessibility_notes": access_notes,
        **features,
    }

    service_status = {
        Organisation.Status.ACTIVE: Service.Status.ACTIVE,
        Organisation.Status.TEMPORARILY_CLOSED: Service.Status.TEMPORARILY_CLOSED,
        Organisation.Status.CLOSED: Service.Status.DEFUNCT,
    }[status]
    count = min(len(kind.services), rng.choice((1, 2, 2, 3)))
    spec.services = []
    for service in rng.sample(kind.services, count):
        texts = {
            "name": service.name.format(**fmt),
            "description": service.description.format(**fmt),
            "eligibility": service.eligibility.format(**fmt),
            "fees": service.fees.format(**fmt),
        }
        values = {"status": service_status, "url": f"https://{domain}/services/"}
        for key, text in texts.items():
            values[key] = text
            values[f"{key}_en"] = text
        values["schedule"] = service.schedule.format(**fmt)  # one for every language
        values["email"] = spec.values["email"]
        values["minimum_age"] = service.minimum_age
        values["maximum_age"] = service.maximum_age
        spec.services.append(
            {
                "values": values,
                "categories": spec.categories[: rng.randint(1, len(spec.categories))],
                "languages": spec.languages,
            }
        )

    # Register numbers, from ranges the registers have not issued, unique within the run.
    spec.identifiers = []
    if legal_form in (LF.REGISTERED_CHARITY, LF.CIO):
        number = _register_number(ctx["numbers"], "GB-CHC", spec.slug, 9_000_000, 9_999_999)
        spec.identifiers.append(("GB-CHC", f"{number:07d}"))
    if legal_form in (LF.COMPANY_LIMITED_BY_GUARANTEE, LF.CIC) or (
        legal_form == LF.REGISTERED_CHARITY and rng.random() < 0.3
    ):
        number = _register_number(ctx["numbers"], "GB-COH", spec.slug, 99_000_000, 99_999_999)
        spec.identifiers.append(("GB-COH", f"{number:08d}"))


def _settle_postcodes(specs: list[OrgSpec]) -> None:
    """One postcode, one place: give every organisation its location's point, and make
    a postcode drawn twice mean the same place both times.

    A postcode drawn again in the same borough takes the point it was first given (two
    listings at one address, say); one drawn again in another borough (an outward code
    two boroughs share) is moved to the next inward code nobody has, so it stays in its
    own borough. Nothing is drawn from the random generator, so the plan is unchanged.
    """
    first: dict[str, OrgSpec] = {}
    for spec in specs:
        code = spec.location["postcode"]
        earlier = first.get(code)
        if earlier is not None and earlier.borough != spec.borough:
            code = _free_postcode(code, first)
            spec.values["postcode"] = spec.location["postcode"] = code
            earlier = None
        if earlier is None:
            first[code] = spec
        else:
            for name in ("latitude", "longitude"):
                spec.location[name] = earlier.location[name]
        spec.values["latitude"] = spec.location["latitude"]
        spec.values["longitude"] = spec.location["longitude"]


def _free_postcode(code: str, taken: dict) -> str:
    """The first postcode after ``code``, in its outward code, that is not ``taken``."""
    outward, inward = code.split(" ")
    inwards = [
        f"{digit}{first}{second}"
        for digit in range(1, 10)
        for first in INWARD_LETTERS
        for second in INWARD_LETTERS
    ]
    start = inwards.index(inward)
    for step in range(1, len(inwards)):
        candidate = f"{outward} {inwards[(start + step) % len(inwards)]}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"Every postcode in {outward} is taken.")  # 3,600 of them: never


def _register_number(taken: set, scheme: str, slug: str, low: int, high: int) -> int:
    """A number in [low, high] derived from the slug, so it stays with its organisation."""
    size = high - low + 1
    digest = hashlib.sha256(f"{scheme}:{slug}".encode()).digest()
    number = low + int.from_bytes(digest[:8], "big") % size
    while (scheme, number) in taken:
        number = low + (number - low + 1) % size
    taken.add((scheme, number))
    return number


def _ensure_every_term(specs: list[OrgSpec], categories: dict, beneficiaries: dict) -> None:
    """Give any term no organisation uses (such as one staff added) to some organisation."""
    for attribute, terms in (("categories", categories), ("beneficiaries", beneficiaries)):
        used = {slug for spec in specs for slug in getattr(spec, attribute)}
        for position, slug in enumerate(sorted(set(terms) - used)):
            getattr(specs[(position * 37 + 11) % len(specs)], attribute).append(slug)
