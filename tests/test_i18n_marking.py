"""Every user-facing string is marked for translation, in templates and in code."""

import ast
import re
from pathlib import Path

from django.template.base import Lexer, TokenType

BASE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE_DIR = BASE_DIR / "templates"
PACKAGES = ("waytahead", "common", "directory", "engagement", "accounts")

TRANSLATABLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "summary")
WORD = re.compile(r"[A-Za-z]{2,}")
COMMENT = re.compile(r"<!--.*?-->", re.S)
SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]*>", re.S)
ATTRIBUTE = re.compile(r'\b({})="([^"{{]*)"'.format("|".join(TRANSLATABLE_ATTRIBUTES)))
ENTITY = re.compile(r"&[a-zA-Z]+;|&#\d+;")


# Blocks whose contents are markup names, not text (CSS classes, ids).
NON_TEXT_BLOCKS = {"bodyclass", "extrastyle", "extrahead"}
URL_ONLY = re.compile(r"^\s*(/|https?://)\S*\s*[.,;:]?\s*$")


def untranslated_text(source: str) -> list[str]:
    """Text outside {% translate %} / {% blocktranslate %} that a person would read."""
    flattened = []
    skipping = 0  # inside blocktranslate, comment, or a block of markup names
    open_blocks = []  # for each open {% block %}: whether it holds markup names
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            bits = token.contents.split()
            name = bits[0] if bits else ""
            if name in ("blocktranslate", "blocktrans", "comment"):
                skipping += 1
            elif name in ("endblocktranslate", "endblocktrans", "endcomment"):
                skipping -= 1
            elif name == "block":
                markup = len(bits) > 1 and bits[1] in NON_TEXT_BLOCKS
                open_blocks.append(markup)
                skipping += markup
            elif name == "endblock" and open_blocks:
                skipping -= open_blocks.pop()
            flattened.append(" \x00 ")
        elif token.token_type == TokenType.TEXT and not skipping:
            flattened.append(token.contents)
        else:
            flattened.append(" \x00 ")
    text = SCRIPT.sub(" ", COMMENT.sub(" ", "".join(flattened)))
    attributes = [value for _name, value in ATTRIBUTE.findall(text)]
    visible = ENTITY.sub(" ", TAG.sub(" ", text))
    found = []
    for piece in [*visible.split("\x00"), *attributes]:
        if WORD.search(piece) and not URL_ONLY.match(piece):
            found.append(" ".join(piece.split())[:80])
    return found


def test_templates_have_no_unmarked_text():
    problems = {}
    for path in sorted(TEMPLATE_DIR.rglob("*.html")) + sorted(TEMPLATE_DIR.rglob("*.txt")):
        found = untranslated_text(path.read_text(encoding="utf-8"))
        if found:
            problems[str(path.relative_to(BASE_DIR))] = found
    assert problems == {}


def test_the_template_check_catches_unmarked_text():
    assert untranslated_text("<p>Hello there</p>") == ["Hello there"]
    assert untranslated_text('<img alt="A photo" src="x.png">') == ["A photo"]
    assert untranslated_text("<p>{% translate 'Hello' %}</p>") == []
    assert untranslated_text("{% blocktranslate %}Hi {{ name }}{% endblocktranslate %}") == []
    assert untranslated_text('<a href="/x/">/api/v1/headway/</a>.') == []
    assert untranslated_text("{% block bodyclass %}dashboard{% endblock bodyclass %}") == []
    assert untranslated_text("{% block bodyclass %}x{% endblock %}<p>Visible</p>") == ["Visible"]


# Calls whose first positional argument, or these keywords, are shown to people.
USER_FACING_CALLS = {"success", "error", "warning", "info", "ValidationError", "message_user"}
USER_FACING_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label"}
MARKERS = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "gettext_noop"}


def _is_plain_text(node) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(WORD.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_is_plain_text(part) for part in node.values if isinstance(part, ast.Constant))
    return False


def unmarked_strings(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name in MARKERS:
            continue
        candidates = []
        if name in USER_FACING_CALLS:
            positional = (
                node.args[1:2]
                if name in {"success", "error", "warning", "info", "message_user"}
                else node.args[:1]
            )
            candidates.extend(positional)
        candidates.extend(kw.value for kw in node.keywords if kw.arg in USER_FACING_KEYWORDS)
        for candidate in candidates:
            if _is_plain_text(candidate):
                found.append(f"line {node.lineno}: {ast.unparse(candidate)[:60]}")
    return found


def test_python_code_has_no_unmarked_user_facing_strings():
    problems = {}
    for package in PACKAGES:
        for path in sorted((BASE_DIR / package).rglob("*.py")):
            # Migrations, and the API's OpenAPI descriptions (partner documentation, in English):
            # the api packages and api modules (engagement/headway/api.py).
            if "migrations" in path.parts or "api" in path.parts or path.name == "api.py":
                continue
            found = unmarked_strings(path.read_text(encoding="utf-8"))
            if found:
                problems[str(path.relative_to(BASE_DIR))] = found
    assert problems == {}


def test_the_code_check_catches_unmarked_strings():
    code = (
        'messages.success(request, "Saved")\n'
        'forms.CharField(label="Name")\n'
        'ValidationError(_("ok"))'
    )
    assert len(unmarked_strings(code)) == 2
