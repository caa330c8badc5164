"""Excel forms (.xlsx, and .et/.xls files that are really xlsx packages): one
pass over each sheet's XML with lxml, plus styles.xml and sharedStrings.xml.

Why not a library: openpyxl builds every cell as an object (17 s for 1,000
forms) and its fast read-only mode has no merged cells; python-calamine is
fast but returns a percent cell as 1.0 and drops the number formats, so a
typed `100%` would read `1` (docs/benchmarks.md has the comparison). The
sheet XML has everything a person sees: the value, its style's number
format, the merges.

Every sheet is a grid; merged cells count once (their value sits in the
top-left cell): right of the merge's first column is no cell of its own, below
its first row in the first column is an empty cell, as in the text export.
Numbers are shown through their number format (numfmt.py); a formula shows its
cached result.

Hostile files: only the cells the XML holds are read (never the sheet's
claimed dimension); long runs of empty rows or columns collapse to one empty
cell; DTDs are refused and entities never resolved; parts and cell counts are
bounded.
"""
from __future__ import annotations

import posixpath
import re
import zipfile
from typing import Dict, List, Optional, Tuple

from . import FormError, require_office_package
from .grid import TITLE_2018, TITLE_2026, Cell, Row, Table, parse_grid
from .numfmt import code_for, general, renderer

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MAX_PART = 64 * 1024 * 1024   # uncompressed bytes of one XML part
MAX_CELLS = 2_000_000         # cells in one workbook
MAX_GAP = 64                  # a longer run of empty rows/columns is one empty row/cell
MAX_PAD = 256                 # rows are padded to the sheet's width only up to this many columns
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_REAL_FORMULA = re.compile(r"[A-Za-z]\w*\(")


class _Hostile(Exception):
    pass


def _parser():
    from lxml import etree

    return etree


def _open_part(z: zipfile.ZipFile, name: str):
    info = z.getinfo(name)
    if info.file_size > MAX_PART:
        raise _Hostile(f"{name} is {info.file_size} bytes")
    fh = z.open(info)
    head = fh.read(2048)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _Hostile(f"{name} declares a DTD")
    fh.close()
    return z.open(info)


def _iterparse(z: zipfile.ZipFile, name: str, tags):
    etree = _parser()
    return etree.iterparse(_open_part(z, name), events=("end",), tag=tags, resolve_entities=False,
                           no_network=True, load_dtd=False, huge_tree=False)


def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _text_of(el) -> str:
    """The text of an <si> or <is>: its runs, without phonetic guides (<rPh>)."""
    parts = []
    for t in el.iter(NS + "t"):
        parent = t.getparent()
        if parent is not None and parent.tag == NS + "rPh":
            continue
        parts.append(t.text or "")
    return "".join(parts)


def _shared_strings(z: zipfile.ZipFile, name: Optional[str]) -> List[str]:
    if not name or name not in z.NameToInfo:
        return []
    out = []
    for _, el in _iterparse(z, name, (NS + "si",)):
        out.append(_text_of(el))
        el.clear()
    return out


def _styles(z: zipfile.ZipFile, name: Optional[str]) -> List[str]:
    """Number-format code of every cell style (cellXfs), by index."""
    if not name or name not in z.NameToInfo:
        return []
    etree = _parser()
    custom: Dict[int, str] = {}
    codes: List[str] = []
    root = etree.parse(_open_part(z, name), etree.XMLParser(resolve_entities=False, no_network=True,
                                                            load_dtd=False)).getroot()
    for nf in root.iter(NS + "numFmt"):
        try:
            custom[int(nf.get("numFmtId"))] = nf.get("formatCode") or ""
        except (TypeError, ValueError):
            continue
    xfs = root.find(NS + "cellXfs")
    if xfs is not None:
        for xf in xfs.iterfind(NS + "xf"):
            try:
                codes.append(code_for(int(xf.get("numFmtId") or 0), custom))
            except ValueError:
                codes.append("General")
    return codes


def _workbook(z: zipfile.ZipFile) -> Tuple[List[Tuple[str, str]], Optional[str], Optional[str], bool]:
    """(sheet name, part) in tab order, the shared strings and styles parts, date1904."""
    etree = _parser()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    wb_name = "xl/workbook.xml"
    rels_name = "xl/_rels/workbook.xml.rels"
    root = etree.parse(_open_part(z, wb_name), parser).getroot()
    rels = {}
    if rels_name in z.NameToInfo:
        for rel in etree.parse(_open_part(z, rels_name), parser).getroot():
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            rels[rel.get("Id")] = (path, (rel.get("Type") or "").rsplit("/", 1)[-1])
    pr = root.find(NS + "workbookPr")
    date1904 = pr is not None and (pr.get("date1904") or "").lower() in ("1", "true")
    sheets = []
    for s in root.iter(NS + "sheet"):
        part = rels.get(s.get(REL + "id"), (None, None))[0]
        if part and part in z.NameToInfo:
            sheets.append((s.get("name") or "", part))
    by_type = {kind: path for path, kind in rels.values()}
    shared = by_type.get("sharedStrings") or ("xl/sharedStrings.xml" if "xl/sharedStrings.xml" in z.NameToInfo else None)
    styles = by_type.get("styles") or ("xl/styles.xml" if "xl/styles.xml" in z.NameToInfo else None)
    return sheets, shared, styles, date1904


def read_sheet(z: zipfile.ZipFile, part: str, strings: List[str], codes: List[str], date1904: bool,
               budget: List[int]) -> Tuple[Dict[Tuple[int, int], str], List[Tuple[int, int, int, int]]]:
    """The sheet's real cells {(row, col): displayed text} (empty ones left out) and its merges."""
    cells: Dict[Tuple[int, int], str] = {}
    merges: List[Tuple[int, int, int, int]] = []
    c_tag, v_tag, f_tag, is_tag, m_tag = NS + "c", NS + "v", NS + "f", NS + "is", NS + "mergeCell"
    row_tag = NS + "row"
    next_row = 1
    next_col = 1
    for _, el in _iterparse(z, part, (c_tag, m_tag, row_tag)):
        tag = el.tag
        if tag == row_tag:
            r = el.get("r")
            next_row = (int(r) if r and r.isdigit() else next_row) + 1
            next_col = 1
            el.clear()
            continue
        if tag == m_tag:
            ref = el.get("ref") or ""
            a, _, b = ref.partition(":")
            ma, mb = _REF.fullmatch(a), _REF.fullmatch(b or a)
            if ma and mb:
                merges.append((int(ma.group(2)), col_number(ma.group(1)), int(mb.group(2)), col_number(mb.group(1))))
            continue
        ref = el.get("r")
        m = _REF.fullmatch(ref) if ref else None
        if m:
            row, col = int(m.group(2)), col_number(m.group(1))
        else:  # r is optional: the cell follows the previous one
            parent = el.getparent()
            pr = parent.get("r") if parent is not None else None
            row, col = (int(pr) if pr and pr.isdigit() else next_row), next_col
        next_col = col + 1
        kind = el.get("t") or "n"
        v = el.find(v_tag)
        raw = v.text if v is not None else None
        if kind == "inlineStr":
            isel = el.find(is_tag)
            text = _text_of(isel) if isel is not None else ""
        elif kind == "s":
            try:
                text = strings[int(raw)]
            except (TypeError, ValueError, IndexError):
                text = ""
        elif raw is None or raw == "":
            f = el.find(f_tag)
            # "=100.00(%)" typed into a cell is stored as a formula without a result: keep it as written
            text = "=" + f.text if f is not None and f.text and not _REAL_FORMULA.search(f.text) else ""
        elif kind == "n":
            try:
                x = float(raw)
            except ValueError:
                text = raw
            else:
                s = el.get("s")
                code = codes[int(s)] if s and s.isdigit() and int(s) < len(codes) else "General"
                text = general(x) if code == "General" else renderer(code, date1904)(x)
        elif kind == "b":
            text = "是" if raw.strip() in ("1", "true") else "否"
        else:  # str (a formula's text result), e (an error such as #DIV/0!), d (an ISO date)
            text = raw
        el.clear()
        if text:
            cells[(row, col)] = text
            budget[0] -= 1
            if budget[0] < 0:
                raise _Hostile("too many cells")
    return cells, merges


def grid_of(cells: Dict[Tuple[int, int], str], merges: List[Tuple[int, int, int, int]]) -> List[Row]:
    """Rows of Cells from the real cells, with the merge rules above and the
    empty cells between them (a short run only: see MAX_GAP)."""
    if not cells:
        return []
    by_row: Dict[int, List[int]] = {}
    for r, c in cells:
        by_row.setdefault(r, []).append(c)
    width = max(c for _, c in cells)
    pad = width if width <= MAX_PAD else 0
    merges = [m for m in merges if m[0] <= m[2] and m[1] <= m[3] and (m[0] < m[2] or m[1] < m[3])]
    rows: List[Row] = []
    last = 0
    for r in sorted(by_row):
        gap = r - last - 1
        for g in range(min(gap, MAX_GAP) if gap <= MAX_GAP else 1):
            rr = last + 1 + g
            rows.append(_row(rr, [], cells, merges, pad))
        rows.append(_row(r, sorted(by_row[r]), cells, merges, pad))
        last = r
    return rows


def _row(r: int, cols: List[int], cells, merges, pad: int) -> Row:
    active = [m for m in merges if m[0] <= r <= m[2]]
    wanted: List[int] = []
    if pad:
        wanted = list(range(1, pad + 1))
    else:  # wide sheet: the real cells, with short gaps filled
        prev = 0
        for c in cols:
            gap = c - prev - 1
            wanted += range(prev + 1, c) if gap <= MAX_GAP else [prev + 1]
            wanted.append(c)
            prev = c
    out: Row = []
    for c in wanted:
        state = None
        for r1, c1, r2, c2 in active:
            if c1 <= c <= c2:
                state = "skip" if c > c1 else ("blank" if r > r1 else None)
                break
        if state == "skip":
            continue
        text = "" if state == "blank" else cells.get((r, c), "")
        out.append(Cell(text, r, c, f"{col_letters(c)}{r}", len(out)))
    return out


def read_workbook(path: str, expected: str = "xlsx") -> List[Tuple[str, List[Row]]]:
    """(sheet name, rows) for every sheet of an xlsx package."""
    try:
        with zipfile.ZipFile(path) as z:
            sheets, shared, styles, date1904 = _workbook(z)
            strings = _shared_strings(z, shared)
            codes = _styles(z, styles)
            budget = [MAX_CELLS]
            out = []
            for name, part in sheets:
                cells, merges = read_sheet(z, part, strings, codes, date1904, budget)
                out.append((name, grid_of(cells, merges)))
            return out
    except _Hostile as exc:
        raise FormError("corrupt", expected=expected, error=str(exc)) from exc
    except FormError:
        raise
    except Exception as exc:  # a damaged package: zip, XML or missing-part errors
        raise FormError("corrupt", expected=expected, error=f"{type(exc).__name__}: {exc}") from exc


def tables_of(sheets: List[Tuple[str, List[Row]]], layouts=None) -> List[Table]:
    tables: List[Table] = []
    for _, rows in sheets:
        tables += parse_grid(rows, layouts=layouts, by_column=True)
    if not tables:
        names = ", ".join(name for name, _ in sheets)
        raise FormError("not-a-form", expected=f"{TITLE_2026} / {TITLE_2018} / 绩效目标表 / 绩效自评表",
                        found=f"sheets: {names}")
    return tables


def read_xlsx(path: str, layouts=None) -> List[Table]:
    require_office_package(path, "xlsx")
    return tables_of(read_workbook(path), layouts)
