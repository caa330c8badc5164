"""`--format junit`: one testsuite per file, one failing testcase per finding
(a clean file gets one passing testcase), valid against Jenkins' junit-10.xsd."""
from __future__ import annotations

from itertools import groupby
from xml.etree import ElementTree as ET


def render(findings, ctx) -> str:
    by_file = {file: list(group) for file, group in groupby(findings, key=lambda f: f.file)}
    files = []
    for path in ctx.paths or list(by_file):
        tables = [k for k in by_file if k.startswith(path + "#")]  # a form holding several tables
        files += tables or [path]
    files += [f for f in by_file if f not in files]
    root = ET.Element("testsuites", name="lintgoals", tests=str(sum(max(len(by_file.get(f, [])), 1) for f in files)),
                      failures=str(len(findings)), errors="0")
    for file in files:
        found = by_file.get(file, [])
        suite = ET.SubElement(root, "testsuite", name=file, tests=str(max(len(found), 1)),
                              failures=str(len(found)), errors="0", skipped="0")
        if not found:
            ET.SubElement(suite, "testcase", name="lintgoals", classname=file)
        for f in found:
            where = f"{f.line}:{f.column}" if f.line else "-"
            case = ET.SubElement(suite, "testcase", name=f"{f.code} {f.path or '/'} ({where})", classname=file)
            failure = ET.SubElement(case, "failure", message=ctx.message(f), type=f"{f.code} {f.name} {f.severity}")
            failure.text = f"{file}:{where} {f.path} [{f.severity}] {f.code} {ctx.message(f)}"
    ET.indent(root) if hasattr(ET, "indent") else None
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
