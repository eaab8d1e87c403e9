"""Headway privacy: small-number suppression cannot be reversed from any total, and no
count from 1 to 4 appears anywhere on the public page or in the API.

The properties are checked with hypothesis over random tables; the page and the API
are rendered from a fixture crafted to be full of small numbers, and every number in
them is scanned.
"""

import csv
import datetime as dt
import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from engagement.headway import HeadwayFilters, suppression
from engagement.headway.figures import _Figures
from engagement.headway.perturbation import Cell
from engagement.models import Insight, OutreachActivity
from engagement.models.baseline import load_baseline
from tests.engagement.test_headway import add_registrations, add_responses, at, make_event
from tests.factories import language

LIMIT = 5
pytestmark = pytest.mark.usefixtures("live_figures_module")

keys = st.text(alphabet="abcdefgh", min_size=1, max_size=3)
tables = st.dictionaries(keys, st.integers(min_value=0, max_value=40), min_size=1, max_size=10)


def assert_one_way_protected(counts, shown, total, limit=LIMIT):
    for key, value in shown.items():
        assert value is None or value == counts[key]
        assert value is None or not 0 < value < limit, f"{key}={value} shown"
    if total is None:
        return
    assert total == sum(counts.values()) and not 0 < total < limit
    hidden = [key for key, value in shown.items() if value is None]
    # Every hidden cell lies in a line with at least one other hidden cell...
    assert len(hidden) != 1, f"{hidden} could be worked out from the total"
    # ...and the hidden cells together are not themselves a small number.
    assert not 0 < sum(counts[key] for key in hidden) < limit


@given(tables, st.integers(min_value=2, max_value=11))
def test_one_way_suppression_cannot_be_reversed(counts, limit):
    shown, total = suppression.suppress_table(counts, limit)
    assert_one_way_protected(counts, shown, total, limit)
    assert set(shown) == set(counts)


@given(tables, st.data())
def test_cells_hidden_elsewhere_stay_protected(counts, data):
    also = data.draw(st.lists(st.sampled_from(sorted(counts)), max_size=2))
    shown, total = suppression.suppress_table(counts, LIMIT, also_hide=also)
    assert_one_way_protected(counts, shown, total)
    if total is not None:
        assert all(shown[key] is None for key in also)


def test_the_known_flaw_is_fixed():
    # Two hidden cells adding up to 2 can only be 1 and 1.
    shown, total = suppression.suppress_table({"a": 1, "b": 1, "c": 50, "d": 60})
    assert total == 112
    assert shown["c"] is None and shown["d"] == 60


grids = st.dictionaries(
    keys,
    st.fixed_dictionaries(
        {column: st.integers(min_value=0, max_value=25) for column in ("in", "out", "other")}
    ),
    min_size=1,
    max_size=8,
)


@given(grids, st.lists(st.sampled_from(["in", "out", "other"]), max_size=2))
def test_row_suppression_protects_every_column(cells, protect):
    shown = suppression.suppress_rows(cells, LIMIT, protect_columns=protect)
    hidden = [row for row, values in shown.items() if values is None]
    for row, values in shown.items():
        if values is not None:
            assert values == cells[row]
            assert not any(0 < v < LIMIT for v in values.values())
    if len(hidden) == len(cells):
        return  # nothing shown
    assert len(hidden) != 1
    for column in ("in", "out", "other"):
        # Each column, as a one-way table with a known total, is protected.
        assert not 0 < sum(cells[row][column] for row in hidden) < LIMIT
    for column in protect:
        if any(cells[row][column] for row in cells):
            # The shown rows never add up to a total that is hidden elsewhere.
            assert any(cells[row][column] for row in hidden)


def _stub(registrations=(), walk_ins=None, answers=None, responses=None):
    """Figures over given counts (as cells with any key: the noise is off here)."""
    figures = _Figures(HeadwayFilters(), staff=False)
    figures.registrations = [(m, s, h, Cell(n)) for m, s, h, n in registrations]
    figures.walk_ins = {m: Cell(n) for m, n in (walk_ins or {}).items()}
    figures.outreach = []
    figures.answers = {
        d: {m: {a: Cell(n) for a, n in cells.items()} for m, cells in months.items()}
        for d, months in (answers or {}).items()
    }
    figures.responses_by_month = {m: Cell(n) for m, n in (responses or {}).items()}
    figures.left_out_registration_months = set()
    figures.left_out_response_months = set()
    return figures


@given(
    st.fixed_dictionaries(
        {
            status: st.integers(min_value=0, max_value=30)
            for status in ("attended", "no_show", "registered", "waiting_list", "cancelled")
        }
    ),
    st.integers(min_value=0, max_value=30),
)
def test_the_cell_two_tables_share_is_hidden_in_both_or_neither(by_status, walk_ins):
    figures = _stub([("2025-01", s, "", n) for s, n in by_status.items()], {"2025-01": walk_ins})
    status, attendance = figures.registrations_and_attendance()
    in_status = status.row("attended").values["count"]
    in_attendance = attendance.row("registered").values["count"]
    assert (in_status is None) == (in_attendance is None) or attendance.total.values[
        "count"
    ] is None
    shown = {row.key: row.values["count"] for row in status.rows}
    assert_one_way_protected(by_status, shown, status.total.values["count"])
    route = {"registered": by_status["attended"], "walk_in": walk_ins}
    shown = {row.key: row.values["count"] for row in attendance.rows}
    assert_one_way_protected(route, shown, attendance.total.values["count"])


@pytest.mark.django_db
@hypothesis_settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(*(st.integers(min_value=0, max_value=14) for _ in range(4))),
        min_size=1,
        max_size=6,
    )
)
def test_monthly_shares_never_reveal_a_hidden_cell(months):
    # Per month: born in the UK, outside it, prefer not to say, not answered.
    answers = {"country_of_birth": {}}
    for i, (uk, outside, prefer_not, blank) in enumerate(months):
        answers["country_of_birth"][f"2025-{i + 1:02d}"] = {
            "uk": uk,
            "africa": outside,
            "prefer_not_to_say": prefer_not,
            "": blank,
        }
    for dimension in ("age_band",):
        answers[dimension] = {}
    figures = _stub(answers=answers, responses=dict.fromkeys(answers["country_of_birth"], 1))
    figures.baseline = load_baseline("E12000007")
    country = figures.representation("country_of_birth")
    trend = figures.trend_shares([country, figures.representation("age_band")])
    overall = {row.key: row.values["count"] for row in country.rows}
    hidden_months = []
    for i, row in enumerate(trend.rows):
        uk, outside, _p, _b = months[i]
        share = row.values["country_of_birth_share"]
        if share is None:
            hidden_months.append(i)
        else:
            # A share is shown only when neither count behind it is small.
            assert not 0 < uk < LIMIT and not 0 < outside < LIMIT and uk + outside >= 10
    # A month whose share is hidden (suppressed, or too few answers for a percentage)
    # can at worst be worked out from the overall counts minus the shown months: that
    # must never be a small number.
    shown_months = len(months) - len(hidden_months)
    if shown_months and hidden_months:
        for column in (0, 1):
            assert not 0 < sum(months[i][column] for i in hidden_months) < LIMIT
        if len(hidden_months) == 1:
            assert not any(0 < v < LIMIT for v in months[hidden_months[0]][:2])
    if overall["outside_uk"] is None and sum(m[1] for m in months):
        # The shown months never add up to the hidden overall count.
        assert any(months[i][1] for i in hidden_months)


# --- Scanning the page and the API ----------------------------------------------------


@pytest.fixture
def small_numbers(db):
    """Every kind of figure, with small numbers everywhere."""
    radio = OutreachActivity.objects.create(
        date=dt.date(2025, 3, 1), channel="radio", description="Radio slot", estimated_reach=3
    )
    radio.languages.set([language("bn")])
    OutreachActivity.objects.bulk_create(
        OutreachActivity(
            date=dt.date(2025, 3, 2), channel="phone_call", description="Call", estimated_reach=40
        )
        for _ in range(12)
    )
    OutreachActivity.objects.bulk_create(
        OutreachActivity(date=dt.date(2025, 4, 2), channel="email", description="Email")
        for _ in range(2)
    )
    march = make_event("march", at(2025, 3, 12), walk_ins=4)
    april = make_event("april", at(2025, 4, 12), walk_ins=30)
    may = make_event("may", at(2025, 5, 12), walk_ins=1)
    add_registrations(
        march, participants=["a", "b", "c"], attended=3, no_show=2, registered=20, heard_via="radio"
    )
    add_registrations(april, participants=["a", "d"], attended=12, cancelled=1)
    add_registrations(may, attended=2)
    add_responses(
        march,
        8,
        country_of_birth=[("uk", 3), ("africa", 2), ("prefer_not_to_say", 1)],
        age_band=[("65_74", 1), ("25_34", 6)],
        ethnic_group=[("indian", 3), ("white_british", 4)],
        sex=[("female", 7)],
    )
    add_responses(
        april,
        25,
        country_of_birth=[("uk", 20), ("europe_eu", 4)],
        age_band=[("75_plus", 3), ("35_49", 20)],
        ethnic_group=[("african", 12), ("arab", 2), ("white_irish", 10)],
        disability=[("no", 24), ("limited_a_lot", 1)],
    )
    add_responses(may, 3, main_language=[("other", 3)])
    Insight.objects.create(title="Only for British-born people?", status="new")
    Insight.objects.create(title="Venue too far", status="done")
    Insight.objects.create(
        title="Evening times", status="done", response_published_at=at(2025, 6, 1)
    )


# A lone 1 to 4: not part of a longer number, a decimal, a code or an age ("aged 3+").
SMALL = re.compile(r"(?<![\w.,:/-])([1-4])(?![\w.,:/-]*\d|\+)")


class TextCollector(HTMLParser):
    """Collects the text of <main>, telling apart row and column headings (labels,
    such as "16 to 24") from everything else (figures and prose)."""

    # The legend and the snapshot's date are prose about the method, not figures.
    PROSE = ("headway-key", "headway-as-of")

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.prose: list[bool] = []
        self.headings: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(tag)
        self.prose.append(any(name in classes for name in self.PROSE))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            self.prose.pop()
        if self.prose:
            self.prose.pop()

    def handle_data(self, data):
        if "main" not in self.stack or not data.strip() or any(self.prose):
            return
        (self.headings if "th" in self.stack else self.other).append(data.strip())


def small_counts_in_page(html: str) -> list[str]:
    parser = TextCollector()
    parser.feed(html)
    labels = sorted(set(parser.headings), key=len, reverse=True)
    found = []
    for text in parser.other:
        for label in labels:  # a chart repeats the table's labels
            text = text.replace(label, " ")
        found += [f"{match.group(0)!r} in {text!r}" for match in SMALL.finditer(text)]
    return found


def small_counts_in_json(value, path="") -> list[str]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [f"{path}={value}"] if 0 < value < settings.SMALL_NUMBER_THRESHOLD else []
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in small_counts_in_json(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [x for i, v in enumerate(value) for x in small_counts_in_json(v, f"{path}[{i}]")]
    return []


def test_no_count_from_1_to_4_on_the_public_page(client, small_numbers):
    for lang in ("en", "ar"):
        response = client.get(f"/{lang}/headway/")
        assert response.status_code == 200
        assert small_counts_in_page(response.content.decode()) == []
        assert "[c]" in response.content.decode()  # there was plenty to hide


def test_no_count_from_1_to_4_in_the_api(client, small_numbers):
    data = client.get("/api/v1/headway/").json()
    assert small_counts_in_json(data["tables"]) == []
    hidden = [
        key
        for table in data["tables"]
        for row in table["rows"]
        for key, value in row["values"].items()
        if value is None
    ]
    assert hidden  # the fixture's small numbers are there, hidden


def test_no_count_from_1_to_4_in_any_public_csv(client, small_numbers):
    data = client.get("/api/v1/headway/").json()
    for table in data["tables"]:
        body = client.get(f"/en/headway/?format=csv&table={table['name']}").content.decode()
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
        # The figures follow the table's header row (the file describes itself first).
        start = next(i for i, row in enumerate(rows) if row and row[0] == table["row_heading"])
        figures = [",".join(row[1:]) for row in rows[start + 1 :]]
        assert not [f for f in figures if re.search(r"(?<![\d.])[1-4](?![\d.])", f)], table["name"]


def test_the_scanner_finds_small_numbers():
    page = "<main><table><tr><th>16 to 24</th><td>3</td></tr></table><p>12 and 1.5</p></main>"
    assert small_counts_in_page(page) == ["'3' in '3'"]
    assert small_counts_in_json({"values": {"count": 2, "share": 2.5}}) == [".values.count=2"]
