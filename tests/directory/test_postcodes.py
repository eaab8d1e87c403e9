"""Loading the ONS postcode directory, and placing addresses by their postcode."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from directory.geo import Point, bounding_box, distance_km
from directory.models import Location, Organisation, Postcode
from directory.postcodes import PostcodeFileError, load_postcodes, locate
from tests.directory.admin_forms import organisation_change_data
from tests.factories import LocationFactory, OrganisationFactory, borough

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "postcodes"
ONSPD = FIXTURES / "onspd_sample.csv"
NSPL = FIXTURES / "nspl_sample.csv"


def load(path=ONSPD, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("load_postcodes", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()


class TestLoading:
    def test_loads_london_postcodes_with_borough_and_centroid(self):
        message = load()
        assert "Loaded 7 postcodes in London" in message
        assert "1 outside London" in message and "1 with no location" in message
        e1 = Postcode.objects.get(postcode="E1 6AN")
        assert e1.borough.slug == "tower-hamlets"
        assert e1.district_code == "E09000030"
        assert (e1.latitude, e1.longitude) == (Decimal("51.520131"), Decimal("-0.072393"))
        assert e1.terminated is None
        # Outside London, and a postcode with no grid reference, are left out.
        assert not Postcode.objects.filter(postcode__in=["B1 1AA", "E1 0ZZ"]).exists()

    def test_all_loads_outside_london_without_a_borough(self):
        load(ONSPD, "--all")
        birmingham = Postcode.objects.get(postcode="B1 1AA")
        assert birmingham.borough is None and birmingham.district_code == "E08000025"

    def test_nspl_layout_loads_too(self):
        assert "Loaded 2 postcodes" in load(NSPL)
        assert Postcode.objects.get(postcode="N16 0AA").borough.slug == "hackney"

    def test_reloading_is_idempotent_and_refreshes(self):
        load()
        Postcode.objects.filter(postcode="E1 6AN").update(latitude=0, borough=None)
        load()
        assert Postcode.objects.count() == 7
        refreshed = Postcode.objects.get(postcode="E1 6AN")
        assert refreshed.latitude == Decimal("51.520131")
        assert refreshed.borough.slug == "tower-hamlets"

    def test_terminated_postcode_keeps_its_end_month_and_still_places(self):
        load()
        ended = Postcode.objects.get(postcode="E1 9ZZ")
        assert ended.terminated == datetime.date(2019, 3, 1)
        assert locate("e1 9zz").borough.slug == "tower-hamlets"

    def test_wrong_layout_is_a_clear_error_and_writes_nothing(self, tmp_path):
        wrong = tmp_path / "charities.csv"
        wrong.write_text("registered_charity_number,charity_name\n1,Example\n")
        with pytest.raises(CommandError) as raised:
            load(wrong)
        assert "not an ONS postcode directory" in str(raised.value)
        assert "pcds" in str(raised.value) and "charity_name" in str(raised.value)
        assert not Postcode.objects.exists()

    def test_missing_file_is_a_clear_error(self, tmp_path):
        with pytest.raises(CommandError, match="no such file"):
            load(tmp_path / "nowhere.csv")

    def test_stream_api_refuses_wrong_layout_before_writing(self):
        with pytest.raises(PostcodeFileError):
            load_postcodes(io.StringIO("a,b\n1,2\n"))


class TestLocate:
    def test_unknown_postcode_is_a_message(self):
        load()
        with pytest.raises(ValidationError) as raised:
            locate("E9 9QQ")
        assert raised.value.code == "unknown_postcode"
        assert "E9 9QQ" in raised.value.messages[0]

    def test_outside_london_is_a_message(self):
        load(ONSPD, "--all")
        with pytest.raises(ValidationError) as raised:
            locate("B1 1AA")
        assert raised.value.code == "outside_london"
        assert locate("B1 1AA", london_only=False).borough is None

    def test_malformed_postcode_is_a_message(self):
        with pytest.raises(ValidationError) as raised:
            locate("not a postcode")
        assert raised.value.code == "invalid_postcode"


class TestAddressesArePlaced:
    def test_location_gets_point_and_borough_from_postcode(self):
        load()
        location = LocationFactory(postcode="e16an", borough=borough("hackney"))
        location.refresh_from_db()
        assert location.postcode == "E1 6AN"
        assert location.borough.slug == "tower-hamlets"
        assert location.latitude == Decimal("51.520131")

    def test_changing_the_postcode_moves_the_point(self):
        load()
        location = LocationFactory(postcode="E1 6AN")
        location = Location.objects.get(pk=location.pk)
        location.postcode = "SW1A 1AA"
        location.save()
        location.refresh_from_db()
        assert location.borough.slug == "westminster"
        assert location.longitude == Decimal("-0.141588")

    def test_an_unknown_postcode_leaves_no_stale_point(self):
        load()
        location = Location.objects.get(pk=LocationFactory(postcode="E1 6AN").pk)
        location.postcode = "E9 9QQ"
        location.save()
        location.refresh_from_db()
        assert location.latitude is None and location.longitude is None

    def test_organisation_address_gets_a_point(self):
        load()
        organisation = OrganisationFactory(postcode="N1 9GU", borough=None)
        organisation.refresh_from_db()
        assert organisation.borough.slug == "islington"
        assert organisation.latitude == Decimal("51.535028")

    def test_clean_refuses_unknown_and_outside_london(self):
        load(ONSPD, "--all")
        organisation = OrganisationFactory()
        for postcode, words in (("E9 9QQ", "could not find"), ("B1 1AA", "outside London")):
            location = Location(organisation=organisation, address_1="1 High St", postcode=postcode)
            with pytest.raises(ValidationError) as raised:
                location.full_clean()
            assert words in " ".join(raised.value.message_dict["postcode"])
            organisation.postcode = postcode
            with pytest.raises(ValidationError) as raised:
                organisation.full_clean()
            assert words in " ".join(raised.value.message_dict["postcode"])

    def test_without_postcode_data_any_wellformed_postcode_is_accepted(self):
        assert not Postcode.objects.exists()
        organisation = OrganisationFactory()
        location = Location(organisation=organisation, address_1="1 High St", postcode="E9 9QQ")
        location.full_clean()  # no data loaded: nothing to check it against
        location.save()
        assert location.latitude is None

    def test_the_demos_own_postcodes_place_but_do_not_refuse(self):
        # Rows written by the demo seed (not by load_postcodes): known ones place an
        # address, and a real postcode they lack is still accepted.
        Postcode.objects.create(
            postcode="E8 3QX",
            district_code="E09000012",
            borough=borough("hackney"),
            latitude=Decimal("51.54"),
            longitude=Decimal("-0.06"),
        )
        organisation = OrganisationFactory()
        placed = LocationFactory(organisation=organisation, postcode="E8 3QX")
        assert placed.latitude == Decimal("51.54")
        other = Location(organisation=organisation, address_1="1 High St", postcode="E1 6AN")
        other.full_clean()
        load()  # a postcode directory: from now on addresses are checked against it
        with pytest.raises(ValidationError):
            Location(
                organisation=organisation, address_1="2 High St", postcode="E9 9QQ"
            ).full_clean()

    def test_fill_command_places_existing_rows(self):
        location = LocationFactory(postcode="E1 6AN")
        organisation = Organisation.objects.get(pk=location.organisation.pk)
        Organisation.objects.filter(pk=organisation.pk).update(postcode="N1 9GU", borough=None)
        load()  # after the rows were saved: they have no point yet
        assert Location.objects.get(pk=location.pk).latitude is None
        out = io.StringIO()
        call_command("place_addresses", stdout=out)
        assert Location.objects.get(pk=location.pk).latitude == Decimal("51.520131")
        assert Organisation.objects.get(pk=organisation.pk).borough.slug == "islington"
        assert "1 location" in out.getvalue()


class TestDistances:
    def test_one_degree_of_latitude(self):
        # On the IUGG mean sphere a degree of latitude is 111.195 km.
        assert distance_km(Point(51, 0), Point(52, 0)) == pytest.approx(111.195, abs=0.001)

    def test_london_to_paris(self):
        # Trafalgar Square to Notre-Dame: about 343.5 km as the crow flies.
        london, paris = Point(51.5080, -0.1281), Point(48.8530, 2.3499)
        assert distance_km(london, paris) == pytest.approx(343.5, abs=1.0)

    def test_bounding_box_holds_every_point_within_range(self):
        centre = Point(51.5, -0.1)
        box = bounding_box(centre, 2)
        for corner in (
            Point(box.north, centre.longitude),
            Point(centre.latitude, box.east),
            Point(box.south, centre.longitude),
            Point(centre.latitude, box.west),
        ):
            assert distance_km(centre, corner) >= 2 - 1e-9


class TestImports:
    """Every import places its rows by postcode, and refuses ones it cannot place."""

    def rows(self, tmp_path, *postcodes):
        from tests.directory.test_import import good_row, write_csv

        rows = [good_row(n, postcode=code) for n, code in enumerate(postcodes, start=1)]
        return write_csv(tmp_path / "orgs.csv", rows)

    def test_imported_listings_get_their_point(self, tmp_path):
        load()
        call_command(
            "import_organisations",
            str(self.rows(tmp_path, "e16an", "N1 9GU")),
            stdout=io.StringIO(),
        )
        imported = Organisation.objects.get(postcode="E1 6AN")
        assert imported.latitude == Decimal("51.520131")
        assert imported.borough.slug == "tower-hamlets"  # the postcode's, not the file's

    def test_an_unknown_or_outside_postcode_fails_its_row_and_writes_nothing(self, tmp_path):
        load(ONSPD, "--all")
        err = io.StringIO()
        with pytest.raises(CommandError, match="nothing was imported"):
            call_command(
                "import_organisations",
                str(self.rows(tmp_path, "E1 6AN", "E9 9QQ", "B1 1AA")),
                stdout=io.StringIO(),
                stderr=err,
            )
        assert "Row 2, postcode" in err.getvalue() and "could not find" in err.getvalue()
        assert "Row 3, postcode" in err.getvalue() and "outside London" in err.getvalue()
        assert "Row 1" not in err.getvalue()
        assert not Organisation.objects.exists()

    def test_postcodes_are_looked_up_once_per_file(self, tmp_path):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        load()

        def postcode_queries(path):
            with CaptureQueriesContext(connection) as queries:
                call_command("import_organisations", str(path), stdout=io.StringIO())
            return [q for q in queries if Postcode._meta.db_table in q["sql"]]

        small = postcode_queries(self.rows(tmp_path, "E1 6AN"))
        Organisation.objects.all().delete()
        large = postcode_queries(self.rows(tmp_path, "E1 6AN", "E2 7DG", "N1 9GU", "SW1A 1AA"))
        assert len(large) == len(small) <= 2


class TestPublicForms:
    def test_a_suggested_postcode_the_data_cannot_place_is_refused_in_polish(self, client):
        from directory.models import OrganisationSuggestion
        from tests.directory.test_contribution_pages import suggest_data
        from tests.factories import UserFactory

        load()
        listing = OrganisationFactory(postcode="E1 6AN")
        client.force_login(UserFactory())
        response = client.post(
            f"/pl/organisations/{listing.slug}/suggest/",
            suggest_data(listing, postcode="E9 9QQ", language="pl"),
        )
        assert response.status_code == 400
        assert "E9 9QQ" in response.content.decode()
        assert "We could not find" not in response.content.decode()  # said in Polish
        assert not OrganisationSuggestion.objects.exists()


class TestAdmin:
    def change_data(self, admin_client, organisation, **overrides):
        return organisation_change_data(admin_client, organisation, **overrides)

    def test_staff_adding_a_location_get_its_point_and_borough(self, admin_client):
        load()
        organisation = OrganisationFactory(postcode="E1 6AN")
        url, data = self.change_data(
            admin_client,
            organisation,
            **{
                "locations-TOTAL_FORMS": 1,
                "locations-0-address_1": "1 Whitechapel Road",
                "locations-0-city": "London",
                "locations-0-postcode": "sw1a1aa",
            },
        )
        response = admin_client.post(url, data)
        assert response.status_code == 302, response.context["errors"]
        location = Location.objects.get(organisation=organisation)
        assert location.postcode == "SW1A 1AA" and location.borough.slug == "westminster"
        assert location.latitude == Decimal("51.501009")

    def test_an_unknown_postcode_is_a_message_on_the_field(self, admin_client):
        load()
        organisation = OrganisationFactory(postcode="E1 6AN")
        url, data = self.change_data(
            admin_client,
            organisation,
            postcode="E9 9QQ",
            **{
                "locations-TOTAL_FORMS": 1,
                "locations-0-address_1": "1 Whitechapel Road",
                "locations-0-city": "London",
                "locations-0-postcode": "E9 9QQ",
            },
        )
        response = admin_client.post(url, data)
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("We could not find the postcode E9 9QQ") == 2  # listing and location
        assert not Location.objects.exists()
        organisation.refresh_from_db()
        assert organisation.postcode == "E1 6AN"
