"""allauth's forms behave like the site's own: our error summary, no browser bubbles, and
400 Bad Request for a form with errors."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.factories import UserFactory

from .untranslated import EnglishCatalogue, page_text, untranslated

pytestmark = pytest.mark.django_db


def error_summary(html):
    match = re.search(r'<div class="error-summary".*?</div>', html, re.DOTALL)
    assert match, "no error summary"
    return match.group(0)


def test_sign_up_with_errors_answers_400_with_the_error_summary(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "not-an-address", "password1": "river-lantern", "password2": "lantern-river"},
    )
    assert response.status_code == 400
    summary = error_summary(response.content.decode())
    assert "There is a problem" in summary
    assert re.search(r'<a href="#id_email">Email: Enter a valid email address\.</a>', summary)
    assert '<a href="#id_password2">' in summary


def test_allauth_forms_leave_checking_to_the_server(client):
    for path in ("/en/accounts/signup/", "/en/accounts/login/", "/en/accounts/password/reset/"):
        html = client.get(path).content.decode()
        assert re.search(r'<form method="post" action="[^"]+" novalidate>', html), path


def test_sign_in_and_password_reset_with_errors_answer_400(client):
    user = UserFactory(email="amira@people.example")
    user.set_password("river-lantern-2026")
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = client.post(
        "/en/accounts/login/", {"login": user.email, "password": "not-the-password"}
    )
    assert response.status_code == 400
    assert "The email address and/or password you specified are not correct." in error_summary(
        response.content.decode()
    )
    response = client.post("/en/accounts/password/reset/", {"email": "not-an-address"})
    assert response.status_code == 400
    assert '<a href="#id_email">' in error_summary(response.content.decode())
    # A form filled in correctly still goes on as before.
    assert client.post("/en/accounts/password/reset/", {"email": user.email}).status_code == 302


def test_the_error_summary_is_in_bengali(client):
    data = {"email": "not-an-address", "password1": "12345678", "password2": "87654321"}
    english = error_summary(client.post("/en/accounts/signup/", data).content.decode())
    response = client.post("/bn/accounts/signup/", data)
    assert response.status_code == 400
    bengali = error_summary(response.content.decode())
    assert "সমস্যা" in bengali  # "There is a problem"
    found = untranslated(page_text(english), page_text(bengali), EnglishCatalogue())
    assert found == []
