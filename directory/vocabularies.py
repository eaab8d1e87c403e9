"""The seeded vocabularies: areas of work, beneficiary groups and languages.

Loaded by data migrations; staff can add to them in the admin afterwards.
"""

from django.utils.translation import gettext_lazy as _

# (slug, English name, description, parent slug or None)
CATEGORIES = [
    (
        "advice-and-advocacy",
        "Advice and advocacy",
        "Help to understand rights and options, and someone to speak up for you.",
        None,
    ),
    ("legal", "Legal", "Legal advice, casework and representation.", "advice-and-advocacy"),
    ("arts-and-culture", "Arts and culture", "Creative, heritage and cultural activities.", None),
    (
        "children-and-young-people",
        "Children and young people",
        "Support and activities for under-25s and their families.",
        None,
    ),
    (
        "community-development",
        "Community development",
        "Bringing neighbours together and building local groups.",
        None,
    ),
    ("disability", "Disability", "Support led by and for disabled people.", None),
    (
        "education-and-skills",
        "Education and skills",
        "Learning, English classes, digital skills and training.",
        None,
    ),
    ("employment", "Employment", "Help to find, keep and progress in work.", None),
    (
        "environment",
        "Environment",
        "Green spaces, climate action and local environmental projects.",
        None,
    ),
    ("food", "Food", "Food banks, community meals and food growing.", None),
    (
        "health-and-wellbeing",
        "Health and wellbeing",
        "Physical health, healthy living and wellbeing.",
        None,
    ),
    (
        "mental-health",
        "Mental health",
        "Support for people living with mental ill-health and their carers.",
        "health-and-wellbeing",
    ),
    (
        "housing-and-homelessness",
        "Housing and homelessness",
        "Housing advice, tenancy support and help for people without a home.",
        None,
    ),
    (
        "immigration-asylum-and-refugees",
        "Immigration, asylum and refugees",
        "Support for migrants, people seeking asylum and refugees.",
        None,
    ),
    ("older-people", "Older people", "Support and activities for people in later life.", None),
    (
        "poverty-and-financial-inclusion",
        "Poverty and financial inclusion",
        "Money advice, debt help and tackling poverty.",
        None,
    ),
    ("sport-and-leisure", "Sport and leisure", "Sport, exercise, play and leisure.", None),
    ("faith", "Faith", "Faith-based community groups and interfaith work.", None),
    ("women-and-girls", "Women and girls", "Services by and for women and girls.", None),
    (
        "lgbtq",
        "LGBTQ+",
        "Support and community for lesbian, gay, bisexual, trans and queer people.",
        None,
    ),
    ("volunteering", "Volunteering", "Volunteering opportunities and volunteer support.", None),
]

BENEFICIARIES = [
    ("children", "Children", "Children under 12.", None),
    ("young-people", "Young people", "Young people aged 12 to 25.", None),
    ("older-people", "Older people", "People aged 65 and over.", None),
    (
        "disabled-people",
        "Disabled people",
        "People with a disability or long-term condition.",
        None,
    ),
    ("carers", "Carers", "Unpaid carers of family or friends.", None),
    (
        "refugees-and-asylum-seekers",
        "Refugees and asylum seekers",
        "People seeking or granted refugee protection.",
        None,
    ),
    ("migrants", "Migrants", "People born outside the UK.", None),
    ("women", "Women", "Women and girls.", None),
    ("lgbtq-people", "LGBTQ+ people", "Lesbian, gay, bisexual, trans and queer people.", None),
    (
        "ethnic-minority-communities",
        "Ethnic minority communities",
        "Black, Asian and other minority ethnic communities.",
        None,
    ),
    ("people-on-low-incomes", "People on low incomes", "People and families on low incomes.", None),
    (
        "people-experiencing-homelessness",
        "People experiencing homelessness",
        "People without a secure home.",
        None,
    ),
    ("families", "Families", "Parents, carers and their children.", None),
    (
        "people-with-mental-ill-health",
        "People with mental ill-health",
        "People living with mental ill-health.",
        None,
    ),
]

# ISO 639-1 where there is one, otherwise ISO 639-3: (code, name in English, name in its
# own script). Pages show a language's name in the page's language (LANGUAGE_NAMES); the
# name in its own script is for choosing a language to read in.
LANGUAGES = [
    ("en", "English", "English"),
    ("ro", "Romanian", "Română"),
    ("es", "Spanish", "Español"),
    ("pl", "Polish", "Polski"),
    ("bn", "Bengali", "বাংলা"),
    ("pt", "Portuguese", "Português"),
    ("gu", "Gujarati", "ગુજરાતી"),
    ("it", "Italian", "Italiano"),
    ("pa", "Punjabi", "ਪੰਜਾਬੀ"),
    ("ar", "Arabic", "العربية"),
    ("ur", "Urdu", "اردو"),
    ("so", "Somali", "Soomaali"),
    ("tr", "Turkish", "Türkçe"),
    ("fr", "French", "Français"),
    ("ta", "Tamil", "தமிழ்"),
    ("lt", "Lithuanian", "Lietuvių"),
    ("bg", "Bulgarian", "Български"),
    ("zh", "Chinese", "中文"),
    ("fa", "Persian (Farsi)", "فارسی"),
    ("ti", "Tigrinya", "ትግርኛ"),
    ("am", "Amharic", "አማርኛ"),
    ("yo", "Yoruba", "Yorùbá"),
    ("tw", "Twi", "Twi"),
    ("el", "Greek", "Ελληνικά"),
    ("hi", "Hindi", "हिन्दी"),
    ("ku", "Kurdish", "Kurdî"),
    ("sq", "Albanian", "Shqip"),
    ("uk", "Ukrainian", "Українська"),
    ("ru", "Russian", "Русский"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("bfi", "British Sign Language", "British Sign Language (BSL)"),
]


# Each language's name, translated into the page's language by our catalogues.
LANGUAGE_NAMES = {
    "en": _("English"),
    "ro": _("Romanian"),
    "es": _("Spanish"),
    "pl": _("Polish"),
    "bn": _("Bengali"),
    "pt": _("Portuguese"),
    "gu": _("Gujarati"),
    "it": _("Italian"),
    "pa": _("Punjabi"),
    "ar": _("Arabic"),
    "ur": _("Urdu"),
    "so": _("Somali"),
    "tr": _("Turkish"),
    "fr": _("French"),
    "ta": _("Tamil"),
    "lt": _("Lithuanian"),
    "bg": _("Bulgarian"),
    "zh": _("Chinese"),
    "fa": _("Persian (Farsi)"),
    "ti": _("Tigrinya"),
    "am": _("Amharic"),
    "yo": _("Yoruba"),
    "tw": _("Twi"),
    "el": _("Greek"),
    "hi": _("Hindi"),
    "ku": _("Kurdish"),
    "sq": _("Albanian"),
    "uk": _("Ukrainian"),
    "ru": _("Russian"),
    "vi": _("Vietnamese"),
    "bfi": _("British Sign Language"),
}


def language_display_name(code: str, english_name: str = "") -> str:
    """A language's name in the page's language (the English name for a language added
    by staff that our catalogues do not name yet)."""
    name = LANGUAGE_NAMES.get(code)
    return str(name) if name is not None else (english_name or code)
