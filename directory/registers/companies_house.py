"""Companies House's basic company data (the "Free Company Data Product").

Companies House publishes one CSV of every live company, about five million rows, with
a header row (some names with a leading space), whole or split into parts; each part
has the header. The parts, or the zip files they come in, are read in order as one
file, streamed: memory grows with London's community companies, not with the file.

A listing is made for each community interest company, registered society and
charitable incorporated organisation, and each company limited by guarantee with a
charitable or community SIC code (``data/companies_house.toml``), whose registered
office's postcode is in a London borough. There is no borough column: the postcode data
(``manage.py load_postcodes``) places the company, so without it nothing is imported.
Dissolved companies, and those in liquidation, are not listed; one we list is flagged.
The ``RegAddress.CareOf`` column, which often names a person, is never read.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import tomllib
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import OrganisationIdentifier, RegisterRecord, RegisterSource
from ..postcodes import postcodes_loaded
from ..validators import normalise_postcode, validate_org_id_identifier, validate_uk_postcode
from .base import Incoming, RegisterFileError, RegisterImporter, Summary, join
from .ccew import CharityCommission, _title, _valid

DATA = tomllib.loads((Path(__file__).parent / "data" / "companies_house.toml").read_text())
REQUIRED_COLUMNS = (
    "CompanyName",
    "CompanyNumber",
    "RegAddress.PostCode",
    "CompanyCategory",
    "CompanyStatus",
)
SIC_COLUMNS = tuple(f"SICCode.SicText_{n}" for n in range(1, 5))
PREVIOUS_NAME_COLUMNS = tuple(f"PreviousName_{n}.CompanyName" for n in range(1, 11))
# The names Companies House publishes the file under: whole, or part N of M.
_WHOLE = re.compile(
    r"^BasicCompanyDataAsOneFile-(?P<date>\d{4}-\d{2}-\d{2})\.(?:csv|zip)$", re.IGNORECASE
)
_PART = re.compile(
    r"^BasicCompanyData-(?P<date>\d{4}-\d{2}-\d{2})-part(?P<part>\d+)_(?P<parts>\d+)"
    r"\.(?:csv|zip)$",
    re.IGNORECASE,
)
_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_SIC = re.compile(r"^(?P<code>\d{4,5})\s*-\s*(?P<description>.*)$")
_NEC = re.compile(r"[\s,]*\bn\.?\s?e\.?\s?c\.?$", re.IGNORECASE)
REMOVED_STATUSES = tuple(status.lower() for status in DATA["removed_statuses"])
CHUNK = 5000

SKIP_FORM = "not a community interest company, society, CIO or company limited by guarantee"
SKIP_SIC = "limited by guarantee, with no charitable or community SIC code"
SKIP_GONE = "dissolved or in liquidation"
SKIP_AWAY = "not in London (by the registered office's postcode)"
NO_POSTCODES = (
    "no postcode data is loaded, and Companies House gives no borough: a company is "
    "placed in London by its registered office's postcode. Run manage.py load_postcodes "
    "with the ONS postcode directory first, then import again."
)


@dataclass(frozen=True)
class Columns:
    """Where each column is in one file's rows (header names stripped)."""

    positions: dict[str, int]

    def __call__(self, row: list[str], name: str) -> str:
        index = self.positions.get(name)
        return row[index].strip() if index is not None and index < len(row) else ""


@dataclass
class _Candidate:
    """A row that passed every check but the postcode's, kept until its chunk's postcodes
    are looked up."""

    where: str
    row: list[str]
    columns: Columns
    kind: dict
    postcode: str
    sic: list[tuple[str, str]]


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The CSV or zip files among ``paths`` (files, or folders holding them), in the
    order to read them: the published parts by part number, else as given."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".zip")))
        elif path.exists():
            files.append(path)
        else:
            raise RegisterFileError([f"{path}: no such file or folder"])
    if not files:
        raise RegisterFileError(["no CSV or zip file: expected BasicCompanyData-*.csv"])
    dates = {match["date"] for p in files if (match := _PART.match(p.name) or _WHOLE.match(p.name))}
    if len(dates) > 1:
        raise RegisterFileError(
            [f"the files are from different extracts ({', '.join(sorted(dates))}): give one"]
        )
    parts = [_PART.match(path.name) for path in files]
    if all(parts):
        order = {p: int(m["part"]) for p, m in zip(files, parts, strict=True) if m}
        files.sort(key=order.__getitem__)
    return files


def is_complete(files: list[Path]) -> bool:
    """Whether ``files`` are a whole extract as published (the one file, or every
    part): only then does a company's absence mean it has left the register."""
    if any(_WHOLE.match(path.name) for path in files):
        return True
    parts = [match for path in files if (match := _PART.match(path.name))]
    if not parts or len(parts) != len(files):
        return False
    counts = {int(match["parts"]) for match in parts}
    numbers = {int(match["part"]) for match in parts}
    return len(counts) == 1 and numbers == set(range(1, counts.pop() + 1))


def date_in_name(path: Path) -> datetime.date | None:
    match = _DATE_IN_NAME.search(path.name)
    try:
        return datetime.date.fromisoformat(match[1]) if match else None
    except ValueError:
        return None


def a_date(value: str) -> datetime.date | None:
    """A date as Companies House writes it (dd/mm/yyyy), or None."""
    for form in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(value, form).date()
        except ValueError:
            continue
    return None


def company_number(value: str) -> str:
    """The number as org-id writes it: upper case, digits zero-padded to eight."""
    value = value.strip().upper()
    return value.zfill(8) if value.isdigit() else value


def _texts(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """Each CSV in ``path`` (itself, or the CSVs in a zip), as text, with its name."""
    if path.suffix.lower() != ".zip":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield path.name, handle
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(n for n in archive.namelist() if n.lower().endswith(".csv"))
            if not members:
                raise RegisterFileError([f"{path.name}: no CSV file in the zip"])
            for member in members:
                with archive.open(member) as raw:
                    yield member, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    except zipfile.BadZipFile as error:
        raise RegisterFileError([f"{path.name}: not a zip file ({error})"]) from error


def read_rows(files: list[Path]) -> Iterator[tuple[str, int, list[str], Columns]]:
    """Every data row of every file, in order: (file name, line, cells, columns)."""
    for path in files:
        for name, handle in _texts(path):
            reader = csv.reader(handle)
            try:
                header = next(reader, None)
                if header is None:
                    raise RegisterFileError([f"{name}: empty, expected a header row"])
                columns = Columns({column.strip(): i for i, column in enumerate(header)})
                missing = [c for c in REQUIRED_COLUMNS if c not in columns.positions]
                if missing:
                    raise RegisterFileError([f"{name} line 1: no {', '.join(missing)} column"])
                for row in reader:
                    yield name, reader.line_num, row, columns
            except UnicodeDecodeError as error:
                raise RegisterFileError([f"{name}: not UTF-8 text ({error.reason})"]) from error
            except csv.Error as error:
                raise RegisterFileError([f"{name} line {reader.line_num}: {error}"]) from error


def sic_codes(row: list[str], columns: Columns) -> list[tuple[str, str]]:
    """(code, description) of each SIC text ("88990 - Other social work ... n.e.c.")."""
    codes = []
    for column in SIC_COLUMNS:
        match = _SIC.match(columns(row, column))
        if match:
            codes.append((match["code"], match["description"].strip()))
    return codes


def describe(kind: str, number: str, sic: list[tuple[str, str]]) -> str:
    """The listing's description: the register gives none, and ours may not be empty."""
    sentence = f"{kind} (Companies House number {number})."
    activities = []
    for code, description in sic:
        description = _NEC.sub("", description).strip(" .;,")
        if code != "99999" and description and description not in activities:
            activities.append(description)
    if activities:
        sentence += f" Registered activities: {'; '.join(activities)}."
    return sentence


class CompaniesHouse(RegisterImporter):
    source = RegisterSource.COMPANIES_HOUSE
    title = "the Companies House register"  # in stored reasons: data, in English

    def __init__(self, paths: Iterable[Path], *, extract_date: datetime.date | None = None):
        self.files = find_files(paths)
        if not postcodes_loaded():
            raise RegisterFileError([NO_POSTCODES])
        first = self.files[0]
        super().__init__(
            extract_date=extract_date
            or date_in_name(first)
            or datetime.date.fromtimestamp(first.stat().st_mtime)
        )
        self.complete = is_complete(self.files)
        self._ours: set[str] = set()  # our listings' entries, not yet flagged as removed
        self._seen: set[str] = set()  # ...of which this extract has a row
        self._removed: list[tuple[str, datetime.date | None]] = []

    # Reading and filtering ----------------------------------------------------------
    def incoming(self, summary: Summary) -> Iterator[Incoming]:
        self._ours = set(
            RegisterRecord.objects.filter(source=self.source, removed_on=None).values_list(
                "identifier", flat=True
            )
        )
        pending: list[_Candidate] = []
        for name, line, row, columns in read_rows(self.files):
            candidate = self._candidate(name, line, row, columns, summary)
            if candidate is None:
                continue
            pending.append(candidate)
            if len(pending) >= CHUNK:
                yield from self._in_london(pending, summary)
                pending = []
        if pending:
            yield from self._in_london(pending, summary)

    def _candidate(
        self, name: str, line: int, row: list[str], columns: Columns, summary: Summary
    ) -> _Candidate | None:
        """The row, if it is a community company still on the register (London is
        decided a chunk at a time, after)."""
        if self._ours:
            identifier = f"GB-COH-{company_number(columns(row, 'CompanyNumber'))}"
            if identifier in self._ours:
                self._seen.add(identifier)
        kind = DATA["categories"].get(columns(row, "CompanyCategory"))
        if kind is None:
            summary.skip(SKIP_FORM)
            return None
        dissolution = columns(row, "DissolutionDate")
        if dissolution or columns(row, "CompanyStatus").lower().startswith(REMOVED_STATUSES):
            identifier = f"GB-COH-{company_number(columns(row, 'CompanyNumber'))}"
            if identifier in self._ours:
                self._removed.append((identifier, a_date(dissolution)))
            summary.skip(SKIP_GONE)
            return None
        sic = sic_codes(row, columns)
        if kind["needs_sic"] and not any(code in DATA["sic"] for code, _text in sic):
            summary.skip(SKIP_SIC)
            return None
        postcode = normalise_postcode(columns(row, "RegAddress.PostCode"))
        if not postcode:
            summary.skip(SKIP_AWAY)
            return None
        return _Candidate(f"{name} line {line}", row, columns, kind, postcode, sic)

    def _in_london(self, pending: list[_Candidate], summary: Summary) -> Iterator[Incoming]:
        placed = CharityCommission._boroughs_of({candidate.postcode for candidate in pending})
        records = []
        for candidate in pending:
            borough = placed.get(candidate.postcode)
            if borough is None:
                summary.skip(SKIP_AWAY)
                continue
            incoming = self.map(candidate, borough=borough)
            if incoming is not None:
                records.append(incoming)
        self._keep_descriptions(records)
        yield from records

    def _keep_descriptions(self, records: list[Incoming]) -> None:
        """Our description is only a stand-in, for listings that would have none: it is
        left out for a listing we did not describe (from the Charity Commission, or
        written by a person), so it never becomes a suggestion to replace theirs."""
        identifiers = [record.identifier for record in records]
        ours = dict(
            RegisterRecord.objects.filter(
                source=self.source, identifier__in=identifiers
            ).values_list("identifier", "values")
        )
        held = set(
            OrganisationIdentifier.objects.filter(org_id__in=identifiers).values_list(
                "org_id", flat=True
            )
        )
        for record in records:
            if record.identifier in ours:
                keep = "description_en" in (ours[record.identifier] or {})
            else:
                keep = record.identifier not in held
            if not keep:
                record.values.pop("description_en", None)

    def removed(self) -> Iterator[tuple[str, datetime.date | None]]:
        """Our companies the extract says were dissolved or are in liquidation; and, from a
        whole extract, those it no longer has (it lists live companies only)."""
        yield from self._removed
        if self.complete:
            for identifier in sorted(self._ours - self._seen):
                yield identifier, None

    # Mapping ------------------------------------------------------------------------
    def map(self, candidate: _Candidate, *, borough: str) -> Incoming | None:
        row, columns, where = candidate.row, candidate.columns, candidate.where
        raw_number = columns(row, "CompanyNumber")
        number = company_number(raw_number)
        try:
            validate_org_id_identifier("GB-COH", number)
        except ValidationError as error:
            self.error(
                where,
                _("CompanyNumber: %(problem)s") % {"problem": " ".join(error.messages)},
            )
            return None
        name = _title(columns(row, "CompanyName"))
        if not name:
            self.error(where, _("CompanyName is empty"))
            return None
        previous = {_title(columns(row, column)) for column in PREVIOUS_NAME_COLUMNS}
        codes = [code for code, _text in candidate.sic]
        values = {
            "name_en": name[:200],
            "description_en": describe(candidate.kind["kind"], number, candidate.sic),
            "alternative_names": "\n".join(sorted(previous - {"", name})),
            "legal_form": candidate.kind["legal_form"],
            "address_1": _title(columns(row, "RegAddress.AddressLine1"))[:200],
            "address_2": _title(columns(row, "RegAddress.AddressLine2"))[:200],
            "city": _title(columns(row, "RegAddress.PostTown"))[:100],
            "postcode": _valid(candidate.postcode, validate_uk_postcode),
            "borough": borough,
            "categories": join(slug for code in codes for slug in DATA["sic"].get(code, [])),
            "beneficiaries": join(
                slug for code in codes for slug in DATA["beneficiaries"].get(code, [])
            ),
        }
        # What the register does not say is left out, not set empty: a listing's own
        # value (another register's, or a person's) is no conflict with silence.
        values = {field: value for field, value in values.items() if value}
        identifier = f"GB-COH-{number}"
        return Incoming(identifier=identifier, row=where, identifiers=[identifier], values=values)
