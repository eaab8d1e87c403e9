"""Fictional engagement demo data: stakeholder groups, a year of outreach and meetings,
registrations, anonymous monitoring, feedback, insights and their actions.

``seed_engagement()`` tells the story of the journeys in JOURNEYS.md: Kemi's morning of
outreach (a call to a Somali community organisation, a notice in Polish and Romanian to
three partner groups, a Bengali community radio slot), a year of held meetings whose
monitoring shows the share of people born outside the UK rising while people aged 65+
stay under-represented, meetings open for registration (one nearly full), and the
insight "non-UK-born residents think the meetings are only for British-born people"
with its published "you said, we did".

Everything about people is FICTIONAL and says so: every name ends in "(fictional)",
every address is on a reserved ``.example`` domain, phone numbers are Ofcom drama
numbers (020 7946 0xxx), and event, outreach and insight texts say they are demo data.

Deterministic (fixed seeds; dates relative to today) and idempotent: stakeholder groups
and events are keyed on their slug, outreach and feedback on their text, insights on
their title, actions on their insight and text, registrations on their event and
fictional name; monitoring responses are created only for events that have none yet.
Running it again on a later day moves the dates along rather than adding rows.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify

from directory.models import Borough, Language, Organisation

from . import services
from .models import (
    Action,
    AttendanceStatus,
    Channel,
    Event,
    Feedback,
    Insight,
    MonitoringResponse,
    OutreachActivity,
    Participant,
    Registration,
    StakeholderGroup,
    Theme,
)
from .models.monitoring import month_start
from .models.outreach import ParticipationStep

SEED = 20_250_612
FICTIONAL = "(fictional)"
DEMO_NOTE = "Fictional demo data."
EVENT_NOTE = "This is a fictional event created for demonstration."
EMAIL_DOMAIN = "people.example"
DEMO_OWNER_USERNAME = "kemi-demo"
NON_UK = "non-uk-born-londoners"

C = Channel
P = ParticipationStep
T = Event.Type
S = Feedback.Source
IS = Insight.Status


# --- Stakeholder groups --------------------------------------------------------------------
class Group(NamedTuple):
    slug: str
    kind: str
    names: dict[str, str]
    description: str
    reach: str


K = StakeholderGroup.Kind
GROUPS = (
    Group(
        NON_UK,
        K.DEMOGRAPHIC,
        {
            "en": "Londoners born outside the UK",
            "pl": "Londyńczycy urodzeni poza Wielką Brytanią",
            "bn": "যুক্তরাজ্যের বাইরে জন্ম নেওয়া লন্ডনবাসী",
            "ar": "سكان لندن المولودون خارج المملكة المتحدة",
            "ro": "Londonezi născuți în afara Regatului Unit",
        },
        "About four in ten Londoners were born outside the UK (Census 2021).",
        "Community organisations, translated notices, community radio, faith venues.",
    ),
    Group(
        "older-people",
        K.AGE,
        {
            "en": "Older people (65 and over)",
            "pl": "Osoby starsze (65+)",
            "bn": "বয়স্ক মানুষ (৬৫+)",
            "ar": "كبار السن (65 عامًا فأكثر)",
            "ro": "Persoane în vârstă (65+)",
        },
        "People aged 65 and over, many of whom do not go out after dark.",
        "Daytime meetings, sheltered housing, lunch clubs, phone calls, print.",
    ),
    Group(
        "young-people",
        K.AGE,
        {
            "en": "Young people (16 to 24)",
            "pl": "Młodzi ludzie (16–24 lata)",
            "bn": "তরুণরা (১৬ থেকে ২৪)",
            "ar": "الشباب (16 إلى 24 عامًا)",
            "ro": "Tineri (16–24 de ani)",
        },
        "People aged 16 to 24.",
        "Social media, youth clubs, colleges, street outreach.",
    ),
    Group(
        "polish-speakers",
        K.LANGUAGE,
        {
            "en": "Polish speakers",
            "pl": "Osoby mówiące po polsku",
            "bn": "পোলিশভাষী মানুষ",
            "ar": "الناطقون بالبولندية",
            "ro": "Vorbitori de limba polonă",
        },
        "Polish is the most spoken main language in London after English.",
        "Polish Saturday schools, parishes, Polish-language notices.",
    ),
    Group(
        "bengali-speakers",
        K.LANGUAGE,
        {
            "en": "Bengali speakers",
            "pl": "Osoby mówiące po bengalsku",
            "bn": "বাংলাভাষী মানুষ",
            "ar": "الناطقون بالبنغالية",
            "ro": "Vorbitori de limba bengali",
        },
        "Bengali (with Sylheti) speakers, many in east London.",
        "Bengali community radio, carers' groups, mosques, notices in Bengali.",
    ),
    Group(
        "disabled-people",
        K.DEMOGRAPHIC,
        {
            "en": "Disabled people",
            "pl": "Osoby z niepełnosprawnościami",
            "bn": "প্রতিবন্ধী মানুষ",
            "ar": "الأشخاص ذوو الإعاقة",
            "ro": "Persoane cu dizabilități",
        },
        "People whose day-to-day activities are limited by a disability.",
        "Deaf and disabled people's organisations; step-free venues; BSL; easy read.",
    ),
    Group(
        "people-without-formal-qualifications",
        K.DEMOGRAPHIC,
        {
            "en": "People without formal qualifications",
            "pl": "Osoby bez formalnych kwalifikacji",
            "bn": "আনুষ্ঠানিক যোগ্যতা ছাড়া মানুষ",
            "ar": "أشخاص بلا مؤهلات رسمية",
            "ro": "Persoane fără calificări formale",
        },
        "People who left school without qualifications.",
        "Plain words, food banks, advice centres, word of mouth.",
    ),
)


# --- Outreach ------------------------------------------------------------------------------
class Outreach(NamedTuple):
    key: str
    days_ago: int
    channel: str
    text: str
    languages: str  # space-separated ISO codes
    groups: str = ""  # space-separated slugs
    partners: str = ""  # "first-three" demo organisations, or "somali"
    reach: int = 0
    responses: int = 0
    step: str = P.INFORM
    follow_up_in: int | None = None
    event: str | None = None


WHITECHAPEL = "community-meeting-whitechapel"
# fmt: off
OUTREACH = (
    # Kemi's morning (journey 6).
    Outreach("somali-call", 1, C.PHONE_CALL,
             "Called a Somali community organisation about the next community meeting; they "
             "will tell their women's group and ask about an interpreter.",
             "so en", NON_UK, "somali", 40, 1, follow_up_in=7, event=WHITECHAPEL),
    Outreach("notice-pl-ro", 1, C.TRANSLATED_NOTICE,
             "Sent the meeting notice in Polish and Romanian to three partner groups to pass "
             "on to their members.",
             "pl ro", f"{NON_UK} polish-speakers", "first-three", 300, event=WHITECHAPEL),
    Outreach("radio-bn", 1, C.RADIO,
             "Interview slot on a Bengali community radio station: what the meetings are for, "
             "that everyone is welcome, and how to register.",
             "bn", f"bengali-speakers {NON_UK} older-people", "", 2000, 6, event=WHITECHAPEL),
    # A year of outreach, across every channel.
    Outreach("network-email", 350, C.EMAIL,
             "Emailed the borough's voluntary sector network about the first community "
             "meeting of the year.",
             "en", "", "", 420, 12, event="community-meeting-bow-spring"),
    Outreach("bow-social", 330, C.SOCIAL_MEDIA,
             "Posts about the Bow meeting on the council's social media, with captioned video.",
             "en", "young-people", "", 5200, 30),
    Outreach("carers-newsletter", 312, C.PARTNER_NEWSLETTER,
             "Item in a carers' network newsletter asking what carers need from local services.",
             "en bn", "bengali-speakers older-people", "", 650, 9, P.CONSULT),
    Outreach("ealing-stall", 296, C.STREET_OUTREACH,
             "Stall outside Ealing Broadway station with leaflets in Polish, Punjabi and "
             "English; 60 conversations.",
             "en pl pa", f"polish-speakers {NON_UK}", "", 60, 14, P.CONSULT,
             event="community-meeting-southall"),
    Outreach("saturday-school", 280, C.VISIT,
             "Visited a Polish Saturday school's parents' morning to explain the meetings.",
             "pl", "polish-speakers", "first-three", 35, 8, P.ENGAGE, follow_up_in=14),
    Outreach("bring-a-neighbour", 262, C.WORD_OF_MOUTH,
             "Asked last meeting's participants to bring a neighbour; handed out invitations.",
             "en", "", "", 25, 5, event="community-meeting-brent-summer"),
    Outreach("gp-screens", 247, C.OTHER,
             "Notice on the screens of two GP surgery waiting rooms.",
             "en", "older-people disabled-people", "", 900, 3),
    Outreach("advice-leaflets", 230, C.TRANSLATED_NOTICE,
             "Leaflets in Arabic, Somali and Tigrinya left at three advice centres.",
             "ar so ti", NON_UK, "", 450, 7),
    Outreach("sheltered-housing-calls", 214, C.PHONE_CALL,
             "Phoned 20 sheltered housing schemes to ask about daytime meetings in their "
             "lounges.",
             "en", "older-people", "", 20, 6, P.CONSULT, follow_up_in=30),
    Outreach("radio-ar", 196, C.RADIO,
             "Phone-in on an Arabic-language community radio programme.",
             "ar", NON_UK, "", 1500, 11, P.CONSULT),
    Outreach("deaf-led-codesign", 180, C.VISIT,
             "Co-design session with a deaf-led organisation on making meetings accessible "
             "(BSL, captions, a quiet room).",
             "bfi en", "disabled-people", "", 14, 14, P.CO_DESIGN, follow_up_in=21),
    Outreach("videos", 160, C.SOCIAL_MEDIA,
             "Short videos in Bengali, Urdu and Gujarati about what the meetings are for.",
             "bn ur gu", "bengali-speakers young-people", "", 8300, 45),
    Outreach("market-stall", 141, C.STREET_OUTREACH,
             "Market-day stall in Lewisham with a food bank: plain-words leaflets, no forms.",
             "en pt es", "people-without-formal-qualifications", "", 80, 19, P.CONSULT,
             event="community-meeting-lewisham"),
    Outreach("romanian-newsletter", 120, C.PARTNER_NEWSLETTER,
             "Item in a Romanian community association's newsletter.",
             "ro", NON_UK, "first-three", 700, 10),
    Outreach("what-changed-email", 98, C.EMAIL,
             "Emailed everyone who left contact details at earlier meetings about what "
             "changed after their feedback.",
             "en", "", "", 140, 22, P.ENGAGE),
    Outreach("nine-languages", 84, C.TRANSLATED_NOTICE,
             "Meeting notice translated into nine languages and sent to 28 partner groups.",
             "pl ro bn ar so pt es gu pa", NON_UK, "first-three", 2600, 31,
             event="community-meeting-haringey"),
    Outreach("champions", 63, C.WORD_OF_MOUTH,
             "Community champions invited people from their own networks.",
             "en tr ku", NON_UK, "", 120, 18, P.ENGAGE),
    Outreach("youth-clubs", 45, C.VISIT,
             "Visited two youth clubs to ask young people how they would like to take part.",
             "en", "young-people", "", 48, 12, P.CONSULT, follow_up_in=30),
    Outreach("interpreter-callbacks", 28, C.PHONE_CALL,
             "Called back the people who asked for an interpreter at the last meeting, to "
             "book one for the next.",
             "bn so", f"bengali-speakers {NON_UK}", "", 9, 9, P.ENGAGE),
    Outreach("faith-posters", 14, C.OTHER,
             "Posters at a mosque, a gurdwara and two churches.",
             "en ar pa", f"{NON_UK} older-people", "", 1200, 4),
)
# fmt: on


# --- Events --------------------------------------------------------------------------------
class PastEvent(NamedTuple):
    slug: str
    days_ago: int
    title: str
    borough: str
    venue: str
    kind: str
    languages: str
    groups: str


# Held meetings, oldest first; the index orders the rising share born abroad.
# fmt: off
PAST_EVENTS = (
    PastEvent("community-meeting-bow-spring", 340, "Community meeting: local services in Bow",
              "tower-hamlets", "Bow Community Hall", T.MEETING, "en bn", NON_UK),
    PastEvent("community-meeting-southall", 305, "Community meeting: Southall",
              "ealing", "Southall Community Centre", T.MEETING, "en pa pl", "polish-speakers"),
    PastEvent("focus-group-carers-tower-hamlets", 272, "Focus group: carers' needs",
              "tower-hamlets", "Carers' Centre meeting room", T.FOCUS_GROUP, "en bn",
              "bengali-speakers older-people"),
    PastEvent("community-meeting-brent-summer", 240, "Community meeting: Brent",
              "brent", "Harlesden Library hall", T.MEETING, "en so ar", NON_UK),
    PastEvent("workshop-accessible-meetings", 208, "Workshop: making meetings accessible",
              "camden", "Kentish Town Community Centre", T.WORKSHOP, "en bfi", "disabled-people"),
    PastEvent("community-meeting-lewisham", 176, "Community meeting: Lewisham",
              "lewisham", "Lewisham Community Hall", T.MEETING, "en pt es",
              "people-without-formal-qualifications"),
    PastEvent("drop-in-wealdstone", 140, "Drop-in: Wealdstone",
              "harrow", "Wealdstone Community Centre", T.DROP_IN, "en ro gu",
              f"{NON_UK} older-people"),
    PastEvent("community-meeting-haringey", 105, "Community meeting: Tottenham",
              "haringey", "Tottenham Community Hall", T.MEETING, "en tr pl",
              f"{NON_UK} polish-speakers"),
    PastEvent("consultation-youth-hackney", 70, "Consultation: what young people need",
              "hackney", "Dalston Youth Centre", T.CONSULTATION, "en", "young-people"),
    PastEvent("community-meeting-newham", 38, "Community meeting: East Ham",
              "newham", "East Ham Community Centre", T.MEETING, "en bn ur pa",
              f"{NON_UK} bengali-speakers"),
    PastEvent("community-meeting-north-kensington", 12, "Community meeting: North Kensington",
              "kensington-and-chelsea", "North Kensington Community Centre", T.MEETING,
              "en ar pt", NON_UK),
)
CANCELLED_EVENT = PastEvent(
    "community-meeting-croydon", 158, "Community meeting: Croydon", "croydon",
    "Croydon Community Hall", T.MEETING, "en", "",
)
# fmt: on


class FutureEvent(NamedTuple):
    slug: str
    in_days: int
    hour: int
    borough: str
    venue: str
    kind: str
    languages: str
    groups: str
    capacity: int
    registered: int
    interpretation: str
    access: tuple[str, ...]
    titles: dict[str, str]
    descriptions: dict[str, str]


FUTURE_EVENTS = (
    FutureEvent(
        WHITECHAPEL,
        9,
        18,
        "tower-hamlets",
        "Whitechapel Community Centre",
        T.MEETING,
        "en bn so pl ro",
        f"{NON_UK} bengali-speakers",
        capacity=60,
        registered=21,
        interpretation="Bengali and Somali interpreters; others on request.",
        access=("step_free_access", "hearing_loop", "travel_expenses"),
        titles={
            "en": "Community meeting: local services in Whitechapel",
            "pl": "Spotkanie społeczności: usługi lokalne w Whitechapel",
            "bn": "কমিউনিটি সভা: হোয়াইটচ্যাপেলের স্থানীয় সেবা",
            "ar": "اجتماع مجتمعي: الخدمات المحلية في وايتشابل",
            "ro": "Întâlnire comunitară: serviciile locale din Whitechapel",
        },
        descriptions={
            "en": "Tell us what works and what does not in local services. Everyone who "
            "lives in London is welcome, wherever they were born. Bengali and Somali "
            "interpreters; others on request. Step-free access. " + EVENT_NOTE,
            "pl": "Powiedz nam, co działa, a co nie w lokalnych usługach. Każdy, kto mieszka "
            "w Londynie, jest mile widziany. Tłumacze języka bengalskiego i somalijskiego; "
            "inni na życzenie. Dostęp bez schodów. (To fikcyjne wydarzenie stworzone do "
            "celów demonstracyjnych.)",
            "bn": "স্থানীয় সেবায় কী কাজ করছে আর কী করছে না, আমাদের জানান। লন্ডনে বসবাসকারী "
            "সবাই স্বাগত। বাংলা ও সোমালি দোভাষী থাকবেন; অন্য ভাষা অনুরোধে। সিঁড়ি ছাড়া "
            "প্রবেশের ব্যবস্থা আছে। (এটি প্রদর্শনের জন্য তৈরি একটি কাল্পনিক অনুষ্ঠান।)",
            "ar": "أخبرونا بما ينجح وما لا ينجح في الخدمات المحلية. كل من يعيش في لندن مرحَّب "
            "به. يتوفر مترجمون للبنغالية والصومالية، ولغات أخرى عند الطلب. المدخل بلا درج. "
            "(هذه فعالية خيالية أُنشئت لأغراض العرض.)",
            "ro": "Spuneți-ne ce funcționează și ce nu în serviciile locale. Oricine "
            "locuiește în Londra este binevenit. Interpreți de bengali și somaleză; alte "
            "limbi la cerere. Acces fără trepte. (Acesta este un eveniment fictiv, creat "
            "pentru demonstrație.)",
        },
    ),
    FutureEvent(
        "womens-drop-in-north-kensington",
        16,
        11,
        "kensington-and-chelsea",
        "North Kensington Women's Centre",
        T.DROP_IN,
        "en ar",
        NON_UK,
        capacity=20,
        registered=18,  # nearly full
        interpretation="Arabic interpreter.",
        access=("step_free_access", "childcare", "quiet_room"),
        titles={
            "en": "Drop-in for women: advice and a say, North Kensington",
            "ar": "لقاء مفتوح للنساء: استشارات وفرصة لإبداء الرأي، نورث كنسينغتون",
            "pl": "Spotkanie otwarte dla kobiet: porady i głos, North Kensington",
        },
        descriptions={
            "en": "An informal drop-in for women: free advice, and a chance to tell the "
            "council what would help. Arabic interpreter; childcare in the next room. "
            + EVENT_NOTE,
            "ar": "لقاء غير رسمي للنساء: استشارات مجانية وفرصة لإخبار المجلس بما يساعدكن. "
            "تتوفر مترجمة للعربية ورعاية للأطفال في الغرفة المجاورة. (هذه فعالية خيالية "
            "أُنشئت لأغراض العرض.)",
            "pl": "Nieformalne spotkanie dla kobiet: bezpłatne porady i okazja, by powiedzieć "
            "radzie, co by pomogło. Tłumaczka języka arabskiego; opieka nad dziećmi w "
            "sąsiedniej sali. (To fikcyjne wydarzenie stworzone do celów demonstracyjnych.)",
        },
    ),
    FutureEvent(
        "daytime-meeting-harrow-older-residents",
        33,
        11,
        "harrow",
        "Harrow sheltered housing lounge",
        T.MEETING,
        "en gu",
        "older-people",
        capacity=30,
        registered=7,
        interpretation="Gujarati interpreter.",
        access=("step_free_access", "hearing_loop", "travel_expenses"),
        titles={"en": "Daytime meeting for older residents, Harrow"},
        descriptions={
            "en": "A daytime meeting for residents aged 65 and over, in a sheltered "
            "housing lounge, with tea. Gujarati interpreter. " + EVENT_NOTE,
        },
    ),
)

# fmt: off
FIRST_NAMES = (
    "Ayesha", "Marek", "Fatima", "Ioana", "Abdi", "Grace", "Tomasz", "Shirin", "Kwame", "Nasrin",
    "Oliver", "Amira", "Rahim", "Agnieszka", "Deepa", "Chloe", "Hodan", "Luis", "Mihai",
    "Precious", "Jamal", "Beata", "Sunita", "Kofi", "Elena", "Yusuf", "Maria", "Tariq", "Joanna",
    "Mohammed", "Patrick", "Leila", "Ruth", "Emre", "Anjali", "Dorota", "Samuel", "Halima",
    "Andrei", "Nia",
)
# fmt: on
LETTERS = "ABCDEFGHJKLMNPRSTW"


# --- Feedback ------------------------------------------------------------------------------
class FeedbackItem(NamedTuple):
    key: str
    text: str
    language: str
    source: str
    days_ago: int
    group: str
    event: str | None = None
    outreach: str | None = None
    contact: str = ""  # a fictional first name, when they agreed to be contacted


# fmt: off
FEEDBACK = (
    # Three (here four) similar comments that become one insight (journey 7).
    FeedbackItem("not-for-us-pl",
                 "Myślałam, że te spotkania są tylko dla osób urodzonych w Wielkiej Brytanii.",
                 "pl", S.IN_PERSON, 105, NON_UK, event="community-meeting-haringey",
                 contact="Beata"),
    FeedbackItem("not-for-us-bn",
                 "আমি ভেবেছিলাম এই সভাগুলো শুধু ব্রিটেনে জন্ম নেওয়া মানুষদের জন্য।",
                 "bn", S.OUTREACH, 305, "bengali-speakers", outreach="carers-newsletter"),
    FeedbackItem("not-for-us-ar",
                 "كنت أظن أن هذه الاجتماعات مخصصة فقط لمن وُلدوا في بريطانيا.",
                 "ar", S.ONLINE, 238, NON_UK, event="community-meeting-brent-summer"),
    FeedbackItem("not-for-us-en",
                 "My neighbours didn't come because they thought the meeting was only for "
                 "British people.",
                 "en", S.IN_PERSON, 176, NON_UK, event="community-meeting-lewisham"),
    FeedbackItem("evening",
                 "The meetings are at seven in the evening and I don't go out after dark. A "
                 "daytime meeting would help.",
                 "en", S.PHONE, 214, "older-people", outreach="sheltered-housing-calls"),
    FeedbackItem("interpreter-praise-pl",
                 "Bardzo dobre spotkanie, tłumaczka bardzo pomogła.",
                 "pl", S.ONLINE, 303, "polish-speakers", event="community-meeting-southall",
                 contact="Tomasz"),
    FeedbackItem("steps",
                 "The hall had steps at the entrance and the ramp was not signposted.",
                 "en", S.IN_PERSON, 176, "disabled-people", event="community-meeting-lewisham"),
    FeedbackItem("instagram",
                 "I only heard about it because my aunt told me. Put it on Instagram?",
                 "en", S.ONLINE, 69, "young-people", event="consultation-youth-hackney"),
    FeedbackItem("notice-bn",
                 "সভার নোটিশ বাংলায় পেয়ে খুব ভালো লাগল।",
                 "bn", S.ONLINE, 37, "bengali-speakers", event="community-meeting-newham"),
    FeedbackItem("saturday-ro",
                 "Am aflat de întâlnire prin asociația noastră. Ar fi bine să fie și sâmbăta.",
                 "ro", S.IN_PERSON, 140, NON_UK, event="drop-in-wealdstone", contact="Ioana"),
    FeedbackItem("interpreter-late",
                 "I asked for a Somali interpreter two days before and there wasn't one.",
                 "en", S.PHONE, 239, NON_UK, event="community-meeting-brent-summer"),
    FeedbackItem("childcare-ar",
                 "نحتاج إلى رعاية للأطفال حتى نتمكن من الحضور.",
                 "ar", S.IN_PERSON, 12, NON_UK, event="community-meeting-north-kensington",
                 contact="Amira"),
    FeedbackItem("jargon",
                 "The forms are too long and full of jargon.",
                 "en", S.IN_PERSON, 12, "people-without-formal-qualifications",
                 event="community-meeting-north-kensington"),
)
# fmt: on


# --- Insights ------------------------------------------------------------------------------
NOT_FOR_US = "Non-UK-born residents think the meetings are only for British-born people"
NOT_FOR_US_SUMMARY = {
    "en": "Some residents born outside the UK told us they thought our meetings were only "
    "for people born in Britain.",
    "pl": "Niektórzy mieszkańcy urodzeni poza Wielką Brytanią powiedzieli nam, że ich zdaniem "
    "nasze spotkania są tylko dla osób urodzonych w Wielkiej Brytanii.",
    "ro": "Unii locuitori născuți în afara Regatului Unit ne-au spus că au crezut că "
    "întâlnirile noastre sunt doar pentru persoanele născute în Marea Britanie.",
    "es": "Algunos residentes nacidos fuera del Reino Unido nos dijeron que creían que "
    "nuestras reuniones eran solo para personas nacidas en Gran Bretaña.",
    "pt": "Alguns residentes nascidos fora do Reino Unido disseram-nos que pensavam que as "
    "nossas reuniões eram só para pessoas nascidas na Grã-Bretanha.",
    "bn": "যুক্তরাজ্যের বাইরে জন্ম নেওয়া কিছু বাসিন্দা আমাদের বলেছেন যে তাঁরা ভেবেছিলেন "
    "আমাদের সভাগুলো শুধু ব্রিটেনে জন্ম নেওয়া মানুষদের জন্য।",
    "ar": "أخبرنا بعض السكان المولودين خارج المملكة المتحدة أنهم ظنّوا أن اجتماعاتنا "
    "مخصّصة فقط للمولودين في بريطانيا.",
}
NOT_FOR_US_RESPONSE = {
    "en": "Meetings are now advertised in nine languages and held in community venues. "
    "Everyone who lives in London is welcome, wherever they were born.",
    "pl": "Spotkania są teraz ogłaszane w dziewięciu językach i odbywają się w miejscach "
    "społecznościowych. Każdy, kto mieszka w Londynie, jest mile widziany, niezależnie od "
    "miejsca urodzenia.",
    "ro": "Întâlnirile sunt acum anunțate în nouă limbi și au loc în spații comunitare. "
    "Oricine locuiește în Londra este binevenit, indiferent unde s-a născut.",
    "es": "Las reuniones ahora se anuncian en nueve idiomas y se celebran en espacios "
    "comunitarios. Todas las personas que viven en Londres son bienvenidas, hayan nacido "
    "donde hayan nacido.",
    "pt": "As reuniões são agora anunciadas em nove línguas e realizadas em espaços "
    "comunitários. Todas as pessoas que vivem em Londres são bem-vindas, seja onde for que "
    "tenham nascido.",
    "bn": "সভাগুলোর খবর এখন নয়টি ভাষায় প্রচার করা হয় এবং সভা হয় কমিউনিটি ভেন্যুতে। "
    "লন্ডনে বসবাসকারী সবাই স্বাগত, তাঁদের জন্ম যেখানেই হোক।",
    "ar": "يُعلَن عن الاجتماعات الآن بتسع لغات، وتُعقد في أماكن مجتمعية. كل من يعيش في "
    "لندن مرحَّب به، أينما وُلد.",
}


class ActionItem(NamedTuple):
    planned: str
    planned_in: int  # days from today
    outcome: str = ""
    done_in: int | None = None


class InsightItem(NamedTuple):
    title: str
    status: str
    due_in: int | None
    groups: str
    themes: str
    feedback: str
    detail: str
    actions: tuple[ActionItem, ...] = ()
    summary: dict[str, str] | None = None
    response: dict[str, str] | None = None


# fmt: off
INSIGHTS = (
    InsightItem(
        NOT_FOR_US, IS.DONE, -60, f"{NON_UK} polish-speakers bengali-speakers", "barrier",
        "not-for-us-pl not-for-us-bn not-for-us-ar not-for-us-en",
        "Heard in Polish, Bengali, Arabic and English: at meetings, in outreach and online.",
        (
            ActionItem("Advertise every meeting in nine languages, through partner groups and "
                       "community radio.", -100,
                       "Notices now go out in nine languages to 28 partner groups; radio slots "
                       "in Bengali, Arabic and Somali.", -84),
            ActionItem("Hold meetings in community venues instead of the civic centre.", -90,
                       "The last five meetings were held in community centres.", -38),
            ActionItem("Say on every notice that everyone who lives in London is welcome.", -80,
                       "Added to the notice template in every language.", -84),
        ),
        NOT_FOR_US_SUMMARY, NOT_FOR_US_RESPONSE,
    ),
    InsightItem(
        "Older people (65+) find evening meetings hard to get to", IS.ACTION_PLANNED, 40,
        "older-people", "barrier", "evening",
        "People aged 65 and over are under-represented at every meeting this year.",
        (
            ActionItem("Hold meetings in the daytime in sheltered housing lounges.", 33),
            ActionItem("Phone lunch clubs to invite members and offer travel expenses.", 20),
        ),
    ),
    InsightItem(
        "Interpreters are not booked in time", IS.CONFIRMED, 14, NON_UK, "need",
        "interpreter-late",
        "Requests made at registration reach the interpreting service too late.",
        (ActionItem("Ask about interpreting at registration and book a week ahead.", 10),),
    ),
    InsightItem(
        "Young people do not hear about the meetings", IS.INVESTIGATING, 30, "young-people",
        "suggestion", "instagram",
        "Checking which channels reached the young people who came.",
    ),
    InsightItem(
        "Step-free access is not clear in event notices", IS.NEW, None, "disabled-people",
        "complaint", "steps", "",
    ),
    InsightItem(
        # "You said" is written but "we did" is not yet, so it cannot be published.
        "People value meeting notices in their own language", IS.CONFIRMED, None,
        "bengali-speakers polish-speakers", "praise", "interpreter-praise-pl notice-bn",
        "Keep translating; ask which languages are still missing.",
        summary={"en": "You told us that notices in your own language help."},
    ),
)
# fmt: on

# --- Monitoring ----------------------------------------------------------------------------
AGE_WEIGHTS = {
    "under_16": 1,
    "16_24": 14,
    "25_34": 24,
    "35_49": 30,
    "50_64": 21,
    "65_74": 5,
    "75_plus": 2,
}
BORN_ABROAD = {
    "europe_eu": 35,
    "middle_east_asia": 30,
    "africa": 20,
    "americas_caribbean": 8,
    "europe_other": 5,
    "oceania_other": 2,
}
ETHNICITY_BY_BIRTH = {
    "uk": {
        "white_british": 48,
        "caribbean": 7,
        "african": 6,
        "indian": 6,
        "bangladeshi": 6,
        "pakistani": 4,
        "white_black_caribbean": 4,
        "white_asian": 3,
        "other_mixed": 3,
        "white_irish": 2,
        "other_white": 3,
        "chinese": 2,
        "other_asian": 2,
        "arab": 1,
        "any_other": 2,
        "gypsy_traveller": 1,
    },
    "europe_eu": {"other_white": 80, "roma": 5, "white_irish": 5, "any_other": 10},
    "europe_other": {"other_white": 85, "any_other": 15},
    "africa": {"african": 70, "other_black": 10, "arab": 15, "any_other": 5},
    "middle_east_asia": {
        "bangladeshi": 25,
        "indian": 20,
        "pakistani": 15,
        "chinese": 8,
        "other_asian": 12,
        "arab": 15,
        "any_other": 5,
    },
    "americas_caribbean": {"caribbean": 50, "other_mixed": 10, "other_white": 20, "any_other": 20},
    "oceania_other": {"other_white": 70, "any_other": 30},
}
MUSLIM_LIKELY = {"bangladeshi", "pakistani", "arab"}
RELIGION = {
    "none": 30,
    "christian": 36,
    "muslim": 15,
    "hindu": 6,
    "jewish": 2,
    "sikh": 3,
    "buddhist": 1,
    "other": 2,
}
QUALIFICATION = {
    "none": 14,
    "level_1": 9,
    "level_2": 12,
    "apprenticeship": 4,
    "level_3": 15,
    "level_4_plus": 36,
    "other": 10,
}
SEXUAL_ORIENTATION = {"straight": 90, "gay_lesbian": 4, "bisexual": 4, "other": 2}
PREFER_NOT = "prefer_not_to_say"
# Shares of "prefer not to say" and of questions left blank.
PREFER_NOT_SHARE = {"religion": 0.08, "sexual_orientation": 0.12, "gender_identity": 0.06}
BLANK_SHARE = 0.06
# The share of people born outside the UK at the first and the last meeting of the year.
BORN_ABROAD_SHARE = (0.20, 0.34)


def _pick(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _monitoring_answers(rng: random.Random, born_abroad_share: float) -> dict:
    """One fictional person's answers, drawn so the mix looks like a London meeting."""
    age = _pick(rng, AGE_WEIGHTS)
    born = _pick(rng, BORN_ABROAD) if rng.random() < born_abroad_share else "uk"
    other_language = rng.random() < (0.65 if born != "uk" else 0.05)
    ethnic = _pick(rng, ETHNICITY_BY_BIRTH[born])
    religion = "muslim" if ethnic in MUSLIM_LIKELY and rng.random() < 0.85 else _pick(rng, RELIGION)
    answers = {
        "age_band": age,
        "sex": "female" if rng.random() < 0.56 else "male",
        "gender_identity": "same" if rng.random() < 0.97 else "different",
        "country_of_birth": born,
        "main_language": "other" if other_language else "english",
        "english_proficiency": (
            _pick(rng, {"very_well": 40, "well": 35, "not_well": 20, "not_at_all": 5})
            if other_language
            else ""
        ),
        "ethnic_group": ethnic,
        "qualification": _pick(rng, QUALIFICATION),
        "disability": _pick(rng, {"limited_a_lot": 8, "limited_a_little": 10, "no": 82}),
        "religion": religion,
        "sexual_orientation": _pick(rng, SEXUAL_ORIENTATION),
    }
    for field, value in answers.items():
        roll = rng.random()
        if not value:  # a question that did not apply stays unanswered
            continue
        if roll < BLANK_SHARE:
            answers[field] = ""
        elif roll < BLANK_SHARE + PREFER_NOT_SHARE.get(field, 0.04):
            answers[field] = PREFER_NOT
    if answers["age_band"] == "under_16":
        answers["gender_identity"] = answers["sexual_orientation"] = ""
    return answers


# --- Seeding -------------------------------------------------------------------------------
def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _demo_owner():
    """Kemi, the fictional engagement officer who owns the demo outreach and insights.

    A staff account with no usable password: it cannot sign in, it only owns demo records.
    """
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_OWNER_USERNAME,
        defaults={
            "email": f"kemi@{EMAIL_DOMAIN}",
            "first_name": f"Kemi {FICTIONAL}",
            "is_staff": True,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _seed_groups(partners) -> dict[str, StakeholderGroup]:
    groups = {}
    for spec in GROUPS:
        group, _created = StakeholderGroup.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "kind": spec.kind,
                **{f"name_{code}": name for code, name in spec.names.items()},
                "description_en": spec.description,
                "reach_notes": spec.reach,
            },
        )
        groups[group.slug] = group
    if partners:
        groups["polish-speakers"].partner_organisations.set(partners[:1])
        groups[NON_UK].partner_organisations.set(partners)
    return groups


def _pick_all(records: dict, keys: str) -> list:
    return [records[key] for key in keys.split() if key in records]


def _seed_events(today, languages, groups, boroughs) -> tuple[list[Event], list[Event]]:
    """Held meetings (oldest first), and the others: one cancelled, three coming up."""
    past = []
    for spec in (*PAST_EVENTS, CANCELLED_EVENT):
        held = spec is not CANCELLED_EVENT
        day = today - timedelta(days=spec.days_ago)
        hour = 11 if spec.kind in (T.DROP_IN, T.FOCUS_GROUP) else 18
        event, _created = Event.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "title_en": spec.title,
                "description_en": (
                    "A community meeting to hear what local people need from services, "
                    "and what we should change. "
                    if held
                    else "Cancelled: the hall was flooded. "
                )
                + EVENT_NOTE,
                "event_type": spec.kind,
                "starts_at": _at(day, hour, 30),
                "ends_at": _at(day, hour + 2, 30),
                "venue_name": spec.venue,
                "venue_address": f"1 Example Street, {boroughs[spec.borough].name} "
                "(fictional address)",
                "borough": boroughs[spec.borough],
                "step_free_access": True,
                "hearing_loop": spec.days_ago < 220,
                "is_published": held,
                "status": Event.Status.HELD if held else Event.Status.CANCELLED,
                "closing_notes": DEMO_NOTE,
            },
        )
        event.languages.set(_pick_all(languages, spec.languages))
        event.target_groups.set(_pick_all(groups, spec.groups))
        past.append(event)
    cancelled = past.pop()

    future = []
    for spec in FUTURE_EVENTS:
        day = today + timedelta(days=spec.in_days)
        event, _created = Event.objects.update_or_create(
            slug=spec.slug,
            defaults={
                **{f"title_{code}": text for code, text in spec.titles.items()},
                **{f"description_{code}": text for code, text in spec.descriptions.items()},
                "event_type": spec.kind,
                "starts_at": _at(day, spec.hour),
                "ends_at": _at(day, spec.hour + 2),
                "venue_name": spec.venue,
                "venue_address": f"1 Example Street, {boroughs[spec.borough].name} "
                "(fictional address)",
                "borough": boroughs[spec.borough],
                "interpretation": spec.interpretation,
                **{name: name in spec.access for name in Event.ACCESS_FIELDS},
                "capacity": spec.capacity,
                "is_published": True,
                "status": Event.Status.PLANNED,
                "walk_in_count": 0,
            },
        )
        event.languages.set(_pick_all(languages, spec.languages))
        event.target_groups.set(_pick_all(groups, spec.groups))
        future.append(event)
    return past, [cancelled, *future]


def _people(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    """A pool of fictional people: (name, email, phone), some of whom come again."""
    people, seen = [], set()
    while len(people) < count:
        first, letter = rng.choice(FIRST_NAMES), rng.choice(LETTERS)
        if (first, letter) in seen:
            continue
        seen.add((first, letter))
        n = len(people)
        people.append(
            (
                f"{first} {letter}. {FICTIONAL}",
                f"{slugify(first)}.{letter.lower()}{n}@{EMAIL_DOMAIN}",
                f"020 7946 0{n:03d}",
            )
        )
    return people


def _heard_via(rng: random.Random, progress: float) -> str:
    # Later in the year more people hear through translated notices and radio.
    weights = {
        C.EMAIL: 10,
        C.SOCIAL_MEDIA: 12,
        C.PARTNER_NEWSLETTER: 8,
        C.WORD_OF_MOUTH: 22,
        C.STREET_OUTREACH: 6,
        C.VISIT: 5,
        C.PHONE_CALL: 5,
        C.TRANSLATED_NOTICE: 4 + 16 * progress,
        C.RADIO: 3 + 10 * progress,
        C.OTHER: 2,
        "": 5,
    }
    return _pick(rng, weights)


def _register(event, plan, people, rng, progress, participants) -> None:
    """Create or update an event's registrations, one per status in ``plan``."""
    chosen = rng.sample(people, len(plan))
    created = []
    for (name, email, phone), status in zip(chosen, plan, strict=True):
        key = services.participant_key(email=email)
        if key not in participants:
            participants[key] = Participant.objects.get_or_create(key=key)[0]
        language = _pick(rng, {"en": 70, "pl": 8, "bn": 8, "ar": 6, "ro": 4, "pt": 4})
        needs, gives_phone, days_before = rng.random(), rng.random(), rng.randint(2, 20)
        interpreter = {"bn": "Bengali", "ar": "Arabic", "pl": "Polish"}.get(language, "")
        registration, is_new = Registration.objects.update_or_create(
            event=event,
            name=name,
            defaults={
                "participant": participants[key],
                "email": email,
                "phone": phone if gives_phone < 0.4 else "",
                "access_needs": "Step-free access, please." if needs < 0.08 else "",
                "interpretation_needs": interpreter if needs > 0.9 else "",
                "heard_via": _heard_via(rng, progress),
                "language": language,
                "consent": True,
                "status": status,
            },
        )
        if is_new:
            created.append((registration.pk, days_before))
    for pk, days_before in created:
        Registration.objects.filter(pk=pk).update(
            created_at=event.starts_at - timedelta(days=days_before)
        )


def _seed_registrations(past, others, people) -> None:
    participants: dict[str, Participant] = {}
    A = AttendanceStatus
    for index, event in enumerate(past):
        rng = random.Random(f"{SEED}:registrations:{event.slug}")
        progress = index / max(len(past) - 1, 1)
        plan = (
            [A.ATTENDED] * rng.randint(10, 32)
            + [A.NO_SHOW] * rng.randint(2, 7)
            + [A.CANCELLED] * rng.randint(0, 4)
        )
        event.walk_in_count = rng.randint(0, 8)
        _register(event, plan, people, rng, progress, participants)
        Event.objects.filter(pk=event.pk).update(walk_in_count=event.walk_in_count)
    upcoming = {spec.slug: spec for spec in FUTURE_EVENTS}
    for event in others:
        rng = random.Random(f"{SEED}:registrations:{event.slug}")
        if event.slug in upcoming:
            plan = [A.REGISTERED] * upcoming[event.slug].registered + [A.CANCELLED] * 2
        else:  # the cancelled meeting
            plan = [A.CANCELLED] * 6
        _register(event, plan, people, rng, 1.0, participants)


def _seed_monitoring(past) -> None:
    """Anonymous answers for held meetings: the share born abroad rises over the year.

    The people who came count as already sent the link to the questions, so the daily
    invitations never email the demo's fictional people.
    """
    first, last = BORN_ABROAD_SHARE
    for index, event in enumerate(past):
        month = month_start(timezone.localdate(event.starts_at))
        event.registrations.filter(
            status=AttendanceStatus.ATTENDED, monitoring_invited=False
        ).update(monitoring_invited=True)
        responses = event.monitoring_responses.all()
        if responses.exists():
            responses.exclude(month=month).update(month=month)
            continue
        rng = random.Random(f"{SEED}:monitoring:{event.slug}")
        progress = index / max(len(past) - 1, 1)
        attended = event.registrations.filter(status=AttendanceStatus.ATTENDED).count()
        paper = MonitoringResponse.Source.PAPER
        online = MonitoringResponse.Source.ONLINE
        MonitoringResponse.objects.bulk_create(
            MonitoringResponse(
                event=event,
                source=paper if rng.random() < 0.6 else online,
                month=month,
                **_monitoring_answers(rng, first + (last - first) * progress),
            )
            for _i in range(round(0.75 * (attended + event.walk_in_count)))
        )


def _seed_outreach(today, languages, groups, partners, somali, events, staff) -> dict:
    activities = {}
    for spec in OUTREACH:
        day = today - timedelta(days=spec.days_ago)
        activity, _created = OutreachActivity.objects.update_or_create(
            description=f"{spec.text} ({DEMO_NOTE})",
            defaults={
                "date": day,
                "channel": spec.channel,
                "estimated_reach": spec.reach,
                "responses": spec.responses,
                "participation_step": spec.step,
                "follow_up_needed": spec.follow_up_in is not None,
                "follow_up_date": (
                    day + timedelta(days=spec.follow_up_in) if spec.follow_up_in else None
                ),
                "event": events.get(spec.event),
                "staff": staff,
            },
        )
        activity.languages.set(_pick_all(languages, spec.languages))
        activity.target_groups.set(_pick_all(groups, spec.groups))
        chosen = {"first-three": partners, "somali": [somali] if somali else []}
        activity.partner_organisations.set(chosen.get(spec.partners, []))
        activities[spec.key] = activity
    return activities


def _seed_feedback(now, events, outreach, groups, staff) -> dict[str, Feedback]:
    items = {}
    for spec in FEEDBACK:
        feedback, _created = Feedback.objects.update_or_create(
            text=spec.text,
            defaults={
                "language": spec.language,
                "source": spec.source,
                "event": events.get(spec.event),
                "outreach_activity": outreach.get(spec.outreach),
                "stakeholder_group": groups.get(spec.group),
                "contact_name": f"{spec.contact} {FICTIONAL}" if spec.contact else "",
                "contact_email": f"{slugify(spec.contact)}@{EMAIL_DOMAIN}" if spec.contact else "",
                "contact_consent": bool(spec.contact),
                "logged_by": None if spec.source == S.ONLINE else staff,
            },
        )
        Feedback.objects.filter(pk=feedback.pk).update(
            created_at=now - timedelta(days=spec.days_ago, hours=2)
        )
        items[spec.key] = feedback
    return items


def _seed_insights(today, groups, feedback, staff) -> None:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    for spec in INSIGHTS:
        public = {
            **{f"public_summary_{code}": text for code, text in (spec.summary or {}).items()},
            **{f"public_response_{code}": text for code, text in (spec.response or {}).items()},
        }
        insight, _created = Insight.objects.update_or_create(
            title=spec.title,
            defaults={
                "detail": f"{spec.detail} ({DEMO_NOTE})".strip(),
                "status": spec.status,
                "owner": staff,
                "due_date": today + timedelta(days=spec.due_in)
                if spec.due_in is not None
                else None,
                **public,
            },
        )
        insight.feedback.set(_pick_all(feedback, spec.feedback))
        insight.stakeholder_groups.set(_pick_all(groups, spec.groups))
        insight.themes.set(_pick_all(themes, spec.themes))
        for action in spec.actions:
            Action.objects.update_or_create(
                insight=insight,
                planned=action.planned,
                defaults={
                    "planned_for": today + timedelta(days=action.planned_in),
                    "outcome": action.outcome,
                    "done_on": (
                        today + timedelta(days=action.done_in)
                        if action.done_in is not None
                        else None
                    ),
                },
            )
        if spec.response and insight.response_published_at is None:
            services.insight_publish_response(insight=insight)


def seed_engagement(*, stdout=None) -> dict:
    """Create or update the fictional engagement demo data; return counts of what exists.

    Deterministic and idempotent: run it as often as you like. Partner organisations
    come from the directory's demo organisations, when they have been seeded first.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    languages = Language.objects.in_bulk(field_name="code")
    boroughs = Borough.objects.in_bulk(field_name="slug")
    demo_orgs = Organisation.objects.filter(is_demo=True).order_by("slug")
    partners = list(demo_orgs[:3])
    somali = demo_orgs.filter(slug__contains="somali").first()
    people = _people(random.Random(SEED), 160)

    with translation.override("en"), transaction.atomic():
        staff = _demo_owner()
        groups = _seed_groups(partners)
        past, others = _seed_events(today, languages, groups, boroughs)
        events = {event.slug: event for event in [*past, *others]}
        _seed_registrations(past, others, people)
        _seed_monitoring(past)
        outreach = _seed_outreach(today, languages, groups, partners, somali, events, staff)
        feedback = _seed_feedback(now, events, outreach, groups, staff)
        _seed_insights(today, groups, feedback, staff)

    if stdout is not None and not partners:
        stdout.write("No demo organisations yet: outreach is logged without partner groups.")
    return {
        "stakeholder groups": StakeholderGroup.objects.count(),
        "outreach activities": OutreachActivity.objects.count(),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
        "monitoring responses": MonitoringResponse.objects.count(),
        "feedback": Feedback.objects.count(),
        "insights": Insight.objects.count(),
    }
