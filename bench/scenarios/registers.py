"""8. Importing the Charity Commission register: ``manage.py import_register ccew`` on
a generated extract in the Commission's JSON layout (400,000 charities, of which 40,000
work in London), measured in a child process each time so its peak memory is its own,
inside a transaction that is rolled back. A smaller extract (a quarter of the size) is
imported first: the same peak memory for both shows the files are streamed.

Also runs on its own, against any migrated PostgreSQL database (left as it was)::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python -m bench.scenarios.registers
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import log

NAME = "registers"
CHARITIES = 400_000
LONDON = 40_000
# Budget: the whole London subset imports in under ten minutes.
IMPORT_SECONDS_MAX = 600.0
# Streamed: the full extract needs at most this much more memory than a quarter of it.
MEMORY_GROWTH_MAX = 1.5

BOROUGHS = (
    "Barking And Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden",
    "City Of London", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
    "Hammersmith And Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow",
    "Islington", "Kensington And Chelsea", "Kingston Upon Thames", "Lambeth", "Lewisham",
    "Merton", "Newham", "Redbridge", "Richmond Upon Thames", "Southwark", "Sutton",
    "Tower Hamlets", "Waltham Forest", "Wandsworth", "City Of Westminster",
)  # fmt: skip
ELSEWHERE = ("Leeds City", "Birmingham City", "Manchester City", "Bristol City", "Kent")
SYLLABLES = ("ash", "bel", "cor", "dun", "elm", "fen", "gar", "hol", "ivy", "kel", "lin",
             "mor", "nor", "oak", "pen", "ros", "sal", "tor", "wen", "yar")  # fmt: skip
KINDS = ("Community Trust", "Food Bank", "Youth Club", "Advice Centre", "Arts Project",
         "Carers Network", "Women's Group", "Refugee Welcome", "Sports Club", "Choir")  # fmt: skip
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # as in the inward half of a postcode
WHAT = (102, 103, 104, 105, 107, 108, 109, 110, 112, 113, 115)
WHO = (201, 202, 203, 204, 206, 207)


def title(_options) -> str:
    return f"8. import_register ccew: {CHARITIES:,} charities, {LONDON:,} in London"


def _place_name(number: int) -> str:
    # A made-up, pronounceable place for each charity, so names are rarely alike.
    first, second = divmod(number, len(SYLLABLES) ** 2)
    a, b = divmod(second, len(SYLLABLES))
    return (SYLLABLES[a] + SYLLABLES[b] + SYLLABLES[first % len(SYLLABLES)]).capitalize()


def _json_array(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("\ufeff[")
        for index, row in enumerate(rows):
            handle.write(("," if index else "") + json.dumps(row))
        handle.write("]")


def write_extract(folder: Path, *, charities: int = CHARITIES, london: int = LONDON) -> Path:
    """The four tables a London directory reads, in the published JSON layout."""
    from tests.registers.ccew_fixture import CHARITY_COLUMNS, EXTRACT

    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(16)
    in_london = set(rng.sample(range(charities), london))
    blank = dict.fromkeys(CHARITY_COLUMNS)

    def keys(number: int) -> dict:
        return {
            "date_of_extract": EXTRACT,
            "organisation_number": number + 1,
            "registered_charity_number": 300_000 + number,
            "linked_charity_number": 0,
        }

    def charity_rows():
        for number in range(charities):
            removed = number % 9 == 0
            yield {
                **blank,
                **keys(number),
                "charity_name": f"{_place_name(number)} {rng.choice(KINDS)}".upper(),
                "charity_type": rng.choice(("Trust", "CIO", "Charitable company", "Other")),
                "charity_registration_status": "Removed" if removed else "Registered",
                "date_of_removal": "2015-06-30T00:00:00" if removed else None,
                "charity_contact_address1": f"{number % 300 + 1} {_place_name(number)} Road",
                "charity_contact_address2": "London" if number in in_london else "Leeds",
                "charity_contact_postcode": (
                    f"N{number % 22 + 1} {number % 10}"
                    f"{LETTERS[number // 220 % 20]}{LETTERS[number // 4400 % 20]}"
                ),
                "charity_contact_phone": f"020 7946 {number % 10_000:04d}",
                "charity_contact_email": f"info@charity{number}.example.org",
                "charity_contact_web": f"www.charity{number}.example.org",
                "charity_is_cio": False,
                "charity_activities": "Advice, food and friendship for neighbours. " * 4,
            }

    def area_rows():
        for number in range(charities):
            area = rng.choice(BOROUGHS) if number in in_london else rng.choice(ELSEWHERE)
            yield {
                **keys(number),
                "geographic_area_type": "Local Authority",
                "geographic_area_description": area,
                "parent_geographic_area_type": "Region",
                "parent_geographic_area_description": (
                    "London" if number in in_london else "Elsewhere"
                ),
                "welsh_ind": False,
            }

    def classification_rows():
        for number in range(charities):
            for kind, code in (("What", rng.choice(WHAT)), ("Who", rng.choice(WHO))):
                yield {
                    **keys(number),
                    "classification_code": code,
                    "classification_type": kind,
                    "classification_description": "",
                }

    def other_name_rows():
        for number in range(0, charities, 7):
            yield {
                **keys(number),
                "charity_name_id": 1,
                "charity_name_type": "Working Name",
                "charity_name": f"{_place_name(number)} Friends",
            }

    _json_array(folder / "publicextract.charity.json", charity_rows())
    _json_array(folder / "publicextract.charity_area_of_operation.json", area_rows())
    _json_array(folder / "publicextract.charity_classification.json", classification_rows())
    _json_array(folder / "publicextract.charity_other_names.json", other_name_rows())
    return folder


def import_in_child(folder: Path) -> dict:
    """Import ``folder`` in a child process (rolled back there); its time, its summary
    and its own peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(  # noqa: S603 (this module, with a path we made)
        [sys.executable, "-m", "bench.scenarios.registers", "--child", str(folder)],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )
    output = child.stdout.read() if child.stdout else b""
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"the import failed (exit {child.returncode})")
    return {
        **json.loads(output.decode().strip().splitlines()[-1]),
        "wall_s": time.perf_counter() - started,
        "peak_mb": usage.ru_maxrss / 1024,  # kilobytes on Linux
    }


def _child(folder: Path) -> None:
    from bench import harness

    harness.setup_django()
    from django.db import transaction

    from directory.registers.ccew import CharityCommission

    started = time.perf_counter()
    with transaction.atomic():
        summary = CharityCommission([folder]).run()
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    print(json.dumps({"seconds": seconds, "new": summary.new, "flagged": summary.flagged}))


def measure(workdir: Path, *, charities: int = CHARITIES, london: int = LONDON) -> dict:
    results = {}
    for label, scale in (("quarter", 4), ("full", 1)):
        started = time.perf_counter()
        folder = write_extract(
            workdir / label, charities=charities // scale, london=london // scale
        )
        size = sum(path.stat().st_size for path in folder.iterdir()) / 1e6
        log(f"{label}: wrote {size:.0f} MB in {time.perf_counter() - started:.0f} s")
        results[label] = {**import_in_child(folder), "megabytes": size}
        log(f"{label}: {results[label]}")
    full, quarter = results["full"], results["quarter"]
    return {
        "charities": charities,
        "london": london,
        **results,
        "budget_s": IMPORT_SECONDS_MAX,
        "pass_time": full["seconds"] < IMPORT_SECONDS_MAX,
        "pass_memory": full["peak_mb"] <= quarter["peak_mb"] * MEMORY_GROWTH_MAX,
    }


def run(context) -> dict:
    return measure(context.workdir)


def checks(result: dict) -> list[bool]:
    return [result["pass_time"], result["pass_memory"]]


def summary(result: dict) -> str:
    full, quarter = result["full"], result["quarter"]
    rate = (full["new"] + full["flagged"]) / full["seconds"]
    return (
        f"{result['charities']:,} charities ({full['megabytes']:.0f} MB), "
        f"{full['new'] + full['flagged']:,} London listings in {full['seconds']:.0f} s "
        f"({rate:,.0f} a second), peak {full['peak_mb']:.0f} MB against "
        f"{quarter['peak_mb']:.0f} MB for a quarter of the file; budget < "
        f"{result['budget_s']:.0f} s: {'PASS' if result['pass_time'] else 'MISS'}, "
        f"memory flat: {'PASS' if result['pass_memory'] else 'MISS'}"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=title(None))
    parser.add_argument("--charities", type=int, default=CHARITIES)
    parser.add_argument("--london", type=int, default=LONDON)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    from bench import harness

    harness.setup_django()
    with tempfile.TemporaryDirectory(prefix="waytahead-registers-") as workdir:
        result = measure(Path(workdir), charities=args.charities, london=args.london)
    print(summary(result))
    return 0 if all(checks(result)) else 2


if __name__ == "__main__":
    sys.exit(main())
