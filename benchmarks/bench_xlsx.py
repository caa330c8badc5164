"""Spreadsheet readers side by side: speed on N copies of a form, and what each
one shows of merged cells and number formats (issue 13, item 4).

    python benchmarks/bench_xlsx.py [--copies 1000] [--jobs 2] [--write]

Speed: every reader runs over the same N copies of fixtures/forms/2026-申报表.xlsx
with a pool of `--jobs` processes (pool start-up included, equal for all),
alternating, best of `--reps`. `--write` puts the table into docs/benchmarks.md
(between the xlsx markers). Timings depend on the machine: never asserted in tests.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from multiprocessing import Pool

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
FORM = os.path.join(ROOT, "fixtures", "forms", "2026-申报表.xlsx")


def calamine_iterate(path):
    """The floor: python-calamine merely iterating every cell of every sheet."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    n = 0
    for name in wb.sheet_names:
        for row in wb.get_sheet_by_name(name).iter_rows():
            n += len(row)
    return n


def calamine_with_merges(path):
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(path)
    n = 0
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        n += len(sheet.merged_cell_ranges or [])
        for row in sheet.iter_rows():
            n += len(row)
    return n


def lxml_sheets(path):
    """This reader's XML pass alone: cells with their formats, merges, the grid."""
    from lintgoals.importers.xlsx import read_workbook

    return sum(len(rows) for _, rows in read_workbook(path))


def lintgoals_import(path):
    """What `lintgoals check` pays per form: reader + recogniser → format-1 tables."""
    from lintgoals.importers.xlsx import read_xlsx

    return len(read_xlsx(path))


def openpyxl_read_only(path):
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return n


def openpyxl_full(path):
    """The previous reader's cost: a full openpyxl load (merged cells need it)."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    n = 0
    for ws in wb.worksheets:
        n += len(ws.merged_cells.ranges)
        for row in ws.iter_rows():
            n += len(row)
    return n


READERS = [("python-calamine, bare iteration (floor)", calamine_iterate),
           ("python-calamine + merged ranges", calamine_with_merges),
           ("zipfile + lxml pass (this reader's XML part)", lxml_sheets),
           ("lintgoals reader + recogniser (read_xlsx)", lintgoals_import),
           ("openpyxl read-only (no merged cells)", openpyxl_read_only),
           ("openpyxl full load (the previous reader)", openpyxl_full)]


def _run(args):
    fn, paths = args
    for p in paths:
        fn(p)
    return len(paths)


def timed(fn, paths, jobs):
    chunks = [paths[i::jobs] for i in range(jobs)]
    t = time.perf_counter()
    with Pool(jobs) as pool:
        pool.map(_run, [(fn, c) for c in chunks])
    return time.perf_counter() - t


def features():
    """What a person sees vs what each reader returns, on a built sheet."""
    import openpyxl

    tmp = tempfile.mkdtemp(prefix="lintgoals-xlsx-")
    path = os.path.join(tmp, "formats.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A1"].number_format = 1, "0%"
    ws["A2"], ws["A2"].number_format = 0.95, "0%"
    ws["A3"], ws["A3"].number_format = 1139000, "#,##0.00"
    ws["A4"], ws["A4"].number_format = 44561, "yyyy-mm-dd"
    ws["B1"] = "merged"
    ws.merge_cells("B1:C2")
    wb.save(path)
    out = []
    from python_calamine import CalamineWorkbook

    cw = CalamineWorkbook.from_path(path).get_sheet_by_index(0)
    rows = cw.to_python()
    out.append(("python-calamine", [repr(rows[i][0]) for i in range(4)], repr(cw.merged_cell_ranges)))
    ro = openpyxl.load_workbook(path, read_only=True)
    vals = [repr(r[0]) for r in ro.active.iter_rows(values_only=True)][:4]
    out.append(("openpyxl read-only", vals, "no merged_cells in read-only mode"))
    full = openpyxl.load_workbook(path).active
    out.append(("openpyxl full", [repr(full.cell(row=i, column=1).value) for i in range(1, 5)],
                str(list(full.merged_cells.ranges))))
    from lintgoals.importers.xlsx import read_workbook

    grid = read_workbook(path)[0][1]
    out.append(("lintgoals xlsx reader", [repr(grid[i][0].text) for i in range(4)], "B1:C2 (cells C1, B2, C2 covered)"))
    shutil.rmtree(tmp)
    return out


def utf8_variant(folder):
    """The same form with its text stored as UTF-8, as Excel and WPS write it (the
    fixture, written by openpyxl, spells every Chinese character &#36130;)."""
    import zipfile

    from lintgoals.importers.xlsx import _literal_text

    out = os.path.join(folder, "utf8.xlsx")
    with zipfile.ZipFile(FORM) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, _literal_text(data) if info.filename.endswith(".xml") else data)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--write", action="store_true")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="lintgoals-xlsx-")
    variant = utf8_variant(tmp)
    sets = {}
    for label, source in (("fixture", FORM), ("utf8", variant)):
        sets[label] = []
        for i in range(a.copies):
            p = os.path.join(tmp, f"{label}-{i:05d}.xlsx")
            shutil.copyfile(source, p)
            sets[label].append(p)
    best = {(name, label): float("inf") for name, _ in READERS for label in sets}
    for rep in range(a.reps):
        for label, paths in sets.items():
            for name, fn in READERS:
                if fn is openpyxl_full and (rep or label != "fixture"):  # the slowest: one run is enough to see it
                    continue
                best[(name, label)] = min(best[(name, label)], timed(fn, paths, a.jobs))
    shutil.rmtree(tmp)
    lines = [f"{a.copies:,} copies of fixtures/forms/2026-申报表.xlsx (5 sheets, ~400 cells), {a.jobs} processes, "
             f"best of {a.reps} (openpyxl full: one run); the second column is the same form with its text stored as "
             "UTF-8, as Excel and WPS write it (the fixture, written by openpyxl, spells every Chinese character as "
             "a character reference):", "",
             "| reader | fixture s | × bare calamine | UTF-8 copy s | × bare calamine |", "|---|---:|---:|---:|---:|"]
    floor = {label: best[(READERS[0][0], label)] for label in sets}
    for name, _ in READERS:
        cols = []
        for label in sets:
            v = best[(name, label)]
            cols += ["—", "—"] if v == float("inf") else [f"{v:.2f}", f"{v / floor[label]:.2f}×"]
        lines.append(f"| {name} | " + " | ".join(cols) + " |")
    lines += ["", "What each reader returns for cells typed `100%`, `95%`, `1,139,000.00`, a date 2021-12-31, and a merge B1:C2:",
              "", "| reader | A1 `100%` | A2 `95%` | A3 `1,139,000.00` | A4 date | merges |", "|---|---|---|---|---|---|"]
    for name, vals, merges in features():
        lines.append(f"| {name} | " + " | ".join(f"`{v}`" for v in vals) + f" | {merges} |")
    text = "\n".join(lines)
    print(text)
    if a.write:
        doc = os.path.join(ROOT, "docs", "benchmarks.md")
        body = open(doc, encoding="utf-8").read() if os.path.exists(doc) else ""
        start, end = "<!-- xlsx:start -->", "<!-- xlsx:end -->"
        block = f"{start}\n## Spreadsheet readers (xlsx)\n\nWritten by `benchmarks/bench_xlsx.py --write`.\n\n{text}\n{end}"
        if start in body:
            body = body[:body.index(start)] + block + body[body.index(end) + len(end):]
        else:
            body = body.rstrip("\n") + "\n\n" + block + "\n"
        with open(doc, "w", encoding="utf-8") as fh:
            fh.write(body)


if __name__ == "__main__":
    main()
