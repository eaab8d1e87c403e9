"""Accounts: sign-up with email verification, profile, and deleting an account."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from directory.models import OrganisationSuggestion
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_sign_up_verifies_the_email_in_the_visitors_language(client):
    response = client.post(
        "/pl/accounts/signup/",
        {
            "email": "agnieszka@people.example",
            "password1": "szkoła-sobota-2026",
            "password2": "szkoła-sobota-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="agnieszka@people.example")
    assert user.preferred_language == "pl"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    # Until verified, the account cannot sign in.
    assert client.get("/pl/accounts/profile/").status_code == 302
    client.post(path)
    assert user.emailaddress_set.get().verified
    assert client.get("/pl/accounts/profile/").status_code == 200


def test_sign_up_and_login_pages_render_in_arabic(client):
    for path in ("/ar/accounts/signup/", "/ar/accounts/login/"):
        html = client.get(path).content.decode()
        assert '<html lang="ar" dir="rtl">' in html
        assert 'id="main"' in html  # our layout, not allauth's bare one


def test_profile_settings_are_saved(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        "/en/accounts/profile/",
        {"display_name": "Rahim", "show_name_publicly": "on", "preferred_language": "bn"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.display_name, user.show_name_publicly, user.preferred_language) == (
        "Rahim",
        True,
        "bn",
    )


def test_profile_rejects_an_unknown_language(client):
    client.force_login(UserFactory())
    response = client.post("/en/accounts/profile/", {"preferred_language": "xx"})
    assert response.status_code == 400


def test_deleting_an_account_keeps_contributions_anonymously(client):
    user = UserFactory(display_name="Rahim", show_name_publicly=True)
    organisation = OrganisationFactory(slug="carers")
    OrganisationSuggestion.objects.create(
        organisation=organisation, author=user, changes={"phone": "1"}, reason="x"
    )
    client.force_login(user)
    assert client.post("/en/accounts/delete/", {}).status_code == 400  # must tick the box
    response = client.post("/en/accounts/delete/", {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    suggestion = OrganisationSuggestion.objects.get()
    assert suggestion.author is None
    assert "Rahim" not in client.get("/en/organisations/carers/changes/").content.decode()


def test_staff_can_turn_on_two_factor_authentication(client):
    staff = UserFactory(is_staff=True)
    staff.emailaddress_set.create(email=staff.email, verified=True, primary=True)
    client.force_login(staff)
    assert "Two-factor authentication" in client.get("/en/accounts/profile/").content.decode()
    activate = "/en/accounts/2fa/totp/activate/"
    # Turning it on asks for the password again first (never a way round to sign-in).
    response = client.get(activate)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    confirmed = client.post(response["Location"], {"password": "a-long-password-1"})
    assert confirmed.status_code == 302 and confirmed["Location"] == activate
    page = client.get(activate)
    assert page.status_code == 200
    assert 'name="code"' in page.content.decode()  # the authenticator code to confirm
