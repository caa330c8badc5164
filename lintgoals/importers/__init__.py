"""Real forms in: the xlsx, docx and text forms people actually have, read
into format-1 documents whose locations are the form's own cells.

Imported only when a form file is checked or imported, so that `lintgoals
check` on YAML never pays for openpyxl or python-docx.
"""
from __future__ import annotations

import os
from typing import Dict, List

from ..document import Document, LoadProblem
from ..load import FORM_SUFFIXES  # noqa: F401  (the suffixes the readers below take)
from ..model import Location
from .grid import Cell, Table


class FormError(Exception):
    """A form that cannot be read: what was expected and what was found (LG001)."""

    def __init__(self, kind: str, **args) -> None:
        super().__init__(kind)
        self.kind = kind
        self.args_ = args


def require_office_package(path: str, expected: str) -> None:
    """xlsx and docx are zip packages; an OLE file in their place is an encrypted
    (or pre-2007) Office file, anything else is damaged."""
    import zipfile

    if zipfile.is_zipfile(path):
        return
    with open(path, "rb") as fh:
        head = fh.read(8)
    raise FormError("encrypted" if head.startswith(b"\xd0\xcf\x11\xe0") else "corrupt", expected=expected)


def looks_like_form_text(path: str) -> bool:
    """For folder walks: a .txt is a form only if it says so in its first lines."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return "绩效目标".encode("utf-8") in head


def read_tables(path: str) -> List[Table]:
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(path)
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(path)
    if suffix == ".txt":
        from .text import read_text

        return read_text(path)
    raise FormError("unsupported", suffix=suffix)


def load_form(path: str, display: str) -> List[Document]:
    """One document per table in the form; a form that cannot be read is one
    failed document (LG001)."""
    try:
        tables = read_tables(path)
    except FormError as exc:
        return [Document.failed(display, LoadProblem(f"form-{exc.kind}", exc.args_))]
    except FileNotFoundError:
        return [Document.failed(display, LoadProblem("not-found", {}))]
    except IsADirectoryError:
        return [Document.failed(display, LoadProblem("is-directory", {}))]
    except OSError as exc:
        return [Document.failed(display, LoadProblem("os-error", {"error": exc.strerror or str(exc)}))]
    if not tables:
        return [Document.failed(display, LoadProblem("form-no-table", {}))]
    many = len(tables) > 1
    return [to_document(t, f"{display}#{i}" if many else display) for i, t in enumerate(tables, 1)]


def to_document(table: Table, display: str) -> Document:
    cells: Dict[tuple, Cell] = table.cells

    def locate(parts: tuple) -> Location:
        p = parts
        while p and p not in cells:
            p = p[:-1]
        c = cells.get(p)
        return Location(c.line, c.column, c.label) if c else Location(1, 1)

    doc = Document(display, table.data, locator=locate)
    doc.cells = {k: c.label for k, c in cells.items()}
    return doc
