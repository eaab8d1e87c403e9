"""django-allauth hooks: remember the sign-up language, and write to people in theirs,
as The Way Ahead."""

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

# Pages that allauth's emails link to, and that it would address with the host of the
# request that sent them: rebuilt on SITE_URL, like the links in every other email.
PAGE_LINKS = {
    "account/email/unknown_account": {"signup_url": "account_signup"},
    "account/email/account_already_exists": {"password_reset_url": "account_reset_password"},
}

# allauth's own message, translated by its catalogues; a name rather than a literal, so
# that makemessages does not copy it into ours.
ALLAUTH_UNSPECIFIED = "Unspecified"


@dataclass(frozen=True)
class Site:
    """What allauth's email templates read from ``current_site``."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = translation.get_language() or "en"
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user

    def get_logout_redirect_url(self, request):
        # "/" would choose the language afresh, from the browser's settings.
        return reverse("home")

    def send_mail(self, template_prefix, email, context):
        """Every allauth email, from greeting to signature, in the recipient's language
        and in the site's name; without django.contrib.sites, allauth would sign with
        the request's host."""
        with translation.override(self._recipient_language(email, context.get("user"))):
            context = {**context, "current_site": site()}
            for name, url_name in PAGE_LINKS.get(template_prefix, {}).items():
                context[name] = site_url(reverse(url_name))
            return super().send_mail(template_prefix, email, context)

    def send_notification_mail(self, template_prefix, user, context=None, email=None):
        # The notice's details (date, browser) are worked out before send_mail is called.
        with translation.override(self._recipient_language(email, user)):
            return super().send_notification_mail(template_prefix, user, context, email)

    def get_http_user_agent(self, request):
        # allauth's fallback is English whatever the language.
        return request.headers.get("user-agent") or gettext(ALLAUTH_UNSPECIFIED)

    def format_email_subject(self, subject):
        return f"[{site().name}] {subject}"

    def get_email_confirmation_url(self, request, emailconfirmation):
        return site_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key):
        # allauth's URL takes the user and the token as one opaque "UID-KEY".
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url(path.replace("UID-KEY", quote(key)))

    @staticmethod
    def _recipient_language(email, user=None):
        """The language the recipient chose, if the address is a member's (allauth
        passes no user to notifications or to "this account already exists"); otherwise
        the language of the page they are on."""
        if user is None:
            users = filter_users_by_email(email, prefer_verified=True)
            user = users[0] if users else None
        language = getattr(user, "preferred_language", None)
        if language in dict(settings.LANGUAGES):
            return language
        return translation.get_language() or settings.LANGUAGE_CODE


def site():
    """The site as its header names it, in the active language."""
    return Site(name=gettext("The Way Ahead"), domain=urlsplit(settings.SITE_URL).netloc)


def site_url(path):
    return settings.SITE_URL + path
