"""No `next` parameter can send people to another site."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
EVIL = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "https:evil.example",
    "\\\\evil.example",
]


@pytest.mark.parametrize("target", EVIL)
def test_language_switch_does_not_redirect_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "pl", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_does_not_redirect_off_site(client, target):
    user = UserFactory(email="member@people.example")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    response = client.post(
        f"/en/accounts/login/?next={target}",
        {"login": "member@people.example", "password": "a-long-password-1", "next": target},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_admin_sign_in_does_not_redirect_off_site(client, target):
    response = client.get(f"/admin/login/?next={target}")
    assert "evil.example" not in response.get("Location", "").split("?", 1)[0]
