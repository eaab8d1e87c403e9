"""FastSelect writes the same markup as Django's Select, faster."""

import pytest
from django import forms
from django.test.html import parse_html

from common.widgets import FastSelect
from directory.filters import OrganisationFilter

CHOICES = [("", "All"), ("a&b", "Fish & <chips>"), ("tower-hamlets", "Tower Hamlets"), ("x", "x")]


def both(value, attrs=None, choices=CHOICES):
    django = forms.Select(choices=choices).render("borough", value, attrs)
    ours = FastSelect(choices=choices).render("borough", value, attrs)
    return parse_html(django), parse_html(ours), ours


@pytest.mark.parametrize("value", [None, "", "tower-hamlets", "a&b", "not-a-choice"])
def test_same_markup_as_django(value):
    django, ours, _html = both(value, {"id": "id_borough", "aria-invalid": "true"})
    assert ours == django


def test_labels_and_values_are_escaped_and_one_option_is_selected():
    _django, _ours, html = both("x", choices=[("x", "<b>one</b>"), ("x", "two")])
    assert "&lt;b&gt;one&lt;/b&gt;" in html and "<b>" not in html
    assert html.count("selected") == 1


def test_option_groups_fall_back_to_django():
    grouped = [("London", [("camden", "Camden")]), ("", "None")]
    django, ours, _html = both("camden", choices=grouped)
    assert ours == django


@pytest.mark.django_db
def test_the_browse_filters_render_with_it(rf):
    from tests.factories import borough

    borough("camden")
    form = OrganisationFilter({"borough": "camden"}, request=rf.get("/")).form
    html = str(form["borough"])
    assert '<option value="camden" selected>' in html
    assert 'name="borough"' in html and 'id="id_borough"' in html
