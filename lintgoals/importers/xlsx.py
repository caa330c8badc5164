"""Excel forms (openpyxl): every sheet is a grid; merged cells count once
(their value sits in the top-left cell); numbers and dates become the text a
user sees, so values stay as written."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from typing import List

from . import FormError
from .grid import Cell, Row, Table, parse_2018, parse_2026, split_tables
from .text import TITLE_2018, TITLE_2026


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(path: str) -> List[Table]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - a dependency
        raise FormError("missing-library", library="openpyxl") from exc
    if not zipfile.is_zipfile(path):
        with open(path, "rb") as fh:
            head = fh.read(8)
        kind = "encrypted" if head.startswith(b"\xd0\xcf\x11\xe0") else "corrupt"  # OLE: an encrypted or .xls workbook
        raise FormError(kind, expected="xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise FormError("corrupt", expected="xlsx", error=f"{type(exc).__name__}: {exc}") from exc
    formulas = None  # loaded only if a cell has a formula without a cached value
    tables: List[Table] = []
    for ws in wb.worksheets:
        # inside a merge: right of its first column → not a cell of its own;
        # below its first row in the first column → an empty cell (as in the text export)
        covered = {}
        for rng in ws.merged_cells.ranges:
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if c > rng.min_col:
                        covered[(r, c)] = "skip"
                    elif r > rng.min_row:
                        covered[(r, c)] = "blank"
        rows: List[Row] = []
        for r in range(1, ws.max_row + 1):
            row: Row = []
            for c in range(1, ws.max_column + 1):
                state = covered.get((r, c))
                if state == "skip":
                    continue
                cell = ws.cell(row=r, column=c)
                text = "" if state == "blank" else _text(cell.value)
                if not text and state is None and cell.value is None:
                    # "=100.00(%)" typed into Excel is stored as a formula with no value:
                    # what the user wrote is the formula text (a real SUM() is left empty)
                    if formulas is None:
                        formulas = openpyxl.load_workbook(path, data_only=False)
                    raw = formulas[ws.title].cell(row=r, column=c).value
                    if isinstance(raw, str) and raw.startswith("=") and not re.search(r"[A-Za-z]\w*\(", raw):
                        text = raw
                row.append(Cell(text, r, c, cell.coordinate, len(row)))
            rows.append(row)
        text = "".join(c.text for row in rows for c in row).replace(" ", "")
        if TITLE_2018 in text:
            tables += [parse_2018(t) for t in split_tables(rows, TITLE_2018)]
        elif TITLE_2026 in text:
            tables += [parse_2026(t) for t in split_tables(rows, TITLE_2026)]
    if not tables:
        names = ", ".join(ws.title for ws in wb.worksheets)
        raise FormError("not-a-form", expected=f"{TITLE_2026} / {TITLE_2018}", found=f"sheets: {names}")
    return tables
