"""Bengali: Django has a date format but no date-and-time one. Only what Django lacks
is set."""

DATETIME_FORMAT = "j F, Y, g:i A"
SHORT_DATETIME_FORMAT = "j M, Y, g:i A"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = (3, 2, 0)  # 12,34,567, as Bengali writes numbers
