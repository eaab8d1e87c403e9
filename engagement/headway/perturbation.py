"""Cell-key perturbation: the method the ONS used for Census 2021 outputs.

Every record that is counted (a monitoring response, a registration, a participant, an
outreach activity, an insight, a walk-in) carries a random *record key* from 0 to 255,
drawn once when the record is made (``models.keys``). A published cell's *cell key* is
the sum of the keys of the records in it, modulo 256, so:

- the same set of records always has the same cell key, and so always gets the same
  noise, however often and through whichever door it is asked for: asking again, or
  building the same cell in two tables, cannot average the noise away;
- one more record changes the cell key to something unrelated, so the noise before and
  after are independent, and the difference of two published counts is not the
  difference of the true counts.

The noise comes from a fixed *perturbation table* (``noise``), looked up by the cell's
count and its cell key. For a count well above the threshold it is:

    noise    -2     -1      0     +1     +2
    keys     13     51    128     51     13     (of the 256 cell keys)

so half the cells are exact, the noise never exceeds 2 either way, its mean is 0 and
its variance is 206/256 (about 0.8). Near the threshold the table is truncated: a
count of THRESHOLD or more is never published below THRESHOLD (the keys that would
take it there give no noise instead), so a shown count is never a small number. Zero
stays zero. Counts from 1 to THRESHOLD-1 are suppressed (``suppression``) before any
of this, so they are never published at all.

Totals are perturbed as cells of their own (their key is the sum of all the records'
keys), not summed from their perturbed cells, so a table's cells need not add up to
its total exactly, and the total minus the shown cells is not the hidden cells' sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

from ..models.keys import RECORD_KEY_RANGE

MAX_NOISE = 2
# (noise, number of the 256 cell keys that give it), in the order the keys are laid out.
NOISE_SLOTS = ((-2, 13), (-1, 51), (0, 128), (1, 51), (2, 13))


@dataclass(frozen=True)
class Cell:
    """A true count and its cell key. Cells of disjoint record sets add up."""

    n: int = 0
    key: int = 0

    def __add__(self, other):
        if isinstance(other, int) and other == 0:
            return self
        return Cell(self.n + other.n, (self.key + other.key) % RECORD_KEY_RANGE)

    __radd__ = __add__

    def __sub__(self, other):
        """The cell of the records in this one but not in ``other`` (a part of it)."""
        return Cell(self.n - other.n, (self.key - other.key) % RECORD_KEY_RANGE)


ZERO = Cell()


def cell_sum(cells) -> Cell:
    return sum(cells, ZERO)


@lru_cache(maxsize=64)
def _row(n: int, threshold: int) -> tuple[int, ...]:
    """The noise for each of the 256 cell keys, for a count of n (n >= 1)."""
    floor = threshold if n >= threshold else 1
    row: list[int] = []
    for noise, slots in NOISE_SLOTS:
        row += [noise if n + noise >= floor else 0] * slots
    assert len(row) == RECORD_KEY_RANGE
    return tuple(row)


def noise(n: int, key: int, threshold: int | None = None) -> int:
    """The perturbation table: the noise added to a count of n with cell key ``key``."""
    if n <= 0:
        return 0
    threshold = settings.SMALL_NUMBER_THRESHOLD if threshold is None else threshold
    # Counts far enough above the threshold all share one row of the table.
    return _row(min(n, threshold + MAX_NOISE), threshold)[key % RECORD_KEY_RANGE]


def perturb(cell: Cell, threshold: int | None = None) -> int:
    """The published value of a cell (before any suppression of small counts)."""
    return cell.n + noise(cell.n, cell.key, threshold)
