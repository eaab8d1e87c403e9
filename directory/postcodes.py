"""Postcodes: reading the ONS postcode directory, and saying where a postcode is.

``load_postcodes`` streams an ONSPD or NSPL CSV into ``Postcode`` (London only unless
asked for all), and ``locate`` turns what someone typed into a point and a borough, or
a message that says what is wrong with it.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from common.batching import batched

from .bulk import analyse
from .geo import Point
from .models import Borough, Postcode, PostcodeLoad
from .validators import _POSTCODE, normalise_postcode

# Source and licence, shown on the site and in the data package.
ATTRIBUTION = (
    "Contains OS data © Crown copyright and database right; Contains Royal Mail data "
    "© Royal Mail copyright and database right; Source: Office for National Statistics "
    "licensed under the Open Government Licence v.3.0"
)
SOURCE_URL = "https://geoportal.statistics.gov.uk/"
# The published files mark a postcode with no grid reference with this latitude.
NO_GRID_REFERENCE = Decimal("99.999999")
BATCH_SIZE = 5000

# The columns each layout must have: the postcode, its local authority, where it is and
# when it ended. ONSPD calls the local authority "oslaua", NSPL "laua".
REQUIRED = ("pcds", "lat", "long", "doterm")
DISTRICT_COLUMNS = ("laua", "oslaua")


class PostcodeFileError(ValueError):
    """The file is not an ONSPD or NSPL CSV; the message says what is missing."""


class PostcodeProblem(ValidationError):
    """A postcode that is well formed but cannot be placed: unknown, or outside London."""


@dataclass(frozen=True)
class Place:
    """Where a postcode is: its centroid, the borough it is in, and when it ended."""

    postcode: str
    latitude: Decimal
    longitude: Decimal
    borough: Borough | None
    terminated: datetime.date | None

    @property
    def point(self) -> Point:
        return Point.of(self.latitude, self.longitude)


@dataclass
class LoadResult:
    read: int = 0  # data rows in the file
    loaded: int = 0  # rows written (new or refreshed)
    skipped_outside: int = 0  # outside London (without --all)
    skipped_unplaced: int = 0  # no grid reference, or no usable coordinates


@dataclass
class _Preloaded:
    loaded: bool
    looked_up: set[str]
    places: dict[str, Place]


# Postcodes read ahead for a whole file (``preloaded``), so rows need no query each.
_preloaded: ContextVar[_Preloaded | None] = ContextVar("postcodes_preloaded", default=None)


def _place_of(row: Postcode) -> Place:
    return Place(
        postcode=row.postcode,
        latitude=row.latitude,
        longitude=row.longitude,
        borough=row.borough,
        terminated=row.terminated,
    )


@contextmanager
def preloaded(postcodes: Iterable[str]) -> Iterator[None]:
    """Look up ``postcodes`` in one query, for an import: inside the block, placing and
    checking those postcodes asks the database nothing more."""
    codes = {normalise_postcode(code) for code in postcodes if code}
    rows = Postcode.objects.select_related("borough").filter(postcode__in=codes)
    token = _preloaded.set(
        _Preloaded(
            loaded=postcodes_loaded(),
            looked_up=codes,
            places={row.postcode: _place_of(row) for row in rows},
        )
    )
    try:
        yield
    finally:
        _preloaded.reset(token)


def postcodes_loaded() -> bool:
    """Whether a postcode directory has been loaded (``load_postcodes``): only then are
    addresses checked against it. (The demo's own postcodes place its listings, but are
    too few to refuse a real postcode by.)"""
    if (ahead := _preloaded.get()) is not None:
        return ahead.loaded
    return PostcodeLoad.objects.exists()


def place(postcode: str) -> Place | None:
    """The loaded data's entry for ``postcode`` (in any spacing or case), or None."""
    code = normalise_postcode(postcode)
    if not code:
        return None
    if (ahead := _preloaded.get()) is not None and code in ahead.looked_up:
        return ahead.places.get(code)
    row = Postcode.objects.select_related("borough").filter(postcode=code).first()
    return None if row is None else _place_of(row)


def locate(postcode: str, *, london_only: bool = True) -> Place:
    """Where ``postcode`` is; raises ``PostcodeProblem`` with a message for the person
    who typed it when it is malformed, unknown to the loaded data or outside London."""
    code = normalise_postcode(postcode)
    if not _POSTCODE.match(code):
        raise PostcodeProblem(
            _("“%(value)s” is not a valid UK postcode, such as E1 6AN."),
            code="invalid_postcode",
            params={"value": postcode},
        )
    found = place(code)
    if found is None:
        raise PostcodeProblem(
            _("We could not find the postcode %(postcode)s. Check it and try again."),
            code="unknown_postcode",
            params={"postcode": code},
        )
    if london_only and found.borough is None:
        raise PostcodeProblem(
            _("The postcode %(postcode)s is outside London."),
            code="outside_london",
            params={"postcode": code},
        )
    return found


# Set while a register is imported: its postcodes are the register's own record, kept
# even where the loaded postcode data (older, or London only) cannot place them.
_unchecked: ContextVar[bool] = ContextVar("postcodes_unchecked", default=False)


@contextmanager
def unchecked() -> Iterator[None]:
    """Inside the block, well-formed postcodes are accepted without being placed."""
    token = _unchecked.set(True)
    try:
        yield
    finally:
        _unchecked.reset(token)


def check_address_postcode(postcode: str) -> Place | None:
    """For forms, the admin and imports: the place of an address's postcode, or None
    when no postcode data is loaded (a new install), raising ``PostcodeProblem`` when
    the data is loaded but cannot place it in London."""
    if not postcode or not _POSTCODE.match(normalise_postcode(postcode)):
        return None  # none given, or malformed: the field's own validator says so
    if _unchecked.get() or not postcodes_loaded():
        return None
    return locate(postcode)


# Reading the published files


def _open_rows(stream: IO[str]) -> tuple[csv.DictReader, str]:
    reader = csv.DictReader(stream)
    columns = [name.strip().lower() for name in (reader.fieldnames or [])]
    reader.fieldnames = columns
    missing = [name for name in REQUIRED if name not in columns]
    district = next((name for name in DISTRICT_COLUMNS if name in columns), None)
    if district is None:
        missing.append(" or ".join(DISTRICT_COLUMNS))
    if missing or district is None:
        found = ", ".join(columns[:8]) + (", …" if len(columns) > 8 else "") or "none"
        raise PostcodeFileError(
            "This is not an ONS postcode directory (ONSPD or NSPL) CSV: it has no "
            f"{', '.join(missing)} column. Columns found: {found}."
        )
    return reader, district


def _terminated(value: str | None) -> datetime.date | None:
    value = (value or "").strip()
    if len(value) != 6 or not value.isdigit():
        return None
    year, month = int(value[:4]), int(value[4:])
    if not 1 <= month <= 12:
        return None
    return datetime.date(year, month, 1)


def _coordinate(value: str | None) -> Decimal | None:
    try:
        number = Decimal((value or "").strip())
    except InvalidOperation:
        return None
    return number.quantize(Decimal("0.000001")) if number.is_finite() else None


def read_postcodes(
    stream: IO[str], *, london_only: bool = True, result: LoadResult | None = None
) -> Iterator[Postcode]:
    """The rows of an ONSPD or NSPL CSV as unsaved ``Postcode`` objects, one at a time."""
    result = result if result is not None else LoadResult()
    reader, district_column = _open_rows(stream)
    boroughs = {borough.gss_code: borough for borough in Borough.objects.all()}
    for row in reader:
        result.read += 1
        district = (row.get(district_column) or "").strip()
        borough = boroughs.get(district)
        if london_only and borough is None:
            result.skipped_outside += 1
            continue
        latitude, longitude = _coordinate(row.get("lat")), _coordinate(row.get("long"))
        code = normalise_postcode(row.get("pcds") or "")
        if (
            latitude is None
            or longitude is None
            or latitude == NO_GRID_REFERENCE
            or not -90 <= latitude <= 90
            or not -180 <= longitude <= 180
            or not _POSTCODE.match(code)
        ):
            result.skipped_unplaced += 1
            continue
        yield Postcode(
            postcode=code,
            district_code=district[:9],
            borough=borough,
            latitude=latitude,
            longitude=longitude,
            terminated=_terminated(row.get("doterm")),
        )


def load_postcodes(
    stream: IO[str],
    *,
    london_only: bool = True,
    progress: Callable[[int], None] | None = None,
    file_name: str = "",
) -> LoadResult:
    """Stream a postcode file into the table: new postcodes are added and known ones
    refreshed, so loading the same file twice leaves the same rows. Each batch is one
    transaction; a file in the wrong layout raises ``PostcodeFileError`` before any
    write. Afterwards the table's statistics are refreshed for the planner."""
    result = LoadResult()
    rows = read_postcodes(stream, london_only=london_only, result=result)
    fields = ["district_code", "borough", "latitude", "longitude", "terminated"]
    for batch in batched(rows, BATCH_SIZE):
        # A file may list a postcode twice (pcd and pcds spellings of one code): the
        # last row wins, as it would row by row.
        unique = list({row.postcode: row for row in batch}.values())
        with transaction.atomic():
            Postcode.objects.bulk_create(
                unique, update_conflicts=True, unique_fields=["postcode"], update_fields=fields
            )
        result.loaded += len(unique)
        if progress is not None:
            progress(result.read)
    PostcodeLoad.objects.create(
        file_name=file_name[:255], london_only=london_only, postcodes=result.loaded
    )
    analyse(Postcode)
    return result
