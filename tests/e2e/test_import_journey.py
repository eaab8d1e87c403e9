"""A staff member imports a CSV in the admin with a preview; a visitor then finds it."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

CSV = (
    "org_id,name,description,postcode,borough,categories,languages,is_published\n"
    "GB-CHC-1181234,Deptford Zażółć Supper Club,Hot meals for neighbours every Friday,"
    "SE8 4AA,lewisham,food,pl,1\n"
)


def test_staff_import_then_visitor_search(live_server, page, tmp_path):
    kemi = get_user_model().objects.create_superuser(
        "kemi", "kemi@staff.example", "a-long-password-1"
    )
    kemi.emailaddress_set.create(email=kemi.email, verified=True, primary=True)
    csv_path = tmp_path / "organisations.csv"
    csv_path.write_text(CSV, encoding="utf-8")

    page.goto(f"{live_server.url}/admin/directory/organisation/import/")
    # The admin sends staff to the site's own sign-in (where two-factor applies).
    page.fill("#id_login", "kemi@staff.example")
    page.fill("#id_password", "a-long-password-1")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/admin/directory/organisation/import/")
    page.set_input_files("input[name=import_file]", str(csv_path))
    page.select_option("select[name=format]", label="csv")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    # The preview shows the new row, and a confirm button, before anything is written.
    content = page.inner_text("#content")
    assert "Deptford Zażółć Supper Club" in content
    assert page.locator("input[name=confirm]").count() == 1, content[:2000]
    page.click("input[name=confirm]")
    page.wait_for_selector(".messagelist")
    assert "Import finished" in page.locator(".messagelist").inner_text()

    page.goto(f"{live_server.url}/en/")
    page.fill("input[name=q]", "zazolc supper")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/organisations/?q=*")
    page.get_by_role("link", name="Deptford Zażółć Supper Club").click()
    assert page.locator("h1").inner_text() == "Deptford Zażółć Supper Club"
