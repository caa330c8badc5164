"""The hostile and huge inputs of issue 16, each run through the CLI with a
time and memory bound, beside a good table that must still be reported.

    python benchmarks/hostile.py            # all 29 cases, prints the table
    python benchmarks/hostile.py --write    # also writes it into docs/benchmarks.md

A case passes when: the exit code is 0 or 1 (2 only where the tool cannot
run at all: never here), the bad file has a finding (or, for file names, the
output is valid in its format with the name escaped), the good file next to
it is reported, no "internal error"/traceback, no content of a local file
leaks (XXE), the input is unchanged, wall ≤ 10 s and peak RSS ≤ 500 MB.
Not a test: these are minutes of work and bounds of this machine kind.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.dom.minidom
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WALL, RSS_MB = 10.0, 500

GOOD = """year: 2026
project: {name: 正常的项目, unit: 某单位}
budget: {current_year: 100000}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 培训人次, value: "≥100(人次)"}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 参训人员满意度, value: "≥90(%)"}
"""


# ------------------------------------------------------------------ builders

def _xlsx(path: str, sheet_xml: str) -> None:
    """A minimal xlsx: one sheet with inline strings, as any writer may make it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '</Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        z.writestr("xl/workbook.xml",
                   '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                   '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


_FORM_ROWS = [["项目支出绩效目标表"], ["项目名称", "某项目"], ["一级指标", "二级指标", "三级指标", "指标值"],
              ["产出指标", "数量指标", "培训人次", "≥100人次"], ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"]]


def _sheet(rows, dimension=None, extra_rows="") -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        out.append(f'<dimension ref="{dimension}"/>')
    out.append("<sheetData>")
    for i, row in enumerate(rows, 1):
        out.append(f'<row r="{i}">' + "".join(_cell(f"{'ABCD'[j]}{i}", v) for j, v in enumerate(row)) + "</row>")
    out.append(extra_rows)
    out.append("</sheetData></worksheet>")
    return "".join(out)


def far_cell(folder):
    p = os.path.join(folder, "far.xlsx")
    _xlsx(p, _sheet(_FORM_ROWS, extra_rows='<row r="1048576">' + _cell("XFD1048576", "x") + "</row>"))
    return p


def claimed_dimension(folder):
    p = os.path.join(folder, "dimension.xlsx")
    _xlsx(p, _sheet(_FORM_ROWS, dimension="A1:XFD1048576"))
    return p


def many_rows(folder):
    p = os.path.join(folder, "rows.xlsx")
    rows = "".join(f'<row r="{i}">' + _cell(f"A{i}", "产出指标") + _cell(f"B{i}", "数量指标") + _cell(f"C{i}", f"指标{i}")
                   + _cell(f"D{i}", "≥1个") + "</row>" for i in range(6, 100_006))
    _xlsx(p, _sheet(_FORM_ROWS, extra_rows=rows))
    return p


def far_cell_in_a_row(folder):
    p = os.path.join(folder, "row-far.xlsx")
    _xlsx(p, _sheet(_FORM_ROWS, extra_rows='<row r="6">' + _cell("A6", "产出指标") + _cell("XFD6", "远") + "</row>"))
    return p


def xxe_docx(folder):
    p = os.path.join(folder, "xxe.docx")
    secret = os.path.join(folder, "secret.txt")
    with open(secret, "w", encoding="utf-8") as fh:
        fh.write("TOP-SECRET-CONTENT\n")
    body = "".join(f"<w:tr>{''.join(f'<w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc>' for v in row)}</w:tr>" for row in _FORM_ROWS[2:])
    doc = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           '<w:p><w:r><w:t>项目支出绩效目标表 &xxe;</w:t></w:r></w:p><w:tbl>' + body + "</w:tbl></w:body></w:document>")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", doc)
    return p


def _form_2018() -> str:
    with open(os.path.join(ROOT, "fixtures", "forms", "2018-申报表.txt"), encoding="utf-8") as fh:
        return fh.read()


def long_line_tokens(folder):
    p = os.path.join(folder, "line-tokens.txt")
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(_form_2018() + "投入和管理目标\t" * (10_000_000 // 8) + "\n")
    return p


def long_line_checkboxes(folder):
    p = os.path.join(folder, "line-boxes.txt")
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(_form_2018() + '其他 <input type="checkbox"/> ' * (10_000_000 // 30) + "\n")
    return p


def text_50mb(folder):
    p = os.path.join(folder, "big.txt")
    text = _form_2018()
    with open(p, "w", encoding="utf-8") as fh:
        for _ in range(50_000_000 // len(text.encode("utf-8")) + 1):
            fh.write(text)
    return p


def _write(folder, name, text):
    p = os.path.join(folder, name)
    with open(p, "w", encoding="utf-8", errors="surrogatepass") as fh:
        fh.write(text)
    return p


def json_deep(folder):
    return _write(folder, "deep.json", '{"year": 2026, "x": ' + "[" * 900 + "]" * 900 + "}")


def yaml_digits(folder):
    return _write(folder, "digits.yaml", "year: 2026\nproject: {name: a}\nbudget: {total: " + "9" * 4400 + "}\nindicators: []\n")


def json_digits(folder):
    return _write(folder, "digits.json", '{"year": 2026, "project": {"name": "a"}, "budget": {"total": ' + "9" * 4400 + '}, "indicators": []}')


def json_surrogates(folder):
    return _write(folder, "surrogate.json", '{"year": 2026, "project": {"name": "\\ud800"}, "indicators": []}')


def json_keys(folder):
    keys = ", ".join(f'"k{i}": 1' for i in range(440_000))
    return _write(folder, "keys.json", '{"year": 2026, "project": {"name": "a"}, "indicators": [], ' + keys + "}")


def json_dup_keys(folder):
    return _write(folder, "dups.json", '{"year": 2026, "project": {"name": "a"}, "indicators": [], ' + ", ".join(['"k": 1'] * 400_000) + "}")


def yaml_keys(n):
    def build(folder):
        return _write(folder, f"keys{n}.yaml", "year: 2026\nproject: {name: a}\nindicators: []\n" + "".join(f"k{i}: 1\n" for i in range(n)))
    build.__name__ = f"yaml_keys_{n}"
    return build


def unknown_key_4mb(folder):
    return _write(folder, "bigkey.yaml", "year: 2026\nproject: {name: a}\nindicators: []\n" + "键" * 1_400_000 + ": 1\n")


def bad_name(folder):
    p = os.path.join(os.fsencode(folder), b"bad\xff\xfe\n\tname:,%\xe2\x80\xae.yaml")
    with open(p, "w", encoding="utf-8") as fh:
        fh.write(GOOD.replace("正常的项目", "坏名字的项目").replace('value: "≥100(人次)"', "value: 满足"))
    return os.fsdecode(p)


# ------------------------------------------------------------------ cases

FILE_CASES = [
    ("docx declaring an entity (XXE)", xxe_docx),
    ("xlsx with one cell at XFD1048576", far_cell),
    ("xlsx whose dimension claims XFD1048576", claimed_dimension),
    ("xlsx with 100,000 rows", many_rows),
    ("xlsx with a far cell in a row", far_cell_in_a_row),
    (".txt form with a 10 MB line of layout tokens", long_line_tokens),
    (".txt form with a 10 MB line of checkbox marks", long_line_checkboxes),
    ("a 50 MB .txt form", text_50mb),
    ("JSON nested 900 deep", json_deep),
    ("YAML amount of 4,400 digits", yaml_digits),
    ("JSON amount of 4,400 digits", json_digits),
    ("JSON string with a lone surrogate", json_surrogates),
    ("JSON with 440,000 keys", json_keys),
    ("JSON with 400,000 duplicate keys", json_dup_keys),
    ("YAML with 100,000 keys", yaml_keys(100_000)),
    ("YAML with 190,000 keys", yaml_keys(190_000)),
    ("a 4 MB unknown key, text output", unknown_key_4mb),
]
FORMATS = ["text", "json", "sarif", "github", "gitlab", "junit"]


def _run(args, cwd):
    """(exit code, stdout bytes, stderr text, wall s, peak RSS MB of the run).
    os.wait4 gives the child's own rusage: its ru_maxrss is the largest of the
    CLI process and the workers it waited for, this case alone."""
    env = dict(os.environ, LINTGOALS_CACHE_DIR=os.path.join(cwd, ".cache"), COLUMNS="100")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-m", "lintgoals", *args], cwd=cwd, stdout=out, stderr=err, env=env)
        timer = threading.Timer(120, p.kill)
        timer.start()
        _, status, usage = os.wait4(p.pid, 0)
        timer.cancel()
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        code = p.returncode if p.returncode >= 0 else f"killed ({-p.returncode})"
        return code, out.read(), err.read().decode("utf-8", "replace"), wall, usage.ru_maxrss / 1024  # KB on Linux


def _digest(path):
    """In blocks: this process stays small, or every child forked after it
    would start from its high-water mark (ru_maxrss counts it)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _valid(fmt, out: bytes) -> bool:
    text = out.decode("utf-8")  # every format is UTF-8 text
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif fmt == "junit":
        xml.dom.minidom.parseString(out)
    elif fmt == "github":
        assert all(line.startswith("::") for line in text.splitlines() if line.strip())
    return True


def run_file_case(what, build, work):
    folder = tempfile.mkdtemp(dir=work)
    bad = subprocess.run([sys.executable, __file__, "--build", build.__name__, folder], check=True,
                         capture_output=True, text=True).stdout.strip()
    good = _write(folder, "good.yaml", GOOD)
    digest = _digest(bad)
    code, out, err, wall, rss = _run(["check", "--format", "json", "--no-cache", "-j", "2", bad, good], folder)
    problems = []
    if code not in (0, 1):
        problems.append(f"exit {code}")
    if "internal error" in err or "Traceback" in err:
        problems.append("internal error")
    try:
        found = json.loads(out.decode("utf-8"))["findings"]
    except ValueError:
        found = []
        problems.append("no JSON report")
    bad_codes = sorted({f["code"] for f in found if os.path.basename(f["file"].split("#")[0]) == os.path.basename(bad)})
    if not bad_codes:
        problems.append("no finding on the bad file")
    if not any(f["file"].endswith("good.yaml") for f in found) and b"good.yaml" not in out:
        # the good table has no finding: it must still be counted
        if json.loads(out.decode("utf-8") or "{}").get("summary", {}).get("files", 0) < 2:
            problems.append("the good file was not reported")
    if b"TOP-SECRET" in out or "TOP-SECRET" in err:
        problems.append("a local file's content leaked")
    if _digest(bad) != digest:
        problems.append("input modified")
    if wall > WALL:
        problems.append(f"wall {wall:.1f} s")
    if rss > RSS_MB:
        problems.append(f"RSS {rss:.0f} MB")
    message = next((f["message"] for f in found if f["code"] in bad_codes), "")
    shutil.rmtree(folder, ignore_errors=True)
    return what, code, ",".join(bad_codes), wall, rss, problems, message


def run_name_cases(work):
    rows = []
    for fmt in FORMATS:
        for to_file in (False, True):
            folder = tempfile.mkdtemp(dir=work)
            bad_name(folder)
            _write(folder, "good.yaml", GOOD)
            args = ["check", "--format", fmt, "--no-cache", "."]
            if to_file:
                args += ["--output", "report.out"]
            code, out, err, wall, rss = _run(args, folder)
            if to_file and os.path.exists(os.path.join(folder, "report.out")):
                with open(os.path.join(folder, "report.out"), "rb") as fh:
                    out = fh.read()
            problems = []
            if code not in (0, 1):
                problems.append(f"exit {code}")
            if "internal error" in err or "Traceback" in err:
                problems.append("internal error")
            try:
                _valid(fmt, out)
            except Exception as exc:  # noqa: BLE001 any parse failure is the finding here
                problems.append(f"invalid {fmt}: {type(exc).__name__}")
            if "LG202" not in out.decode("utf-8", "replace"):
                problems.append("the badly named file's finding is missing")
            if wall > WALL:
                problems.append(f"wall {wall:.1f} s")
            where = "--output" if to_file else "stdout"
            rows.append((f"file name with invalid bytes, newline, tab, `:`, `,`, `%`, bidi — {fmt} to {where}",
                         code, "LG202", wall, rss, problems, ""))
            shutil.rmtree(folder, ignore_errors=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true", help="write the table into docs/benchmarks.md")
    ap.add_argument("-k", default="", help="only the cases whose description holds this text")
    ap.add_argument("--build", nargs=2, metavar=("BUILDER", "FOLDER"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build:  # a child process: make one input, print its path
        name, folder = args.build
        print(next(b for _, b in FILE_CASES if b.__name__ == name)(folder))
        return
    work = tempfile.mkdtemp(prefix="lintgoals-hostile-")
    rows = []
    try:
        for what, build in FILE_CASES:
            if args.k in what:
                rows.append(run_file_case(what, build, work))
                print(_line(rows[-1]), flush=True)
                print("      ", rows[-1][6][:160], flush=True)
        if args.k in "file name":
            for r in run_name_cases(work):
                rows.append(r)
                print(_line(r), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    bad = [r for r in rows if r[5]]
    print(f"\n{len(rows) - len(bad)} of {len(rows)} cases pass")
    if args.write:
        _write_doc(rows)
    sys.exit(1 if bad else 0)


def _line(r):
    what, code, codes, wall, rss, problems, _ = r
    return f"{'ok ' if not problems else 'BAD'} {wall:6.2f} s {rss:6.0f} MB exit {code} {codes:12} {what}" + (
        f"  ← {'; '.join(problems)}" if problems else "")


def _write_doc(rows) -> None:
    path = os.path.join(ROOT, "docs", "benchmarks.md")
    with open(path, encoding="utf-8") as fh:
        doc = fh.read()
    lines = ["<!-- hostile:start -->", "## Hostile and huge inputs (issue 16)", "",
             f"Measured {dt.date.today()} by `python benchmarks/hostile.py --write` on {platform.machine()}, "
             f"{os.cpu_count()} cores, Python {platform.python_version()} (machine shared with other work). Each bad "
             f"file is checked beside a good table (`-j 2`, `--no-cache`); bounds: wall ≤ {WALL:.0f} s, peak RSS ≤ {RSS_MB} MB "
             "(RSS is the high-water mark of the child processes so far).", "",
             "| input | exit | finding | wall (s) | peak RSS (MB) | result |", "|---|---:|---|---:|---:|---|"]
    for what, code, codes, wall, rss, problems, _ in rows:
        lines.append(f"| {what} | {code} | {codes} | {wall:.2f} | {rss:.0f} | {'ok' if not problems else '; '.join(problems)} |")
    lines.append("<!-- hostile:end -->")
    block = "\n".join(lines)
    if "<!-- hostile:start -->" in doc:
        head, rest = doc.split("<!-- hostile:start -->", 1)
        doc = head + block + rest.split("<!-- hostile:end -->", 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n" + block + "\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(doc)


if __name__ == "__main__":
    main()
