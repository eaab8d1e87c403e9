"""The public shape of an organisation (directory.public), and the doors that read it."""

from datetime import UTC, datetime, timedelta, timezone

from directory import public
from directory.api import views as api_views
from directory.models import Organisation
from directory.open_data import export
from directory.oruk import serializers as oruk
from directory.resources import OrganisationResource

ANY_LANGUAGE = set(public.translated_columns())


def test_the_summary_is_translated_and_no_translated_field_is_plain():
    assert set(public.SUMMARY_FIELDS) <= set(public.TRANSLATED_FIELDS)
    assert not set(public.TRANSLATED_FIELDS) & set(public.PUBLIC_FIELDS)


def test_translated_columns_go_field_by_field_in_the_languages_given():
    codes = public.LANGUAGE_CODES
    assert public.translated_columns(["name", "fees"]) == [
        *(f"name_{code}" for code in codes),
        *(f"fees_{code}" for code in codes),
    ]
    assert public.translated_columns(["name"], iter(["pl", "en"])) == ["name_pl", "name_en"]
    for column in ANY_LANGUAGE:
        Organisation._meta.get_field(column)  # every one is a real column


def test_every_public_field_is_a_plain_column_of_the_listing():
    for name in public.PUBLIC_FIELDS:
        field = Organisation._meta.get_field(name)
        assert field.concrete and not field.is_relation, name
    assert not set(public.PUBLIC_FIELDS) & {"search_text", "is_published", "source", "is_demo"}


def _organisation_columns(fields, prefix=""):
    return {name.removeprefix(prefix) for name in fields if name.startswith(prefix)}


def test_the_api_reads_the_whole_public_shape_and_nothing_else():
    assert sorted(api_views.ROW_FIELDS) == sorted([*public.PUBLIC_FIELDS, *ANY_LANGUAGE])


def test_the_downloads_and_oruk_read_only_public_columns():
    downloads = set(export.ROW_FIELDS) - {f"export_{f}" for f in public.SUMMARY_FIELDS}
    downloads -= {"borough__slug", "borough__name"}
    assert downloads <= set(public.PUBLIC_FIELDS)
    readable = set(public.PUBLIC_FIELDS) | ANY_LANGUAGE
    assert set(oruk.ORGANISATION_FIELDS) <= readable
    assert _organisation_columns(oruk.SERVICE_FULL_FIELDS, "organisation__") <= readable


def test_the_import_file_lists_the_details_in_the_shared_order():
    fields = list(OrganisationResource.Meta.fields)
    start = fields.index(public.DETAIL_FIELDS[0])
    assert tuple(fields[start : start + len(public.DETAIL_FIELDS)]) == public.DETAIL_FIELDS


def test_each_door_keeps_its_own_date_time_format():
    moment = datetime(2024, 5, 1, 12, 30, 45, 123456, tzinfo=UTC)
    assert public.api_datetime(moment) == "2024-05-01T12:30:45.123456Z"
    assert public.api_datetime(moment.replace(microsecond=0)) == "2024-05-01T12:30:45Z"
    assert public.download_datetime(moment) == "2024-05-01T12:30:45Z"
    assert public.oruk_datetime(moment) == "2024-05-01T12:30:45.123Z"
    summer = moment.astimezone(timezone(timedelta(hours=1)))
    assert public.download_datetime(summer) == "2024-05-01T12:30:45Z"
    assert public.oruk_datetime(summer) == "2024-05-01T12:30:45.123Z"
    for write in (public.api_datetime, public.download_datetime, public.oruk_datetime):
        assert write(None) is None
