"""Punjabi: Django has no formats at all, so American ones ("12/02/2026") showed through.
The Gujarati ones suit Punjabi too (24-hour clock, 12,34,567), with numeric short dates."""

from waytahead.formats.gu.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
