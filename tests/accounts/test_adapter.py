"""allauth's emails come from The Way Ahead, link to SITE_URL and are written in the
recipient's language; signing out stays in the page's language."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "river-lantern-2026"  # noqa: S105 (test data)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://waytahead.example"
    # A request may come by another name than the site's (a proxy, an old domain).
    settings.ALLOWED_HOSTS = ["internal.example", "waytahead.example", "testserver"]


def member(language="en", email="amira@people.example"):
    user = UserFactory(email=email, preferred_language=language)
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_up(client):
    """Sign up as Amira, through a host name that is not the site's."""
    return client.post(
        "/en/accounts/signup/",
        {"email": "amira@people.example", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="internal.example",
    )


def test_sign_up_email_names_the_site_and_links_to_it(client):
    sign_up(client)
    [message] = mail.outbox
    assert message.subject == "[The Way Ahead] Please Confirm Your Email Address"
    assert message.body.startswith("Hello from The Way Ahead!")
    assert "https://waytahead.example/en/accounts/confirm-email/" in message.body
    assert "Thank you for using The Way Ahead!\nwaytahead.example" in message.body
    assert "internal.example" not in message.body


def test_password_reset_email_is_in_the_members_language(client):
    member(language="ar")
    client.post(
        "/en/accounts/password/reset/",
        {"email": "amira@people.example"},
        HTTP_HOST="internal.example",
    )
    [message] = mail.outbox
    assert message.subject == "[The Way Ahead] رسالة إعادة ضبط كلمة المرور"
    assert message.body.startswith("مرحبا من موقع The Way Ahead!")
    assert "https://waytahead.example/en/accounts/password/reset/key/" in message.body


def test_account_already_exists_email_is_in_the_members_language(client):
    member(language="pl")
    sign_up(client)
    [message] = mail.outbox
    assert message.subject == "[The Way Ahead] Konto już istnieje"
    assert "https://waytahead.example/pl/accounts/password/reset/" in message.body


def test_unknown_account_email_links_to_the_sites_sign_up(client):
    client.post(
        "/ar/accounts/password/reset/",
        {"email": "nobody@people.example"},
        HTTP_HOST="internal.example",
    )
    [message] = mail.outbox
    assert "https://waytahead.example/ar/accounts/signup/" in message.body


def test_security_notices_are_in_the_members_language(client, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    member(language="pl")
    client.post("/en/accounts/login/", {"login": "amira@people.example", "password": PASSWORD})
    client.post(
        "/en/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "harbour-kettle", "password2": "harbour-kettle"},
    )
    [message] = mail.outbox
    assert message.body.startswith("Witamy z The Way Ahead!")
    # Without a browser's name, allauth would say "Unspecified", in English.
    assert "- Przeglądarka: " in message.body
    assert "Unspecified" not in message.body


def test_signing_out_stays_in_the_pages_language(client):
    client.force_login(member())
    response = client.post("/ar/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"
