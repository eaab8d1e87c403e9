"""Reading demo content: the TOML files in an app's ``demo/data/``, read with ``tomllib``.

Each app's ``demo/content.py`` reads its files with ``read``, turns their tables into
its own frozen dataclasses with ``record``, and checks the names that link one record
to another with ``Problems``, so that a typo in the data fails when it is read, naming
the file and the name, rather than halfway through seeding.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path


def read(folder: Path, name: str) -> dict:
    """``folder/name.toml``, as ``tomllib`` reads it."""
    with (folder / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def record(cls, table: dict, **values):
    """A ``cls`` from one table of a data file: its arrays as tuples, ``values`` over them
    (for the fields that need converting, such as a choice or a nested record)."""
    fields = {key: tuple(v) if isinstance(v, list) else v for key, v in table.items()}
    return cls(**{**fields, **values})


class Problems(list):
    """What is wrong with a set of data files, gathered so that all of it is reported."""

    def expect(self, known: Iterable, names: Iterable, where: str) -> None:
        """Every one of ``names`` is among ``known``."""
        known = set(known)
        self.extend(f"{where}: unknown {name!r}" for name in names if name not in known)

    def check(self, folder: Path) -> None:
        """Raise ValueError naming every problem, if there is any."""
        if self:
            raise ValueError(f"Demo data in {folder}: " + "; ".join(self))
