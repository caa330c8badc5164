"""`lintgoals annotate FORM -o OUT`: a copy of an xlsx or docx form with each
finding at its cell — a fill by severity and a comment (批注) holding the
message, the suggestion and the basis — and a list of the findings that
links to each cell (a 问题清单 sheet; in Word, a table appended at the end).

The form is opened for reading only and the copy is written to OUT;
openpyxl keeps formulas, merges, column widths and number formats, and the
Word copy changes only the cells it marks.
"""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from . import Cycle, Row, sev_word
from .html import w

FILL = {"error": "FFCDD2", "warning": "FFE0B2", "info": "BBDEFB"}
RANK = {"error": 3, "warning": 2, "info": 1}
_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
_WORD = re.compile(r"^表(\d+) 第(\d+)行第(\d+)列$")
LIST_SHEET = "问题清单"


def _table_no(file: str) -> int:
    head, sep, tail = file.rpartition("#")
    return int(tail) if sep and tail.isdigit() else 1


def _note(r: Row, lang: str) -> str:
    parts = [f"[{sev_word(r.severity, lang)}] {r.code} {r.rule}", r.problem]
    if r.suggestion:
        parts.append(f"{w('suggestion', lang)}：{r.suggestion}" if lang != "en" else f"Suggestion: {r.suggestion}")
    if r.basis:
        parts.append(f"{w('basis', lang)}：{r.basis}" if lang != "en" else f"Basis: {r.basis}")
    return "\n".join(parts)


def annotate(form: str, output: str, cycle: Cycle) -> Tuple[int, int]:
    """Write the annotated copy; (findings marked at a cell, findings without one)."""
    if form.lower().endswith(".docx"):
        return _docx(form, output, cycle)
    return _xlsx(form, output, cycle)


# ------------------------------------------------------------------ xlsx

def _sheets_of_tables(form: str, wb) -> Dict[int, str]:
    """table number → the sheet it was read from: the sheet where most of the
    table's source cells hold the text the importer read (sheets are not
    named in the findings)."""
    from ..importers import FormError, read_tables

    try:
        tables = read_tables(form)
    except (FormError, OSError):
        return {}
    out: Dict[int, str] = {}
    names = wb.sheetnames
    for i, t in enumerate(tables, 1):
        sample = [c for c in t.cells.values() if _A1.match(c.label or "") and c.text.strip()][:16]
        best, score = None, -1
        for name in names:
            ws = wb[name]
            s = sum(1 for c in sample if _same(ws[c.label].value, c.text))
            if s > score:
                best, score = name, s
        if best is not None and score > 0:
            out[i] = best
    return out


def _same(value, text: str) -> bool:
    if value is None:
        return not text.strip()
    return "".join(str(value).split()) == "".join(text.split())


def _anchor(ws, ref: str) -> str:
    """A cell inside a merge is written at the merge's top-left cell."""
    for rng in ws.merged_cells.ranges:
        if ref in rng and ref != rng.start_cell.coordinate:
            return rng.start_cell.coordinate
    return ref


def _xlsx(form: str, output: str, cycle: Cycle) -> Tuple[int, int]:
    from openpyxl import load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    lang = cycle.lang
    wb = load_workbook(form)  # formulas kept as formulas (not data_only), styles and merges kept
    sheet_of = _sheets_of_tables(form, wb)
    if not sheet_of and len(wb.sheetnames) == 1:
        sheet_of = {1: wb.sheetnames[0]}
    marks: Dict[Tuple[str, str], List[Row]] = {}
    listed: List[Tuple[Row, Optional[str], Optional[str], str]] = []  # row, sheet, cell, project
    for t in cycle.tables:
        sheet = sheet_of.get(_table_no(t.file))
        for r in t.rows:
            m = _A1.match(r.cell or "")
            if sheet and m:
                ref = _anchor(wb[sheet], f"{m.group(1)}{m.group(2)}")
                marks.setdefault((sheet, ref), []).append(r)
                listed.append((r, sheet, ref, t.project))
            else:
                listed.append((r, None, None, t.project))
    for (sheet, ref), rows in marks.items():
        c = wb[sheet][ref]
        worst = max(rows, key=lambda r: RANK[r.severity]).severity
        c.fill = PatternFill("solid", fgColor=FILL[worst])
        text = "\n\n".join(_note(r, lang) for r in rows)
        if c.comment is not None:  # the form's own comment stays first
            text = f"{c.comment.text}\n\n——lintgoals——\n{text}"
        note = Comment(text, "lintgoals")
        note.width, note.height = 360, min(600, 80 + 18 * text.count("\n") + len(text) // 3)
        c.comment = note
    name = LIST_SHEET if LIST_SHEET not in wb.sheetnames else f"{LIST_SHEET}（lintgoals）"
    ls = wb.create_sheet(name)
    ls.append([w("cell", lang), w("project", lang), w("sev", lang), "code", w("rule", lang), w("indicator", lang),
               w("value", lang), w("problem", lang), w("suggestion", lang), w("basis", lang)])
    for r, sheet, ref, project in listed:
        label = f"{sheet}!{ref}" if sheet else (r.cell or "")
        ls.append([label, project, sev_word(r.severity, lang), r.code, r.rule, r.indicator, r.value, r.problem,
                   r.suggestion, r.basis])
        if sheet:
            cell = ls.cell(ls.max_row, 1)
            quoted = "'" + sheet.replace("'", "''") + "'"
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"{quoted}!{ref}", display=label)
            cell.font = Font(color="0563C1", underline="single")
        ls.cell(ls.max_row, 3).fill = PatternFill("solid", fgColor=FILL[r.severity])
    for c in ls[1]:
        c.font = Font(bold=True)
    ls.freeze_panes = "A2"
    ls.auto_filter.ref = f"A1:J{max(1, ls.max_row)}"
    for col, width in zip("ABCDEFGHIJ", (12, 26, 6, 7, 14, 22, 16, 50, 50, 36)):
        ls.column_dimensions[col].width = width
    wb.save(output)
    return sum(len(v) for v in marks.values()), sum(1 for x in listed if x[1] is None)


# ------------------------------------------------------------------ docx

def _docx(form: str, output: str, cycle: Cycle) -> Tuple[int, int]:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    lang = cycle.lang
    document = docx.Document(form)
    body = document.element.body
    tables = list(body.iter(qn("w:tbl")))  # document order, nested tables included: the importer's 表N
    marks: Dict[tuple, List[Row]] = {}
    listed: List[Tuple[Row, Optional[tuple], str]] = []
    for t in cycle.tables:
        for r in t.rows:
            m = _WORD.match(r.cell or "")
            tc = _word_cell(tables, int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
            key = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if tc is not None else None
            if key:
                marks.setdefault(key, [tc]).append(r)
            listed.append((r, key, t.project))
    bookmarks: Dict[tuple, str] = {}
    for n, (key, items) in enumerate(marks.items(), 1):
        tc, rows = items[0], items[1:]
        worst = max(rows, key=lambda r: RANK[r.severity]).severity
        _shade(tc, FILL[worst])
        p_el = tc.find(qn("w:p"))
        if p_el is None:
            p_el = tc.makeelement(qn("w:p"), {})
            tc.append(p_el)
        para = Paragraph(p_el, None)
        runs = list(para.runs) or [para.add_run("")]
        document.add_comment(runs, text="\n\n".join(_note(r, lang) for r in rows), author="lintgoals", initials="LG")
        name = f"lintgoals_{n}"
        bookmarks[key] = name
        start = p_el.makeelement(qn("w:bookmarkStart"), {qn("w:id"): str(90000 + n), qn("w:name"): name})
        end = p_el.makeelement(qn("w:bookmarkEnd"), {qn("w:id"): str(90000 + n)})
        ppr = p_el.find(qn("w:pPr"))
        p_el.insert(1 if ppr is not None else 0, start)
        p_el.append(end)
    document.add_paragraph().add_run(LIST_SHEET if lang != "en" else f"Findings ({LIST_SHEET})").bold = True
    heads = [w("cell", lang), w("project", lang), w("sev", lang), w("rule", lang), w("indicator", lang),
             w("problem", lang), w("suggestion", lang), w("basis", lang)]
    table = document.add_table(rows=1, cols=len(heads))
    try:
        table.style = "Table Grid"
    except (KeyError, ValueError):  # a form whose styles lack it: plain borders are not essential
        pass
    for c, text in zip(table.rows[0].cells, heads):
        c.text = text
    for r, key, project in listed:
        cells = table.add_row().cells
        values = ["", project, sev_word(r.severity, lang), f"{r.code} {r.rule}", r.indicator, r.problem, r.suggestion, r.basis]
        for c, text in zip(cells[1:], values[1:]):
            c.text = text
        if key:
            _link(cells[0].paragraphs[0], bookmarks[key], r.cell)
        else:
            cells[0].text = r.cell or ""
    document.save(output)
    return sum(len(v) - 1 for v in marks.values()), sum(1 for x in listed if x[1] is None)


def _word_cell(tables, no: int, row: int, col: int):
    """The w:tc at the importer's (表N, row, grid column): gridBefore and gridSpan counted."""
    from docx.oxml.ns import qn

    if not 1 <= no <= len(tables):
        return None
    rows = tables[no - 1].findall(qn("w:tr"))
    if not 1 <= row <= len(rows):
        return None
    tr = rows[row - 1]
    g = 1
    before = tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}")
    if before is not None:
        g += int(before.get(qn("w:val")) or 0)
    for tc in tr.findall(qn("w:tc")):
        span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        span = int(span_el.get(qn("w:val")) or 1) if span_el is not None else 1
        if g <= col < g + span:
            return tc
        g += span
    return None


def _shade(tc, fill: str) -> None:
    from docx.oxml.ns import qn

    pr = tc.find(qn("w:tcPr"))
    if pr is None:
        pr = tc.makeelement(qn("w:tcPr"), {})
        tc.insert(0, pr)
    old = pr.find(qn("w:shd"))
    if old is not None:
        pr.remove(old)
    shd = pr.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    # schema order inside tcPr: shd comes after tcW, gridSpan, vMerge, tcBorders
    after = [qn(x) for x in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders")]
    pos = 0
    for i, child in enumerate(pr):
        if child.tag in after:
            pos = i + 1
    pr.insert(pos, shd)


def _link(paragraph, anchor: str, text: str) -> None:
    from docx.oxml.ns import qn

    p = paragraph._p
    link = p.makeelement(qn("w:hyperlink"), {qn("w:anchor"): anchor, qn("w:history"): "1"})
    run = link.makeelement(qn("w:r"), {})
    rpr = run.makeelement(qn("w:rPr"), {})
    color = rpr.makeelement(qn("w:color"), {qn("w:val"): "0563C1"})
    underline = rpr.makeelement(qn("w:u"), {qn("w:val"): "single"})
    rpr.append(color)
    rpr.append(underline)
    run.append(rpr)
    t = run.makeelement(qn("w:t"), {})
    t.text = text
    run.append(t)
    link.append(run)
    p.append(link)
