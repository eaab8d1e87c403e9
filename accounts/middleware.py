"""Middleware for the account pages that django-allauth renders."""


class InvalidFormStatusMiddleware:
    """Answer an allauth form posted with errors with 400 Bad Request.

    Our own views say 400 when a form is invalid; allauth's answer 200. Its views return
    a TemplateResponse whose context holds the bound form, so the status is set here,
    once, rather than in a subclass of every allauth view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        context = response.context_data or {}
        view, form = context.get("view"), context.get("form")
        if (
            request.method == "POST"
            and response.status_code == 200
            and type(view).__module__.startswith("allauth.")
            and getattr(form, "is_bound", False)
            and form.errors
        ):
            response.status_code = 400
        return response
