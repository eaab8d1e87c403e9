"""Every form POST needs a CSRF token, and people's text always comes back escaped."""

import re

import pytest
from django.test import Client

from directory import services
from tests.factories import (
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
    make_editor,
    make_moderator,
)

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"


@pytest.fixture
def listing():
    return OrganisationFactory(slug="pantry")


def test_every_form_post_is_refused_without_a_csrf_token(listing):
    member = UserFactory()
    make_editor(listing, email="editor@people.example")
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    posts = [
        "/i18n/setlang/",
        "/en/organisations/new/",
        "/en/organisations/pantry/suggest/",
        "/en/organisations/pantry/claim/",
        "/en/organisations/pantry/report/",
        "/en/organisations/pantry/confirm/",
        "/en/accounts/profile/",
        "/en/accounts/delete/",
        "/en/accounts/logout/",
    ]
    for path in posts:
        assert client.post(path, {"language": "pl"}).status_code == 403, path
    anonymous = Client(enforce_csrf_checks=True)
    for path in ("/en/accounts/login/", "/en/accounts/signup/", "/en/organisations/pantry/report/"):
        assert anonymous.post(path, {}).status_code == 403, path


def test_the_api_accepts_no_writes(client, listing):
    for path in ("/api/v1/organisations/", f"/api/v1/organisations/{listing.pk}/"):
        for method in (client.post, client.put, client.patch, client.delete):
            assert method(path, {}, content_type="application/json").status_code in (403, 405)


def test_stored_text_is_escaped_on_every_public_page(client, on_commit_immediately):
    listing = OrganisationFactory(
        slug="xss",
        name_en=f"Group {PAYLOAD}",
        description_en=PAYLOAD,
        opening_hours=PAYLOAD,
        accessibility_notes_en=PAYLOAD,
        address_1=PAYLOAD,
        phone=PAYLOAD[:30],
    )
    ServiceFactory(
        organisation=listing, name_en=PAYLOAD, description_en=PAYLOAD, eligibility_en=PAYLOAD
    )
    author = UserFactory(display_name=PAYLOAD[:80], show_name_publicly=True)
    suggestion = services.suggestion_submit(
        organisation=listing,
        author=author,
        values={"description_pl": PAYLOAD + " pl"},
        reason=PAYLOAD,
    )
    services.suggestion_approve(suggestion=suggestion, reviewer=make_moderator())
    pages = [
        "/en/organisations/",
        "/en/organisations/?q=group",
        "/en/organisations/xss/",
        "/pl/organisations/xss/",
        "/en/organisations/xss/changes/",
    ]
    for path in pages:
        html = client.get(path).content.decode()
        assert "<script>alert" not in html, path
        assert not re.search(r"<img[^>]*onerror", html), path
    assert ESCAPED in client.get("/en/organisations/xss/").content.decode()
    client.force_login(author)
    mine = client.get("/en/organisations/mine/").content.decode()
    assert "<script>alert" not in mine


def test_json_ld_cannot_close_its_script_element(client):
    OrganisationFactory(slug="ld", name_en="</script><script>alert(1)</script>")
    html = client.get("/en/organisations/ld/").content.decode()
    assert "</script><script>alert(1)" not in html
