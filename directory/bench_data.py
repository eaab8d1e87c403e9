"""Synthetic organisations for load and search benchmarks, inserted in bulk.

``seed_bench(organisations=N)`` adds N published, fictional organisations with slugs
``bench-000001``, ``bench-000002``, ... and their many-to-many rows (areas of work,
languages, area served). No signals run and no history is recorded, so the folded
``search_text`` is computed here exactly as ``directory.search.search_text_for``
builds it (name, description and category names in every language, folded).

How the rows are written, and why: the organisations and their many-to-many through
rows go in batch by batch with one prepared INSERT run by ``executemany`` on SQLite,
and with COPY on PostgreSQL (multi-row INSERTs on other databases), with the columns
and defaults taken from the models and every non-text value prepared by its model
field (``get_db_prep_save``). ``bulk_create`` was
the first version, but an Organisation has over 70 columns (four translated fields in
ten languages) and bulk_create spent most of its time preparing each value of each
row (on SQLite it can also only fit 13 such rows in a statement): 50,000 took about
45 s on SQLite that way, and the through rows another 8 s. As django-modeltranslation
does on save, the original ``name``/``description`` columns and ``name_en``/
``description_en`` both hold the English text. On PostgreSQL most of the remaining
time is the database maintaining the trigram and full-text GIN indexes.

Every organisation has a postcode, and the point and borough that go with it, as saving
one would give it: the postcodes are a fixed, made-up set (``bench_postcodes``), a few
hundred a borough in the outward codes the demo gives it, their points spread within a
few kilometres of the borough's rough centre (both from ``demo/data/places.toml``), and
they are written to ``Postcode`` too, so that a search near one of them works.

A second run APPENDS: numbering continues after the highest existing ``bench-`` slug,
so nothing is overwritten and nothing clashes. For a known size, seed a throwaway
database. The rows are marked ``is_demo=True`` and ``source=BENCH_SOURCE``; to remove
them, delete ``Organisation.objects.filter(source=BENCH_SOURCE)``.
"""

from __future__ import annotations

import io
import math
import random
import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from common.demo_data import read

from . import changes, lexicon
from .bulk import analyse
from .geo import KM_PER_DEGREE_LATITUDE
from .models import Borough, Language, Organisation, Postcode, SearchWord, TaxonomyTerm
from .models.lexicon import ListingWords
from .models.records import SOURCE_BENCH
from .search import fold

BENCH_PREFIX = "bench-"
BENCH_SOURCE = SOURCE_BENCH
SEED = 50_000
# Rows per multi-row INSERT outside SQLite.
_ROWS_PER_STATEMENT = 500

THEMES = (
    "Food", "Youth", "Carers", "Women's", "Elders", "Refugee", "Arts", "Sports", "Advice",
    "Housing", "Wellbeing", "Green", "Digital", "Family", "Disability", "Music", "Heritage",
    "Community", "Learning", "Neighbourhood",
)  # fmt: skip
KINDS = (
    "Network", "Project", "Trust", "Association", "Collective", "Hub", "Forum", "Club",
    "Alliance", "Partnership", "Circle", "Centre",
)  # fmt: skip
LEGAL_FORMS = [choice for choice, _label in Organisation.LegalForm.choices]
# The made-up postcodes: how many a borough, and how far from its centre they may be.
POSTCODES_PER_BOROUGH = 400
SPREAD_KM = 3.0
LONDON_CENTRE = (51.5072, -0.1276)
_PLACES = Path(__file__).resolve().parent / "demo" / "data"
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses, as the demo does
_NON_WORD = re.compile(r"[^\w]+")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def fast_fold(text: str) -> str:
    """``search.fold``, with a quick path for plain ASCII (where it is just lower case)."""
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    return fold(text)


def next_bench_number() -> int:
    """One more than the highest number used by an existing ``bench-`` slug."""
    slugs = Organisation.objects.filter(slug__startswith=BENCH_PREFIX).values_list(
        "slug", flat=True
    )
    numbers = [int(s[len(BENCH_PREFIX) :]) for s in slugs if s[len(BENCH_PREFIX) :].isdigit()]
    return max(numbers, default=0) + 1


@dataclass(frozen=True)
class BenchPostcode:
    postcode: str
    latitude: Decimal
    longitude: Decimal


def bench_postcodes(boroughs: list[Borough]) -> dict[int, list[BenchPostcode]]:
    """The made-up postcodes of each borough (by its id), the same on every run.

    ``POSTCODES_PER_BOROUGH`` a borough, in the outward codes the demo gives it (one
    that two boroughs share goes to the first, by slug), each at a point within
    ``SPREAD_KM`` of the borough's rough centre. A borough the demo's places do not
    name gets none.
    """
    places = read(_PLACES, "places")
    inwards = [
        f"{digit}{first}{second}"
        for digit in range(1, 10)
        for first in _INWARD_LETTERS
        for second in _INWARD_LETTERS
    ]
    claimed: set[str] = set()
    found: dict[int, list[BenchPostcode]] = {}
    for borough in sorted(boroughs, key=lambda borough: borough.slug):
        outwards = [
            outward
            for outward in dict.fromkeys(
                code for _place, code in places["places"].get(borough.slug, [])
            )
            if outward not in claimed
        ]
        claimed.update(outwards)
        if not outwards:
            continue
        latitude, longitude = places["centres"].get(borough.slug, LONDON_CENTRE)
        km_per_degree_longitude = KM_PER_DEGREE_LATITUDE * math.cos(math.radians(latitude))
        rng = random.Random(f"{SEED}-{borough.slug}")
        codes = []
        for index in range(min(POSTCODES_PER_BOROUGH, len(outwards) * len(inwards))):
            outward = outwards[index % len(outwards)]
            inward = inwards[index // len(outwards)]
            # Uniform over a disc: the square root keeps the centre from crowding.
            distance = SPREAD_KM * math.sqrt(rng.random())
            bearing = rng.uniform(0, 2 * math.pi)
            north = distance * math.cos(bearing) / KM_PER_DEGREE_LATITUDE
            east = distance * math.sin(bearing) / km_per_degree_longitude
            codes.append(
                BenchPostcode(
                    postcode=f"{outward} {inward}",
                    latitude=Decimal(f"{latitude + north:.6f}"),
                    longitude=Decimal(f"{longitude + east:.6f}"),
                )
            )
        found[borough.pk] = codes
    return found


def write_bench_postcodes(boroughs: list[Borough]) -> dict[int, list[BenchPostcode]]:
    """Add the made-up postcodes to ``Postcode`` (keeping any row already there, from an
    earlier run or the real ONS directory) and return them as the table holds them."""
    planned = bench_postcodes(boroughs)
    by_id = {borough.pk: borough for borough in boroughs}
    Postcode.objects.bulk_create(
        [
            Postcode(
                postcode=code.postcode,
                district_code=by_id[borough_id].gss_code,
                borough=by_id[borough_id],
                latitude=code.latitude,
                longitude=code.longitude,
            )
            for borough_id, codes in planned.items()
            for code in codes
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    stored = Postcode.objects.in_bulk(
        [code.postcode for codes in planned.values() for code in codes]
    )
    return {
        borough_id: [
            BenchPostcode(code.postcode, row.latitude, row.longitude)
            for code in codes
            if (row := stored.get(code.postcode)) is not None
        ]
        for borough_id, codes in planned.items()
    }


def seed_bench(*, organisations: int, batch_size: int = 2000) -> int:
    """Add ``organisations`` synthetic published organisations; return how many were added."""
    if organisations <= 0:
        return 0
    start = next_bench_number()
    rng = random.Random(SEED + start)
    language_codes = [code for code, _name in settings.LANGUAGES]
    boroughs = list(Borough.objects.order_by("slug"))
    categories = sorted(TaxonomyTerm.objects.categories(), key=lambda term: term.name_en or "")
    languages = list(Language.objects.order_by("code"))
    english = next((language for language in languages if language.code == "en"), None)
    # Each category's name in every language, as search_text_for adds them.
    category_names = {
        term.pk: [
            value for code in language_codes if (value := getattr(term, f"name_{code}", None))
        ]
        for term in categories
    }
    folded = {text: fast_fold(text) for names in category_names.values() for text in names}
    now = timezone.now()
    using = router.db_for_write(Organisation)
    connection = connections[using]
    organisations_writer = _RowWriter(
        connection,
        Organisation,
        status=Organisation.Status.ACTIVE,
        is_published=True,
        source=BENCH_SOURCE,
        is_demo=True,
    )
    links = {
        "categories": _ThroughWriter(connection, Organisation.categories),
        "languages": _ThroughWriter(connection, Organisation.languages),
        "areas_served": _ThroughWriter(connection, Organisation.areas_served),
    }

    created = 0
    with transaction.atomic(using=using):
        postcodes = write_bench_postcodes(boroughs)
        for offset in range(0, organisations, batch_size):
            batch = range(start + offset, start + min(organisations, offset + batch_size))
            orgs: list[list] = []
            rows: dict[str, list] = {key: [] for key in links}
            added: list[uuid.UUID] = []
            texts: list[str] = []
            for number in batch:
                added.append(uuid.uuid4())
                org_id = organisations_writer.prepare("id", added[-1])
                borough = boroughs[number % len(boroughs)] if boroughs else None
                place = borough.name if borough else "London"
                name = f"{place} {rng.choice(THEMES)} {rng.choice(KINDS)} {number:06d}"
                picked = rng.sample(range(len(categories)), min(len(categories), rng.randint(1, 3)))
                terms = [categories[index] for index in sorted(picked)]
                work = ", ".join(term.name_en.lower() for term in terms if term.name_en)
                description = (
                    f"{name} is a synthetic organisation generated to benchmark The Way Ahead. "
                    f"It works on {work or 'many things'} in {place}. "
                    "It is not a real organisation."
                )
                # What search_text_for builds: fold(" ".join(dict.fromkeys(parts))).
                parts = [name, description]
                for term in terms:
                    parts.extend(category_names[term.pk])
                search_text = " ".join(
                    text
                    for part in dict.fromkeys(parts)
                    if (text := folded.get(part) or fast_fold(part))
                )
                texts.append(search_text)
                orgs.append(
                    organisations_writer.row(
                        id=org_id,
                        slug=f"{BENCH_PREFIX}{number:06d}",
                        name=name,
                        name_en=name,
                        description=description,
                        description_en=description,
                        legal_form=rng.choice(LEGAL_FORMS),
                        borough_id=borough.pk if borough else None,
                        **_placed(rng, postcodes.get(borough.pk) if borough else None),
                        last_confirmed_at=now - timedelta(days=rng.randint(0, 500)),
                        search_text=search_text,
                    )
                )
                rows["categories"].extend(links["categories"](org_id, term) for term in terms)
                spoken = [english] if english else []
                if languages and rng.random() < 0.4:
                    spoken.append(rng.choice(languages))
                rows["languages"].extend(
                    links["languages"](org_id, language) for language in dict.fromkeys(spoken)
                )
                if borough:
                    rows["areas_served"].append(links["areas_served"](org_id, borough))
            organisations_writer.insert(orgs)
            changes.record(added, using=using)  # bulk inserts send no signals
            lexicon.count_new(zip(added, texts, strict=True), using=using)  # nor do they count
            if offset == 0:
                _analyse_if_new(connection, Organisation, len(orgs))
            for key, writer in links.items():
                writer.insert(rows[key])
            created += len(orgs)
    # Every table written, for the planner.
    analyse(Organisation, Postcode, SearchWord, ListingWords, using=using)
    return created


def _analyse_if_new(connection, model, added: int) -> None:
    """On PostgreSQL, give a table the planner takes for empty its first statistics.

    Without them (a new database, never analysed), it may check each through row's
    foreign key to the table with any index that has ``id`` in it, such as a name-order
    index on ``(name, id)``, which it then reads whole: a scan of the table per row, so
    a first seed of 120,000 organisations took over a quarter of an hour. Once it has
    seen the first batch, it uses the primary key.
    """
    if connection.vendor != "postgresql":
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [table])
        found = cursor.fetchone()
        if found is not None and found[0] < added:  # -1: never analysed
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _placed(rng: random.Random, postcodes: list[BenchPostcode] | None) -> dict:
    """A postcode from the borough's, with its point (none if it has none)."""
    if not postcodes:
        return {}
    code = rng.choice(postcodes)
    return {"postcode": code.postcode, "latitude": code.latitude, "longitude": code.longitude}


class _RowWriter:
    """Prepares rows of one model from its fields and inserts them in batches."""

    def __init__(self, connection, model, **constant):
        self.connection = connection
        self.model = model
        template = model(**constant)
        # Every column but an auto-incrementing primary key, which the database assigns.
        self.fields = [
            field
            for field in model._meta.concrete_fields
            if not (field.primary_key and field.db_returning)
        ]
        self.position = {field.attname: index for index, field in enumerate(self.fields)}
        # Defaults (and auto_now timestamps) come from the model, prepared once.
        self.defaults = [
            field.get_db_prep_save(field.pre_save(template, add=True), connection)
            for field in self.fields
        ]

    def prepare(self, attname: str, value):
        return self.fields[self.position[attname]].get_db_prep_save(value, self.connection)

    def row(self, **values) -> list:
        row = list(self.defaults)
        for attname, value in values.items():
            index = self.position[attname]
            # Text needs no preparing; ids, dates and keys go through their field.
            if not isinstance(value, str):
                value = self.fields[index].get_db_prep_save(value, self.connection)
            row[index] = value
        return row

    def insert(self, rows: list[list]) -> None:
        if not rows:
            return
        connection = self.connection
        quote = connection.ops.quote_name
        columns = ", ".join(quote(field.column) for field in self.fields)
        values = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        table = quote(self.model._meta.db_table)
        # Only quoted identifiers from the model's metadata; values go as parameters.
        sql = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                # One prepared statement, run for every row inside SQLite.
                cursor.executemany(sql + values, rows)
                return
            copy_expert = getattr(cursor.cursor, "copy_expert", None)  # psycopg2
            if copy_expert is not None and all(map(_copyable, rows[0])):
                # COPY is several times faster than even multi-row INSERTs.
                copy_expert(f"COPY {table} ({columns}) FROM STDIN", _copy_text(rows))
                return
            for first in range(0, len(rows), _ROWS_PER_STATEMENT):
                chunk = rows[first : first + _ROWS_PER_STATEMENT]
                cursor.execute(
                    sql + ", ".join([values] * len(chunk)),
                    [value for row in chunk for value in row],
                )


def _copyable(value) -> bool:
    """Whether COPY's text format can carry ``value`` as ``str()`` writes it.

    Every row of a batch has the same column types, so checking one row is enough.
    """
    return value is None or isinstance(value, str | bool | int | float | Decimal | uuid.UUID | date)


def _copy_text(rows: list[list]) -> io.StringIO:
    """Rows in PostgreSQL's COPY text format (tab-separated, \\N for NULL)."""

    def text(value) -> str:
        if value is None:
            return "\\N"
        if value is True or value is False:
            return "t" if value else "f"
        return str(value).translate(_COPY_ESCAPES)

    return io.StringIO("".join("\t".join(map(text, row)) + "\n" for row in rows))


class _ThroughWriter(_RowWriter):
    """Rows of the through table of one many-to-many field of Organisation."""

    def __init__(self, connection, descriptor):
        field = descriptor.field
        super().__init__(connection, field.remote_field.through)
        self.source = self.position[f"{field.m2m_field_name()}_id"]
        target = f"{field.m2m_reverse_field_name()}_id"
        self.prepare_target = partial(self.prepare, target)
        self.target = self.position[target]
        self.targets: dict = {}

    def __call__(self, prepared_organisation_id, obj) -> list:
        """A row linking an organisation (its id already prepared) to ``obj``."""
        target = self.targets.get(obj.pk)
        if target is None:
            target = self.targets[obj.pk] = self.prepare_target(obj.pk)
        row = list(self.defaults)
        row[self.source] = prepared_organisation_id
        row[self.target] = target
        return row
