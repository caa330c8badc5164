"""Word forms (python-docx): the title paragraphs and the tables after them
form one grid; a cell merged across columns counts once, and a cell merged
down rows is empty below its first row, as in the text export."""
from __future__ import annotations

from typing import List

from . import FormError, require_office_package
from .grid import TITLE_2018, TITLE_2026, Cell, Row, Table, parse_grid


def read_docx(path: str) -> List[Table]:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover - a dependency
        raise FormError("missing-library", library="python-docx") from exc
    require_office_package(path, "docx")
    try:
        document = docx.Document(path)
    except Exception as exc:
        raise FormError("corrupt", expected="docx", error=f"{type(exc).__name__}: {exc}") from exc
    rows: List[Row] = []
    body = document.element.body
    paragraph_no = table_no = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_no += 1
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                rows.append([Cell(text, paragraph_no, 1, f"段落{paragraph_no}", 0)])
        elif tag == "tbl":
            table_no += 1
            table = docx.table.Table(child, document)
            above = {}
            for r, row in enumerate(table.rows, 1):
                out: Row = []
                last = None
                for c, cell in enumerate(row.cells, 1):
                    if cell._tc is last:
                        continue  # the same cell again: merged across columns
                    last = cell._tc
                    text = "" if above.get(c) is cell._tc else cell.text
                    above[c] = cell._tc
                    out.append(Cell(text, r, c, f"表{table_no} 第{r}行第{c}列", len(out)))
                rows.append(out)
    tables = parse_grid(rows)
    if tables:
        return tables
    raise FormError("not-a-form", expected=f"{TITLE_2026} / {TITLE_2018}",
                    found=(rows[0][0].text[:30] if rows else "an empty document"))
