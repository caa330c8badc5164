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
from functools import lru_cache
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
_T = NS + "t"
_REAL_FORMULA = re.compile(r"[A-Za-z]\w*\(")


class _Hostile(Exception):
    pass


_SMALL_PART = 8 * 1024 * 1024  # parsed whole (fast); a larger part is streamed
_parsers = {}


def _etree():
    from lxml import etree

    return etree


def _xml_parser():
    p = _parsers.get("p")
    if p is None:
        p = _parsers["p"] = _etree().XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                                huge_tree=False)
    return p


def _read_part(z: zipfile.ZipFile, name: str) -> bytes:
    info = z.getinfo(name)
    if info.file_size > MAX_PART:
        raise _Hostile(f"{name} is {info.file_size} bytes")
    data = z.read(info)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise _Hostile(f"{name} declares a DTD")
    return data


def _root(z: zipfile.ZipFile, name: str):
    return _etree().fromstring(_read_part(z, name), _xml_parser())


def _elements(z: zipfile.ZipFile, name: str, tags):
    """The elements of a part with these tags, in document order: a small part
    parsed whole, a large one streamed and freed as it goes."""
    info = z.getinfo(name)
    if info.file_size <= _SMALL_PART:
        yield from _root(z, name).iter(*tags)
        return
    with z.open(info) as fh:
        head = fh.read(4096)
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise _Hostile(f"{name} declares a DTD")
    if info.file_size > MAX_PART:
        raise _Hostile(f"{name} is {info.file_size} bytes")
    with z.open(info) as fh:
        for event, el in _etree().iterparse(fh, events=("start", "end"), tag=tags, resolve_entities=False,
                                            no_network=True, load_dtd=False, huge_tree=False):
            is_row = el.tag.endswith("}row")
            if event == "start":
                if is_row:  # a row before its cells, as iter() gives it
                    yield el
                continue
            if is_row:
                el.clear()
                while el.getprevious() is not None:
                    del el.getparent()[0]
            else:
                yield el


@lru_cache(maxsize=1024)
def col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@lru_cache(maxsize=1024)
def col_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _text_of(el) -> str:
    """The text of an <si> or <is>: its runs, without phonetic guides (<rPh>)."""
    if len(el) == 1 and el[0].tag == _T:  # plain text: one <t>
        return el[0].text or ""
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
    return [_text_of(el) for el in _elements(z, name, (NS + "si",))]


def _styles(z: zipfile.ZipFile, name: Optional[str]) -> List[str]:
    """Number-format code of every cell style (cellXfs), by index."""
    if not name or name not in z.NameToInfo:
        return []
    custom: Dict[int, str] = {}
    codes: List[str] = []
    root = _root(z, name)
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
    wb_name = "xl/workbook.xml"
    rels_name = "xl/_rels/workbook.xml.rels"
    root = _root(z, wb_name)
    rels = {}
    if rels_name in z.NameToInfo:
        for rel in _root(z, rels_name):
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


_CELL = re.compile(rb'<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)', re.S)
_ATTR = re.compile(rb'\b([rst])="([^"]*)"')
_V = re.compile(rb'<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>', re.S)
_TTEXT = re.compile(rb'<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>', re.S)
_F = re.compile(rb'<(?:\w+:)?f(?:\s[^>]*)?>(.*?)</(?:\w+:)?f>', re.S)
_RPH = re.compile(rb'<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>', re.S)
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]+)"')
_SI = re.compile(rb'<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)', re.S)
_ENTITY = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _entity(m) -> str:
    name = m.group(1)
    if name[0] == "#":
        try:
            return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))
        except (ValueError, OverflowError):
            return ""
    return _NAMED[name]


def _unescape(raw: bytes) -> str:
    """XML text: UTF-8 with the five predefined and numeric character references
    (nothing else can appear once a DTD is refused)."""
    text = raw.decode("utf-8", "replace")
    return _ENTITY.sub(_entity, text) if "&" in text else text


def _runs(body: bytes) -> str:
    """The text of an <si> or <is> body: its <t> runs, without phonetic guides."""
    if b"<rPh" in body or b":rPh" in body:
        body = _RPH.sub(b"", body)
    found = _TTEXT.findall(body)
    return _unescape(found[0] if len(found) == 1 else b"".join(found))


def _shared_strings_fast(data: bytes) -> List[str]:
    data = _literal_text(data)
    return [_runs(m.group(1) or b"") for m in _SI.finditer(data)]


def _literal_text(data: bytes) -> bytes:
    """Some writers (openpyxl) spell every Chinese character as &#36130;: lxml
    re-serialises the part in UTF-8 (in C) rather than a Python call per character."""
    if data.count(b"&#") > 32:
        etree = _etree()
        data = etree.tostring(etree.fromstring(data, _xml_parser()), encoding="utf-8")
    return data


def scan_sheet(data: bytes, strings: List[str], codes: List[str], date1904: bool, budget: List[int]):
    """The cells of a sheet's XML by a scan of its text (5× faster than building
    elements); None when a cell has no r="A1" reference (then the XML is walked)."""
    cells: Dict[Tuple[int, int], str] = {}
    general_codes = [code == "General" for code in codes]
    data = _literal_text(data)
    fast = _fast_cells(data, strings, codes, general_codes, date1904, cells)
    if fast is not None:
        budget[0] -= len(cells)
        if budget[0] < 0:
            raise _Hostile("too many cells")
        return cells, _merges(data)
    cells.clear()
    for m in _CELL.finditer(data):
        attrs = dict(_ATTR.findall(m.group(1)))
        ref = attrs.get(b"r")
        rm = _REF.fullmatch(ref.decode("ascii", "replace")) if ref else None
        if rm is None:
            return None
        body = m.group(2)
        if not body:
            continue
        kind = attrs.get(b"t")
        if kind == b"inlineStr":
            text = _runs(body)
        else:
            vm = _V.search(body)
            raw = vm.group(1) if vm else None
            if kind == b"s":
                try:
                    text = strings[int(raw)]
                except (TypeError, ValueError, IndexError):
                    text = ""
            elif not raw:
                fm = _F.search(body)
                formula = _unescape(fm.group(1)) if fm else ""
                # "=100.00(%)" typed into a cell is stored as a formula without a result: keep it as written
                text = "=" + formula if formula and not _REAL_FORMULA.search(formula) else ""
            elif kind is None or kind == b"n":
                try:
                    x = float(raw)
                except ValueError:
                    text = _unescape(raw)
                else:
                    st = attrs.get(b"s")
                    i = int(st) if st and st.isdigit() else 0
                    text = general(x) if i >= len(codes) or general_codes[i] else renderer(codes[i], date1904)(x)
            elif kind == b"b":
                text = "是" if raw.strip() in (b"1", b"true") else "否"
            else:  # str (a formula's text result), e (an error such as #DIV/0!), d (an ISO date)
                text = _unescape(raw)
        if text:
            cells[(int(rm.group(2)), col_number(rm.group(1)))] = text
            budget[0] -= 1
            if budget[0] < 0:
                raise _Hostile("too many cells")
    return cells, _merges(data)


def _merges(data: bytes) -> List[Tuple[int, int, int, int]]:
    merges = []
    for ref in _MERGE.findall(data):
        a, _, b = ref.decode("ascii", "replace").partition(":")
        ma, mb = _REF.fullmatch(a), _REF.fullmatch(b or a)
        if ma and mb:
            merges.append((int(ma.group(2)), col_number(ma.group(1)), int(mb.group(2)), col_number(mb.group(1))))
    return merges


# The cells as Excel, WPS and openpyxl write them: <c r="A1" s="3" t="s"><v>0</v></c>, attributes
# in that order, unprefixed. One findall (in C) gives every cell; a sheet written otherwise is
# scanned attribute by attribute (scan_sheet's loop).
_CANON = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"(?: s="(\d+)")?(?: t="(\w+)")?( [^>]*?)?(?:/>|>(.*?)</c>)', re.S)


def _fast_cells(data, strings, codes, general_codes, date1904, cells):
    if b"<c " not in data:
        return None if b":c " in data else cells
    count = data.count(b"<c ")
    found = _CANON.findall(data)
    if len(found) != count:
        return None
    n_codes = len(codes)
    for letters, row, style, kind, _, body in found:
        if not body:
            continue
        if kind == b"inlineStr":
            inner = body[7:-9]
            if body.startswith(b"<is><t>") and body.endswith(b"</t></is>") and b"<" not in inner:
                text = _unescape(inner)
            else:
                text = _runs(body)
        else:
            if body.startswith(b"<v>") and body.endswith(b"</v>"):
                raw = body[3:-4]
            else:
                vm = _V.search(body)
                raw = vm.group(1) if vm else None
            if kind == b"s":
                try:
                    text = strings[int(raw)]
                except (TypeError, ValueError, IndexError):
                    text = ""
            elif not raw:
                fm = _F.search(body)
                formula = _unescape(fm.group(1)) if fm else ""
                text = "=" + formula if formula and not _REAL_FORMULA.search(formula) else ""
            elif not kind or kind == b"n":
                try:
                    x = float(raw)
                except ValueError:
                    text = _unescape(raw)
                else:
                    i = int(style) if style else 0
                    text = general(x) if i >= n_codes or general_codes[i] else renderer(codes[i], date1904)(x)
            elif kind == b"b":
                text = "是" if raw.strip() in (b"1", b"true") else "否"
            else:
                text = _unescape(raw)
        if text:
            cells[(int(row), col_number(letters.decode("ascii")))] = text
    return cells


def read_sheet(z: zipfile.ZipFile, part: str, strings: List[str], codes: List[str], date1904: bool,
               budget: List[int]) -> Tuple[Dict[Tuple[int, int], str], List[Tuple[int, int, int, int]]]:
    """The sheet's real cells {(row, col): displayed text} (empty ones left out) and its merges."""
    cells: Dict[Tuple[int, int], str] = {}
    merges: List[Tuple[int, int, int, int]] = []
    c_tag, v_tag, f_tag, is_tag, m_tag, row_tag = NS + "c", NS + "v", NS + "f", NS + "is", NS + "mergeCell", NS + "row"
    general_codes = [code == "General" for code in codes]
    row_no = 0
    next_col = 1
    for el in _elements(z, part, (row_tag, c_tag, m_tag)):
        tag = el.tag
        if tag == c_tag:
            ref = el.get("r")
            m = _REF.fullmatch(ref) if ref else None
            if m:
                col = col_number(m.group(1))
                row_no = int(m.group(2))
            else:  # r is optional: the cell follows the previous one
                col = next_col
            next_col = col + 1
            kind = el.get("t")
            raw = formula = inline = None
            for child in el:
                ctag = child.tag
                if ctag == v_tag:
                    raw = child.text
                elif ctag == is_tag:
                    inline = child
                elif ctag == f_tag:
                    formula = child.text
            if kind == "inlineStr":
                text = _text_of(inline) if inline is not None else ""
            elif kind == "s":
                try:
                    text = strings[int(raw)]
                except (TypeError, ValueError, IndexError):
                    text = ""
            elif not raw:
                # "=100.00(%)" typed into a cell is stored as a formula without a result: keep it as written
                text = "=" + formula if formula and not _REAL_FORMULA.search(formula) else ""
            elif kind is None or kind == "n":
                try:
                    x = float(raw)
                except ValueError:
                    text = raw
                else:
                    s = el.get("s")
                    i = int(s) if s and s.isdigit() else 0
                    if i >= len(codes) or general_codes[i]:
                        text = general(x)
                    else:
                        text = renderer(codes[i], date1904)(x)
            elif kind == "b":
                text = "是" if raw.strip() in ("1", "true") else "否"
            else:  # str (a formula's text result), e (an error such as #DIV/0!), d (an ISO date)
                text = raw
            if text:
                cells[(row_no, col)] = text
                budget[0] -= 1
                if budget[0] < 0:
                    raise _Hostile("too many cells")
        elif tag == row_tag:
            r = el.get("r")
            row_no = int(r) if r and r.isdigit() else row_no + 1
            next_col = 1
        else:
            a, _, b = (el.get("ref") or "").partition(":")
            ma, mb = _REF.fullmatch(a), _REF.fullmatch(b or a)
            if ma and mb:
                merges.append((int(ma.group(2)), col_number(ma.group(1)), int(mb.group(2)), col_number(mb.group(1))))
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
    if pad:  # the blanks between real cells count (a blank amount is blank); trailing ones do not
        wanted = range(1, (cols[-1] if cols else 0) + 1)
    else:  # wide sheet: the real cells, with short gaps filled
        prev = 0
        for c in cols:
            gap = c - prev - 1
            wanted += range(prev + 1, c) if gap <= MAX_GAP else [prev + 1]
            wanted.append(c)
            prev = c
    out: Row = []
    get = cells.get
    for c in wanted:
        if active:
            state = None
            for r1, c1, r2, c2 in active:
                if c1 <= c <= c2:
                    state = "skip" if c > c1 else ("blank" if r > r1 else None)
                    break
            if state == "skip":
                continue
            text = "" if state == "blank" else get((r, c), "")
        else:
            text = get((r, c), "")
        out.append(Cell(text, r, c, col_letters(c) + str(r), len(out)))
    return out


def read_workbook(path: str, expected: str = "xlsx") -> List[Tuple[str, List[Row]]]:
    """(sheet name, rows) for every sheet of an xlsx package."""
    try:
        with zipfile.ZipFile(path) as z:
            sheets, shared, styles, date1904 = _workbook(z)
            strings = _shared_strings_fast(_read_part(z, shared)) if shared and shared in z.NameToInfo else []
            codes = _styles(z, styles)
            budget = [MAX_CELLS]
            out = []
            for name, part in sheets:
                found = scan_sheet(_read_part(z, part), strings, codes, date1904, budget)
                if found is None:  # cells without references: walk the XML in order
                    found = read_sheet(z, part, strings, codes, date1904, budget)
                out.append((name, grid_of(*found)))
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
