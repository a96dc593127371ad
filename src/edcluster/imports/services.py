"""Services of the import app: reading and extracting a document (nothing is written to the database here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from edcluster.imports.extract import extract_text
from edcluster.imports.readers import read_document, read_file


def extract_file(path: str | Path) -> dict[str, Any]:
    """Read the file at *path* and extract it; raises ``ReadError`` with the Russian reason."""
    path = Path(path)
    return extract_text(read_file(path), file=path.name)


def extract_upload(name: str, data: bytes) -> dict[str, Any]:
    """Read an uploaded file's bytes and extract it."""
    return extract_text(read_document(name, data), file=name)
