"""The headway page, its CSV downloads, the API and the staff dashboard: every chart has
its table, every CSV is the table on screen, the page and the API agree, and the number
of queries does not grow with the data."""

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from engagement.models import (
    Insight,
    MonitoringResponse,
    OutreachActivity,
    PopulationBaseline,
    StakeholderGroup,
)
from tests.engagement.test_headway import KNOWN, add_registrations, add_responses, at, make_event
from tests.factories import UserFactory, make_engagement_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("live_figures")]


class Figures(HTMLParser):
    """Each ``section.headway-figure``: its svgs (with their attributes), its tables
    (rows of cell texts, headings included), and its CSV link."""

    def __init__(self):
        super().__init__()
        self.figures: list[dict] = []
        self.depth = 0  # section depth inside the current figure
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "section" and "headway-figure" in (attrs.get("class") or ""):
            self.figures.append({"name": attrs["id"], "svgs": [], "tables": [], "csv": None})
            self.depth = 1
            return
        if not self.depth:
            return
        figure = self.figures[-1]
        if tag == "section":
            self.depth += 1
        elif tag == "svg":
            figure["svgs"].append(attrs)
        elif tag == "table":
            figure["tables"].append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "a" and "format=csv" in attrs.get("href", ""):
            figure["csv"] = attrs["href"]

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "section":
            self.depth -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.figures[-1]["tables"][-1].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def parse(html: str) -> Figures:
    parser = Figures()
    parser.feed(html)
    return parser


def read_csv_file(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_csv(response) -> list[list[str]]:
    """The table in a one-table CSV: what follows the file's description of itself."""
    rows = read_csv_file(response)
    start = next(i for i, row in enumerate(rows) if row[:1] == ["Who the figures are of"])
    return rows[start + 1 :]


@pytest.fixture
def data():
    group = StakeholderGroup.objects.create(slug="older", name_en="Older people", kind="age")
    march = make_event("march", at(2025, 3, 12), walk_ins=40, groups=[group])
    april = make_event("april", at(2025, 4, 12), walk_ins=25)
    add_responses(march, 100, **KNOWN)
    add_responses(april, 30, country_of_birth=[("uk", 15), ("africa", 15)])
    add_registrations(march, participants=[f"p{i}" for i in range(20)], attended=20, no_show=8)
    add_registrations(april, participants=[f"p{i}" for i in range(10, 25)], attended=15)
    OutreachActivity.objects.bulk_create(
        OutreachActivity(
            date=dt.date(2025, 3, 1), channel="radio", description="Radio", estimated_reach=500
        )
        for _ in range(6)
    )
    Insight.objects.bulk_create(Insight(title=f"Insight {i}", status="new") for i in range(7))
    return group


def staff_client(client, *, lead=False):
    client.force_login(make_engagement_staff(lead=lead))
    return client


def test_every_chart_is_paired_with_a_table_of_the_same_figures(client, data):
    for lang in ("en", "ar"):
        page = parse(client.get(f"/{lang}/headway/").content.decode())
        assert len(page.figures) > 20
        charts = 0
        for figure in page.figures:
            assert len(figure["tables"]) == 1, figure["name"]
            for svg in figure["svgs"]:
                charts += 1
                assert svg["role"] == "img"
                title, desc = svg["aria-labelledby"].split()
                assert {title, desc} <= page.ids
        assert charts >= 15


def test_the_page_is_mirrored_in_arabic(client, data):
    english = client.get("/en/headway/").content.decode()
    arabic = client.get("/ar/headway/").content.decode()
    assert 'dir="rtl"' in arabic and 'dir="ltr"' in english
    # Bars grow from the right in Arabic: the first bar of a chart starts at the right.
    assert '<rect x="10" y="' in english
    assert '<rect x="10" y="' not in arabic


GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def ungrouped(rows):
    """The screen's figures as the CSV writes them: "3,000" on an English page is 3000."""
    return [
        [cell.replace(",", "") if GROUPED.match(cell) else cell for cell in row] for row in rows
    ]


def test_each_csv_is_exactly_the_table_on_screen(client, data):
    page = parse(client.get("/en/headway/").content.decode())
    grouped = 0
    for figure in page.figures:
        assert figure["csv"] == f"?format=csv&table={figure['name']}"
        response = client.get(f"/en/headway/{figure['csv']}")
        screen = figure["tables"][0]
        grouped += sum(bool(GROUPED.match(cell)) for row in screen for cell in row)
        assert read_csv(response) == ungrouped(screen), figure["name"]
    assert grouped, "the data has figures of 1,000 or more, written with a separator"


def test_unknown_table_or_format_is_a_400(client, data):
    response = client.get("/en/headway/?format=csv&table=nope")
    assert response.status_code == 400 and b"monitoring_age_band" in response.content
    assert client.get("/en/headway/?format=xml").status_code == 400


def test_the_page_explains_each_figure_with_its_source_and_base(client, data):
    html = client.get("/en/headway/").content.decode()
    assert "Source: Office for National Statistics, Open Government Licence v3.0." in html
    assert "usual residents aged 3+" in html  # the base of the main-language comparison
    assert "ONS International migration, England and Wales: Census 2021" in html
    assert "1.00 means in proportion" in html
    assert 'href="/en/headway/" aria-current="page"' in html  # the navigation link


def test_the_api_serves_the_same_figures_as_the_page(client, data):
    from engagement.headway import cell_text

    api = client.get("/api/v1/headway/?lang=en")
    assert api.status_code == 200 and api["Content-Language"] == "en"
    page = {
        f["name"]: f["tables"][0]
        for f in parse(client.get("/en/headway/").content.decode()).figures
    }
    for table in api.json()["tables"]:
        rows = [*table["rows"], *([table["total"]] if table["total"] else [])]
        cells = [
            [
                row["label"],
                *(cell_text(row["values"], c["key"], c["kind"]) for c in table["columns"]),
            ]
            for row in rows
        ]
        screen = [row[: len(table["columns"]) + 1] for row in page[table["name"]][1:]]
        assert cells == ungrouped(screen), table["name"]
    assert "first_timers" not in page  # per-event figures stay with staff


def test_the_schema_documents_the_headway_endpoint(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/headway/"]["get"]
    assert "200" in operation["responses"] and "400" in operation["responses"]
    assert client.get("/api/v1/headway/?lang=xx").status_code == 400


def grow(group, n: int, prefix: str = "grown"):
    """More of everything: events over more months, responses, outreach, insights."""
    for i in range(n):
        event = make_event(
            f"{prefix}-{i}", at(2024, 1 + i % 12, 1 + i % 27), walk_ins=7, groups=[group]
        )
        add_responses(
            event, 12, country_of_birth=[("uk", 6), ("africa", 6)], age_band=[("65_74", 6)]
        )
        add_registrations(
            event, participants=[f"g{i}-{j}" for j in range(6)], attended=6, no_show=6
        )
    OutreachActivity.objects.bulk_create(
        OutreachActivity(date=dt.date(2024, 1 + i % 12, 3), channel="email", description="x")
        for i in range(n * 3)
    )
    Insight.objects.bulk_create(
        Insight(title=f"More {prefix} {i}", status="done") for i in range(n)
    )


def test_the_dashboard_is_for_staff_and_linked_from_the_admin_index(client, data):
    assert client.get("/admin/engagement/headway/").status_code == 302
    staff_client(client)
    index = client.get("/admin/").content.decode()
    assert 'href="/admin/engagement/headway/"' in index
    # Engagement staff are not moderators: the index offers them only what they may open.
    assert "moderation-link" not in index
    html = client.get("/admin/engagement/headway/").content.decode()
    page = parse(html)
    assert "first_timers" in {f["name"] for f in page.figures}
    assert 'media="print"' in html
    # Staff without the power to view headway are refused it, and not offered the link.
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/admin/engagement/headway/").status_code == 403
    assert "headway-link" not in client.get("/admin/").content.decode()


def test_the_dashboard_filters_and_its_csv_keeps_the_filters(client, data):
    staff_client(client)
    url = f"/admin/engagement/headway/?stakeholder_group={data.slug}"
    page = parse(client.get(url).content.decode())
    figures = {f["name"]: f for f in page.figures}
    attendance = figures["attendance"]["tables"][0]
    assert attendance[-1] == ["Total", "60", "100.0"]  # only March: 20 came, 40 walked in
    link = figures["attendance"]["csv"]
    assert link == f"?stakeholder_group={data.slug}&format=csv&table=attendance"
    for figure in page.figures:
        response = client.get(f"/admin/engagement/headway/{figure['csv']}")
        assert read_csv(response) == figure["tables"][0], figure["name"]
    everything = parse(client.get("/admin/engagement/headway/").content.decode())
    all_attendance = {f["name"]: f for f in everything.figures}["attendance"]["tables"][0]
    assert all_attendance[-1] == ["Total", "100", "100.0"]


def test_bad_filters_are_reported(client, data):
    staff_client(client)
    response = client.get("/admin/engagement/headway/?period=M1999-13")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert parse(response.content.decode()).figures == []


def upload_baseline(client, name: str, body: str):
    """The first step of the admin's baseline import: the CSV ``body``, for a preview."""
    return client.post(
        "/admin/engagement/populationbaseline/import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile(name, body.encode(), "text/csv"),
        },
    )


def test_staff_import_a_borough_baseline_with_a_preview(client):
    staff_client(client, lead=True)  # the baseline is an engagement lead's to change
    body = (
        "area_code,area_name,dimension,category,share_percent,base,confidence,source\n"
        "E09000012,Hackney,country_of_birth,United Kingdom,56.9,all usual residents,"
        "high,ONS TS004\n"
        "E09000012,Hackney,country_of_birth,Outside the United Kingdom,43.1,all usual residents,"
        "high,ONS TS004\n"
    )
    response = upload_baseline(client, "hackney.csv", body)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hackney" in html and "confirm" in html.lower()
    assert not PopulationBaseline.objects.filter(area_code="E09000012").exists()  # a preview
    confirm = response.context["confirm_form"]
    response = client.post(
        "/admin/engagement/populationbaseline/process_import/",
        {**confirm.initial, "resource": "0"},
    )
    assert response.status_code == 302
    assert PopulationBaseline.objects.filter(area_code="E09000012").count() == 2


def test_a_share_out_of_range_is_refused_row_by_row(client):
    staff_client(client, lead=True)
    body = (
        "area_code,area_name,dimension,category,share_percent,base,confidence,source\n"
        "E09000012,Hackney,country_of_birth,United Kingdom,156.9,all usual residents,high,ONS\n"
    )
    response = upload_baseline(client, "bad.csv", body)
    assert "from 0 to 100" in response.content.decode()
    assert "confirm_form" not in (response.context or {})
    assert not MonitoringResponse.objects.exists()
    assert not PopulationBaseline.objects.filter(area_code="E09000012").exists()


def test_the_page_and_the_api_work_with_no_data(client):
    assert client.get("/en/headway/").status_code == 200
    tables = client.get("/api/v1/headway/").json()["tables"]
    assert {t["name"] for t in tables} >= {"funnel", "monitoring_ethnic_group", "trends"}


def test_the_dashboard_filters_by_event(client, data):
    staff_client(client)
    page = parse(client.get("/admin/engagement/headway/?event=april").content.decode())
    attendance = {f["name"]: f for f in page.figures}["attendance"]["tables"][0]
    assert attendance[-1] == ["Total", "40", "100.0"]  # 15 came, 25 walked in


def test_figures_on_screen_are_grouped_as_the_page_writes_numbers():
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load waytahead %}{{ a|figure }} {{ b|figure }} {{ c|figure }}")
    context = Context({"a": "1234567", "b": "12.5", "c": "[c]"})
    with translation.override("en"):
        assert template.render(context) == "1,234,567 12.5 [c]"
    with translation.override("pl"):
        assert template.render(context) == "1\xa0234\xa0567 12,5 [c]"
    with translation.override("bn"):
        assert template.render(context) == "12,34,567 12.5 [c]"
