"""Small-number suppression for every public or partner figure.

Primary: a count from 1 to THRESHOLD-1 is hidden. Secondary: in a table published with
its total, a hidden cell must never be the only hidden one, or it could be worked out
as the total minus the others; so one more cell (the smallest non-zero one) is hidden
too. A total that is itself small hides the whole table. A percentage is hidden when
its base is under SMALL_BASE_THRESHOLD.
"""

from __future__ import annotations

from django.conf import settings

Hidden = None


def threshold() -> int:
    return settings.SMALL_NUMBER_THRESHOLD


def suppress_table(counts: dict, limit: int | None = None) -> tuple[dict, int | None]:
    """Suppress a one-way table published with its total.

    Returns ({key: count or None}, total or None). None means "hidden".
    """
    limit = threshold() if limit is None else limit
    total = sum(counts.values())
    if 0 < total < limit:
        return {key: Hidden for key in counts}, Hidden
    shown = {key: (Hidden if 0 < value < limit else value) for key, value in counts.items()}
    hidden = [key for key, value in shown.items() if value is Hidden]
    if len(hidden) == 1:
        # Hide the smallest other cell too, preferring one that is not zero.
        candidates = sorted(
            (key for key, value in shown.items() if value is not Hidden),
            key=lambda key: (counts[key] == 0, counts[key]),
        )
        if candidates:
            shown[candidates[0]] = Hidden
        else:  # nothing else to hide: the total would give the cell away
            return {key: Hidden for key in counts}, Hidden
    return shown, total


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
