"""Every page and email of django-allauth's that a member can reach is in their language.

Each journey is walked twice, in English and in another language, keeping the text of
every page and email it meets; the other language must show none of the English
interface text the English walk showed (see tests/accounts/untranslated.py). allauth
ships no Bengali, Gujarati or Punjabi (they come from vendor/), and no "pt" (Python's
gettext reads it as pt_PT); Arabic is right to left.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

from .untranslated import EnglishCatalogue, email_text, page_text, untranslated

pytestmark = pytest.mark.django_db

LANGUAGES = ["bn", "gu", "pa", "ar", "pt", "ro", "es", "it", "pl"]
# Words a language writes just as English does.
WRITTEN_AS_IN_ENGLISH = {
    "pt": {"Bengali"},
    "ro": {"Browser", "Gujarati", "Punjabi"},
    "it": {"Browser", "Email", "Home", "Password"},
}
PASSWORD = "river-lantern-2026"  # noqa: S105 (test data)
NEW_PASSWORD = "harbour-kettle-2027"  # noqa: S105 (test data)


@pytest.fixture(scope="module")
def catalogue():
    return EnglishCatalogue()


class Walk:
    """One language's walk through allauth: the text of each page and email it met."""

    def __init__(self, language):
        self.language = language
        self.client = Client()
        self.seen = {}
        self._mails = len(mail.outbox)

    def address(self, who="member"):
        return f"{who}.{self.language}@people.example"

    def member(self, who="member", password=PASSWORD, **fields):
        user = UserFactory(email=self.address(who), preferred_language=self.language, **fields)
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    def url(self, name, *args, **kwargs):
        with translation.override(self.language):
            return reverse(name, args=args, kwargs=kwargs)

    def get(self, label, path, status=200):
        return self._keep(label, self.client.get(path, follow=True), status)

    def post(self, label, path, data, status=200):
        return self._keep(label, self.client.post(path, data, follow=True), status)

    def sign_in(self, user, password=PASSWORD):
        response = self.client.post(
            self.url("account_login"), {"login": user.email, "password": password}
        )
        assert response.status_code == 302, response.content.decode()[:2000]

    def confirm_its_you(self, label, then):
        """Sign in again, as allauth asks before security changes, and go on to ``then``."""
        self.get(label, then)
        self.post(
            f"{label}, done",
            self.url("account_reauthenticate"),
            {"password": PASSWORD, "next": then},
        )

    def _keep(self, label, response, status):
        assert response.status_code == status, (label, response.redirect_chain)
        html = response.content.decode()
        assert f'<html lang="{self.language}"' in html, label
        self.seen[f"page: {label}"] = page_text(html)
        return response

    def emails(self, label):
        """The one email sent since the last call."""
        new = mail.outbox[self._mails :]
        self._mails = len(mail.outbox)
        assert len(new) == 1, (label, [message.subject for message in new])
        self.seen[f"email: {label}"] = email_text(new[0])
        return new


def link_in(message, name):
    """The path of the link to ``name``'s page in an email."""
    match = re.search(r"https?://[^/\s]+(/\S*/accounts/" + name + r"/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def totp_codes(secret):
    """The codes the authenticator app may show now."""
    return [
        format_hotp_value(hotp_value(secret, counter))
        for counter in yield_hotp_counters_from_time()
    ]


def totp_code(secret):
    codes = totp_codes(secret)
    return codes[len(codes) // 2]


def wrong_totp_code(secret):
    return next(code for code in ("000000", "111111", "222222") if code not in totp_codes(secret))


# --- The journeys ------------------------------------------------------------------------


def visitor_pages(walk):
    """The pages a visitor reaches, and the errors of forms filled in wrongly."""
    member = walk.member()
    walk.get("sign in", walk.url("account_login"))
    walk.get("sign up", walk.url("account_signup"))
    walk.get("password reset", walk.url("account_reset_password"))
    walk.get("password reset sent", walk.url("account_reset_password_done"))
    walk.get(
        "password reset, bad link",
        walk.url("account_reset_password_from_key", uidb36="0", key="not-a-key"),
    )
    walk.get("password reset done", walk.url("account_reset_password_from_key_done"))
    walk.get("verification sent", walk.url("account_email_verification_sent"))
    walk.get("confirm email, bad link", walk.url("account_confirm_email", "not-a-key"))
    walk.get("account inactive", walk.url("account_inactive"))
    walk.post(
        "sign in, wrong password",
        walk.url("account_login"),
        {"login": member.email, "password": "not-the-password"},
        status=400,
    )
    walk.post("sign in, nothing filled in", walk.url("account_login"), {}, status=400)
    walk.post(
        "sign up, bad email and passwords",
        walk.url("account_signup"),
        {"email": "not-an-address", "password1": "12345678", "password2": "87654321"},
        status=400,
    )
    walk.post(
        "sign up, passwords differ",
        walk.url("account_signup"),
        {"email": walk.address("new"), "password1": PASSWORD, "password2": NEW_PASSWORD},
        status=400,
    )
    walk.post(
        "password reset, bad email",
        walk.url("account_reset_password"),
        {"email": "not-an-address"},
        status=400,
    )


def sign_up(walk):
    """Sign up, confirm the address, sign out; sign up with a member's address."""
    walk.post(
        "sign up, done",
        walk.url("account_signup"),
        {"email": walk.address(), "password1": PASSWORD, "password2": PASSWORD},
    )
    [confirmation] = walk.emails("sign-up confirmation")
    confirm = link_in(confirmation, "confirm-email")
    walk.get("confirm email", confirm)
    walk.post("email confirmed and signed in", confirm, {})
    walk.get("sign out", walk.url("account_logout"))
    walk.post("signed out", walk.url("account_logout"), {})
    walk.member("existing")
    walk.post(
        "sign up with an address that has an account",
        walk.url("account_signup"),
        {"email": walk.address("existing"), "password1": PASSWORD, "password2": PASSWORD},
    )
    walk.emails("account already exists")


def password_reset(walk):
    """Reset a forgotten password, from the email's link; and ask for an unknown address."""
    walk.member()
    walk.post(
        "password reset, unknown email",
        walk.url("account_reset_password"),
        {"email": walk.address("nobody")},
    )
    walk.emails("password reset for an unknown address")
    walk.post(
        "password reset, asked", walk.url("account_reset_password"), {"email": walk.address()}
    )
    [reset] = walk.emails("password reset")
    response = walk.get("password reset, from the link", link_in(reset, "password/reset/key"))
    form_path = response.redirect_chain[-1][0]
    walk.post(
        "password reset, passwords differ",
        form_path,
        {"password1": NEW_PASSWORD, "password2": PASSWORD},
        status=400,
    )
    walk.post(
        "password reset, done", form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    walk.emails("password was reset")


def manage_account(walk):
    """A member's email addresses and password, and signing in again to confirm it's them."""
    member = walk.member()
    walk.sign_in(member)
    walk.get("email addresses", walk.url("account_email"))
    walk.post(
        "add email, bad address",
        walk.url("account_email"),
        {"action_add": "", "email": "not-an-address"},
        status=400,
    )
    walk.post(
        "add email, done",
        walk.url("account_email"),
        {"action_add": "", "email": walk.address("second")},
    )
    [confirmation] = walk.emails("confirm an added address")
    walk.post("added address confirmed", link_in(confirmation, "confirm-email"), {})
    walk.post(
        "primary address changed",
        walk.url("account_email"),
        {"action_primary": "", "email": walk.address("second")},
    )
    walk.emails("primary address changed")
    walk.post(
        "address removed",
        walk.url("account_email"),
        {"action_remove": "", "email": walk.address()},
    )
    walk.emails("address removed")
    walk.get("change password", walk.url("account_change_password"))
    walk.post(
        "change password, wrong current password",
        walk.url("account_change_password"),
        {"oldpassword": "not-the-password", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        status=400,
    )
    walk.post(
        "change password, done",
        walk.url("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    walk.emails("password changed")
    walk.get("confirm it's you", walk.url("account_reauthenticate"))
    walk.post(
        "confirm it's you, wrong password",
        walk.url("account_reauthenticate"),
        {"password": "not-the-password"},
        status=400,
    )


def two_factor(walk):
    """Turn on two-factor authentication, see and renew the recovery codes, and sign in
    with a code."""
    member = walk.member(is_staff=True)
    walk.sign_in(member)
    walk.get("two-factor authentication", walk.url("mfa_index"))
    walk.confirm_its_you("activate authenticator app", walk.url("mfa_activate_totp"))
    secret = walk.client.session[SECRET_SESSION_KEY]
    walk.post(
        "activate authenticator app, wrong code",
        walk.url("mfa_activate_totp"),
        {"code": wrong_totp_code(secret)},
        status=400,
    )
    walk.post(
        "authenticator app activated", walk.url("mfa_activate_totp"), {"code": totp_code(secret)}
    )
    walk.emails("authenticator app activated")
    walk.get("recovery codes", walk.url("mfa_view_recovery_codes"))
    walk.get("new recovery codes", walk.url("mfa_generate_recovery_codes"))
    walk.post("new recovery codes made", walk.url("mfa_generate_recovery_codes"), {})
    walk.emails("new recovery codes")
    walk.get("two-factor authentication, on", walk.url("mfa_index"))
    walk.client.post(walk.url("account_logout"))
    walk.post(
        "sign in, asked for a code",
        walk.url("account_login"),
        {"login": member.email, "password": PASSWORD},
    )
    walk.post(
        "sign in, wrong code",
        walk.url("mfa_authenticate"),
        {"code": wrong_totp_code(secret)},
        status=400,
    )
    walk.get("deactivate authenticator app, not signed in", walk.url("mfa_deactivate_totp"))


def two_factor_off(walk):
    """Turn off an authenticator app set up earlier."""
    member = walk.member(is_staff=True)
    secret = generate_totp_secret()
    TOTP.activate(member, secret)
    walk.client.post(walk.url("account_login"), {"login": member.email, "password": PASSWORD})
    walk.client.post(walk.url("mfa_authenticate"), {"code": totp_code(secret)})
    walk.confirm_its_you("deactivate authenticator app", walk.url("mfa_deactivate_totp"))
    walk.post("authenticator app deactivated", walk.url("mfa_deactivate_totp"), {})
    walk.emails("authenticator app deactivated")


JOURNEYS = [visitor_pages, sign_up, password_reset, manage_account, two_factor, two_factor_off]


@pytest.fixture(autouse=True)
def _notifications(settings, on_commit_immediately):
    # allauth emails members about security changes only if asked to; the emails it
    # would then send must be in their language too. Some are sent on commit.
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    # A code worked out just before the 30 seconds are up is still good just after.
    settings.MFA_TOTP_TOLERANCE = 1


def walk_in(language, journey):
    walk = Walk(language)
    journey(walk)
    return walk.seen


@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda journey: journey.__name__)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_on_allauth_pages_and_emails(language, journey, catalogue):
    english = walk_in("en", journey)
    other = walk_in(language, journey)
    assert other.keys() == english.keys()
    same = WRITTEN_AS_IN_ENGLISH.get(language, set())
    found = {
        label: texts
        for label in english
        if (texts := untranslated(english[label], other[label], catalogue, same))
    }
    assert found == {}


# --- The check itself ----------------------------------------------------------------------


def test_the_check_finds_an_english_page_passed_off_as_bengali(catalogue):
    english = walk_in("en", visitor_pages)
    found = untranslated(english["page: sign in"], english["page: sign in"], catalogue)
    assert "Sign In" in found
    found = untranslated(
        english["page: sign in, wrong password"],
        english["page: sign in, wrong password"],
        catalogue,
    )
    assert "There is a problem" in found
    assert "The email address and/or password you specified are not correct." in found


def test_the_check_reads_what_a_user_sees_and_nothing_else(catalogue):
    html = (
        '<html lang="bn"><head><title>Sign In – The Way Ahead</title>'
        "<style>.x{content:'Password'}</style></head><body>"
        '<input placeholder="Email address"><img src="x" alt="Remember Me">'
        '<input type="submit" value="Sign Up"><input type="hidden" value="Remove">'
        "<script>var s = 'Forgot your password?';</script>"
        '<p lang="en">Already have an account?</p><span title="Make Primary">'
        "The Way Ahead · someone@people.example · 2026</span></body></html>"
    )
    text = page_text(html)
    assert untranslated(text, text, catalogue) == [
        "Email address",
        "Make Primary",
        "Remember Me",
        "Sign In – The Way Ahead",
        "Sign Up",
    ]


def test_the_check_finds_english_in_an_email(catalogue):
    def text(subject, body):
        return email_text(mail.EmailMessage(subject, body, to=["someone@people.example"]))

    english = text(
        "[The Way Ahead] Password Reset Email",
        "Hello from The Way Ahead!\n\n- Browser: Unspecified\nhttps://example.org/reset/\n",
    )
    assert untranslated(english, english, catalogue) == [
        "- Browser: Unspecified",
        "Hello from The Way Ahead!",
        "[The Way Ahead] Password Reset Email",
    ]
    bengali = text(
        "[The Way Ahead] পাসওয়ার্ড রিসেট ইমেল",
        "The Way Ahead থেকে শুভেচ্ছা!\n\n- ব্রাউজার: Unspecified\nhttps://example.org/reset/\n",
    )
    assert untranslated(english, bengali, catalogue) == ["- ব্রাউজার: Unspecified"]
    # Italian says "Browser" too, and only the word it writes as English may pass.
    italian = text("", "- Browser: Unspecified\n")
    assert untranslated(english, italian, catalogue, {"Browser"}) == ["- Browser: Unspecified"]
    italian = text("", "- Browser: Non specificato\n")
    assert untranslated(english, italian, catalogue, {"Browser"}) == []
