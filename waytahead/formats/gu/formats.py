"""Gujarati dates (Django has no Gujarati formats): as in English ("2 ડિસેમ્બર 2026,
14:30"), with a 24-hour clock, since Gujarati has no everyday words for a.m. and p.m.,
and numbers grouped as Gujarati writes them."""

from waytahead.formats.en.formats import *  # noqa: F403 (the same date formats)

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)  # 12,34,567
