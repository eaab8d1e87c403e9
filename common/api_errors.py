"""One shape for every API error: {"detail": ..., "errors": {parameter: [messages]}}."""

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
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
