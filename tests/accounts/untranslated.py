"""Finding English left on a page or in an email that should be in another language.

A piece of text is English interface text when it is, or contains, a message of the
English catalogues: django-allauth's, Django's (forms, validation, auth) and ours. A page
rendered in another language is untranslated where it shows such a piece exactly as the
English rendering of the same page does. Text marked as being in another language
(``lang="en"`` on a fallback, the language switcher's own names) does not count.
"""

import re
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path

import allauth
import django
import polib

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CATALOGUES = [
    Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po",
    Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po",
    *(
        Path(django.__file__).parent
        / "contrib"
        / app
        / "locale"
        / "en"
        / "LC_MESSAGES"
        / "django.po"
        for app in ("auth", "humanize")
    ),
    # Our own catalogue's msgids are the English text of our templates and code.
    BASE_DIR / "locale" / "pl" / "LC_MESSAGES" / "django.po",
]
# Names, not words: the same in every language.
NAMES = ("The Way Ahead",)
# Placeholders, markup and line breaks cut a message into the pieces a page shows.
PIECE_BREAKS = re.compile(
    r"%\(\w+\)[sdrfi]|%[sdrfi]|\{\w*\}|\{\{[^}]*\}\}|<[^>]*>|&\w+;|[\n\r]|\s[-–—:]\s"
)
NOT_WORDS = re.compile(
    r"\S+@\S+|https?://\S+|(?:[\w-]+\.)+(?:example|test|local)\S*|\d[\d\s.:,/-]*"
)
PART_BREAKS = re.compile(r"[:()\[\]|·•]|\s[-–—]\s|^-\s")
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"  # with its accents
LATIN_RUN = re.compile(f"[{LATIN}][{LATIN}0-9\\s'’.,!?&/-]*")
EDGES = " \t\n\r.,;:!?…–—-()[]\"“”„'‘’«»*•/"
# Attributes whose text a user sees or hears.
SEEN_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
HIDDEN = {"script", "style", "template"}


def words(text):
    return re.findall(r"[A-Za-z]+", text)


def normalise(text):
    """Whitespace collapsed, names, addresses and numbers taken out, edges trimmed."""
    text = " ".join(text.split())
    for name in NAMES:
        text = text.replace(name, " ")
    text = NOT_WORDS.sub(" ", text)
    return " ".join(text.split()).strip(EDGES)


class EnglishCatalogue:
    """The pieces of English interface text that the catalogues' messages are made of."""

    def __init__(self, paths=CATALOGUES):
        pieces = set()
        for path in paths:
            for entry in polib.pofile(str(path)):
                for msgid in (entry.msgid, entry.msgid_plural):
                    for piece in PIECE_BREAKS.split(msgid or ""):
                        piece = normalise(piece)
                        # "OK", "or", "a": too short to tell English from a name or code.
                        if len("".join(words(piece))) >= 4:
                            pieces.add(piece)
        self.pieces = pieces

    @cached_property
    def _phrases(self):
        phrases = sorted((p for p in self.pieces if len(words(p)) > 1), key=len, reverse=True)
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)")

    def is_english(self, text):
        """A lone word counts only on its own ("Email"); a phrase anywhere in the text."""
        text = normalise(text)
        return bool(text) and (text in self.pieces or bool(self._phrases.search(text)))


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.segments = []
        self.page_language = None
        self.open = []  # (tag, language) of each open element

    def _language(self):
        languages = [language for _tag, language in self.open if language]
        return languages[-1] if languages else self.page_language

    def _shown(self):
        tags = [tag for tag, _language in self.open]
        if any(tag in HIDDEN for tag in tags):
            return False
        if "head" in tags and "title" not in tags:
            return False
        return self._language() == self.page_language

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page_language = attrs.get("lang")
        if tag not in VOID:
            self.open.append((tag, attrs.get("lang")))
        elif attrs.get("lang"):
            return  # an input or image in another language
        if not self._shown():
            return
        seen = [attrs.get(name) for name in SEEN_ATTRIBUTES]
        if tag == "input" and attrs.get("type") in ("submit", "button", "reset"):
            seen.append(attrs.get("value"))
        self.segments += [value for value in seen if value]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if data.strip() and self._shown():
            self.segments.append(data)


def page_text(html):
    """The pieces of text a visitor sees or hears on an HTML page."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return [" ".join(segment.split()) for segment in parser.segments]


def email_text(message):
    """The subject and each line of the body (and of any HTML alternative)."""
    lines = [message.subject, *message.body.splitlines()]
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            lines += page_text(content)
    return [" ".join(line.split()) for line in lines if line.strip()]


def parts(text):
    """The text, its parts between separators, and its runs of Latin script: where a
    label and a value share a line ("Browser: Unspecified"), each is looked at alone."""
    found = {normalise(text)}
    found.update(normalise(part) for part in PART_BREAKS.split(text))
    found.update(normalise(run) for run in LATIN_RUN.findall(text))
    return found - {""}


def untranslated(english, other, catalogue, same_as_english=frozenset()):
    """The texts of ``other`` that show English interface text exactly as ``english``
    does, but for the words ``other``'s language writes the same (``same_as_english``)."""
    shown_in_english = set().union(*map(parts, english)) - set(same_as_english)
    return sorted(
        {
            text
            for text in other
            if any(part in shown_in_english and catalogue.is_english(part) for part in parts(text))
        }
    )
