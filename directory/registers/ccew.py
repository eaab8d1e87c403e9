"""The Charity Commission for England and Wales' register extract.

The Commission publishes one file per table, as JSON (one array of objects) and as
tab-separated text with a header row; either form, or both mixed, is read. Four tables
are used: ``charity``, ``charity_area_of_operation``, ``charity_classification`` and
``charity_other_names``. Tables that name people (``charity_trustee``) are never
opened.

A listing is made for each registered (not removed) main charity (linked number 0)
that works in London: its areas of operation name a London borough or the whole of
London, or its contact postcode is in a borough (when postcode data is loaded). The
files are streamed, four passes in all, so memory grows with London's charities, not
with the file.
"""

from __future__ import annotations

import csv
import datetime
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import ijson
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from ..models import Borough, Postcode, RegisterSource
from ..validators import normalise_postcode, validate_org_id_identifier, validate_uk_postcode
from .base import Incoming, RegisterFileError, RegisterImporter, Summary, join

DATA = tomllib.loads((Path(__file__).parent / "data" / "ccew.toml").read_text())
TABLES = ("charity", "charity_area_of_operation", "charity_classification", "charity_other_names")
# Tables about people: never read, whatever is in the folder.
PERSONAL_TABLES = ("charity_trustee",)
_FILE = re.compile(r"^publicextract\.(?P<table>[a-z_]+)\.(?P<form>json|txt)$")
REQUIRED_COLUMNS = {
    "charity": (
        "organisation_number",
        "registered_charity_number",
        "linked_charity_number",
        "charity_name",
        "charity_registration_status",
    ),
    "charity_area_of_operation": (
        "organisation_number",
        "geographic_area_type",
        "geographic_area_description",
    ),
    "charity_classification": (
        "organisation_number",
        "classification_type",
        "classification_code",
    ),
    "charity_other_names": ("organisation_number", "charity_name"),
}
CHUNK = 5000


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def flag(value: Any) -> bool:
    return value is True or text(value).lower() in ("true", "1", "yes")


def number(value: Any) -> int | None:
    value = text(value)
    return int(value) if value.isdigit() else None


def a_date(value: Any) -> datetime.date | None:
    value = text(value)[:10]
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _area_key(description: str) -> str:
    key = description.lower().replace("&", "and").strip()
    key = re.sub(r"^(the )?london borough of ", "", key)
    return re.sub(r"\s+", " ", key)


def find_tables(paths: Iterable[Path]) -> dict[str, Path]:
    """The extract's table files among ``paths`` (files, or folders holding them)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.iterdir()))
        elif path.exists():
            files.append(path)
        else:
            raise RegisterFileError([f"{path}: no such file or folder"])
    tables: dict[str, Path] = {}
    for path in files:
        match = _FILE.match(path.name)
        if match is None or match["table"] not in TABLES:
            continue  # the trustee table among them: never opened
        # Where both forms are given, the JSON one is read.
        if match["table"] not in tables or match["form"] == "json":
            tables[match["table"]] = path
    if "charity" not in tables:
        raise RegisterFileError(
            [
                "no charity table: expected publicextract.charity.json or "
                "publicextract.charity.txt, as the Charity Commission publishes it"
            ]
        )
    return tables


def read_table(path: Path, table: str) -> Iterator[tuple[str, dict]]:
    """The rows of one table file, each with where it is ("file line 12")."""
    required = REQUIRED_COLUMNS[table]
    if path.suffix == ".json":
        with path.open("rb") as raw:
            if raw.read(3) != b"\xef\xbb\xbf":
                raw.seek(0)
            try:
                for index, row in enumerate(ijson.items(raw, "item", use_float=True), start=1):
                    where = f"{path.name} record {index}"
                    if not isinstance(row, dict):
                        raise RegisterFileError([f"{where}: not an object"])
                    if index == 1 and (missing := [c for c in required if c not in row]):
                        raise RegisterFileError([f"{where}: no {', '.join(missing)}"])
                    yield where, row
            except ijson.JSONError as error:
                raise RegisterFileError([f"{path.name}: not valid JSON ({error})"]) from error
        return
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise RegisterFileError([f"{path.name} line 1: no {', '.join(missing)} column"])
        try:
            for index, row in enumerate(reader, start=2):
                yield f"{path.name} line {index}", row
        except UnicodeDecodeError as error:
            raise RegisterFileError([f"{path.name}: not UTF-8 text ({error.reason})"]) from error


# Initials that stay in capitals when a name is turned from capitals into title case.
KEEP_CAPITALS = {"CIO", "CIC", "UK", "YMCA", "YWCA", "NHS", "BME", "LGBT", "LGBTQ", "&"}


def _title(name: str) -> str:
    """A name the register keeps in capitals, as people write it."""
    if not name.isupper():
        return name
    words = []
    for word in name.split():
        if word.strip("()") in KEEP_CAPITALS or "." in word.rstrip("."):  # C.I.C., U.K.
            words.append(word)
        else:
            words.append(word.capitalize().replace("'S", "'s"))
    return " ".join(words)


class CharityCommission(RegisterImporter):
    source = RegisterSource.CCEW
    title = "the Charity Commission register"  # in stored reasons: data, in English

    def __init__(self, paths: Iterable[Path], *, extract_date: datetime.date | None = None):
        self.tables = find_tables(paths)
        charity = self.tables["charity"]
        super().__init__(
            extract_date=extract_date
            or self._extract_date()
            or datetime.date.fromtimestamp(charity.stat().st_mtime)
        )
        self.boroughs = {borough.slug: borough for borough in Borough.objects.all()}
        self.by_name = {_area_key(b.name): b.slug for b in self.boroughs.values()}
        self.by_name.update(DATA["borough_aliases"])
        self._removed: list[tuple[str, datetime.date | None]] = []

    def _extract_date(self) -> datetime.date | None:
        for _where, row in read_table(self.tables["charity"], "charity"):
            return a_date(row.get("date_of_extract"))
        return None

    # Pass 1: where each charity works ----------------------------------------------
    def _areas(self, summary: Summary) -> dict[int, tuple[set[str], bool]]:
        areas: dict[int, tuple[set[str], bool]] = {}
        path = self.tables.get("charity_area_of_operation")
        if path is None:
            return areas
        for _where, row in read_table(path, "charity_area_of_operation"):
            key = number(row.get("organisation_number"))
            description = _area_key(text(row.get("geographic_area_description")))
            if key is None or not description:
                continue
            kind = text(row.get("geographic_area_type")).lower()
            parent = _area_key(text(row.get("parent_geographic_area_description")))
            boroughs, everywhere = areas.get(key, (set(), False))
            if description in DATA["all_london"] and kind in ("region", "local authority"):
                areas[key] = (boroughs, True)
            elif kind == "local authority" and description in self.by_name:
                boroughs.add(self.by_name[description])
                areas[key] = (boroughs, everywhere)
            elif kind == "local authority" and parent in DATA["all_london"]:
                summary.unmatched_areas[text(row.get("geographic_area_description"))] += 1
        return areas

    # Pass 2: which charities are listed --------------------------------------------
    def _london(self, summary: Summary, areas: dict) -> dict[int, str]:
        """organisation number -> borough from the postcode ("" if none), for every
        registered main charity in London; errors and removals are noted on the way."""
        london: dict[int, str] = {}
        by_postcode: dict[int, str] = {}
        for where, row in read_table(self.tables["charity"], "charity"):
            key = number(row.get("organisation_number"))
            charity_number = number(row.get("registered_charity_number"))
            linked = number(row.get("linked_charity_number") or 0)
            if key is None or charity_number is None or linked is None:
                self.error(
                    where,
                    _(
                        "organisation_number, registered_charity_number and "
                        "linked_charity_number must be whole numbers"
                    ),
                )
                continue
            if linked != 0:
                summary.skip("linked charities (listed with their main charity)")
                continue
            status = text(row.get("charity_registration_status")).lower()
            if status != "registered":
                self._removed.append(
                    (f"GB-CHC-{charity_number}", a_date(row.get("date_of_removal")))
                )
                summary.skip("removed from the register")
                continue
            if not text(row.get("charity_name")):
                self.error(where, _("charity_name is empty"))
                continue
            if key in areas:
                london[key] = ""
            else:
                postcode = normalise_postcode(text(row.get("charity_contact_postcode")))
                if postcode:
                    by_postcode[key] = postcode
                    if len(by_postcode) >= CHUNK:  # looked up a chunk at a time
                        self._place_chunk(by_postcode, london, summary)
                else:
                    summary.skip("not in London")
        self._place_chunk(by_postcode, london, summary)
        return london

    def _place_chunk(self, by_postcode: dict[int, str], london: dict, summary: Summary) -> None:
        """Add the charities whose postcode is in a London borough; empty the chunk."""
        placed = self._boroughs_of(set(by_postcode.values()))
        for key, postcode in by_postcode.items():
            if postcode in placed:
                london[key] = placed[postcode]
            else:
                summary.skip("not in London")
        by_postcode.clear()

    @staticmethod
    def _boroughs_of(postcodes: set[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        codes = sorted(postcodes)
        for start in range(0, len(codes), CHUNK):
            found.update(
                Postcode.objects.filter(
                    postcode__in=codes[start : start + CHUNK], borough__isnull=False
                ).values_list("postcode", "borough__slug")
            )
        return found

    # Pass 3: what they do, who for, and their other names --------------------------
    def _details(self, london: dict) -> tuple[dict, dict, dict]:
        categories: dict[int, set[str]] = {}
        beneficiaries: dict[int, set[str]] = {}
        other_names: dict[int, set[str]] = {}
        path = self.tables.get("charity_classification")
        if path is not None:
            for _where, row in read_table(path, "charity_classification"):
                key = number(row.get("organisation_number"))
                if key is None or key not in london:
                    continue
                kind = text(row.get("classification_type")).lower()
                code = text(row.get("classification_code"))
                if kind == "who":
                    beneficiaries.setdefault(key, set()).update(DATA["who"].get(code, []))
                elif kind in ("what", "how"):
                    categories.setdefault(key, set()).update(DATA[kind].get(code, []))
        path = self.tables.get("charity_other_names")
        if path is not None:
            for _where, row in read_table(path, "charity_other_names"):
                key = number(row.get("organisation_number"))
                if key is not None and key in london and (name := text(row.get("charity_name"))):
                    other_names.setdefault(key, set()).add(_title(name))
        return categories, beneficiaries, other_names

    # Pass 4: map each London charity -----------------------------------------------
    def incoming(self, summary: Summary) -> Iterator[Incoming]:
        areas = self._areas(summary)
        london = self._london(summary, areas)
        categories, beneficiaries, other_names = self._details(london)
        for where, row in read_table(self.tables["charity"], "charity"):
            key = number(row.get("organisation_number"))
            if key not in london:
                continue
            boroughs, everywhere = areas.get(key, (set(), False))
            yield self.map(
                row,
                where=where,
                boroughs=boroughs,
                everywhere=everywhere,
                postcode_borough=london[key],
                categories=categories.get(key, set()),
                beneficiaries=beneficiaries.get(key, set()),
                other_names=other_names.get(key, set()),
            )

    def removed(self) -> Iterator[tuple[str, datetime.date | None]]:
        return iter(self._removed)

    def map(
        self,
        row: dict,
        *,
        where: str,
        boroughs: set[str],
        everywhere: bool,
        postcode_borough: str,
        categories: set[str],
        beneficiaries: set[str],
        other_names: set[str],
    ) -> Incoming:
        charity_number = number(row.get("registered_charity_number"))
        identifiers = [f"GB-CHC-{charity_number}"]
        company = text(row.get("charity_company_registration_number")).upper()
        if company:
            company = company.zfill(8) if company.isdigit() else company
            try:
                validate_org_id_identifier("GB-COH", company)
                identifiers.append(f"GB-COH-{company}")
            except ValidationError:
                pass
        name = _title(text(row.get("charity_name")))
        lines = [
            text(row.get(f"charity_contact_address{n}"))
            for n in range(1, 6)
            if text(row.get(f"charity_contact_address{n}"))
        ]
        postcode = _valid(
            normalise_postcode(text(row.get("charity_contact_postcode"))), validate_uk_postcode
        )
        borough = next(iter(boroughs)) if len(boroughs) == 1 else postcode_borough
        legal_form = (
            "cio"
            if flag(row.get("charity_is_cio"))
            else DATA["legal_forms"].get(text(row.get("charity_type")), "registered_charity")
        )
        values = {
            "name_en": name[:200],
            "description_en": text(row.get("charity_activities"))
            or f"A registered charity (number {charity_number}).",
            "alternative_names": "\n".join(sorted(other_names - {name})),
            "legal_form": legal_form,
            "website": _website(text(row.get("charity_contact_web"))),
            "email": _valid(text(row.get("charity_contact_email")).lower(), EmailValidator()),
            "phone": text(row.get("charity_contact_phone"))[:30],
            "address_1": lines[0][:200] if lines else "",
            "address_2": ", ".join(lines[1:-1])[:200] if len(lines) > 2 else "",
            "city": (lines[-1] if len(lines) > 1 else "London")[:100],
            "postcode": postcode,
            "borough": borough or "",
            "serves_all_london": "1" if everywhere else "0",
            "areas_served": join(boroughs),
            "categories": join(categories),
            "beneficiaries": join(beneficiaries),
        }
        return Incoming(
            identifier=identifiers[0], row=where, identifiers=identifiers, values=values
        )


def _valid(value: str, validator: Callable[[str], None]) -> str:
    if not value:
        return ""
    try:
        validator(value)
    except ValidationError:
        return ""  # a malformed value in the register is left out, not imported
    return value


def _website(value: str) -> str:
    if value and not re.match(r"^https?://", value, re.IGNORECASE):
        value = f"https://{value}"
    return _valid(value, URLValidator(schemes=["http", "https"]))
