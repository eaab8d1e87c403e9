"""Dates as London writes them: "2 December 2026, 14:30", never 12/02/2026.

Django's "en" formats are American. Only display formats are set here: what forms
accept is Django's (ISO dates first), so nothing typed is read the wrong way round.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
