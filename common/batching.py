"""Working through many rows a batch at a time."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

T = TypeVar("T")


def batched(iterable: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` items of ``iterable``, in order, read lazily (Python
    3.12's ``itertools.batched``, as lists)."""
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
