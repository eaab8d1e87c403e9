"""Arabic: Django has a date format but no date-and-time one (so the American
"December 2, 2026, 2:30 p.m." showed through). Only what Django lacks is set."""

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y g:i A"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
NUMBER_GROUPING = 3  # Django's Arabic formats name the separators but never group
