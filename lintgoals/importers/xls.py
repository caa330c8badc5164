"""Excel 97-2003 forms (.xls) and WPS spreadsheets (.et): xlrd with its
formatting records, so that numbers show as their format does (100%,
2021-12-31, 1,139,000.00), exactly as the xlsx reader shows them.

An .et (or .xls) file that is really an xlsx package (newer WPS saves one) is
read by the xlsx reader. BIFF is bounded by the format itself (65,536 rows ×
256 columns); rows are read ragged, so no claimed dimension is allocated.
"""
from __future__ import annotations

from typing import Dict, List, Tuple

from . import FormError
from .numfmt import general, renderer
from .xlsx import grid_of, read_workbook, tables_of
from .grid import Table

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_xls(path: str, layouts=None) -> List[Table]:
    expected = "xls" if not path.lower().endswith(".et") else "et"
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):  # an xlsx package under another name
        return tables_of(read_workbook(path, expected), layouts)
    if not head.startswith(_OLE):
        raise FormError("corrupt", expected=expected, error="neither an Excel 97-2003 file nor an xlsx package")
    return tables_of(read_biff(path, expected), layouts)


def read_biff(path: str, expected: str = "xls") -> List[Tuple[str, list]]:
    try:
        import xlrd
    except ImportError as exc:  # pragma: no cover - a dependency
        raise FormError("missing-library", library="xlrd") from exc
    try:
        book = xlrd.open_workbook(path, formatting_info=True, ragged_rows=True, on_demand=True,
                                  logfile=_Silent())
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise FormError("encrypted", expected=expected) from exc
        raise FormError("corrupt", expected=expected, error=str(exc)) from exc
    except Exception as exc:  # a damaged OLE file: xlrd raises many kinds
        raise FormError("corrupt", expected=expected, error=f"{type(exc).__name__}: {exc}") from exc
    try:
        codes = _codes(book)
        out = []
        for i in range(book.nsheets):
            sheet = book.sheet_by_index(i)
            cells: Dict[Tuple[int, int], str] = {}
            for r in range(sheet.nrows):
                for c, cell in enumerate(sheet.row(r)):
                    text = _text(cell, codes, book.datemode)
                    if text:
                        cells[(r + 1, c + 1)] = text
            merges = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells]
            out.append((sheet.name, grid_of(cells, merges)))
            book.unload_sheet(i)
        return out
    finally:
        book.release_resources()


def _codes(book) -> List[str]:
    """The number-format code of every XF record, by index."""
    out = []
    for xf in book.xf_list:
        fmt = book.format_map.get(xf.format_key)
        out.append(fmt.format_str if fmt is not None else "General")
    return out


def _text(cell, codes: List[str], datemode: int) -> str:
    import xlrd

    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return cell.value
    if kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        code = codes[cell.xf_index] if cell.xf_index is not None and cell.xf_index < len(codes) else "General"
        if kind == xlrd.XL_CELL_DATE and code.lower() == "general":
            code = "yyyy-mm-dd"
        return general(cell.value) if code.lower() == "general" else renderer(code, datemode == 1)(cell.value)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return "是" if cell.value else "否"
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return str(cell.value)


class _Silent:
    """xlrd writes warnings to a log file; a linter's output is its findings."""

    def write(self, *_):
        pass

    def flush(self):
        pass
