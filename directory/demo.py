"""Fictional demo data: about 300 made-up London civil-society organisations.

``seed_directory()`` fills the directory with realistic but entirely FICTIONAL
organisations, so that the site, the API and the open data can be shown and tried
out without anyone's real details. Every row is marked: ``is_demo=True``, ``source``
says it is fictional, and every description ends by saying so. Contact details use
only reserved ranges: ``*.example.org`` addresses and Ofcom's drama numbers
(020 7946 0000 to 0999); charity and company numbers come from ranges the registers
have not issued (GB-CHC 9xxxxxx, GB-COH 99xxxxxx).

The data is deterministic (one ``random.Random`` with a fixed seed) and the seeding
is idempotent: organisations are keyed on their slug, their services on their
English name, their location and identifiers on the organisation, and many-to-many
fields are replaced with ``.set()``; running it twice gives the same rows, no
duplicates, and rows that have not changed are not saved again (so no new history).
Demo organisations (``is_demo`` with this ``source``) that the current data no longer
has are deleted, so an older demo set is replaced rather than added to.
A listing with a demo slug that is NOT marked ``is_demo`` (real data) is never
touched. The per-save search-text signals are paused while seeding and the search
text of every seeded organisation is rebuilt once at the end, with the same
``search_text_for`` the signals use.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.text import slugify

from .models import (
    Borough,
    Language,
    Location,
    Organisation,
    OrganisationIdentifier,
    Service,
    TaxonomyTerm,
)
from .models.records import SOURCE_DEMO
from .search import search_text_for

SEED = 20_250_401
TARGET_ORGANISATIONS = 300
DEMO_SOURCE = SOURCE_DEMO
FICTION_NOTE = "This is a fictional organisation created for demonstration."
LF = Organisation.LegalForm


# --- Places ---------------------------------------------------------------------------
# Per borough: (place, outward postcode) pairs; the first is the borough itself.
PLACES: dict[str, tuple[tuple[str, str], ...]] = {
    "city-of-london": (("City of London", "EC2V"), ("Barbican", "EC2Y"), ("Aldgate", "EC3N")),
    "barking-and-dagenham": (
        ("Barking and Dagenham", "IG11"),
        ("Barking", "IG11"),
        ("Dagenham", "RM10"),
        ("Becontree", "RM8"),
    ),
    "barnet": (
        ("Barnet", "EN5"),
        ("Hendon", "NW4"),
        ("Finchley", "N3"),
        ("Edgware", "HA8"),
        ("Golders Green", "NW11"),
    ),
    "bexley": (("Bexley", "DA5"), ("Bexleyheath", "DA6"), ("Erith", "DA8"), ("Sidcup", "DA14")),
    "brent": (
        ("Brent", "NW10"),
        ("Wembley", "HA9"),
        ("Harlesden", "NW10"),
        ("Kilburn", "NW6"),
        ("Willesden", "NW10"),
    ),
    "bromley": (("Bromley", "BR1"), ("Orpington", "BR6"), ("Beckenham", "BR3"), ("Penge", "SE20")),
    "camden": (
        ("Camden", "NW1"),
        ("Kentish Town", "NW5"),
        ("Somers Town", "NW1"),
        ("Holborn", "WC1X"),
        ("Gospel Oak", "NW3"),
    ),
    "croydon": (
        ("Croydon", "CR0"),
        ("Thornton Heath", "CR7"),
        ("Norbury", "SW16"),
        ("South Norwood", "SE25"),
        ("New Addington", "CR0"),
    ),
    "ealing": (
        ("Ealing", "W5"),
        ("Southall", "UB1"),
        ("Acton", "W3"),
        ("Hanwell", "W7"),
        ("Greenford", "UB6"),
        ("Northolt", "UB5"),
    ),
    "enfield": (
        ("Enfield", "EN1"),
        ("Edmonton", "N9"),
        ("Palmers Green", "N13"),
        ("Ponders End", "EN3"),
    ),
    "greenwich": (
        ("Greenwich", "SE10"),
        ("Woolwich", "SE18"),
        ("Eltham", "SE9"),
        ("Charlton", "SE7"),
        ("Thamesmead", "SE28"),
    ),
    "hackney": (
        ("Hackney", "E8"),
        ("Dalston", "E8"),
        ("Stoke Newington", "N16"),
        ("Homerton", "E9"),
        ("Clapton", "E5"),
    ),
    "hammersmith-and-fulham": (
        ("Hammersmith and Fulham", "W6"),
        ("Hammersmith", "W6"),
        ("Fulham", "SW6"),
        ("Shepherd's Bush", "W12"),
        ("White City", "W12"),
    ),
    "haringey": (
        ("Haringey", "N15"),
        ("Tottenham", "N17"),
        ("Wood Green", "N22"),
        ("Hornsey", "N8"),
        ("Northumberland Park", "N17"),
    ),
    "harrow": (
        ("Harrow", "HA1"),
        ("Wealdstone", "HA3"),
        ("Rayners Lane", "HA2"),
        ("Stanmore", "HA7"),
    ),
    "havering": (
        ("Havering", "RM1"),
        ("Romford", "RM1"),
        ("Hornchurch", "RM12"),
        ("Harold Hill", "RM3"),
        ("Rainham", "RM13"),
    ),
    "hillingdon": (
        ("Hillingdon", "UB10"),
        ("Hayes", "UB3"),
        ("Uxbridge", "UB8"),
        ("Ruislip", "HA4"),
        ("Yiewsley", "UB7"),
    ),
    "hounslow": (
        ("Hounslow", "TW3"),
        ("Feltham", "TW13"),
        ("Brentford", "TW8"),
        ("Chiswick", "W4"),
    ),
    "islington": (
        ("Islington", "N1"),
        ("Holloway", "N7"),
        ("Archway", "N19"),
        ("Finsbury Park", "N4"),
    ),
    "kensington-and-chelsea": (
        ("Kensington and Chelsea", "W8"),
        ("North Kensington", "W10"),
        ("Notting Hill", "W11"),
        ("Chelsea", "SW3"),
        ("Earl's Court", "SW5"),
    ),
    "kingston-upon-thames": (
        ("Kingston", "KT1"),
        ("Surbiton", "KT6"),
        ("New Malden", "KT3"),
        ("Chessington", "KT9"),
    ),
    "lambeth": (
        ("Lambeth", "SE11"),
        ("Brixton", "SW2"),
        ("Stockwell", "SW9"),
        ("Streatham", "SW16"),
        ("West Norwood", "SE27"),
    ),
    "lewisham": (
        ("Lewisham", "SE13"),
        ("Deptford", "SE8"),
        ("Catford", "SE6"),
        ("New Cross", "SE14"),
        ("Sydenham", "SE26"),
    ),
    "merton": (("Merton", "SW19"), ("Mitcham", "CR4"), ("Morden", "SM4"), ("Wimbledon", "SW19")),
    "newham": (
        ("Newham", "E15"),
        ("Stratford", "E15"),
        ("East Ham", "E6"),
        ("Forest Gate", "E7"),
        ("Canning Town", "E16"),
        ("Plaistow", "E13"),
    ),
    "redbridge": (
        ("Redbridge", "IG4"),
        ("Ilford", "IG1"),
        ("Seven Kings", "IG3"),
        ("Woodford", "IG8"),
        ("Goodmayes", "IG3"),
    ),
    "richmond-upon-thames": (
        ("Richmond", "TW9"),
        ("Twickenham", "TW1"),
        ("Whitton", "TW2"),
        ("Barnes", "SW13"),
    ),
    "southwark": (
        ("Southwark", "SE1"),
        ("Peckham", "SE15"),
        ("Camberwell", "SE5"),
        ("Bermondsey", "SE16"),
        ("Walworth", "SE17"),
    ),
    "sutton": (("Sutton", "SM1"), ("Wallington", "SM6"), ("Carshalton", "SM5"), ("Cheam", "SM3")),
    "tower-hamlets": (
        ("Tower Hamlets", "E1"),
        ("Whitechapel", "E1"),
        ("Bow", "E3"),
        ("Poplar", "E14"),
        ("Bethnal Green", "E2"),
        ("Stepney", "E1"),
    ),
    "waltham-forest": (
        ("Waltham Forest", "E17"),
        ("Walthamstow", "E17"),
        ("Leyton", "E10"),
        ("Leytonstone", "E11"),
        ("Chingford", "E4"),
    ),
    "wandsworth": (
        ("Wandsworth", "SW18"),
        ("Battersea", "SW11"),
        ("Tooting", "SW17"),
        ("Roehampton", "SW15"),
        ("Balham", "SW12"),
    ),
    "westminster": (
        ("Westminster", "SW1P"),
        ("Paddington", "W2"),
        ("Church Street", "NW8"),
        ("Pimlico", "SW1V"),
        ("Queen's Park", "W9"),
    ),
}

# Rough centres, for plausible map pins (jittered by about a kilometre).
CENTRES: dict[str, tuple[float, float]] = {
    "city-of-london": (51.5155, -0.0922),
    "barking-and-dagenham": (51.5465, 0.1293),
    "barnet": (51.6252, -0.1517),
    "bexley": (51.4549, 0.1505),
    "brent": (51.5588, -0.2817),
    "bromley": (51.4039, 0.0198),
    "camden": (51.5290, -0.1255),
    "croydon": (51.3714, -0.0977),
    "ealing": (51.5130, -0.3089),
    "enfield": (51.6523, -0.0807),
    "greenwich": (51.4892, 0.0648),
    "hackney": (51.5450, -0.0553),
    "hammersmith-and-fulham": (51.4927, -0.2339),
    "haringey": (51.5906, -0.1110),
    "harrow": (51.5898, -0.3346),
    "havering": (51.5812, 0.1837),
    "hillingdon": (51.5441, -0.4760),
    "hounslow": (51.4746, -0.3680),
    "islington": (51.5416, -0.1022),
    "kensington-and-chelsea": (51.5020, -0.1947),
    "kingston-upon-thames": (51.4085, -0.3064),
    "lambeth": (51.4607, -0.1163),
    "lewisham": (51.4452, -0.0209),
    "merton": (51.4014, -0.1958),
    "newham": (51.5255, 0.0352),
    "redbridge": (51.5590, 0.0741),
    "richmond-upon-thames": (51.4613, -0.3037),
    "southwark": (51.5035, -0.0804),
    "sutton": (51.3618, -0.1945),
    "tower-hamlets": (51.5099, -0.0059),
    "waltham-forest": (51.5908, -0.0134),
    "wandsworth": (51.4567, -0.1910),
    "westminster": (51.4975, -0.1357),
}

STREETS = (
    "High Street",
    "Church Road",
    "Station Road",
    "Victoria Road",
    "Albert Road",
    "Green Lane",
    "King Street",
    "Queen's Road",
    "Mill Lane",
    "The Broadway",
    "Park Road",
    "London Road",
    "Grove Road",
    "Manor Road",
    "Elm Grove",
    "Chapel Street",
    "Market Place",
    "Vicarage Lane",
)
VENUES = (
    "{place} Community Centre",
    "St Mark's Church Hall",
    "{place} Library",
    "The Old Fire Station",
    "{place} Neighbourhood Centre",
    "The Junction Hub",
    "Unit 3, Riverside Works",
    "{place} Methodist Hall",
    "The Pavilion",
    "{place} Youth and Community Centre",
)
# Letters Royal Mail uses in the inward code.
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


# --- Communities ----------------------------------------------------------------------
@dataclass(frozen=True)
class Community:
    key: str
    adjectives: tuple[str, ...]  # the first is the plain one, used for translated names
    language: str  # Language.code
    language_name: str
    boroughs: tuple[str, ...]  # where the community is large
    refugee: bool = False


COMMUNITIES = (
    Community(
        "polish",
        ("Polish",),
        "pl",
        "Polish",
        (
            "ealing",
            "hammersmith-and-fulham",
            "haringey",
            "hounslow",
            "waltham-forest",
            "lewisham",
            "barnet",
        ),
    ),
    Community(
        "bengali",
        ("Bengali", "Bangladeshi"),
        "bn",
        "Bengali",
        ("tower-hamlets", "newham", "camden", "redbridge", "westminster"),
    ),
    Community(
        "romanian",
        ("Romanian",),
        "ro",
        "Romanian",
        ("brent", "harrow", "barnet", "enfield", "newham", "havering"),
    ),
    Community(
        "latin-american",
        ("Latin American", "Colombian", "Ecuadorian"),
        "es",
        "Spanish",
        ("southwark", "lambeth", "islington", "haringey"),
    ),
    Community(
        "portuguese",
        ("Portuguese", "Brazilian"),
        "pt",
        "Portuguese",
        ("lambeth", "kensington-and-chelsea", "brent", "ealing", "wandsworth"),
    ),
    Community(
        "gujarati",
        ("Gujarati",),
        "gu",
        "Gujarati",
        ("harrow", "brent", "redbridge", "hounslow", "barnet", "newham"),
    ),
    Community(
        "italian",
        ("Italian",),
        "it",
        "Italian",
        ("islington", "camden", "westminster", "hammersmith-and-fulham", "city-of-london"),
    ),
    Community(
        "punjabi",
        ("Punjabi",),
        "pa",
        "Punjabi",
        ("ealing", "hounslow", "hillingdon", "redbridge", "greenwich"),
    ),
    Community(
        "arabic",
        ("Arabic-Speaking", "Arab", "Syrian", "Iraqi", "Moroccan", "Sudanese"),
        "ar",
        "Arabic",
        ("westminster", "kensington-and-chelsea", "ealing", "brent", "hammersmith-and-fulham"),
        refugee=True,
    ),
    Community(
        "somali",
        ("Somali",),
        "so",
        "Somali",
        ("brent", "tower-hamlets", "ealing", "camden", "southwark", "islington"),
        refugee=True,
    ),
    Community("turkish", ("Turkish",), "tr", "Turkish", ("hackney", "haringey", "enfield")),
    Community(
        "kurdish", ("Kurdish",), "ku", "Kurdish", ("haringey", "hackney", "enfield"), refugee=True
    ),
    Community(
        "tamil",
        ("Tamil",),
        "ta",
        "Tamil",
        ("croydon", "harrow", "redbridge", "merton", "newham", "sutton"),
    ),
    Community(
        "eritrean",
        ("Eritrean",),
        "ti",
        "Tigrinya",
        ("lambeth", "southwark", "islington", "hackney"),
        refugee=True,
    ),
    Community("ethiopian", ("Ethiopian",), "am", "Amharic", ("lambeth", "southwark", "islington")),
    Community(
        "chinese",
        ("Chinese",),
        "zh",
        "Chinese",
        ("westminster", "camden", "lewisham", "barnet", "city-of-london"),
    ),
    Community(
        "vietnamese",
        ("Vietnamese",),
        "vi",
        "Vietnamese",
        ("hackney", "lewisham", "southwark", "greenwich"),
    ),
    Community(
        "ukrainian",
        ("Ukrainian",),
        "uk",
        "Ukrainian",
        (
            "ealing",
            "hammersmith-and-fulham",
            "bromley",
            "richmond-upon-thames",
            "sutton",
            "kingston-upon-thames",
        ),
        refugee=True,
    ),
    Community(
        "afghan",
        ("Afghan",),
        "fa",
        "Dari",
        ("ealing", "hounslow", "brent", "hillingdon"),
        refugee=True,
    ),
    Community(
        "iranian", ("Iranian",), "fa", "Farsi", ("barnet", "westminster", "kingston-upon-thames")
    ),
    Community(
        "nigerian",
        ("Nigerian", "Yoruba"),
        "yo",
        "Yoruba",
        ("southwark", "greenwich", "barking-and-dagenham", "lewisham", "bexley"),
    ),
    Community(
        "ghanaian", ("Ghanaian",), "tw", "Twi", ("southwark", "lambeth", "croydon", "haringey")
    ),
    Community(
        "lithuanian",
        ("Lithuanian",),
        "lt",
        "Lithuanian",
        ("newham", "barking-and-dagenham", "havering", "bexley"),
    ),
    Community("bulgarian", ("Bulgarian",), "bg", "Bulgarian", ("haringey", "enfield", "brent")),
    Community(
        "albanian",
        ("Albanian",),
        "sq",
        "Albanian",
        ("barking-and-dagenham", "enfield", "newham", "bromley"),
    ),
    Community(
        "greek-cypriot", ("Greek Cypriot",), "el", "Greek", ("enfield", "haringey", "barnet")
    ),
    Community(
        "pakistani",
        ("Pakistani",),
        "ur",
        "Urdu",
        ("redbridge", "waltham-forest", "newham", "hounslow", "merton"),
    ),
)
COMMUNITY_BY_KEY = {community.key: community for community in COMMUNITIES}


# --- Kinds of organisation ------------------------------------------------------------
@dataclass(frozen=True)
class ServiceSpec:
    name: str
    description: str
    eligibility: str
    fees: str = ""
    schedule: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None


S = ServiceSpec


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


COMMUNITY_KINDS = (
    Kind(
        "school",
        ("{place} {adj} Saturday School", "{place} {adj} Supplementary School"),
        "a volunteer-run supplementary school",
        "Every Saturday in term time we teach {language} language, history and culture to "
        "children aged 5 to 16, and prepare older pupils for GCSE and A-level {language}.",
        ("education-and-skills", "children-and-young-people", "arts-and-culture"),
        ("children", "young-people", "families", "ethnic-minority-communities"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.UNINCORPORATED),
        (
            "Saturdays 09:30–13:30 during school term time",
            "Saturdays 10:00–14:00 in term time; office by appointment",
        ),
        (
            S(
                "{language} language classes",
                "Small classes from beginners to fluent speakers, taught by qualified teachers.",
                "Children aged 5 to 16; parents or carers register them.",
                "£60 a term, with reduced fees for families on low incomes.",
                "Saturdays 10:00–13:00, term time",
                5,
                16,
            ),
            S(
                "GCSE and A-level {language}",
                "Exam preparation, past papers and mock speaking tests.",
                "Young people aged 14 to 18 preparing for exams.",
                "£80 a term.",
                "Saturdays 11:00–13:00, September to June",
                14,
                18,
            ),
            S(
                "Parents' coffee morning",
                "A friendly space for parents to meet while the children are in class.",
                "Parents and carers of pupils.",
                "",
                "Saturdays 10:00–12:00",
            ),
        ),
        community=True,
    ),
    Kind(
        "carers",
        ("{place} {adj} Carers Group", "{place} {adj} Carers Support Network"),
        "a peer support group for unpaid carers",
        "We support people who look after a family member or friend, with monthly support "
        "meetings, help to get a carer's assessment and regular breaks from caring.",
        ("health-and-wellbeing", "mental-health", "advice-and-advocacy"),
        ("carers", "older-people", "disabled-people", "ethnic-minority-communities"),
        (LF.UNINCORPORATED, LF.CIO, LF.REGISTERED_CHARITY),
        (
            "Tuesdays 10:00–14:00; phone line Monday to Friday 10:00–16:00",
            "First and third Thursday of each month, 11:00–14:00",
        ),
        (
            S(
                "Carers' support group",
                "A confidential group where carers share experiences and advice over tea.",
                "Unpaid carers living or caring in the area.",
                "",
                "First Tuesday of the month, 11:00–13:00",
                18,
            ),
            S(
                "Carer's assessment help",
                "One-to-one help to ask for a carer's assessment and claim Carer's Allowance.",
                "Unpaid carers.",
                "",
                "By appointment",
                18,
            ),
            S(
                "Respite days out",
                "Trips and pamper days that give carers a break.",
                "Registered members of the group.",
                "A small contribution towards travel may be asked.",
                "Four times a year",
                18,
            ),
        ),
        community=True,
    ),
    Kind(
        "women",
        ("{place} {adj} Women's Network", "{place} {adj} Women's Group"),
        "a women-led community network",
        "We bring {adj} women together for weekly meet-ups, wellbeing workshops, English "
        "conversation practice and mutual support.",
        ("women-and-girls", "community-development", "health-and-wellbeing"),
        ("women", "migrants", "ethnic-minority-communities", "families"),
        (LF.UNINCORPORATED, LF.CIO, LF.CIC),
        ("Wednesdays 10:00–13:00", "Mondays and Thursdays 10:00–14:00"),
        (
            S(
                "Women's drop-in",
                "An informal drop-in with tea, information and someone to talk to.",
                "Women of any age; children under 5 welcome.",
                "",
                "Wednesdays 10:00–13:00",
            ),
            S(
                "English conversation club",
                "Relaxed conversation practice for women learning English.",
                "Women with beginner or intermediate English.",
                "",
                "Thursdays 10:30–12:00",
                16,
            ),
            S(
                "Wellbeing walks",
                "Gentle group walks in local parks.",
                "Women of all fitness levels.",
                "",
                "Saturdays at 10:00",
            ),
        ),
        community=True,
    ),
    Kind(
        "elders",
        ("{place} {adj} Elders Circle", "{place} {adj} Senior Citizens Club"),
        "a social club for older people",
        "Older members meet every week for a hot lunch, chair-based exercise and help with "
        "forms, pensions and health appointments.",
        ("older-people", "health-and-wellbeing", "community-development", "food"),
        ("older-people", "ethnic-minority-communities", "carers"),
        (LF.UNINCORPORATED, LF.REGISTERED_CHARITY, LF.CIO),
        ("Tuesdays and Fridays 11:00–15:00", "Weekdays 10:00–14:00"),
        (
            S(
                "Weekly lunch club",
                "A hot, freshly cooked lunch and good company.",
                "People aged 60 and over.",
                "£3 a meal.",
                "Fridays 12:00–14:00",
                60,
            ),
            S(
                "Chair-based exercise",
                "Gentle exercise to music, led by a qualified instructor.",
                "Older people, including those with limited mobility.",
                "",
                "Tuesdays 11:00–12:00",
                60,
            ),
            S(
                "Help with forms and pensions",
                "Volunteers help with letters and with Pension Credit and Attendance Allowance "
                "claims.",
                "Older people and their carers.",
                "",
                "By appointment",
                60,
            ),
        ),
        community=True,
    ),
    Kind(
        "association",
        ("{place} {adj} Community Association", "{place} {adj} Community Centre"),
        "a community association",
        "We bring the local {adj} community together through celebrations, cultural events, "
        "a community hall and volunteering.",
        ("community-development", "arts-and-culture", "volunteering", "faith"),
        ("ethnic-minority-communities", "families", "migrants"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.UNINCORPORATED, LF.FAITH_GROUP),
        ("Monday to Saturday 10:00–18:00", "Weekdays 09:30–17:30; events at weekends"),
        (
            S(
                "Community hall hire",
                "Affordable hall hire for community events and celebrations.",
                "Community groups and residents.",
                "From £15 an hour; reduced rates for charities.",
                "Bookings Monday to Sunday",
            ),
            S(
                "Festivals and celebrations",
                "Free public celebrations of {adj} festivals and national days.",
                "Everyone welcome.",
                "",
                "Throughout the year",
            ),
            S(
                "Volunteering opportunities",
                "Help run our events, café and youth activities.",
                "Anyone aged 16 or over.",
                "",
                "Flexible",
                16,
            ),
        ),
        community=True,
    ),
    Kind(
        "advice",
        ("{place} {adj} Advice Centre", "{place} {adj} Welfare Association"),
        "a community advice centre",
        "We give free, confidential advice in {language} and English on welfare benefits, "
        "housing, employment rights and immigration.",
        (
            "advice-and-advocacy",
            "poverty-and-financial-inclusion",
            "immigration-asylum-and-refugees",
            "housing-and-homelessness",
        ),
        ("migrants", "people-on-low-incomes", "ethnic-minority-communities"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.COMPANY_LIMITED_BY_GUARANTEE),
        (
            "Monday to Thursday 10:00–16:00; advice line Friday 10:00–13:00",
            "Drop-in Tuesdays and Thursdays 10:00–13:00; appointments at other times",
        ),
        (
            S(
                "Welfare benefits advice",
                "Help to check what you are entitled to, claim Universal Credit and challenge "
                "decisions.",
                "Residents on low incomes.",
                "",
                "Drop-in Tuesdays 10:00–13:00",
                18,
            ),
            S(
                "Immigration advice",
                "Advice on visas, the EU Settlement Scheme and citizenship from OISC-registered "
                "advisers.",
                "Migrants living in London.",
                "",
                "By appointment",
                18,
            ),
            S(
                "Housing advice",
                "Help with disrepair, eviction notices and homelessness applications.",
                "Tenants and people at risk of homelessness.",
                "",
                "Thursdays 13:00–16:00",
                18,
            ),
        ),
        community=True,
    ),
    Kind(
        "youth",
        ("{place} {adj} Youth Project", "{place} {adj} Youth Club"),
        "a youth project",
        "We run sport, arts, mentoring and homework clubs for young people, with trips in the "
        "school holidays.",
        ("children-and-young-people", "sport-and-leisure", "education-and-skills"),
        ("young-people", "children", "ethnic-minority-communities"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.CIC),
        (
            "Monday to Friday 16:00–20:00 in term time",
            "Weekday evenings 17:00–21:00; holiday programme in summer",
        ),
        (
            S(
                "Evening youth club",
                "Games, sport, music and a safe space to hang out.",
                "Young people aged 11 to 19.",
                "",
                "Monday to Thursday 17:00–20:00",
                11,
                19,
            ),
            S(
                "Homework club",
                "Help with homework from volunteer tutors.",
                "Pupils aged 8 to 16.",
                "",
                "Tuesdays and Thursdays 16:00–18:00",
                8,
                16,
            ),
            S(
                "Mentoring programme",
                "One-to-one mentoring with trained volunteer mentors.",
                "Young people aged 13 to 25.",
                "",
                "Weekly sessions for six months",
                13,
                25,
            ),
        ),
        community=True,
    ),
    Kind(
        "wellbeing",
        ("{place} {adj} Mental Health Support", "{place} {adj} Wellbeing Group"),
        "a community mental health project",
        "We offer culturally sensitive mental health support in {language}: peer support "
        "groups, one-to-one listening and help to find NHS services.",
        ("mental-health", "health-and-wellbeing"),
        ("people-with-mental-ill-health", "ethnic-minority-communities", "carers"),
        (LF.CIO, LF.REGISTERED_CHARITY, LF.CIC),
        ("Monday to Friday 10:00–17:00", "Wednesdays 14:00–18:00 and by appointment"),
        (
            S(
                "Peer support group",
                "A safe, confidential group led by people with lived experience.",
                "Adults living with anxiety, low mood or stress.",
                "",
                "Wednesdays 18:00–19:30",
                18,
            ),
            S(
                "One-to-one listening",
                "Up to six sessions with a trained listener in your language.",
                "Adults; refer yourself or ask your GP.",
                "",
                "By appointment",
                18,
            ),
            S(
                "Family mental health workshops",
                "Workshops for families on understanding and supporting mental health.",
                "Family members and carers.",
                "",
                "Monthly",
            ),
        ),
        community=True,
    ),
    Kind(
        "culture",
        ("{place} {adj} Cultural Centre", "{place} {adj} Arts Collective"),
        "a cultural centre",
        "We celebrate {adj} culture with music, dance, exhibitions, a lending library and "
        "classes open to everyone.",
        ("arts-and-culture", "community-development", "education-and-skills"),
        ("ethnic-minority-communities", "families", "young-people"),
        (LF.REGISTERED_CHARITY, LF.CIC, LF.CIO),
        ("Tuesday to Sunday 11:00–19:00", "Weekends 10:00–17:00; classes on weekday evenings"),
        (
            S(
                "Dance classes",
                "Traditional and contemporary dance for all ages.",
                "Everyone from age 6.",
                "£5 a class; free for under-16s.",
                "Saturdays 14:00–16:00",
                6,
            ),
            S(
                "Community library",
                "Books, films and newspapers in {language} and English to borrow.",
                "Everyone.",
                "",
                "During opening hours",
            ),
            S(
                "Music workshops",
                "Learn traditional instruments and songs.",
                "Children and adults.",
                "£20 a month.",
                "Sundays 11:00–13:00",
                8,
            ),
        ),
        community=True,
    ),
    Kind(
        "kitchen",
        ("{place} {adj} Community Kitchen", "{place} {adj} Food Project"),
        "a community kitchen",
        "We cook and share hot meals, give out food parcels with familiar ingredients and run "
        "cooking classes on a budget.",
        ("food", "poverty-and-financial-inclusion", "community-development"),
        (
            "people-on-low-incomes",
            "families",
            "ethnic-minority-communities",
            "people-experiencing-homelessness",
        ),
        (LF.CIC, LF.UNINCORPORATED, LF.MUTUAL_AID, LF.REGISTERED_CHARITY),
        ("Fridays 12:00–15:00", "Monday, Wednesday and Friday 11:00–14:00"),
        (
            S(
                "Community meal",
                "A free hot meal, cooked by volunteers.",
                "Anyone who needs a meal.",
                "",
                "Fridays 12:30–14:30",
            ),
            S(
                "Food parcels",
                "Weekly parcels including culturally familiar food.",
                "Households on low incomes; no referral needed.",
                "",
                "Wednesdays 11:00–13:00",
            ),
            S(
                "Cooking on a budget",
                "A six-week course in healthy meals on a budget.",
                "Adults.",
                "",
                "Mondays 10:00–12:00",
                18,
            ),
        ),
        community=True,
    ),
    Kind(
        "women_advice",
        ("{place} {adj} Women's Advice Service", "{place} {adj} Women's Advice Centre"),
        "a women's advice service",
        "We give women confidential advice in {language} and English on family law, housing, "
        "immigration and money, and support women affected by domestic abuse.",
        ("women-and-girls", "advice-and-advocacy", "legal"),
        ("women", "migrants", "families", "refugees-and-asylum-seekers"),
        (LF.REGISTERED_CHARITY, LF.CIO),
        (
            "Monday to Friday 10:00–16:00; advice line Tuesdays 10:00–13:00",
            "Weekdays 09:30–17:00 by appointment",
        ),
        (
            S(
                "Women's advice sessions",
                "Confidential one-to-one advice on family, housing, immigration and money.",
                "Women aged 18 and over.",
                "",
                "Mondays and Wednesdays 10:00–13:00",
                18,
            ),
            S(
                "Domestic abuse support",
                "Safety planning, advocacy and help to get legal protection.",
                "Women affected by domestic abuse.",
                "",
                "By appointment; call the advice line",
                16,
            ),
            S(
                "Women's legal clinic",
                "Free advice from volunteer solicitors on family law.",
                "Women with an appointment.",
                "",
                "Second Thursday of each month",
                18,
            ),
        ),
        community=True,
    ),
    Kind(
        "refugee",
        ("{place} {adj} Refugee Support", "{place} {adj} Refugee Association"),
        "a refugee-led support group",
        "Led by refugees ourselves, we help people seeking asylum and refugees to settle, with "
        "casework, English classes, a weekly drop-in and social activities.",
        ("immigration-asylum-and-refugees", "advice-and-advocacy", "education-and-skills"),
        ("refugees-and-asylum-seekers", "migrants", "families"),
        (LF.CIO, LF.REGISTERED_CHARITY, LF.UNINCORPORATED),
        ("Tuesdays and Thursdays 10:00–15:00", "Weekdays 10:00–16:00"),
        (
            S(
                "Asylum support drop-in",
                "Help with asylum support, housing and letters from the Home Office.",
                "People seeking asylum and refugees.",
                "",
                "Tuesdays 10:00–13:00",
            ),
            S(
                "ESOL classes",
                "English classes for speakers of other languages.",
                "Adults who are refugees or seeking asylum.",
                "",
                "Mondays and Wednesdays 10:00–12:00",
                18,
            ),
            S(
                "Welcome social",
                "A monthly social to meet others and make friends.",
                "Everyone welcome.",
                "",
                "Last Saturday of each month",
            ),
        ),
        community=True,
    ),
)

GENERAL_KINDS = (
    Kind(
        "foodbank",
        ("{place} Community Food Bank", "{place} Foodbank", "{place} Community Pantry"),
        "an independent food bank",
        "We provide emergency food parcels, toiletries and baby supplies, and tackle the causes "
        "of food poverty with money and benefits advice.",
        ("food", "poverty-and-financial-inclusion"),
        ("people-on-low-incomes", "families", "people-experiencing-homelessness"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.FAITH_GROUP),
        ("Monday, Wednesday and Friday 10:00–13:00", "Tuesdays and Saturdays 10:00–12:30"),
        (
            S(
                "Emergency food parcels",
                "Three days of nutritionally balanced food. No voucher needed for a first visit.",
                "Anyone in crisis; referrals welcome from any agency.",
                "",
                "Monday, Wednesday and Friday 10:00–13:00",
            ),
            S(
                "Money and benefits advice",
                "An adviser at every session to help with debt and benefits.",
                "Food bank visitors.",
                "",
                "Wednesdays 10:00–13:00",
                18,
            ),
            S(
                "Baby bank",
                "Nappies, formula and baby clothes.",
                "Families with babies under 2.",
                "",
                "Fridays 10:00–12:00",
            ),
        ),
    ),
    Kind(
        "law_centre",
        ("{place} Law Centre", "{place} Community Law Project"),
        "a community law centre",
        "Our solicitors and caseworkers give free legal advice and representation on housing, "
        "employment, immigration and welfare benefits.",
        ("legal", "advice-and-advocacy", "housing-and-homelessness", "employment"),
        ("people-on-low-incomes", "migrants", "people-experiencing-homelessness"),
        (LF.COMPANY_LIMITED_BY_GUARANTEE, LF.REGISTERED_CHARITY),
        ("Monday to Friday 09:30–17:30; advice line 10:00–13:00",),
        (
            S(
                "Housing law advice",
                "Advice and representation on evictions, disrepair and homelessness.",
                "Residents who cannot afford a solicitor.",
                "",
                "Advice line weekdays 10:00–13:00",
                18,
            ),
            S(
                "Employment law clinic",
                "Advice on unfair dismissal, unpaid wages and discrimination.",
                "Workers on low incomes.",
                "",
                "Wednesdays 17:30–19:30",
                16,
            ),
            S(
                "Immigration casework",
                "Legal aid casework for immigration and asylum matters.",
                "People eligible for legal aid.",
                "",
                "By appointment",
                18,
            ),
        ),
    ),
    Kind(
        "money",
        ("{place} Money Advice Project", "{place} Debt Advice Service"),
        "a free money advice service",
        "We give free, confidential debt and money advice, help people make the most of their "
        "income and support them with energy bills.",
        ("poverty-and-financial-inclusion", "advice-and-advocacy"),
        ("people-on-low-incomes", "families", "older-people"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.COMPANY_LIMITED_BY_GUARANTEE),
        ("Monday to Thursday 09:30–16:30", "Drop-in Mondays 10:00–13:00; phone appointments"),
        (
            S(
                "Debt advice",
                "Help to deal with priority debts, arrears and bailiffs.",
                "Residents in debt.",
                "",
                "By appointment",
                18,
            ),
            S(
                "Benefit checks",
                "A full check of what you could claim.",
                "Anyone on a low income.",
                "",
                "Drop-in Mondays 10:00–13:00",
                18,
            ),
            S(
                "Energy bill support",
                "Help with fuel debt, grants and switching tariffs.",
                "Households struggling with energy costs.",
                "",
                "Thursdays 10:00–16:00",
            ),
        ),
    ),
    Kind(
        "tenants",
        ("{place} Tenants' Rights Project", "{place} Housing Advice Network"),
        "a tenants' rights project",
        "We help private and council tenants know their rights, get repairs done and challenge "
        "unfair evictions, and we organise tenants to act together.",
        ("housing-and-homelessness", "advice-and-advocacy", "community-development"),
        ("people-on-low-incomes", "families", "people-experiencing-homelessness"),
        (LF.UNINCORPORATED, LF.CIO, LF.COMPANY_LIMITED_BY_GUARANTEE),
        ("Tuesdays 18:00–20:00; advice by email at other times",),
        (
            S(
                "Renters' advice surgery",
                "Advice on deposits, repairs, rent rises and eviction notices.",
                "Tenants in the borough.",
                "",
                "Tuesdays 18:00–20:00",
                16,
            ),
            S(
                "Tenants' organising meetings",
                "Monthly meetings to take on landlords together.",
                "Any tenant.",
                "",
                "First Monday of the month, 19:00",
            ),
        ),
    ),
    Kind(
        "shelter",
        ("{place} Winter Night Shelter", "{place} Homeless Drop-in Centre"),
        "a volunteer-run project for people without a home",
        "We offer a safe place to sleep, hot meals, showers and a caseworker to help people move "
        "on into settled housing.",
        ("housing-and-homelessness", "faith", "food", "volunteering"),
        ("people-experiencing-homelessness", "people-with-mental-ill-health"),
        (LF.REGISTERED_CHARITY, LF.FAITH_GROUP, LF.CIO),
        ("Every night 19:00–08:00, December to March", "Drop-in Monday to Friday 09:00–13:00"),
        (
            S(
                "Night shelter",
                "Beds in rotating church halls, with an evening meal and breakfast.",
                "Adults sleeping rough; referral from the outreach team.",
                "",
                "19:00–08:00, December to March",
                18,
            ),
            S(
                "Day centre",
                "Breakfast, showers, laundry, and advice from a caseworker.",
                "Anyone who is homeless or at risk.",
                "",
                "Monday to Friday 09:00–13:00",
                18,
            ),
            S(
                "Move-on support",
                "Help to find and keep a tenancy.",
                "Shelter guests.",
                "",
                "By appointment",
                18,
            ),
        ),
    ),
    Kind(
        "garden",
        ("{place} Community Garden", "{place} Growing Project"),
        "a community garden",
        "Volunteers grow fruit and vegetables together, run gardening sessions for wellbeing and "
        "share the harvest with local families.",
        ("environment", "food", "health-and-wellbeing", "volunteering"),
        ("families", "older-people", "people-with-mental-ill-health"),
        (LF.UNINCORPORATED, LF.CIO, LF.SOCIAL_ENTERPRISE),
        ("Wednesdays and Saturdays 10:00–15:00, March to October",),
        (
            S(
                "Volunteer gardening sessions",
                "Grow food, learn skills and meet people.",
                "Everyone; no experience needed.",
                "",
                "Wednesdays and Saturdays 10:00–15:00",
            ),
            S(
                "Green wellbeing programme",
                "A 10-week therapeutic gardening course.",
                "Adults referred by their GP or social prescriber.",
                "",
                "Thursdays 10:00–12:30",
                18,
            ),
        ),
    ),
    Kind(
        "climate",
        ("{place} Climate Action Network", "{place} Green Streets"),
        "a neighbourhood climate action group",
        "Residents plant street trees, run repair and swap events and help neighbours cut "
        "energy bills and carbon.",
        ("environment", "community-development", "volunteering"),
        ("families", "young-people"),
        (LF.UNINCORPORATED, LF.CIC),
        ("Monthly meetings, second Tuesday 19:00–20:30",),
        (
            S(
                "Street tree planting",
                "Planting and watering days with neighbours.",
                "Everyone.",
                "",
                "Winter weekends",
            ),
            S(
                "Home energy advice",
                "Volunteers show you how to save energy at home.",
                "Households in the borough.",
                "",
                "By appointment",
            ),
        ),
    ),
    Kind(
        "repair",
        ("{place} Repair Café", "{place} Fix-It Workshop"),
        "a community repair workshop",
        "Volunteer fixers mend electricals, bikes, clothes and furniture alongside their owners, "
        "keeping things out of landfill.",
        ("environment", "volunteering", "poverty-and-financial-inclusion"),
        ("people-on-low-incomes", "older-people"),
        (LF.SOCIAL_ENTERPRISE, LF.UNINCORPORATED, LF.CIC),
        ("Last Saturday of each month, 11:00–15:00",),
        (
            S(
                "Repair sessions",
                "Bring something broken and fix it with a volunteer.",
                "Everyone.",
                "Free; donations welcome.",
                "Last Saturday of the month, 11:00–15:00",
            ),
            S(
                "Sewing and mending class",
                "Learn to mend and alter clothes.",
                "Adults.",
                "£5 a session.",
                "Tuesdays 18:30–20:30",
                16,
            ),
        ),
    ),
    Kind(
        "wellbeing_general",
        ("{place} Wellbeing Collective", "{place} Mental Health Forum"),
        "a peer-led mental health charity",
        "We run peer support groups, a wellbeing café and creative courses for people living with "
        "mental ill-health, and help them have a say in local services.",
        ("mental-health", "health-and-wellbeing", "advice-and-advocacy"),
        ("people-with-mental-ill-health", "carers"),
        (LF.CIO, LF.REGISTERED_CHARITY),
        ("Monday to Friday 10:00–16:00",),
        (
            S(
                "Wellbeing café",
                "A relaxed drop-in with peer supporters.",
                "Adults with experience of mental ill-health.",
                "",
                "Fridays 13:00–16:00",
                18,
            ),
            S(
                "Creative recovery courses",
                "Art, writing and photography courses.",
                "Adults referred or self-referred.",
                "",
                "Termly",
                18,
            ),
            S(
                "Service user forum",
                "Have your say about mental health services.",
                "People who use mental health services.",
                "",
                "Monthly",
                18,
            ),
        ),
    ),
    Kind(
        "sport",
        ("{place} Youth Football Club", "{place} Boxing Academy", "{place} Community Sports Club"),
        "a community sports club",
        "We coach young people in sport, with free sessions for families on low incomes and a "
        "strong focus on confidence and teamwork.",
        ("sport-and-leisure", "children-and-young-people", "health-and-wellbeing"),
        ("young-people", "children"),
        (LF.CIC, LF.UNINCORPORATED, LF.REGISTERED_CHARITY),
        ("Weekday evenings 17:00–20:00; Saturday mornings",),
        (
            S(
                "Junior training",
                "Coached sessions for boys and girls.",
                "Children aged 6 to 11.",
                "£3 a session; free for families on low incomes.",
                "Saturdays 09:00–10:30",
                6,
                11,
            ),
            S(
                "Youth sessions",
                "Training and matches for teenagers.",
                "Young people aged 12 to 18.",
                "£3 a session.",
                "Tuesdays and Thursdays 18:00–19:30",
                12,
                18,
            ),
            S(
                "Holiday camp",
                "Full-day camps in school holidays, with lunch.",
                "Children aged 6 to 14.",
                "Free for children on free school meals.",
                "School holidays 09:30–15:30",
                6,
                14,
            ),
        ),
    ),
    Kind(
        "deaf",
        ("{place} Deaf Club", "{place} Deaf Community Centre"),
        "a club run by and for Deaf people",
        "Deaf people meet, socialise and get information in British Sign Language, and we run "
        "BSL classes for hearing family members.",
        ("disability", "community-development"),
        ("disabled-people", "older-people"),
        (LF.REGISTERED_CHARITY, LF.UNINCORPORATED),
        ("Fridays 18:00–22:00; advice Tuesdays 10:00–13:00",),
        (
            S(
                "Social evenings",
                "A relaxed evening in BSL.",
                "Deaf people and BSL users.",
                "",
                "Fridays 18:00–22:00",
            ),
            S(
                "BSL classes",
                "Level 1 British Sign Language courses.",
                "Adults; family members welcome.",
                "£90 a course; concessions available.",
                "Wednesdays 18:30–20:30",
                16,
            ),
            S(
                "Advice in BSL",
                "Help with letters, benefits and appointments, in BSL.",
                "Deaf people.",
                "",
                "Tuesdays 10:00–13:00",
                18,
            ),
        ),
        extra_languages=("bfi",),
        features=("bsl_available", "hearing_loop"),
    ),
    Kind(
        "disability",
        (
            "{place} Disability Forum",
            "{place} Disabled People's Network",
            "{place} Independent Living Project",
        ),
        "a user-led organisation of disabled people",
        "Run by disabled people, we give advice on benefits and social care, campaign for "
        "accessible services and bring disabled residents together.",
        ("disability", "advice-and-advocacy"),
        ("disabled-people", "carers"),
        (LF.REGISTERED_CHARITY, LF.CIO, LF.COMPANY_LIMITED_BY_GUARANTEE),
        ("Monday to Thursday 10:00–16:00",),
        (
            S(
                "Disability benefits advice",
                "Help with PIP and Universal Credit claims and appeals.",
                "Disabled people and their carers.",
                "",
                "By appointment",
                16,
            ),
            S(
                "Direct payments support",
                "Help to manage social care direct payments.",
                "People receiving social care.",
                "",
                "Weekdays",
                18,
            ),
            S(
                "Members' forum",
                "A quarterly forum to have a say about local services.",
                "Disabled residents.",
                "",
                "Quarterly",
            ),
        ),
        features=("step_free_access", "accessible_toilet"),
    ),
    Kind(
        "lgbtq",
        ("{place} Rainbow Network", "{place} LGBTQ+ Youth Group", "{place} Pride Community Group"),
        "an LGBTQ+ community group",
        "We offer a safe, welcoming space for LGBTQ+ people, with social groups, peer support and "
        "signposting to health and advice services.",
        ("lgbtq", "mental-health", "community-development", "children-and-young-people"),
        ("lgbtq-people", "young-people", "people-with-mental-ill-health"),
        (LF.UNINCORPORATED, LF.CIO, LF.CIC),
        ("Thursdays 18:00–21:00",),
        (
            S(
                "Youth group",
                "A social and support group for LGBTQ+ young people.",
                "LGBTQ+ young people aged 13 to 21.",
                "",
                "Thursdays 18:00–20:00",
                13,
                21,
            ),
            S(
                "Peer support circle",
                "A confidential peer group.",
                "LGBTQ+ adults.",
                "",
                "Second Monday of the month",
                18,
            ),
            S(
                "Social evenings",
                "Quizzes, film nights and meals.",
                "LGBTQ+ people and friends.",
                "",
                "Monthly",
            ),
        ),
    ),
    Kind(
        "volunteer",
        ("{place} Volunteer Centre", "{place} Good Neighbours Scheme"),
        "a volunteering charity",
        "We match volunteers with local groups, and our good neighbours visit isolated older and "
        "disabled residents, help with shopping and give lifts to appointments.",
        ("volunteering", "community-development", "older-people"),
        ("older-people", "disabled-people"),
        (LF.REGISTERED_CHARITY, LF.CIO),
        ("Monday to Friday 09:30–16:30",),
        (
            S(
                "Volunteer matching",
                "Find a volunteering role that suits you.",
                "Anyone aged 16 or over.",
                "",
                "Weekdays",
                16,
            ),
            S(
                "Befriending visits",
                "A weekly visit or phone call from a friendly volunteer.",
                "Older or disabled residents who feel lonely.",
                "",
                "Weekly",
            ),
            S(
                "Lifts to appointments",
                "Volunteer drivers for medical appointments.",
                "Residents who cannot use public transport.",
                "Donations towards fuel welcome.",
                "Book 48 hours ahead",
            ),
        ),
    ),
    Kind(
        "interfaith",
        ("{place} Interfaith Forum", "{place} Faiths Forum", "{place} Churches Together"),
        "an interfaith network",
        "Faith communities work together on shared social action, from winter night shelters to "
        "community iftars, dialogue evenings and support for people in need.",
        ("faith", "community-development"),
        ("ethnic-minority-communities", "families"),
        (LF.FAITH_GROUP, LF.UNINCORPORATED, LF.REGISTERED_CHARITY),
        ("Events monthly; office Tuesdays 10:00–15:00",),
        (
            S(
                "Dialogue evenings",
                "Conversations between neighbours of different faiths.",
                "Everyone.",
                "",
                "Monthly",
            ),
            S(
                "Faith-based social action",
                "Join a volunteering project run by local faith groups.",
                "Anyone aged 16 or over.",
                "",
                "Flexible",
                16,
            ),
        ),
    ),
    Kind(
        "employment",
        ("{place} Work Ready Project", "{place} Jobs and Skills Hub"),
        "an employment support project",
        "Job coaches help people into work with CV and interview support, training, work "
        "placements and help with childcare and travel costs.",
        ("employment", "education-and-skills"),
        ("people-on-low-incomes", "young-people", "migrants"),
        (LF.REGISTERED_CHARITY, LF.SOCIAL_ENTERPRISE, LF.COMPANY_LIMITED_BY_GUARANTEE),
        ("Monday to Friday 09:00–17:00",),
        (
            S(
                "Job coaching",
                "One-to-one support from a job coach.",
                "Unemployed residents aged 16+.",
                "",
                "By appointment",
                16,
            ),
            S(
                "CV and interview workshops",
                "Group workshops on CVs and interviews.",
                "Job seekers.",
                "",
                "Tuesdays 10:00–12:00",
                16,
            ),
            S(
                "Work placements",
                "Paid six-week placements with local employers.",
                "Young people aged 18 to 24.",
                "",
                "Rolling start dates",
                18,
                24,
            ),
        ),
    ),
    Kind(
        "digital",
        ("{place} Digital Skills Café", "{place} Computer Club"),
        "a digital inclusion project",
        "Patient volunteers help people get online: using a smartphone, video calls, online "
        "banking, NHS apps and staying safe from scams.",
        ("education-and-skills", "older-people"),
        ("older-people", "people-on-low-incomes"),
        (LF.UNINCORPORATED, LF.CIC, LF.REGISTERED_CHARITY),
        ("Mondays and Thursdays 10:00–12:00",),
        (
            S(
                "Drop-in digital help",
                "Bring your phone, tablet or laptop and ask anything.",
                "Anyone; especially older people.",
                "",
                "Mondays 10:00–12:00",
            ),
            S(
                "Device lending",
                "Borrow a tablet with free data for three months.",
                "Residents on low incomes without a device.",
                "",
                "By appointment",
            ),
        ),
    ),
    Kind(
        "lunch",
        ("{place} Over-60s Lunch Club", "{place} Friendship Club", "{place} Memory Café"),
        "a friendship club for older people",
        "Older residents meet for lunch, music, games and trips, and people living with dementia "
        "and their carers are especially welcome.",
        ("older-people", "food", "health-and-wellbeing"),
        ("older-people", "carers"),
        (LF.UNINCORPORATED, LF.REGISTERED_CHARITY, LF.FAITH_GROUP),
        ("Wednesdays 11:30–14:30",),
        (
            S(
                "Lunch and activities",
                "A two-course lunch followed by music or a quiz.",
                "People aged 60 and over.",
                "£4 including lunch.",
                "Wednesdays 11:30–14:30",
                60,
            ),
            S(
                "Memory café",
                "A friendly café for people with dementia and their carers.",
                "People living with dementia and their carers.",
                "",
                "Last Friday of the month",
            ),
        ),
    ),
    Kind(
        "parents",
        ("{place} Parents' Network", "{place} Baby Bank", "{place} Stay and Play"),
        "a parents' support network",
        "We support families with young children through stay-and-play sessions, a baby bank with "
        "donated clothes and equipment, and peer support for new parents.",
        ("children-and-young-people", "poverty-and-financial-inclusion"),
        ("families", "children", "people-on-low-incomes"),
        (LF.CIO, LF.UNINCORPORATED, LF.REGISTERED_CHARITY),
        ("Monday to Friday 09:30–12:30",),
        (
            S(
                "Stay and play",
                "Play sessions for under-5s with their parents or carers.",
                "Children under 5 with an adult.",
                "£1 donation.",
                "Weekdays 09:30–11:30",
                0,
                5,
            ),
            S(
                "Baby bank",
                "Donated clothes, prams, cots and toys.",
                "Families referred by a health visitor or social worker.",
                "",
                "Thursdays 10:00–12:00",
            ),
            S(
                "New parents' group",
                "Peer support for parents of babies.",
                "Parents of babies under 1.",
                "",
                "Mondays 10:00–11:30",
            ),
        ),
    ),
    Kind(
        "arts",
        (
            "{place} Community Arts Collective",
            "{place} Community Choir",
            "{place} Theatre Workshop",
        ),
        "a community arts group",
        "We make art, music and theatre with local people of all ages and abilities, with public "
        "shows twice a year.",
        ("arts-and-culture", "health-and-wellbeing"),
        ("families", "young-people", "disabled-people"),
        (LF.CIC, LF.CIO, LF.UNINCORPORATED),
        ("Weekday evenings 18:00–21:00; Saturday workshops",),
        (
            S(
                "Open workshops",
                "Drop-in art and music workshops.",
                "Everyone.",
                "Pay what you can.",
                "Saturdays 11:00–14:00",
            ),
            S(
                "Inclusive theatre group",
                "Weekly drama for disabled and non-disabled adults.",
                "Adults aged 18 or over.",
                "£3 a session.",
                "Wednesdays 18:30–20:30",
                18,
            ),
        ),
    ),
    Kind(
        "refugee_welcome",
        ("{place} Refugee Welcome", "{place} Migrant Support Hub"),
        "a refugee and migrant support charity",
        "We welcome refugees and migrants with a weekly drop-in, English classes, help with the "
        "asylum system and a warm community to belong to.",
        ("immigration-asylum-and-refugees", "advice-and-advocacy", "community-development"),
        ("refugees-and-asylum-seekers", "migrants"),
        (LF.CIO, LF.REGISTERED_CHARITY),
        ("Wednesdays 10:00–15:00",),
        (
            S(
                "Weekly drop-in",
                "Lunch, advice and activities for adults and children.",
                "Refugees, people seeking asylum and migrants.",
                "",
                "Wednesdays 10:00–15:00",
            ),
            S(
                "English classes",
                "ESOL from beginner to intermediate.",
                "Adults learning English.",
                "",
                "Mondays and Thursdays 10:00–12:00",
                16,
            ),
            S(
                "Hardship fund",
                "Small grants and travel passes for people with no income.",
                "People seeking asylum with no recourse to public funds.",
                "",
                "By referral",
            ),
        ),
    ),
    Kind(
        "mutual_aid",
        ("{place} Mutual Aid", "{place} Neighbours Network"),
        "a neighbourhood mutual aid group",
        "Neighbours help neighbours with shopping, prescriptions, dog walking and a food share, "
        "organised through street WhatsApp groups.",
        ("community-development", "food", "volunteering"),
        ("people-on-low-incomes", "older-people", "disabled-people"),
        (LF.MUTUAL_AID,),
        ("Requests answered daily 09:00–20:00",),
        (
            S(
                "Shopping and prescriptions",
                "Volunteers collect shopping and prescriptions.",
                "Residents who cannot get out.",
                "",
                "Daily",
            ),
            S(
                "Food share",
                "Surplus food shared with anyone who needs it.",
                "Everyone.",
                "",
                "Saturdays 11:00–13:00",
            ),
        ),
    ),
    Kind(
        "women_safety",
        ("{place} Women's Safety Project", "{place} Women's Centre"),
        "a women's centre",
        "We support women and girls affected by domestic abuse and sexual violence, with "
        "advocacy, counselling and a women-only space.",
        ("women-and-girls", "advice-and-advocacy", "mental-health"),
        ("women", "families"),
        (LF.REGISTERED_CHARITY, LF.CIO),
        ("Monday to Friday 10:00–16:00; helpline until 20:00",),
        (
            S(
                "Independent domestic violence advocacy",
                "Support through police, courts and housing.",
                "Women at risk of domestic abuse.",
                "",
                "By referral or self-referral",
                16,
            ),
            S(
                "Counselling",
                "Up to 12 weeks of free counselling.",
                "Women aged 18 and over.",
                "",
                "By appointment",
                18,
            ),
            S(
                "Women's drop-in",
                "A safe, women-only space with a crèche.",
                "Women and their children.",
                "",
                "Thursdays 10:00–13:00",
            ),
        ),
    ),
    Kind(
        "carers_centre",
        ("{place} Carers Centre", "{place} Young Carers Project"),
        "a carers' centre",
        "We support unpaid carers of all ages with advice, breaks, counselling and activities for "
        "young carers.",
        ("health-and-wellbeing", "advice-and-advocacy", "children-and-young-people"),
        ("carers", "young-people", "families"),
        (LF.REGISTERED_CHARITY, LF.CIO),
        ("Monday to Friday 09:30–17:00",),
        (
            S(
                "Carers' advice line",
                "Advice on benefits, assessments and breaks.",
                "Unpaid carers.",
                "",
                "Weekdays 10:00–16:00",
            ),
            S(
                "Young carers' club",
                "Fun activities and trips for young carers.",
                "Young carers aged 8 to 17.",
                "",
                "Fortnightly Saturdays",
                8,
                17,
            ),
        ),
    ),
    Kind(
        "esol",
        ("{place} English Conversation Club", "{place} ESOL Project"),
        "an English language project",
        "Volunteer teachers run friendly English classes and conversation clubs, with free "
        "childcare, so newcomers can settle and find work.",
        ("education-and-skills", "immigration-asylum-and-refugees"),
        ("migrants", "refugees-and-asylum-seekers"),
        (LF.CIO, LF.UNINCORPORATED, LF.REGISTERED_CHARITY),
        ("Monday to Thursday 10:00–12:00 and 18:00–20:00",),
        (
            S(
                "English classes",
                "Beginner to intermediate English, in small groups.",
                "Adults whose first language is not English.",
                "",
                "Mornings and evenings",
                16,
            ),
            S(
                "Conversation club",
                "Practise speaking with volunteers over tea.",
                "Adults.",
                "",
                "Fridays 10:30–12:00",
                16,
            ),
        ),
    ),
    Kind(
        "mens_shed",
        ("{place} Men's Shed", "{place} Walking Football Club"),
        "a men's health and wellbeing group",
        "Men meet to make, mend and play, sharing skills and looking after each other's health "
        "and wellbeing.",
        ("health-and-wellbeing", "older-people", "mental-health", "sport-and-leisure"),
        ("older-people", "people-with-mental-ill-health"),
        (LF.UNINCORPORATED, LF.CIO),
        ("Tuesdays and Thursdays 10:00–15:00",),
        (
            S(
                "Workshop sessions",
                "Woodwork and repairs in a shared workshop.",
                "Men aged 18 and over; women's sessions on Fridays.",
                "£2 a session.",
                "Tuesdays and Thursdays 10:00–15:00",
                18,
            ),
            S(
                "Walking football",
                "Slower-paced football for older players.",
                "People aged 50+.",
                "£3 a session.",
                "Mondays 11:00–12:00",
                50,
            ),
        ),
    ),
)
KIND_BY_KEY = {kind.key: kind for kind in COMMUNITY_KINDS + GENERAL_KINDS}


# --- Translations -----------------------------------------------------------------------
# For communities whose language the site is translated into: short descriptions written
# in that language. {name} is the organisation's name, {borough} the borough.
@dataclass(frozen=True)
class LanguageTexts:
    intro: str
    activities: dict[str, str]
    speaks: str
    fiction: str
    names: dict[str, str] = field(default_factory=dict)  # kind -> translated name ({place})


TEXTS: dict[str, LanguageTexts] = {
    "pl": LanguageTexts(
        intro="{name} to organizacja społeczna działająca w dzielnicy {borough} w Londynie.",
        activities={
            "school": "Prowadzimy sobotnią szkołę języka polskiego dla dzieci i młodzieży: lekcje "
            "języka polskiego, historii i geografii Polski oraz przygotowanie do egzaminów GCSE "
            "i A-level.",
            "carers": "Wspieramy opiekunów rodzinnych, którzy na co dzień zajmują się bliskimi – "
            "organizujemy grupy wsparcia, porady i chwile wytchnienia.",
            "women": "Jesteśmy siecią kobiet: organizujemy spotkania, warsztaty i wzajemne "
            "wsparcie dla Polek mieszkających w okolicy.",
            "elders": "Zapraszamy seniorów na cotygodniowe spotkania przy herbacie, wspólne "
            "obiady, gimnastykę i pomoc w załatwianiu spraw urzędowych.",
            "association": "Łączymy polską społeczność w okolicy: organizujemy wydarzenia "
            "kulturalne, spotkania sąsiedzkie i obchody świąt.",
            "advice": "Udzielamy bezpłatnych porad w sprawach zasiłków, mieszkań, zatrudnienia "
            "i statusu osiedleńczego (EU Settlement Scheme).",
            "youth": "Prowadzimy zajęcia dla młodzieży: sport, warsztaty artystyczne, pomoc w "
            "nauce i wycieczki w czasie wakacji.",
            "wellbeing": "Oferujemy wsparcie w zakresie zdrowia psychicznego: grupy wsparcia, "
            "rozmowy z przeszkolonymi wolontariuszami i informacje o dostępnej pomocy.",
            "culture": "Promujemy polską kulturę: koncerty, wystawy, warsztaty tańca ludowego "
            "i biblioteka polskich książek.",
            "kitchen": "Prowadzimy kuchnię społeczną: wspólne posiłki, paczki żywnościowe i "
            "warsztaty gotowania.",
            "women_advice": "Zapewniamy kobietom poufne porady w sprawach prawnych, "
            "mieszkaniowych i finansowych oraz wsparcie w sytuacji przemocy domowej.",
            "refugee": "Pomagamy uchodźcom i osobom ubiegającym się o azyl: porady, nauka "
            "angielskiego i wsparcie na nowym miejscu.",
        },
        speaks="Mówimy po polsku i po angielsku.",
        fiction="To jest fikcyjna organizacja utworzona do celów demonstracyjnych.",
        names={
            "school": "Polska Szkoła Sobotnia w {place}",
            "women": "Sieć Polskich Kobiet w {place}",
            "elders": "Klub Polskiego Seniora w {place}",
            "women_advice": "Poradnia dla Kobiet w {place}",
        },
    ),
    "bn": LanguageTexts(
        intro="{name} লন্ডনের {borough} এলাকার একটি কমিউনিটি সংগঠন।",
        activities={
            "school": "আমরা শিশু ও কিশোরদের জন্য শনিবারের স্কুল চালাই, যেখানে বাংলা ভাষা, "
            "সংস্কৃতি ও ইতিহাস শেখানো হয়।",
            "carers": "যাঁরা পরিবারের সদস্য বা বন্ধুর দেখাশোনা করেন, সেই কেয়ারারদের আমরা সহায়তা "
            "দিই: মাসিক সহায়তা সভা, পরামর্শ এবং বিশ্রামের সুযোগ।",
            "women": "আমরা নারীদের একটি নেটওয়ার্ক: নিয়মিত সভা, কর্মশালা এবং পারস্পরিক সহায়তার ব্যবস্থা করি।",
            "elders": "প্রবীণদের জন্য আমরা সাপ্তাহিক মিলনমেলা, একসাথে দুপুরের খাবার, হালকা "
            "ব্যায়াম এবং ফর্ম পূরণে সাহায্যের ব্যবস্থা করি।",
            "association": "আমরা স্থানীয় বাঙালি সম্প্রদায়কে একত্রিত করি: সাংস্কৃতিক অনুষ্ঠান, "
            "উৎসব এবং প্রতিবেশীদের মিলনমেলা আয়োজন করি।",
            "advice": "আমরা বেনিফিট, বাসস্থান, কর্মসংস্থান এবং অভিবাসন বিষয়ে বিনামূল্যে পরামর্শ দিই।",
            "youth": "তরুণদের জন্য আমরা খেলাধুলা, শিল্পকলা কর্মশালা, পড়াশোনায় সহায়তা এবং ভ্রমণের আয়োজন করি।",
            "wellbeing": "আমরা মানসিক স্বাস্থ্য বিষয়ে সহায়তা দিই: সহায়তা দল, প্রশিক্ষিত "
            "স্বেচ্ছাসেবকদের সাথে কথা বলার সুযোগ এবং প্রয়োজনীয় তথ্য।",
            "culture": "আমরা সংগীত, নৃত্য, প্রদর্শনী এবং বইয়ের লাইব্রেরির মাধ্যমে বাঙালি সংস্কৃতি তুলে ধরি।",
            "kitchen": "আমরা একটি কমিউনিটি রান্নাঘর চালাই: একসাথে খাবার, খাদ্য প্যাকেট এবং রান্নার কর্মশালা।",
            "women_advice": "আমরা নারীদের আইনি, বাসস্থান ও আর্থিক বিষয়ে গোপনীয় পরামর্শ দিই এবং "
            "পারিবারিক সহিংসতার শিকার নারীদের পাশে থাকি।",
            "refugee": "আমরা শরণার্থী ও আশ্রয়প্রার্থীদের পরামর্শ, ইংরেজি শিক্ষা এবং নতুন জীবনে "
            "মানিয়ে নিতে সহায়তা করি।",
        },
        speaks="আমরা বাংলা ও ইংরেজিতে কথা বলি।",
        fiction="এটি প্রদর্শনের উদ্দেশ্যে তৈরি একটি কাল্পনিক সংগঠন।",
        names={
            "school": "{place} বাংলা শনিবারের স্কুল",
            "carers": "{place} বাঙালি কেয়ারার্স গ্রুপ",
            "women": "{place} বাঙালি নারী নেটওয়ার্ক",
            "elders": "{place} বাঙালি প্রবীণ সংঘ",
        },
    ),
    "ro": LanguageTexts(
        intro="{name} este o organizație comunitară din cartierul {borough}, Londra.",
        activities={
            "school": "Organizăm o școală de sâmbătă pentru copii și tineri, cu ore de limba "
            "română, istorie și tradiții românești.",
            "carers": "Sprijinim persoanele care au grijă de un membru al familiei: grupuri de "
            "sprijin, consiliere și momente de răgaz.",
            "women": "Suntem o rețea de femei care organizează întâlniri, ateliere și sprijin "
            "reciproc.",
            "elders": "Invităm vârstnicii la întâlniri săptămânale, mese în comun, gimnastică "
            "ușoară și ajutor cu formularele.",
            "association": "Aducem împreună comunitatea românească din zonă prin evenimente "
            "culturale, sărbători și întâlniri între vecini.",
            "advice": "Oferim consiliere gratuită privind beneficiile sociale, locuința, munca "
            "și statutul de rezident (EU Settlement Scheme).",
            "youth": "Organizăm activități pentru tineri: sport, ateliere de artă, ajutor la "
            "teme și excursii.",
            "wellbeing": "Oferim sprijin pentru sănătatea mintală: grupuri de sprijin, discuții "
            "cu voluntari instruiți și informații despre serviciile disponibile.",
            "culture": "Promovăm cultura română prin concerte, expoziții, ateliere de dansuri "
            "populare și o bibliotecă.",
            "kitchen": "Avem o bucătărie comunitară: mese în comun, pachete cu alimente și "
            "ateliere de gătit.",
            "women_advice": "Oferim femeilor consiliere confidențială în probleme juridice, de "
            "locuință și financiare, precum și sprijin în cazuri de violență domestică.",
            "refugee": "Ajutăm refugiații și solicitanții de azil cu consiliere, cursuri de "
            "engleză și sprijin pentru un nou început.",
        },
        speaks="Vorbim română și engleză.",
        fiction="Aceasta este o organizație fictivă, creată în scop demonstrativ.",
        names={
            "school": "Școala Românească de Sâmbătă din {place}",
            "women": "Rețeaua Femeilor Românce din {place}",
            "elders": "Clubul Seniorilor Români din {place}",
        },
    ),
    "es": LanguageTexts(
        intro="{name} es una organización comunitaria del distrito de {borough}, en Londres.",
        activities={
            "school": "Organizamos una escuela de los sábados para niños y jóvenes, con clases de "
            "español, historia y cultura latinoamericana.",
            "carers": "Apoyamos a las personas que cuidan de un familiar: grupos de apoyo, "
            "orientación y momentos de respiro.",
            "women": "Somos una red de mujeres que organiza encuentros, talleres y apoyo mutuo.",
            "elders": "Invitamos a las personas mayores a encuentros semanales, comidas "
            "compartidas, gimnasia suave y ayuda con los trámites.",
            "association": "Reunimos a la comunidad latinoamericana de la zona con eventos "
            "culturales, fiestas y encuentros vecinales.",
            "advice": "Ofrecemos asesoramiento gratuito sobre prestaciones sociales, vivienda, "
            "empleo e inmigración.",
            "youth": "Organizamos actividades para jóvenes: deporte, talleres de arte, apoyo "
            "escolar y excursiones.",
            "wellbeing": "Ofrecemos apoyo en salud mental: grupos de apoyo, conversaciones con "
            "voluntarios formados e información sobre los servicios disponibles.",
            "culture": "Promovemos la cultura latinoamericana con conciertos, exposiciones, "
            "talleres de baile y una biblioteca.",
            "kitchen": "Gestionamos una cocina comunitaria: comidas compartidas, paquetes de "
            "alimentos y talleres de cocina.",
            "women_advice": "Ofrecemos a las mujeres asesoramiento confidencial sobre temas "
            "legales, de vivienda y económicos, y apoyo ante la violencia doméstica.",
            "refugee": "Ayudamos a personas refugiadas y solicitantes de asilo con "
            "asesoramiento, clases de inglés y apoyo para empezar de nuevo.",
        },
        speaks="Hablamos español e inglés.",
        fiction="Esta es una organización ficticia creada con fines de demostración.",
        names={
            "women": "Red de Mujeres Latinoamericanas de {place}",
            "elders": "Círculo de Mayores Latinoamericanos de {place}",
            "women_advice": "Servicio de Asesoramiento para Mujeres Latinoamericanas de {place}",
        },
    ),
    "pt": LanguageTexts(
        intro="{name} é uma organização comunitária no bairro de {borough}, em Londres.",
        activities={
            "school": "Mantemos uma escola de sábado para crianças e jovens, com aulas de língua "
            "portuguesa, história e cultura.",
            "carers": "Apoiamos quem cuida de um familiar: grupos de apoio, aconselhamento e "
            "momentos de descanso.",
            "women": "Somos uma rede de mulheres que organiza encontros, oficinas e apoio mútuo.",
            "elders": "Convidamos as pessoas idosas para encontros semanais, almoços partilhados, "
            "ginástica suave e ajuda com formulários.",
            "association": "Reunimos a comunidade de língua portuguesa da zona com eventos "
            "culturais, festas e encontros entre vizinhos.",
            "advice": "Oferecemos aconselhamento gratuito sobre benefícios sociais, habitação, "
            "emprego e imigração.",
            "youth": "Organizamos atividades para jovens: desporto, oficinas de arte, apoio "
            "escolar e passeios.",
            "wellbeing": "Oferecemos apoio em saúde mental: grupos de apoio, conversas com "
            "voluntários com formação e informação sobre os serviços disponíveis.",
            "culture": "Promovemos a cultura lusófona com concertos, exposições, oficinas de dança "
            "e uma biblioteca.",
            "kitchen": "Gerimos uma cozinha comunitária: refeições partilhadas, cabazes de "
            "alimentos e oficinas de culinária.",
            "women_advice": "Oferecemos às mulheres aconselhamento confidencial sobre questões "
            "jurídicas, de habitação e financeiras, e apoio em casos de violência doméstica.",
            "refugee": "Ajudamos refugiados e requerentes de asilo com aconselhamento, aulas de "
            "inglês e apoio para recomeçar.",
        },
        speaks="Falamos português e inglês.",
        fiction="Esta é uma organização fictícia criada para fins de demonstração.",
        names={
            "school": "Escola Portuguesa de Sábado de {place}",
            "women": "Rede de Mulheres Portuguesas de {place}",
            "elders": "Círculo de Idosos Portugueses de {place}",
        },
    ),
    "gu": LanguageTexts(
        intro="{name} લંડનના {borough} વિસ્તારમાં આવેલી એક સામુદાયિક સંસ્થા છે.",
        activities={
            "school": "અમે બાળકો અને યુવાનો માટે શનિવારની શાળા ચલાવીએ છીએ, જ્યાં ગુજરાતી ભાષા, "
            "સંસ્કૃતિ અને ઇતિહાસ શીખવવામાં આવે છે.",
            "carers": "જેઓ પરિવારના સભ્યની સંભાળ રાખે છે તેમને અમે સહાય આપીએ છીએ: સહાય જૂથો, "
            "સલાહ અને આરામનો સમય.",
            "women": "અમે મહિલાઓનું નેટવર્ક છીએ: નિયમિત બેઠકો, કાર્યશાળાઓ અને પરસ્પર સહાયનું આયોજન કરીએ છીએ.",
            "elders": "વડીલો માટે અમે સાપ્તાહિક મિલન, સાથે ભોજન, હળવી કસરત અને ફોર્મ ભરવામાં "
            "મદદનું આયોજન કરીએ છીએ.",
            "association": "અમે સ્થાનિક ગુજરાતી સમુદાયને સાંસ્કૃતિક કાર્યક્રમો, તહેવારો અને "
            "પડોશીઓના મિલન દ્વારા એકસાથે લાવીએ છીએ.",
            "advice": "અમે લાભો, રહેઠાણ, રોજગાર અને ઇમિગ્રેશન અંગે મફત સલાહ આપીએ છીએ.",
            "youth": "યુવાનો માટે અમે રમતગમત, કલા કાર્યશાળાઓ, અભ્યાસમાં મદદ અને પ્રવાસોનું આયોજન કરીએ છીએ.",
            "wellbeing": "અમે માનસિક સ્વાસ્થ્ય માટે સહાય આપીએ છીએ: સહાય જૂથો, તાલીમ પામેલા "
            "સ્વયંસેવકો સાથે વાતચીત અને ઉપલબ્ધ સેવાઓ વિશે માહિતી.",
            "culture": "અમે સંગીત, ગરબા, પ્રદર્શનો અને પુસ્તકાલય દ્વારા ગુજરાતી સંસ્કૃતિને પ્રોત્સાહન આપીએ છીએ.",
            "kitchen": "અમે સામુદાયિક રસોડું ચલાવીએ છીએ: સાથે ભોજન, અનાજની કીટ અને રસોઈની કાર્યશાળાઓ.",
            "women_advice": "અમે મહિલાઓને કાનૂની, રહેઠાણ અને આર્થિક બાબતોમાં ગોપનીય સલાહ આપીએ "
            "છીએ અને ઘરેલુ હિંસાનો ભોગ બનેલી મહિલાઓને સહાય કરીએ છીએ.",
            "refugee": "અમે શરણાર્થીઓ અને આશ્રય માંગનારાઓને સલાહ, અંગ્રેજી વર્ગો અને નવી "
            "શરૂઆત માટે સહાય આપીએ છીએ.",
        },
        speaks="અમે ગુજરાતી અને અંગ્રેજી બોલીએ છીએ.",
        fiction="આ પ્રદર્શન માટે બનાવેલી એક કાલ્પનિક સંસ્થા છે.",
        names={
            "school": "{place} ગુજરાતી શનિવાર શાળા",
            "women": "{place} ગુજરાતી મહિલા મંડળ",
            "elders": "{place} ગુજરાતી વડીલ મંડળ",
        },
    ),
    "it": LanguageTexts(
        intro="{name} è un'organizzazione comunitaria del quartiere di {borough}, a Londra.",
        activities={
            "school": "Gestiamo una scuola del sabato per bambini e ragazzi, con lezioni di "
            "lingua italiana, storia e cultura.",
            "carers": "Sosteniamo chi si prende cura di un familiare: gruppi di sostegno, "
            "consulenza e momenti di sollievo.",
            "women": "Siamo una rete di donne che organizza incontri, laboratori e sostegno "
            "reciproco.",
            "elders": "Invitiamo gli anziani a incontri settimanali, pranzi in compagnia, "
            "ginnastica dolce e aiuto con le pratiche.",
            "association": "Riuniamo la comunità italiana della zona con eventi culturali, feste "
            "e incontri tra vicini.",
            "advice": "Offriamo consulenza gratuita su sussidi, casa, lavoro e residenza (EU "
            "Settlement Scheme).",
            "youth": "Organizziamo attività per i giovani: sport, laboratori artistici, aiuto "
            "nei compiti e gite.",
            "wellbeing": "Offriamo sostegno per la salute mentale: gruppi di sostegno, colloqui "
            "con volontari formati e informazioni sui servizi disponibili.",
            "culture": "Promuoviamo la cultura italiana con concerti, mostre, corsi di cucina e "
            "una biblioteca.",
            "kitchen": "Gestiamo una cucina comunitaria: pasti condivisi, pacchi alimentari e "
            "laboratori di cucina.",
            "women_advice": "Offriamo alle donne consulenza riservata su questioni legali, "
            "abitative ed economiche, e sostegno in caso di violenza domestica.",
            "refugee": "Aiutiamo rifugiati e richiedenti asilo con consulenza, corsi di inglese e "
            "sostegno per ricominciare.",
        },
        speaks="Parliamo italiano e inglese.",
        fiction="Questa è un'organizzazione fittizia creata a scopo dimostrativo.",
        names={
            "school": "Scuola Italiana del Sabato di {place}",
            "women": "Rete delle Donne Italiane di {place}",
            "elders": "Circolo degli Anziani Italiani di {place}",
        },
    ),
    "pa": LanguageTexts(
        intro="{name} ਲੰਡਨ ਦੇ {borough} ਇਲਾਕੇ ਵਿੱਚ ਇੱਕ ਭਾਈਚਾਰਕ ਸੰਸਥਾ ਹੈ।",
        activities={
            "school": "ਅਸੀਂ ਬੱਚਿਆਂ ਅਤੇ ਨੌਜਵਾਨਾਂ ਲਈ ਸ਼ਨੀਵਾਰ ਦਾ ਸਕੂਲ ਚਲਾਉਂਦੇ ਹਾਂ, ਜਿੱਥੇ ਪੰਜਾਬੀ "
            "ਭਾਸ਼ਾ, ਸੱਭਿਆਚਾਰ ਅਤੇ ਇਤਿਹਾਸ ਸਿਖਾਇਆ ਜਾਂਦਾ ਹੈ।",
            "carers": "ਜੋ ਲੋਕ ਪਰਿਵਾਰ ਦੇ ਕਿਸੇ ਜੀਅ ਦੀ ਦੇਖਭਾਲ ਕਰਦੇ ਹਨ, ਅਸੀਂ ਉਨ੍ਹਾਂ ਦੀ ਮਦਦ ਕਰਦੇ ਹਾਂ: "
            "ਸਹਾਇਤਾ ਸਮੂਹ, ਸਲਾਹ ਅਤੇ ਆਰਾਮ ਦਾ ਸਮਾਂ।",
            "women": "ਅਸੀਂ ਔਰਤਾਂ ਦਾ ਇੱਕ ਨੈੱਟਵਰਕ ਹਾਂ: ਨਿਯਮਤ ਮਿਲਣੀਆਂ, ਵਰਕਸ਼ਾਪਾਂ ਅਤੇ ਆਪਸੀ ਸਹਾਇਤਾ।",
            "elders": "ਬਜ਼ੁਰਗਾਂ ਲਈ ਅਸੀਂ ਹਫ਼ਤਾਵਾਰੀ ਮਿਲਣੀਆਂ, ਇਕੱਠੇ ਖਾਣਾ, ਹਲਕੀ ਕਸਰਤ ਅਤੇ ਫਾਰਮ "
            "ਭਰਨ ਵਿੱਚ ਮਦਦ ਦਾ ਪ੍ਰਬੰਧ ਕਰਦੇ ਹਾਂ।",
            "association": "ਅਸੀਂ ਸੱਭਿਆਚਾਰਕ ਸਮਾਗਮਾਂ, ਤਿਉਹਾਰਾਂ ਅਤੇ ਮਿਲਣੀਆਂ ਰਾਹੀਂ ਇਲਾਕੇ ਦੇ ਪੰਜਾਬੀ "
            "ਭਾਈਚਾਰੇ ਨੂੰ ਇਕੱਠਾ ਕਰਦੇ ਹਾਂ।",
            "advice": "ਅਸੀਂ ਬੈਨੀਫਿਟਸ, ਰਿਹਾਇਸ਼, ਰੁਜ਼ਗਾਰ ਅਤੇ ਇਮੀਗ੍ਰੇਸ਼ਨ ਬਾਰੇ ਮੁਫ਼ਤ ਸਲਾਹ ਦਿੰਦੇ ਹਾਂ।",
            "youth": "ਨੌਜਵਾਨਾਂ ਲਈ ਅਸੀਂ ਖੇਡਾਂ, ਕਲਾ ਵਰਕਸ਼ਾਪਾਂ, ਪੜ੍ਹਾਈ ਵਿੱਚ ਮਦਦ ਅਤੇ ਸੈਰ-ਸਪਾਟੇ ਦਾ ਪ੍ਰਬੰਧ ਕਰਦੇ ਹਾਂ।",
            "wellbeing": "ਅਸੀਂ ਮਾਨਸਿਕ ਸਿਹਤ ਲਈ ਸਹਾਇਤਾ ਦਿੰਦੇ ਹਾਂ: ਸਹਾਇਤਾ ਸਮੂਹ, ਸਿੱਖਿਅਤ ਵਲੰਟੀਅਰਾਂ "
            "ਨਾਲ ਗੱਲਬਾਤ ਅਤੇ ਉਪਲਬਧ ਸੇਵਾਵਾਂ ਬਾਰੇ ਜਾਣਕਾਰੀ।",
            "culture": "ਅਸੀਂ ਸੰਗੀਤ, ਭੰਗੜੇ, ਗਿੱਧੇ, ਪ੍ਰਦਰਸ਼ਨੀਆਂ ਅਤੇ ਲਾਇਬ੍ਰੇਰੀ ਰਾਹੀਂ ਪੰਜਾਬੀ ਸੱਭਿਆਚਾਰ "
            "ਨੂੰ ਉਤਸ਼ਾਹਿਤ ਕਰਦੇ ਹਾਂ।",
            "kitchen": "ਅਸੀਂ ਇੱਕ ਭਾਈਚਾਰਕ ਰਸੋਈ ਚਲਾਉਂਦੇ ਹਾਂ: ਇਕੱਠੇ ਖਾਣਾ, ਰਾਸ਼ਨ ਦੇ ਪੈਕੇਟ ਅਤੇ ਖਾਣਾ "
            "ਬਣਾਉਣ ਦੀਆਂ ਵਰਕਸ਼ਾਪਾਂ।",
            "women_advice": "ਅਸੀਂ ਔਰਤਾਂ ਨੂੰ ਕਾਨੂੰਨੀ, ਰਿਹਾਇਸ਼ੀ ਅਤੇ ਵਿੱਤੀ ਮਾਮਲਿਆਂ ਵਿੱਚ ਗੁਪਤ ਸਲਾਹ "
            "ਦਿੰਦੇ ਹਾਂ ਅਤੇ ਘਰੇਲੂ ਹਿੰਸਾ ਦਾ ਸਾਹਮਣਾ ਕਰ ਰਹੀਆਂ ਔਰਤਾਂ ਦੀ ਮਦਦ ਕਰਦੇ ਹਾਂ।",
            "refugee": "ਅਸੀਂ ਸ਼ਰਨਾਰਥੀਆਂ ਅਤੇ ਪਨਾਹ ਮੰਗਣ ਵਾਲਿਆਂ ਨੂੰ ਸਲਾਹ, ਅੰਗਰੇਜ਼ੀ ਦੀਆਂ ਕਲਾਸਾਂ ਅਤੇ "
            "ਨਵੀਂ ਸ਼ੁਰੂਆਤ ਲਈ ਸਹਾਇਤਾ ਦਿੰਦੇ ਹਾਂ।",
        },
        speaks="ਅਸੀਂ ਪੰਜਾਬੀ ਅਤੇ ਅੰਗਰੇਜ਼ੀ ਬੋਲਦੇ ਹਾਂ।",
        fiction="ਇਹ ਪ੍ਰਦਰਸ਼ਨ ਲਈ ਬਣਾਈ ਗਈ ਇੱਕ ਕਾਲਪਨਿਕ ਸੰਸਥਾ ਹੈ।",
        names={
            "school": "{place} ਪੰਜਾਬੀ ਸ਼ਨੀਵਾਰ ਸਕੂਲ",
            "elders": "{place} ਪੰਜਾਬੀ ਬਜ਼ੁਰਗ ਸਭਾ",
            "women": "{place} ਪੰਜਾਬੀ ਔਰਤਾਂ ਦਾ ਨੈੱਟਵਰਕ",
        },
    ),
    "ar": LanguageTexts(
        intro="{name} منظمة مجتمعية في منطقة {borough} في لندن.",
        activities={
            "school": "ندير مدرسة يوم السبت للأطفال والشباب لتعليم اللغة العربية "
            "والثقافة والتاريخ.",
            "carers": "ندعم من يعتنون بأحد أفراد أسرهم من خلال مجموعات الدعم والاستشارات وفترات "
            "الراحة.",
            "women": "نحن شبكة نسائية تنظم لقاءات وورش عمل وتقدم الدعم المتبادل.",
            "elders": "ندعو كبار السن إلى لقاءات أسبوعية ووجبات غداء مشتركة وتمارين خفيفة، "
            "ونساعدهم في تعبئة الاستمارات.",
            "association": "نجمع أبناء الجالية العربية في المنطقة من خلال الفعاليات الثقافية "
            "والأعياد ولقاءات الجيران.",
            "advice": "نقدم استشارات مجانية حول الإعانات الاجتماعية والسكن والعمل والهجرة.",
            "youth": "ننظم أنشطة للشباب تشمل الرياضة وورش الفنون والمساعدة في الدراسة والرحلات.",
            "wellbeing": "نقدم الدعم في مجال الصحة النفسية من خلال مجموعات الدعم والحديث مع "
            "متطوعين مدربين والمعلومات عن الخدمات المتاحة.",
            "culture": "نروّج للثقافة العربية من خلال الحفلات الموسيقية والمعارض وورش الخط العربي "
            "ومكتبة للكتب.",
            "kitchen": "ندير مطبخًا مجتمعيًا يقدم وجبات مشتركة وسلالًا غذائية وورش طبخ.",
            "women_advice": "نقدم للنساء استشارات سرية في المسائل القانونية والسكنية والمالية، "
            "وندعم النساء المعرّضات للعنف الأسري.",
            "refugee": "نساعد اللاجئين وطالبي اللجوء بالاستشارات ودروس اللغة الإنجليزية والدعم "
            "لبداية جديدة.",
        },
        speaks="نتحدث العربية والإنجليزية.",
        fiction="هذه منظمة خيالية أُنشئت لأغراض العرض التوضيحي.",
        names={
            "school": "مدرسة السبت العربية في {place}",
            "women": "شبكة النساء العربيات في {place}",
            "women_advice": "خدمة الاستشارات للنساء الناطقات بالعربية في {place}",
            "refugee": "جمعية دعم اللاجئين العرب في {place}",
        },
    ),
}

# The organisations a demo should always show (borough, kind, community, place).
ANCHORS = (
    ("ealing", "school", "polish", "Ealing"),
    ("tower-hamlets", "carers", "bengali", "Tower Hamlets"),
    ("kensington-and-chelsea", "women_advice", "arabic", "North Kensington"),
    ("lewisham", "foodbank", None, "Lewisham"),
    ("harrow", "elders", "gujarati", "Harrow"),
    ("brent", "women", "somali", "Brent"),
    ("southwark", "women", "latin-american", "Walworth"),
    ("harrow", "school", "romanian", "Wealdstone"),
    ("lambeth", "association", "portuguese", "Stockwell"),
    ("islington", "elders", "italian", "Islington"),
    ("ealing", "culture", "punjabi", "Southall"),
)

OPENERS = (
    "Founded in {year}, we are run by volunteers from the community.",
    "We have been part of local life since {year}.",
    "Set up by residents in {year}, we now have a small paid team and many volunteers.",
    "",
)
ACCESS_NOTES = (
    "Ramp at the side entrance; lift to the first floor.",
    "Ground-floor hall with level access; accessible toilet next to the kitchen.",
    "Our venue has steps at the entrance; tell us in advance and we will meet you elsewhere.",
    "Quiet room available on request; assistance dogs welcome.",
    "",
    "",
)
# What each note says about the accessibility facts, which are set to agree with it (a
# listing must not say "step-free access" beside "steps at the entrance").
ACCESS_NOTE_FACTS = {
    ACCESS_NOTES[0]: {"step_free_access": True},
    ACCESS_NOTES[1]: {"step_free_access": True, "accessible_toilet": True},
    ACCESS_NOTES[2]: {"step_free_access": False},
    ACCESS_NOTES[3]: {"quiet_space": True},
}
EMAIL_BOXES = ("info", "hello", "contact", "enquiries")
ADDITIONAL_LANGUAGES = ("fr", "pt", "es", "ar", "so", "bn", "pl", "tr", "ur", "ro", "bfi")


# --- Building the specification ---------------------------------------------------------
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


def _plan(boroughs: list[str], rng: random.Random) -> list[OrgSpec]:
    """Decide names, kinds and places for every organisation (no database access)."""
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

    for borough, kind_key, community_key, place in ANCHORS:
        kind = KIND_BY_KEY[kind_key]
        community = COMMUNITY_BY_KEY.get(community_key) if community_key else None
        adjective = community.adjectives[0] if community else ""
        add(borough, kind, community, adjective, place, _make_name(rng, kind, place, adjective, 0))

    position = len(specs)
    general = 0
    while len(specs) < TARGET_ORGANISATIONS:
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

    # Translated name and description, in the community's language where the site has it.
    translated: dict[str, str | None] = {}
    for code in ctx["other_languages"]:
        translated[f"name_{code}"] = None
        translated[f"description_{code}"] = None
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
    features = {name: rng.random() < p for name, p in ctx["feature_odds"]}
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

    lat, lon = CENTRES.get(spec.borough, (51.5072, -0.1276))
    spec.location = {
        "name": venue,
        "address_1": street,
        "city": "London",
        "postcode": postcode,
        "borough_id": ctx["boroughs"][spec.borough].pk,
        "latitude": Decimal(f"{lat + rng.uniform(-0.012, 0.012):.6f}"),
        "longitude": Decimal(f"{lon + rng.uniform(-0.018, 0.018):.6f}"),
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


# --- Writing ---------------------------------------------------------------------------
def seed_directory(*, stdout=None) -> dict:
    """Create or update the fictional demo organisations; return counts of what exists.

    Deterministic and idempotent: run it as often as you like.
    """
    rng = random.Random(SEED)
    boroughs = Borough.objects.in_bulk(field_name="slug")
    borough_slugs = sorted(boroughs)
    categories = {term.slug: term for term in TaxonomyTerm.objects.categories()}
    beneficiaries = {term.slug: term for term in TaxonomyTerm.objects.beneficiaries()}
    languages = Language.objects.in_bulk(field_name="code")
    missing = [slug for slug in PLACES if slug not in boroughs]
    if missing:
        raise RuntimeError(f"Borough rows are missing ({', '.join(missing)}); run migrate first.")

    specs = _plan(borough_slugs, rng)
    indexes = list(range(len(ANCHORS), len(specs)))
    hidden = rng.sample(indexes, 22)
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    ctx = {
        "now": now,
        "boroughs": boroughs,
        "borough_slugs": borough_slugs,
        "borough_names": {slug: borough.name for slug, borough in boroughs.items()},
        "other_languages": [code for code, _name in settings.LANGUAGES if code != "en"],
        "statuses": {
            **dict.fromkeys(hidden[:9], Organisation.Status.TEMPORARILY_CLOSED),
            **dict.fromkeys(hidden[9:15], Organisation.Status.CLOSED),
        },
        "unpublished": set(hidden[15:]),
        "stale": set(rng.sample(indexes, len(specs) // 10)),
        "numbers": set(),
        "categories": categories,
        "languages": languages,
        "feature_odds": (
            ("step_free_access", 0.6),
            ("accessible_toilet", 0.45),
            ("hearing_loop", 0.25),
            ("bsl_available", 0.08),
            ("large_print", 0.3),
            ("quiet_space", 0.3),
        ),
    }
    for spec in specs:
        _fill(spec, rng, ctx)
    _ensure_every_term(specs, categories, beneficiaries)

    counts: Counter = Counter()
    slugs = [spec.slug for spec in specs]
    with translation.override("en"), transaction.atomic(), _search_signals_muted():
        existing = {
            org.slug: org
            for org in Organisation.objects.filter(slug__in=slugs).prefetch_related(
                "categories",
                "beneficiaries",
                "languages",
                "areas_served",
                "locations",
                "identifiers",
                Prefetch(
                    "services",
                    queryset=Service.objects.prefetch_related(
                        "categories", "languages", "locations"
                    ),
                ),
            )
        }
        seeded = []
        links = _Links()
        identifiers = _Identifiers()
        for spec in specs:
            org = existing.get(spec.slug)
            if org is not None and not org.is_demo:
                counts["skipped_real"] += 1
                if stdout:
                    stdout.write(f"Skipped {spec.slug}: a real (non-demo) listing has that slug.")
                continue
            created = org is None
            if created:
                org = Organisation(slug=spec.slug)
            if _assign(org, spec.values):
                org.save()
                counts["created" if created else "updated"] += 1
            seeded.append(org.pk)
            sync = partial(links.sync, new=created)
            sync(org.categories, [categories[s] for s in spec.categories if s in categories])
            sync(
                org.beneficiaries,
                [beneficiaries[s] for s in spec.beneficiaries if s in beneficiaries],
            )
            sync(org.languages, [languages[c] for c in spec.languages if c in languages])
            sync(org.areas_served, [boroughs[s] for s in spec.areas])
            location = _upsert_location(org, spec.location, new=created)
            _upsert_services(org, spec.services, location, ctx, links, new=created)
            identifiers.plan(org, spec.identifiers, new=created)
        links.flush()
        # Demo organisations an earlier version of this data had, but this one does not.
        outdated = Organisation.objects.filter(is_demo=True, source=DEMO_SOURCE).exclude(
            slug__in=slugs
        )
        counts["removed"] = len([org.delete() for org in outdated])
        counts["skipped_identifiers"] = identifiers.write()
        _refresh_search_text(seeded)

    demo = Organisation.objects.filter(is_demo=True, source=DEMO_SOURCE)
    result = {
        "organisations": demo.count(),
        "created": counts["created"],
        "updated": counts["updated"],
        "unchanged": len(seeded) - counts["created"] - counts["updated"],
        "removed": counts["removed"],
        "skipped_real": counts["skipped_real"] + counts["skipped_identifiers"],
        "services": Service.objects.filter(organisation__in=demo).count(),
        "locations": Location.objects.filter(organisation__in=demo).count(),
        "identifiers": OrganisationIdentifier.objects.filter(organisation__in=demo).count(),
        "boroughs": demo.values("borough").distinct().count(),
        "hidden": demo.count() - demo.public().count(),
        "translated_descriptions": sum(
            demo.exclude(**{f"description_{code}__isnull": True})
            .exclude(**{f"description_{code}": ""})
            .count()
            for code in ctx["other_languages"]
        ),
    }
    return result


def _assign(instance, values: dict) -> bool:
    """Set ``values`` on ``instance``; True if it is new or anything changed."""
    changed = instance._state.adding
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


class _Links:
    """Many-to-many links: new rows are queued and bulk-inserted; old ones are compared."""

    def __init__(self):
        self.pending: dict = {}

    def sync(self, manager, objects: list, *, new: bool) -> None:
        if new:
            # A row created in this run has no links yet: queue plain through rows.
            through = manager.through
            rows = self.pending.setdefault(through, [])
            for obj in objects:
                rows.append(
                    through(
                        **{
                            f"{manager.source_field_name}_id": manager.instance.pk,
                            f"{manager.target_field_name}_id": obj.pk,
                        }
                    )
                )
        elif {obj.pk for obj in objects} != {obj.pk for obj in manager.all()}:
            # all() uses the prefetched rows, so unchanged links cost no query.
            manager.set(objects)

    def flush(self) -> None:
        for through, rows in self.pending.items():
            through.objects.bulk_create(rows, batch_size=500)
        self.pending.clear()


def _upsert_location(org, values: dict, *, new: bool) -> Location:
    location, *extra = ([] if new else list(org.locations.all())) or [Location(organisation=org)]
    if _assign(location, values):
        location.save()
    for stale in extra:
        stale.delete()
    return location


def _upsert_services(org, services: list[dict], location, ctx, links, *, new: bool) -> None:
    existing = [] if new else list(org.services.all())
    by_name = {service.name_en: service for service in existing}
    terms, languages = ctx["categories"], ctx["languages"]
    wanted = set()
    for item in services:
        values = item["values"]
        service = by_name.get(values["name_en"]) or Service(organisation=org)
        created = service._state.adding
        if _assign(service, values):
            service.save()
        wanted.add(service.pk)
        sync = partial(links.sync, new=created)
        sync(service.categories, [terms[slug] for slug in item["categories"] if slug in terms])
        sync(
            service.languages, [languages[code] for code in item["languages"] if code in languages]
        )
        sync(service.locations, [location])
    for service in existing:
        if service.pk not in wanted:
            service.delete()


class _Identifiers:
    """Register numbers: stale ones are deleted before new ones are added.

    org_id is unique, so a number that moves from one demo organisation to another (say
    after the demo data changes) must leave the first before it joins the second.
    """

    def __init__(self):
        self.stale: list[OrganisationIdentifier] = []
        self.new: list[OrganisationIdentifier] = []

    def plan(self, org, identifiers: list[tuple[str, str]], *, new: bool) -> None:
        wanted = dict(identifiers)
        for identifier in [] if new else org.identifiers.all():
            if wanted.get(identifier.scheme) == identifier.identifier:
                del wanted[identifier.scheme]
            else:
                self.stale.append(identifier)
        for scheme, number in wanted.items():
            self.new.append(
                OrganisationIdentifier(organisation=org, scheme=scheme, identifier=number)
            )

    def write(self) -> int:
        """Apply the plan; return how many numbers were skipped as held by real listings."""
        for identifier in self.stale:
            identifier.delete()
        wanted = {f"{identifier.scheme}-{identifier.identifier}" for identifier in self.new}
        held = set(
            OrganisationIdentifier.objects.filter(org_id__in=wanted).values_list(
                "org_id", flat=True
            )
        )
        for identifier in self.new:
            if f"{identifier.scheme}-{identifier.identifier}" not in held:
                identifier.save()
        return len(held)


@contextmanager
def _search_signals_muted():
    """Pause the per-save search-text receivers; ``_refresh_search_text`` catches up after.

    Seeding saves each organisation, its services and its terms separately, and each of
    those would rebuild the search text; doing it once at the end is much faster. Meant
    for management commands and tests (the receivers are global while paused).
    """
    from . import signals

    hooks = [
        (post_save, "organisation_saved", Organisation),
        (m2m_changed, "organisation_terms_changed", Organisation.categories.through),
        (m2m_changed, "organisation_terms_changed", Organisation.beneficiaries.through),
        (post_save, "service_changed", Service),
        (post_delete, "service_changed", Service),
    ]
    paused = []
    for signal, name, sender in hooks:
        receiver = getattr(signals, name, None)
        if receiver is not None and signal.disconnect(receiver, sender=sender):
            paused.append((signal, receiver, sender))
    try:
        yield
    finally:
        for signal, receiver, sender in paused:
            signal.connect(receiver, sender=sender)


def _refresh_search_text(organisation_ids: list) -> None:
    """Rebuild the folded search text exactly as the signals would, in a few queries."""
    changed = []
    queryset = Organisation.objects.filter(pk__in=organisation_ids).prefetch_related(
        "services", "categories", "beneficiaries"
    )
    for org in queryset:
        text = search_text_for(org)
        if text != org.search_text:
            org.search_text = text
            changed.append(org)
    # bulk_update, like the signals' .update(), leaves updated_at and history alone.
    Organisation.objects.bulk_update(changed, ["search_text"], batch_size=500)
