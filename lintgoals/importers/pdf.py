"""PDF forms, read directly (pdfplumber, on pdfminer.six): the published
budget documents (部门预算公开) hold dozens of tables, ruled.

Each page's ruled tables are found by their lines (pdfplumber's table finder)
and become grid rows in page order, with the text lines between them (titles,
项目名称 lines, notes) as one-cell rows, as a Word document's paragraphs are.
The recogniser (grid.py) then finds the target tables in that one grid, so a
table continuing on the next page simply goes on: its rows follow; a header
row repeated at the top of the next page is dropped, and page numbers are no
rows. A cell covered by a merge is an empty cell below the merge's first row
(the recogniser fills it down) and no cell right of its first column.

A page without any ruled table is read as spaced text: words on one line
with a gap of more than two characters between them are separate cells.

Labels name the page: `第3页 表1 第5行第3列` (the table's number on its page).

Bounded: the file size (max-file-size, 64 MB by default) and the page count
are checked before any page is parsed; an encrypted PDF or one without text
(a scan) is LG001 saying what to do.
"""
from __future__ import annotations

import os
import re
from typing import List, Optional

from . import FormError
from .grid import Cell, Row, Table, parse_grid

MAX_PDF_BYTES = 64 * 1024 * 1024
MAX_PAGES = 1000
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d+\s*[-—–－]|第?\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4})\s*$")


def read_pdf(path: str, layouts=None, max_bytes: Optional[int] = None) -> List[Table]:
    rows = pdf_rows(path, max_bytes)
    tables = parse_grid(rows, layouts=layouts, by_column=True)  # Cell.column is the table's column
    if tables:
        return tables
    first = next((c.text.strip() for row in rows for c in row if c.text.strip()), "")
    raise FormError("not-a-form", expected="绩效目标表 / 绩效自评表 (一级指标 二级指标 三级指标 指标值)",
                    found=f"“{first[:30]}”" if first else "no text")


def pdf_rows(path: str, max_bytes: Optional[int] = None) -> List[Row]:
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - a dependency
        raise FormError("missing-library", library="pdfplumber (pip install 'lintgoals[pdf]')") from exc
    limit = max_bytes or MAX_PDF_BYTES
    size = os.stat(path).st_size
    if size > limit:
        raise FormError("too-large", size=size, limit=limit)
    with open(path, "rb") as fh:
        if not fh.read(1024).lstrip().startswith(b"%PDF"):
            raise FormError("corrupt", expected="pdf")
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many kinds for a broken or locked file
        name = type(exc).__name__
        causes = [name] + [type(x).__name__ for x in (*exc.args, exc.__context__) if isinstance(x, BaseException)]
        if any("Password" in n or "Encrypt" in n for n in causes):  # pdfplumber wraps pdfminer's PDFPasswordIncorrect
            raise FormError("pdf-encrypted") from exc
        raise FormError("corrupt", expected="pdf", error=f"{name}: {exc}") from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise FormError("corrupt", expected="pdf", error=f"{type(exc).__name__}: {exc}") from exc
        if len(pages) > MAX_PAGES:
            raise FormError("pdf-too-many-pages", pages=len(pages), limit=MAX_PAGES)
        rows: List[Row] = []
        any_text = False
        last_header: Optional[List[List[str]]] = None
        for number, page in enumerate(pages, 1):
            try:
                got, header, had_text = _page_rows(page, number, last_header)
            except FormError:
                raise
            except Exception as exc:  # a damaged page: the file is damaged
                raise FormError("corrupt", expected="pdf", error=f"第{number}页 {type(exc).__name__}: {exc}") from exc
            finally:
                page.close()  # frees the page's parsed layout: memory stays one page deep
            rows += got
            any_text = any_text or had_text
            if header is not None:
                last_header = header
        if not any_text:
            raise FormError("pdf-no-text", pages=len(pages))
    return rows


def _page_rows(page, number: int, last_header):
    """(rows, the head of the page's last table (see _head_of), whether the page has text)."""
    found = page.find_tables()
    lines = [l for l in page.extract_text_lines(return_chars=False) if l["text"].strip()]
    if not found:
        return _spaced(page, number), None, bool(lines)
    rows: List[Row] = []
    header = None
    bboxes = [t.bbox for t in found]
    pending = [l for l in lines if not any(_inside(l, b) for b in bboxes)]
    first_content = True
    for k, table in enumerate(sorted(found, key=lambda t: (t.bbox[1], t.bbox[0])), 1):
        top = table.bbox[1]
        above = [l for l in pending if l["bottom"] <= top + 1]
        pending = [l for l in pending if l["bottom"] > top + 1]
        for l in above:
            if not _PAGE_NUMBER.match(l["text"]):
                rows.append([_line_cell(l, number, lines)])
                first_content = False
        grid = _table_grid(table, number, k)
        if grid and first_content and last_header:
            grid = grid[_repeated(grid, last_header):]  # the header repeated on the next page: the table goes on
        if grid:
            header = _head_of(grid) or header
        rows += grid
        first_content = False
    for l in pending:  # below the last table: notes (注), page numbers dropped
        if not _PAGE_NUMBER.match(l["text"]):
            rows.append([_line_cell(l, number, lines)])
    return rows, header, True


def _line_cell(line, number: int, lines) -> Cell:
    n = lines.index(line) + 1  # the line's place among the page's text lines
    return Cell(line["text"], n, 1, f"第{number}页 第{n}行文字", 0)


def _texts(row: Row) -> List[str]:
    return [re.sub(r"\s+", "", c.text) for c in row]


def _head_of(grid: List[Row]) -> Optional[List[List[str]]]:
    """A table's rows down to its indicator header (the row naming 三级指标 or
    指标值): what a PDF repeats at the top of each page the table runs over."""
    for n, row in enumerate(grid):
        t = _texts(row)
        if any("三级指标" in x or "指标值" in x or "指标名称" in x for x in t):
            return [_texts(r) for r in grid[:n + 1]]
    return None


def _repeated(grid: List[Row], head: List[List[str]]) -> int:
    """How many rows at the top of `grid` repeat the end of `head` (0 if none)."""
    for k in range(min(len(head), len(grid)), 0, -1):
        if [_texts(r) for r in grid[:k]] == head[-k:]:
            return k
    return 0


def _inside(line, bbox) -> bool:
    x0, top, x1, bottom = bbox
    mid = (line["top"] + line["bottom"]) / 2
    return top - 1 <= mid <= bottom + 1 and line["x1"] >= x0 - 1 and line["x0"] <= x1 + 1


def _table_grid(table, number: int, k: int) -> List[Row]:
    """A ruled table's rows; merges as the other readers give them."""
    texts = table.extract()
    rows = table.rows
    out: List[Row] = []
    for r, (group, cells) in enumerate(zip(rows, texts), 1):
        row: Row = []
        reach = -1.0  # right edge of the last real cell: a missing cell left of it is covered from the left
        for c, (bbox, text) in enumerate(zip(group.cells, cells), 1):
            if bbox is None:
                left = _column_left(rows, c - 1)
                if left is not None and left < reach - 1:
                    continue  # right of a merge's first column: no cell of its own
                text = ""  # below a merge's first row: empty, filled down by the recogniser
            else:
                reach = bbox[2]
            row.append(Cell((text or "").replace("\n", ""), r, c, f"第{number}页 表{k} 第{r}行第{c}列", len(row)))
        out.append(row)
    return out


def _column_left(rows, c: int) -> Optional[float]:
    for group in rows:
        if c < len(group.cells) and group.cells[c] is not None:
            return group.cells[c][0]
    return None


def _spaced(page, number: int) -> List[Row]:
    """A page without ruled tables: words on a line, a gap wider than two characters between cells."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False)
    lines: List[List[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - w["top"]) <= 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    rows: List[Row] = []
    for line, ws in enumerate(lines, 1):
        ws.sort(key=lambda w: w["x0"])
        text = " ".join(w["text"] for w in ws)
        if _PAGE_NUMBER.match(text):
            continue
        cells: Row = []
        start = None
        for w in ws:
            size = (w["bottom"] - w["top"]) or 10
            if start is not None and w["x0"] - start["x1"] <= 2 * size:
                start["text"] += w["text"]
                start["x1"] = w["x1"]
                continue
            if start is not None:
                cells.append(_word_cell(start, number, line, len(cells)))
            start = dict(w)
        if start is not None:
            cells.append(_word_cell(start, number, line, len(cells)))
        rows.append(cells)
    return rows


def _word_cell(w, number: int, line: int, index: int) -> Cell:
    # the column is the cell's place in its line: spaced text has no grid to line up by
    return Cell(w["text"], line, index + 1, f"第{number}页 第{line}行 第{index + 1}段", index)
