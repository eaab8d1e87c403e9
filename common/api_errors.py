"""One shape for every API error: {"detail": ..., "errors": {parameter: [messages]}}.

A ``common.params.BadParameter`` raised anywhere in an API view is worded here, as the
API always has: the pagination's messages in the request's language, a choice's in
English.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

from .params import BadParameter, Problem


def parameter_message(error: BadParameter) -> str:
    """The API's words for what is wrong with a parameter it reads."""
    if error.problem is Problem.WHOLE_NUMBER:
        return _("Must be a whole number.")
    if error.problem is Problem.TOO_SMALL:
        return _("Must be 1 or more.")
    if error.problem is Problem.TOO_LARGE:
        return _("Must be %(maximum)d or less.") % {"maximum": error.limit}
    if error.problem is Problem.CHOICE:
        return f"Use one of: {', '.join(error.choices)}."
    # The API reads no boolean, UUID or date-time with the reader (its filters are forms).
    raise ValueError(f"The API has no words for {error.problem}")


def exception_handler(exc, context):
    if isinstance(exc, BadParameter):
        exc = exceptions.ValidationError({exc.name: [parameter_message(exc)]})
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        names = ", ".join(response.data)
        response.data = {
            "detail": f"Invalid parameter: {names}." if names else "Invalid request.",
            "errors": response.data,
        }
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": "Invalid request.",
            "errors": {"non_field_errors": response.data},
        }
    return response
