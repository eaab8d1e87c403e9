"""The site as a whole: language negotiation, the home page, health check and admin."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ar", "/ar/"),
        ("pl-PL,pl;q=0.9,en;q=0.8", "/pl/"),
        ("bn", "/bn/"),
        ("gu", "/gu/"),
        ("fr", "/en/"),
    ],
)
def test_root_redirects_to_the_visitors_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_a_chosen_language_is_remembered(client):
    response = client.post(
        reverse("set_language"), {"language": "ro", "next": "/en/organisations/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ro/organisations/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ro"
    # Coming back to the root later, the cookie beats the browser's language.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ro/"


def test_every_language_has_a_home_page(client):
    for code, _name in settings.LANGUAGES:
        response = client.get(f"/{code}/")
        assert response.status_code == 200, code
        assert f'<html lang="{code}"' in response.content.decode()


def test_english_home_page(client):
    response = client.get("/en/")
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main"' in html and 'id="main"' in html
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in html
    assert 'role="search"' in html and 'name="q"' in html
    assert 'action="/en/organisations/"' in html
    assert "Privacy notice" in html and "/en/privacy/" in html
    assert "Creative Commons Attribution 4.0" in html


def test_arabic_home_page_is_right_to_left(client):
    html = client.get("/ar/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'action="/ar/organisations/"' in html
    # The switcher offers every language by its own name, marked with its language.
    assert 'lang="bn"' in html and "বাংলা" in html
    assert 'value="gu" lang="gu"' in html and "ગુજરાતી" in html


def test_pages_load_nothing_from_outside_the_site(client):
    html = client.get("/en/").content.decode()
    external = re.findall(r'(?:src|href)="(https?:)?//(?!creativecommons\.org)[^"]+"', html)
    assert external == []
    csp = client.get("/en/")["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp


def test_privacy_page_states_the_retention_period(client, settings):
    settings.PERSONAL_DATA_RETENTION_MONTHS = 18
    html = client.get("/en/privacy/").content.decode()
    assert "after 18 months" in html


def test_healthz_reports_a_working_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database(client):
    with mock.patch(
        "common.views.connection.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_admin_is_branded(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "The Way Ahead" in html


def test_admin_sign_in_goes_through_the_sites_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_admin_sign_in_refuses_members_and_sends_staff_on(client, admin_user):
    client.force_login(UserFactory())
    assert client.get("/admin/login/?next=/admin/").status_code == 403
    client.force_login(admin_user)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_pages_link_a_favicon_and_favicon_ico_leads_to_it(client):
    home = client.get("/en/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in home
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("favicon.svg")
