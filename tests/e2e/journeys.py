"""What the browser journeys share: members who may sign in, and signing in."""

from tests.factories import UserFactory

PASSWORD = "a-long-password-1"  # every UserFactory user's


def member(email, **kwargs):
    """A user whose email address is verified (``is_staff=True`` for staff)."""
    user = UserFactory(email=email, **kwargs)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


def sign_in(page, base, email, *, language="en"):
    """Sign in as ``email`` on the sign-in page in ``language``, and wait for the answer."""
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
