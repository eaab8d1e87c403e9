"""Small-number suppression for every public or partner figure.

Primary: a count from 1 to THRESHOLD-1 is hidden. Secondary: in a table published with
its total, a hidden cell must never be the only hidden one, or it could be worked out
as the total minus the others; so one more cell (the smallest non-zero one) is hidden
too. Nor may the hidden cells together add up to a small number (two hidden cells that
make 2 between them can only be 1 and 1), so more cells are hidden until they add up to
at least THRESHOLD. A total that is itself small hides the whole table. A percentage is
hidden when its base is under SMALL_BASE_THRESHOLD.

``suppress_rows`` does the same for a two-way table whose rows are shown or hidden
whole (cells and row total), with every column total assumed known.

``publish_table``, ``publish_rows`` and ``publish_count`` are what every door uses:
suppression decided on the true counts, then each shown count perturbed by its cell
key (``perturbation``), so that neither the shown counts nor the totals are exact.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable

from django.conf import settings

from .perturbation import Cell, cell_sum, perturb

Hidden = None


def threshold() -> int:
    return settings.SMALL_NUMBER_THRESHOLD


def _is_small(value: int, limit: int) -> bool:
    return 0 < value < limit


def suppress_table(
    counts: dict, limit: int | None = None, *, also_hide: Iterable[Hashable] = ()
) -> tuple[dict, int | None]:
    """Suppress a one-way table published with its total.

    ``also_hide`` names cells to hide whatever their value (a cell hidden in another
    table that shares it). Returns ({key: count or None}, total or None). None means
    "hidden". Whenever the total is shown, either no cell is hidden, or at least two
    are and together they add up to THRESHOLD or more.
    """
    limit = threshold() if limit is None else limit
    total = sum(counts.values())
    if _is_small(total, limit):
        return dict.fromkeys(counts, Hidden), Hidden
    hidden = {key for key, value in counts.items() if _is_small(value, limit)}
    hidden |= {key for key in also_hide if key in counts}

    def exposed() -> bool:
        return len(hidden) == 1 or _is_small(sum(counts[key] for key in hidden), limit)

    while hidden and exposed():
        others = [key for key in counts if key not in hidden]
        non_zero = sorted((key for key in others if counts[key]), key=lambda key: counts[key])
        if non_zero:
            hidden.add(non_zero[0])
        elif others and len(hidden) == 1 and sum(counts[key] for key in hidden) >= limit:
            hidden.add(others[0])  # a zero: enough that the one cell is not the only one
        else:  # nothing left that could protect them: the total would give them away
            return dict.fromkeys(counts, Hidden), Hidden
    return {key: (Hidden if key in hidden else value) for key, value in counts.items()}, total


def suppress_rows(
    cells: dict[Hashable, dict[Hashable, int]],
    limit: int | None = None,
    *,
    protect_columns: Iterable[Hashable] = (),
    also_hide: Iterable[Hashable] = (),
) -> dict[Hashable, dict[Hashable, int] | None]:
    """Suppress a two-way table row by row: each row is shown whole or hidden whole
    (its cells and its total), and the column totals are assumed to be known.

    A row with a small cell is hidden; then, so that no column lets a hidden cell be
    worked back from its total, more rows are hidden until no row is hidden alone and,
    in every column, the hidden rows add up to 0 or at least THRESHOLD. With the hidden
    rows' totals unpublished, each column is then a one-way table protected as
    ``suppress_table`` protects one. ``protect_columns`` names columns whose totals are
    hidden elsewhere: the shown rows must not add up to them, so at least one hidden
    row has a count in each of them.

    Returns {row: {column: count} or None (hidden)}.
    """
    limit = threshold() if limit is None else limit
    rows = list(cells)
    columns = list(dict.fromkeys(column for row in cells.values() for column in row))
    protect = [column for column in protect_columns if any(cells[r].get(column) for r in rows)]
    hidden = {r for r in rows if any(_is_small(v, limit) for v in cells[r].values())}
    hidden |= {r for r in also_hide if r in cells}

    def row_total(r) -> int:
        return sum(cells[r].values())

    def uncovered_column():
        """A protected column none of whose counts is hidden yet, if any."""
        return next((c for c in protect if not any(cells[r].get(c) for r in hidden)), None)

    def exposed() -> bool:
        if len(hidden) == 1 or uncovered_column() is not None:
            return True
        return any(_is_small(sum(cells[r].get(c, 0) for r in hidden), limit) for c in columns)

    while exposed():
        others = [r for r in rows if r not in hidden]
        column = uncovered_column()
        if column is not None:
            others = [r for r in others if cells[r].get(column)]
        if not others:
            return dict.fromkeys(rows)
        hidden.add(min(others, key=lambda r: (row_total(r) == 0, row_total(r))))
    return {r: (None if r in hidden else dict(cells[r])) for r in rows}


def suppress_count(value: int, limit: int | None = None) -> int | None:
    """A single published count: hidden from 1 to the threshold minus one."""
    limit = threshold() if limit is None else limit
    return Hidden if 0 < value < limit else value


def percentage(part: int | None, base: int | None, min_base: int | None = None) -> float | None:
    """part / base as a percentage, hidden when either is hidden or the base is small."""
    min_base = settings.SMALL_BASE_THRESHOLD if min_base is None else min_base
    if part is Hidden or base is Hidden or not base or base < min_base:
        return Hidden
    return round(100.0 * part / base, 1)


# --- Publishing: suppression on the true counts, then cell-key perturbation -----------


def publish_table(
    cells: dict, *, total: Cell | None = None, also_hide: Iterable[Hashable] = ()
) -> tuple[dict, int | None]:
    """A one-way table of ``Cell``s as published: small counts suppressed (as
    ``suppress_table`` does, on the true counts), then every shown count and the total
    perturbed by its own cell key. ``total`` is the cell of everyone in the table, when
    it is not simply the sum of the cells."""
    shown, shown_total = suppress_table({k: c.n for k, c in cells.items()}, also_hide=also_hide)
    total = cell_sum(cells.values()) if total is None else total
    return (
        {k: Hidden if v is Hidden else perturb(cells[k]) for k, v in shown.items()},
        Hidden if shown_total is Hidden else perturb(total),
    )


def publish_rows(
    cells: dict[Hashable, dict[Hashable, Cell]],
    *,
    protect_columns: Iterable[Hashable] = (),
    also_hide: Iterable[Hashable] = (),
) -> dict[Hashable, dict[Hashable, int] | None]:
    """A two-way table of ``Cell``s as published: rows suppressed whole (``suppress_rows``,
    on the true counts), then every shown count perturbed by its own cell key."""
    counts = {r: {c: cell.n for c, cell in row.items()} for r, row in cells.items()}
    shown = suppress_rows(counts, protect_columns=protect_columns, also_hide=also_hide)
    return {
        r: None if shown[r] is None else {c: perturb(cell) for c, cell in cells[r].items()}
        for r in cells
    }


def unanimous(counts: dict, keys: Iterable[Hashable]) -> list[Hashable]:
    """The one answer everybody gave, if all who answered gave the same (as a list of
    zero or one key): shown, it would tell each of them what they answered."""
    keys = list(keys)
    given = [k for k in keys if counts[k]]
    return given if len(given) == 1 else []


def publish_count(cell: Cell) -> int | None:
    """A single published count: hidden from 1 to the threshold minus one, else perturbed."""
    return Hidden if suppress_count(cell.n) is Hidden else perturb(cell)
