"""Format checks for UK postcodes and org-id identifiers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The Royal Mail format: outward code (A9, A99, AA9, AA99, A9A, AA9A), then inward (9AA).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")

# What each UK register's numbers look like (https://org-id.guide).
_ORG_ID_FORMATS = {
    "GB-CHC": (re.compile(r"^[0-9]{6,8}$"), _("a registered charity number of 6 to 8 digits")),
    "GB-COH": (
        # Eight characters: digits, or a two-letter prefix (SC, NI, OC, RS, IP...) and six
        # digits; registered societies also have five digits and a letter (IP29024R).
        re.compile(r"^(?:[0-9]{8}|[A-Z]{2}[0-9]{6}|[A-Z]{2}[0-9]{5}[A-Z])$"),
        _("a Companies House number of 8 characters, such as 09506232 or SC123456"),
    ),
    "GB-SC": (re.compile(r"^SC[0-9]{6}$"), _("a Scottish charity number such as SC012345")),
    "GB-NIC": (re.compile(r"^(?:NIC)?[0-9]{5,6}$"), _("a Northern Ireland charity number")),
    "GB-MPR": (re.compile(r"^[0-9]{1,6}[A-Z]{0,2}$"), _("a Mutuals Public Register number")),
    "GB-EDU": (re.compile(r"^[0-9]{6}$"), _("a six-digit school URN")),
}


def normalise_postcode(value: str) -> str:
    """Upper-case a postcode and put one space before the inward code."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


def validate_uk_postcode(value: str) -> None:
    if value and not _POSTCODE.match(normalise_postcode(value)):
        raise ValidationError(
            _("“%(value)s” is not a valid UK postcode, such as E1 6AN."),
            code="invalid_postcode",
            params={"value": value},
        )


def validate_org_id_identifier(scheme: str, identifier: str) -> None:
    """Check an identifier against its register's format."""
    rule = _ORG_ID_FORMATS.get(scheme)
    if rule is None:
        if not identifier or not identifier.strip():
            raise ValidationError(_("Enter the identifier."), code="required")
        return
    pattern, expected = rule
    if not pattern.match((identifier or "").strip().upper()):
        raise ValidationError(
            _("“%(identifier)s” is not valid for %(scheme)s: expected %(expected)s."),
            code="invalid_org_id",
            params={"identifier": identifier, "scheme": scheme, "expected": expected},
        )


def parse_org_id(value: str) -> tuple[str, str]:
    """Split 'GB-CHC-1090095' into ('GB-CHC', '1090095'), checking the format."""
    value = (value or "").strip().upper()
    for scheme in _ORG_ID_FORMATS:
        if value.startswith(scheme + "-"):
            identifier = value[len(scheme) + 1 :]
            validate_org_id_identifier(scheme, identifier)
            return scheme, identifier
    raise ValidationError(
        _("“%(value)s” is not an org-id this directory knows, such as GB-CHC-1090095."),
        code="unknown_org_id",
        params={"value": value},
    )
