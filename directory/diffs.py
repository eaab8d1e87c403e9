"""A suggestion as a reviewer reads it: old value against new, field by field and
language by language, with what approving would mark as possibly out of date. Shared by
the admin's moderation pages and the editors' review page."""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .models import OrganisationSuggestion
from .models.records import PROSE_FIELDS, mark_outdated, prose_columns
from .selectors import field_label, field_value


def diff_table(suggestion: OrganisationSuggestion) -> str:
    """Old value against new, per field and per language, as an HTML table."""
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th><td class="diff-old" dir="auto">{}</td>'
        '<td class="diff-new" dir="auto">{}</td></tr>',
        (
            (
                field_label(field) or field,
                field_value(field, suggestion.original.get(field, "")) or "–",
                field_value(field, value) or "–",
            )
            for field, value in sorted(suggestion.changes.items())
        ),
    )
    table = format_html(
        '<table class="suggestion-diff"><thead><tr><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        _("Field"),
        _("Now"),
        _("Suggested"),
        rows,
    )
    outdated = _would_be_outdated(suggestion)
    if not outdated:
        return table
    note = _(
        "Approving marks this text in other languages as possibly out of date, and "
        "invites a translation: %(fields)s."
    ) % {"fields": "; ".join(outdated)}
    return format_html('{}<p class="help" id="outdated-note">{}</p>', table, note)


def _would_be_outdated(suggestion: OrganisationSuggestion) -> list[str]:
    """The other languages' text that approving would mark possibly out of date."""
    if suggestion.kind == OrganisationSuggestion.Kind.NEW_LISTING:
        return []
    organisation = suggestion.organisation
    columns = prose_columns(PROSE_FIELDS)
    before = {column: getattr(organisation, column) for column in columns}
    after = {**before, **{k: v for k, v in suggestion.changes.items() if k in before}}
    marks = mark_outdated(before, after, organisation.outdated_translations or {})
    already = organisation.outdated_translations or {}
    return [
        field_label(f"{field}_{code}")
        for field, codes in marks.items()
        for code in codes
        if code not in already.get(field, [])
    ]
