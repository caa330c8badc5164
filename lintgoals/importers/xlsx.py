"""Excel forms (openpyxl): every sheet is a grid; merged cells count once
(their value sits in the top-left cell); numbers and dates become the text a
user sees, so values stay as written."""
from __future__ import annotations

import datetime as dt
import re
from typing import List

from . import FormError, require_office_package
from .grid import TITLE_2018, TITLE_2026, Cell, Row, Table, parse_grid


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
    require_office_package(path, "xlsx")
    try:
        wb = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise FormError("corrupt", expected="xlsx", error=f"{type(exc).__name__}: {exc}") from exc
    computed = None  # the cached results of real formulas (SUM…), loaded only if there are any
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
                value = None if state == "blank" else cell.value
                if isinstance(value, str) and value.startswith("=") and re.search(r"[A-Za-z]\w*\(", value):
                    # a real formula: its last computed result, as Excel shows it
                    if computed is None:
                        computed = openpyxl.load_workbook(path, data_only=True)
                    value = computed[ws.title].cell(row=r, column=c).value
                # "=100.00(%)" typed into a cell is stored as a formula: keep it as written
                text = _text(value)
                row.append(Cell(text, r, c, cell.coordinate, len(row)))
            rows.append(row)
        tables += parse_grid(rows)
    if not tables:
        names = ", ".join(ws.title for ws in wb.worksheets)
        raise FormError("not-a-form", expected=f"{TITLE_2026} / {TITLE_2018}", found=f"sheets: {names}")
    return tables
