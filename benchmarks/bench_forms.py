"""Word and PDF forms: lintgoals against the bare parse of the same files.

    python benchmarks/bench_forms.py             # 1,000 docx copies, 20 PDF copies, 3 repetitions
    python benchmarks/bench_forms.py --quick     # 200 docx, 5 PDF, 1 repetition
    python benchmarks/bench_forms.py --docx 1000 --pdf 10 --reps 1

docx (fixtures/forms/2026-申报表.docx, 5 tables each), 2 processes:
- floor: zipfile + lxml iterparse of word/document.xml, nothing kept;
- the reader alone (lintgoals.importers.docx.docx_rows: the grid of cells);
- `lintgoals check -j 2 --no-cache --format json` on the folder (read, recognise, all checks, report);
- python-docx opening each file (what the reader used before), for the record.
PDF (fixtures/forms/national/部门预算公开-绩效目标表汇编.pdf, 14 pages, 12 tables), 2 processes:
- floor: pdfplumber's bare text extraction (page.extract_text() of every page);
- the reader alone (pdf_rows: ruled tables per page with positions);
- `lintgoals check -j 2 --no-cache` on the folder.
Peak memory is the largest max-RSS of any process of the run. The figures go
into their own section of docs/benchmarks.md (between markers; the rest of
the file is bench.py's). Not a test: timings belong here.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
DOCX = os.path.join(ROOT, "fixtures", "forms", "2026-申报表.docx")
PDF = os.path.join(ROOT, "fixtures", "forms", "national", "部门预算公开-绩效目标表汇编.pdf")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")
START, END = "<!-- bench_forms.py: start -->", "<!-- bench_forms.py: end -->"
JOBS = 2


def copies(src: str, folder: str, n: int) -> list:
    os.makedirs(folder, exist_ok=True)
    ext = os.path.splitext(src)[1]
    out = []
    for i in range(n):
        p = os.path.join(folder, f"{i:05d}{ext}")
        shutil.copyfile(src, p)
        out.append(p)
    return out


# ---- the work each process does (module level: picklable)

def _raw_docx(paths):
    import zipfile

    from lxml import etree

    for p in paths:
        with zipfile.ZipFile(p) as z, z.open("word/document.xml") as fh:
            for _, el in etree.iterparse(fh):
                pass
    return _rss()


def _reader_docx(paths):
    from lintgoals.importers.docx import docx_rows

    for p in paths:
        docx_rows(p)
    return _rss()


def _python_docx(paths):
    import docx

    for p in paths:
        docx.Document(p)
    return _rss()


def _raw_pdf(paths):
    import pdfplumber

    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    return _rss()


def _reader_pdf(paths):
    from lintgoals.importers.pdf import pdf_rows

    for p in paths:
        pdf_rows(p)
    return _rss()


def _rss() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: KiB)


def pooled(fn, paths):
    """(seconds, peak MB) of fn over paths split between JOBS fresh processes."""
    chunks = [paths[i::JOBS] for i in range(JOBS)]
    t = time.perf_counter()
    with ProcessPoolExecutor(JOBS) as ex:
        rss = list(ex.map(fn, chunks))
    return time.perf_counter() - t, max(rss)


def cli(folder):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "lintgoals.cli", "check", "-j", str(JOBS), "--no-cache",
                        "--format", "json", folder], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = time.perf_counter() - t
    if p.returncode not in (0, 1):
        raise SystemExit(p.stderr.decode())
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return took, max(peak, before) / 1024


def median_runs(runs):
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), [r[0] for r in runs]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--docx", type=int, help="docx copies (default 1,000)")
    ap.add_argument("--pdf", type=int, help="PDF copies (default 20)")
    ap.add_argument("--reps", type=int, help="repetitions (default 3)")
    args = ap.parse_args()
    n_docx, n_pdf, reps = (200, 5, 1) if args.quick else (1000, 20, 3)
    n_docx, n_pdf, reps = args.docx or n_docx, args.pdf or n_pdf, args.reps or reps
    tmp = tempfile.mkdtemp(prefix="lintgoals-forms-")
    try:
        docx_dir, pdf_dir = os.path.join(tmp, "docx"), os.path.join(tmp, "pdf")
        docx_files = copies(DOCX, docx_dir, n_docx)
        pdf_files = copies(PDF, pdf_dir, n_pdf)
        res = {k: [] for k in ("raw_docx", "reader_docx", "cli_docx", "raw_pdf", "reader_pdf", "cli_pdf")}
        for _ in range(reps):  # alternating within each repetition: the machine's load hits all alike
            res["raw_docx"].append(pooled(_raw_docx, docx_files))
            res["reader_docx"].append(pooled(_reader_docx, docx_files))
            res["cli_docx"].append(cli(docx_dir))
            res["raw_pdf"].append(pooled(_raw_pdf, pdf_files))
            res["reader_pdf"].append(pooled(_reader_pdf, pdf_files))
            res["cli_pdf"].append(cli(pdf_dir))
        some = docx_files[: max(n_docx // 10, 20)]
        pd_t, pd_m = pooled(_python_docx, some)
        write(res, n_docx, n_pdf, reps, pd_t * n_docx / len(some), pd_m, len(some))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write(res, n_docx, n_pdf, reps, python_docx_s, python_docx_mb, sample) -> None:
    m = {k: median_runs(v) for k, v in res.items()}
    floor_d, floor_p = m["raw_docx"][0], m["raw_pdf"][0]
    pages = n_pdf * 14

    def row(label, key, floor, unit_n):
        s, mb, each = m[key]
        return (f"| {label} | {s:.2f} | {s / floor:.2f} | {unit_n / s:,.0f} | {mb:.0f} | "
                f"{', '.join(f'{x:.2f}' for x in each)} |")

    lines = [
        START,
        "## Word and PDF forms",
        "",
        f"Measured {dt.date.today().isoformat()} by `python benchmarks/bench_forms.py` on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, {JOBS} processes, median of {reps} alternating "
        "repetitions (the machine was shared with other work: the ratios within a repetition are the figure to read).",
        "",
        f"{n_docx:,} copies of `fixtures/forms/2026-申报表.docx` (5 tables each):",
        "",
        "| run | seconds | × floor | files/s | peak MB per process | repetitions (s) |",
        "|---|---:|---:|---:|---:|---|",
        row("floor: zipfile + lxml iterparse of word/document.xml", "raw_docx", floor_d, n_docx),
        row("lintgoals docx reader alone (grid of cells)", "reader_docx", floor_d, n_docx),
        row("`lintgoals check -j 2 --no-cache --format json` (read, recognise, all checks)", "cli_docx", floor_d, n_docx),
        f"| python-docx opening each file (the reader before), from {sample} files | {python_docx_s:.2f} | "
        f"{python_docx_s / floor_d:.2f} | {n_docx / python_docx_s:,.0f} | {python_docx_mb:.0f} | |",
        "",
        f"{n_pdf} copies of `fixtures/forms/national/部门预算公开-绩效目标表汇编.pdf` (14 pages, 12 tables each: "
        f"{pages} pages):",
        "",
        "| run | seconds | × floor | pages/s | peak MB per process | repetitions (s) |",
        "|---|---:|---:|---:|---:|---|",
        row("floor: pdfplumber `extract_text()` of every page", "raw_pdf", floor_p, pages),
        row("lintgoals PDF reader alone (ruled tables with positions)", "reader_pdf", floor_p, pages),
        row("`lintgoals check -j 2 --no-cache --format json`", "cli_pdf", floor_p, pages),
        END,
    ]
    text = open(DOC, encoding="utf-8").read() if os.path.exists(DOC) else "# Benchmarks\n"
    block = "\n".join(lines)
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(DOC, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(block)


if __name__ == "__main__":
    main()
