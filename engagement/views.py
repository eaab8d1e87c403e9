"""Public engagement pages: events and registration, anonymous equality monitoring,
feedback, and "you said, we did". Views stay thin: the writes happen in services.py.

No page here shows a registrant's or a feedback author's name or contact details.
"""

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django_ratelimit.decorators import ratelimit

from . import monitoring_links, services
from .forms import FeedbackForm, MonitoringForm, RegistrationForm
from .models import Action, AttendanceStatus, Event, Insight, MonitoringResponse, Registration

PAGE_SIZE = 20
DONE_SALT = "engagement.registration_done"


def _public_event(slug) -> Event:
    return get_object_or_404(
        Event.objects.public().select_related("borough").prefetch_related("languages"), slug=slug
    )


def _missing_translation(instance, field: str) -> bool:
    """Whether the visitor's language has no text of its own (English is shown instead)."""
    language = get_language()
    return language != "en" and not getattr(instance, f"{field}_{language}", "")


def _written_in_some_language(field: str) -> Q:
    """Rows with text for ``field`` in at least one language (a filter on the field
    itself would look at the page's language only)."""
    written = Q()
    for code, _name in settings.LANGUAGES:
        written |= Q(**{f"{field}_{code}__gt": ""})  # neither NULL nor empty
    return written


class EventListView(View):
    """Upcoming published events, soonest first; ``?when=past`` lists earlier ones."""

    template_name = "engagement/event_list.html"

    def get(self, request):
        past = request.GET.get("when") == "past"
        events = Event.objects.public().select_related("borough").prefetch_related("languages")
        if past:
            events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "pk")
        else:
            events = events.upcoming().order_by("starts_at", "pk")
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        for event in page.object_list:
            event.title_in_english = _missing_translation(event, "title")
        context = {
            "page_obj": page,
            "events": page.object_list,
            "past": past,
            "querystring_without_page": "when=past" if past else "",
        }
        return render(request, self.template_name, context)


@method_decorator(
    ratelimit(key="ip", rate="20/h", method="POST", block=False, group="event-registration"),
    name="post",
)
class EventDetailView(View):
    """An event, and the form to register for it (or join its waiting list)."""

    template_name = "engagement/event_detail.html"

    def _render(self, request, event, form, status=200, closed_message=""):
        left = event.places_left()
        context = {
            "event": event,
            "form": form,
            "registration_open": event.registration_is_open() and not closed_message,
            "closed_message": closed_message,
            "places_left": left,
            "is_full": left == 0,
            "has_ended": event.ends_at < timezone.now(),
            "title_in_english": _missing_translation(event, "title"),
            "description_missing_translation": _missing_translation(event, "description"),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        return self._render(request, _public_event(slug), RegistrationForm())

    def post(self, request, slug):
        event = _public_event(slug)
        form = RegistrationForm(request.POST)
        if not event.registration_is_open():
            return self._render(
                request,
                event,
                RegistrationForm(),
                status=400,
                closed_message=_("Registration for this event is closed."),
            )
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None,
                _("You have registered several times in a short time. Please try again later."),
            )
            return self._render(request, event, form, status=429)
        if not form.is_valid():
            return self._render(request, event, form, status=400)
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                event=event,
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                access_needs=data["access_needs"],
                interpretation_needs=data["interpretation_needs"],
                heard_via=data["heard_via"],
                language=get_language(),
                consent=data["consent"],
            )
        except ValidationError as error:
            if error.code == "closed":
                message = " ".join(error.messages)
                return self._render(
                    request, event, RegistrationForm(), status=400, closed_message=message
                )
            form.add_error(None, error)
            return self._render(request, event, form, status=400)
        # Only the outcome travels to the next page, signed: never who registered.
        outcome = signing.dumps(
            {"w": registration.status == AttendanceStatus.WAITING_LIST, "e": bool(data["email"])},
            salt=DONE_SALT,
        )
        url = reverse("engagement:registration_done", kwargs={"slug": event.slug})
        return redirect(f"{url}?outcome={outcome}")


class RegistrationDoneView(View):
    """Thanks, whether they have a place or are on the waiting list, and what next."""

    template_name = "engagement/registration_done.html"

    def get(self, request, slug):
        event = _public_event(slug)
        try:
            outcome = signing.loads(request.GET.get("outcome", ""), salt=DONE_SALT)
        except signing.BadSignature:
            outcome = {}
        context = {
            "event": event,
            "waiting_list": bool(outcome.get("w")),
            "emailed": bool(outcome.get("e")),
            "known": bool(outcome),
        }
        return render(request, self.template_name, context)


class RegistrationCancelView(View):
    """The link from the confirmation email. Opening it shows one button; cancelling is a
    POST, so that link scanners cannot cancel by accident."""

    template_name = "engagement/registration_cancel.html"

    def _registration(self, token) -> Registration:
        return get_object_or_404(Registration.objects.select_related("event"), cancel_token=token)

    @staticmethod
    def _cancellable(registration) -> bool:
        return (
            registration.status in (AttendanceStatus.REGISTERED, AttendanceStatus.WAITING_LIST)
            and registration.event.ends_at >= timezone.now()
        )

    def _render(self, request, registration, status=200):
        context = {
            "event": registration.event,
            "cancelled": registration.status == AttendanceStatus.CANCELLED,
            "cancellable": self._cancellable(registration),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, token):
        return self._render(request, self._registration(token))

    def post(self, request, token):
        registration = self._registration(token)
        if registration.status == AttendanceStatus.CANCELLED:
            return redirect(request.path)
        if not self._cancellable(registration):
            return self._render(request, registration, status=400)
        services.registration_cancel(registration=registration)
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
        return redirect(request.path)


MONITORING_LINK_PROBLEMS = {
    # code: (status, message)
    "missing": (
        403,
        gettext_lazy(
            "These questions open from the link we email to the people who came, after "
            "the event. Please use the link in that email."
        ),
    ),
    "invalid": (
        400,
        gettext_lazy(
            "This link does not work. Please copy the whole link from our email, or ask us "
            "for a new one."
        ),
    ),
    "expired": (
        410,
        gettext_lazy(
            "This link has expired. Thank you all the same: you can still leave feedback."
        ),
    ),
    "used": (
        410,
        gettext_lazy("These questions have already been answered through this link. Thank you."),
    ),
    "not_ended": (
        403,
        gettext_lazy(
            "These questions open after the event. We will email a link to everyone who came."
        ),
    ),
}


@method_decorator(
    ratelimit(key="ip", rate="20/h", method="POST", block=False, group="monitoring"),
    name="post",
)
class MonitoringView(View):
    """The anonymous equality monitoring form for an event, opened by the one-time link
    emailed after it (``?token=``). One link, one answer. The form carries nothing that
    links the answers to a person: no name, no registration, no hidden fields; the
    answers wait for the next shuffled batch and keep only the month."""

    template_name = "engagement/monitoring.html"

    def _refuse(self, request, event, code, status=None):
        default_status, message = MONITORING_LINK_PROBLEMS[code]
        context = {"event": event, "message": message}
        return render(
            request,
            "engagement/monitoring_closed.html",
            context,
            status=status or default_status,
        )

    def _registration(self, request, event):
        """The registration the link is for, or the code of what is wrong with it."""
        if event.ends_at > timezone.now():
            return None, "not_ended"
        token = request.GET.get(monitoring_links.QUERY_PARAMETER)
        try:
            return monitoring_links.monitoring_link_registration(token, event=event), None
        except monitoring_links.MonitoringLinkError as error:
            return None, error.code

    def get(self, request, slug):
        event = _public_event(slug)
        registration, problem = self._registration(request, event)
        if problem:
            return self._refuse(request, event, problem)
        return render(request, self.template_name, {"event": event, "form": MonitoringForm()})

    def post(self, request, slug):
        event = _public_event(slug)
        if getattr(request, "limited", False):
            context = {
                "event": event,
                "message": _(
                    "You have sent these answers several times in a short time. "
                    "Please try again later."
                ),
            }
            return render(request, "engagement/monitoring_closed.html", context, status=429)
        registration, problem = self._registration(request, event)
        if problem:
            return self._refuse(request, event, problem)
        form = MonitoringForm(request.POST)
        if form.is_valid():
            try:
                services.monitoring_submit(
                    event=event,
                    answers=form.answers(),
                    source=MonitoringResponse.Source.ONLINE,
                    registration=registration,
                )
            except ValidationError as error:
                if error.code == "used":  # another request used the link just now
                    return self._refuse(request, event, "used")
                form.add_error(None, error)
            else:
                return redirect("engagement:monitoring_done", slug=event.slug)
        return render(request, self.template_name, {"event": event, "form": form}, status=400)


class MonitoringDoneView(View):
    def get(self, request, slug):
        event = _public_event(slug)
        return render(request, "engagement/monitoring_done.html", {"event": event})


@method_decorator(
    ratelimit(key="ip", rate="10/h", method="POST", block=False, group="feedback"),
    name="post",
)
class FeedbackView(View):
    """Feedback on an event, or in general. No account; a honeypot and a rate limit keep
    spam out. Contact details are kept only when the person agrees to be contacted."""

    template_name = "engagement/feedback.html"

    def _event(self, slug):
        return _public_event(slug) if slug else None

    def _render(self, request, event, form, status=200):
        return render(request, self.template_name, {"event": event, "form": form}, status=status)

    def get(self, request, slug=None):
        return self._render(request, self._event(slug), FeedbackForm())

    def post(self, request, slug=None):
        event = self._event(slug)
        form = FeedbackForm(request.POST)
        if getattr(request, "limited", False):
            form.is_valid()
            form.add_error(
                None,
                _("You have sent feedback several times in a short time. Please try again later."),
            )
            return self._render(request, event, form, status=429)
        if not form.is_valid():
            return self._render(request, event, form, status=400)
        if not form.is_spam():
            data = form.cleaned_data
            try:
                services.feedback_submit(
                    event=event,
                    text=data["text"],
                    language=get_language(),
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_consent=data["contact_consent"],
                )
            except ValidationError as error:
                form.add_error(None, error)
                return self._render(request, event, form, status=400)
        if event:
            return redirect("engagement:event_feedback_done", slug=event.slug)
        return redirect("engagement:feedback_done")


class FeedbackDoneView(View):
    def get(self, request, slug=None):
        event = _public_event(slug) if slug else None
        return render(request, "engagement/feedback_done.html", {"event": event})


class YouSaidWeDidView(View):
    """Published responses to what people told us, newest first."""

    template_name = "engagement/you_said_we_did.html"

    def get(self, request):
        insights = (
            Insight.objects.published()
            .order_by("-response_published_at", "-pk")
            .prefetch_related(
                "stakeholder_groups",
                Prefetch(
                    "actions",
                    queryset=Action.objects.filter(done_on__isnull=False)
                    .filter(_written_in_some_language("outcome"))
                    .order_by("done_on", "pk"),
                    to_attr="done_actions",
                ),
            )
        )
        page = Paginator(insights, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = list(page.object_list)
        context = {"page_obj": page, "insights": page.object_list, "querystring_without_page": ""}
        return render(request, self.template_name, context)
