"""Sources become codes ("community", "demo", "bench"), shown in the reader's language.

A proposal used to store "Proposed by a community member" translated into the language
of the page it was sent from; demo and benchmark rows stored an English sentence. Every
such text, in any of our languages, becomes its code.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation

TEXTS = {
    "community": "Proposed by a community member",
    "demo": "Fictional demo data (The Way Ahead)",
    "bench": "Synthetic benchmark data (The Way Ahead)",
}


MODELS = ("Organisation", "HistoricalOrganisation")  # a revert restores the code too


def to_codes(apps, schema_editor):
    for code, text in TEXTS.items():
        variants = {text}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                variants.add(translation.gettext(text))
        for model in MODELS:
            apps.get_model("directory", model).objects.filter(source__in=variants).update(
                source=code
            )


def to_texts(apps, schema_editor):
    for code, text in TEXTS.items():
        for model in MODELS:
            apps.get_model("directory", model).objects.filter(source=code).update(source=text)


class Migration(migrations.Migration):
    dependencies = [("directory", "0010_outdated_translations")]

    operations = [migrations.RunPython(to_codes, to_texts)]
