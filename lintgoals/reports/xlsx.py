"""report.xlsx: the HTML report's content as sheets — 总览, 表格清单, 问题清单
(autofilter, frozen header), 审核意见 — for Excel and WPS (openpyxl).
Sheet names stay Chinese in both languages (a bureau's macros look them up);
headings follow --lang."""
from __future__ import annotations

from . import Cycle, family, family_name, sev_word, verdict_word, PASS, REVISE, RETURN
from .html import w
from .review import aspect_word, points, point_text

SHEETS = ("总览", "表格清单", "问题清单", "审核意见")
FILLS = {"error": "FFCDD2", "warning": "FFE0B2", "info": "BBDEFB", RETURN: "FFCDD2", REVISE: "FFE0B2", PASS: "C8E6C9"}


def write(cycle: Cycle, path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    lang = cycle.lang
    wb = Workbook()
    bold = Font(bold=True)
    fills = {k: PatternFill("solid", fgColor=v) for k, v in FILLS.items()}
    wrap = Alignment(wrap_text=True, vertical="top")

    ov = wb.active
    ov.title = SHEETS[0]
    ov.append([w("title", lang)])
    ov["A1"].font = Font(bold=True, size=14)
    tot, ver = cycle.totals(), cycle.verdicts()
    for label, n in [(w("tables", lang), len(cycle.tables)), (w("units", lang), len(cycle.units()))] + \
            [(sev_word(s, lang), tot[s]) for s in ("error", "warning", "info")] + \
            [(verdict_word(v, lang), ver[v]) for v in (RETURN, REVISE, PASS)]:
        ov.append([label, n])
    ov.append([w("rule_text", lang), cycle.rule.describe(lang)])
    ov.append([])
    ov.append([w("rule", lang), w("findings", lang)] + [sev_word(s, lang) for s in ("error", "warning", "info")])
    head_row = ov.max_row
    by_rule = {}
    for r in cycle.rows:
        c = by_rule.setdefault((r.code, r.rule), {"error": 0, "warning": 0, "info": 0})
        c[r.severity] += 1
    for (code, name), c in sorted(by_rule.items(), key=lambda kv: -sum(kv[1].values())):
        ov.append([f"{code} {name}", sum(c.values()), c["error"], c["warning"], c["info"]])
    for cell in ov[head_row]:
        cell.font = bold
    ov.column_dimensions["A"].width = 30
    ov.column_dimensions["B"].width = 14

    ls = wb.create_sheet(SHEETS[1])
    heads = [w("dept", lang), w("unit", lang), w("project", lang), w("amount", lang), w("template", lang),
             sev_word("error", lang), sev_word("warning", lang), sev_word("info", lang), w("verdict", lang), w("file", lang)]
    ls.append(heads)
    for t in cycle.tables:
        ls.append([t.department, t.unit, t.project, t.amount_value or None, t.template, t.count("error"),
                   t.count("warning"), t.count("info"), verdict_word(t.verdict, lang), t.file])
        ls.cell(ls.max_row, 4).number_format = "#,##0.00"
        ls.cell(ls.max_row, 9).fill = fills[t.verdict]
    _table_sheet(ls, [16, 24, 36, 16, 8, 6, 6, 6, 12, 40])

    fs = wb.create_sheet(SHEETS[2])
    fs.append([w("project", lang), w("unit", lang), w("sev", lang), "code", w("rule", lang), w("indicator", lang),
               w("value", lang), w("problem", lang), w("suggestion", lang), w("basis", lang), w("cell", lang), w("file", lang),
               "family"])
    for t in cycle.tables:
        for r in t.rows:
            fs.append([t.project, t.unit, sev_word(r.severity, lang), r.code, r.rule, r.indicator, r.value, r.problem,
                       r.suggestion, r.basis, r.cell, r.file, family_name(family(r.code), lang)])
            fs.cell(fs.max_row, 3).fill = fills[r.severity]
    _table_sheet(fs, [24, 20, 6, 7, 14, 22, 16, 48, 48, 36, 8, 30, 12])
    for row in fs.iter_rows(min_row=2, min_col=8, max_col=9):
        for c in row:
            c.alignment = wrap

    rv = wb.create_sheet(SHEETS[3])
    rv.append([w("project", lang), w("unit", lang), w("verdict", lang), "88号", w("review", lang), w("basis", lang)])
    for t in cycle.tables:
        for aspect, items in points(t, lang).items():
            for j, (text, basis) in enumerate(items, 1):
                rv.append([t.project, t.unit, verdict_word(t.verdict, lang), aspect_word(aspect, lang),
                           point_text(j, text, basis, lang), basis])
    _table_sheet(rv, [28, 22, 10, 10, 80, 40])
    for row in rv.iter_rows(min_row=2, min_col=5, max_col=5):
        for c in row:
            c.alignment = wrap
    wb.save(path)


def _table_sheet(ws, widths) -> None:
    """Bold frozen header, autofilter over the data, column widths."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for c in ws[1]:
        c.font = Font(bold=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{max(ws.max_row, 1)}"
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
