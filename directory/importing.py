"""Reading import files into tablib datasets, with clear errors for unreadable files."""

from pathlib import Path

import tablib

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json"}


class ImportFileError(Exception):
    pass


def load_dataset(path: Path) -> tablib.Dataset:
    """Load a CSV (UTF-8, with or without a byte-order mark), XLSX or JSON file."""
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise ImportFileError(
            f"{path.name}: unsupported file type; use one of {', '.join(sorted(FORMATS))}."
        )
    if not path.exists():
        raise ImportFileError(f"{path}: no such file.")
    try:
        if file_format == "xlsx":
            return tablib.Dataset().load(path.read_bytes(), format="xlsx")
        text = path.read_text(encoding="utf-8-sig")
        return tablib.Dataset().load(text, format=file_format)
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path.name}: the file is not UTF-8 text.") from error
    except Exception as error:  # tablib raises many kinds for malformed files
        raise ImportFileError(f"{path.name}: the file could not be read ({error}).") from error
