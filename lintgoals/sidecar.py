"""Exceptions for forms: a sidecar file beside a form, `<form>.lintgoals.yaml`.

An Excel or Word form has no comments lintgoals can read, so the findings a
bureau accepted are listed beside it:

    # 2026-申报表.xlsx.lintgoals.yaml
    exceptions:
      - code: LG201                  # a code or a prefix (LG2), or a list of them
        cell: E20                    # the form's cell …
        reason: 上级文件规定的表述，不可改
      - code: LG206
        indicator: 平台学习人次增长情况   # … or the row's 指标名称
        reason: 人次为上级口径
      - code: LG108
        table: 2                     # optional: table number (#2) or project name
        reason: 非上海市级项目，不设成本指标

An entry with neither cell nor indicator covers its whole table (or the whole
form). The rules are the inline suppressions' (lintgoals.suppress): an entry
without a reason suppresses nothing and is reported (LG005); one that
suppresses nothing is reported (LG004). A sidecar that is not this shape is
an LG001 finding naming its line. Applied after the result cache (a cached
form is the same bytes; its sidecar may have changed).
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from .model import Finding, Location, Severity

SUFFIX = ".lintgoals.yaml"
NO_REASON, UNUSED, UNREADABLE = "LG005", "LG004", "LG001"
KEYS = {"code", "codes", "cell", "indicator", "指标名称", "name", "table", "reason", "理由"}


@dataclass
class Entry:
    codes: Tuple[str, ...]
    cell: Optional[str]
    indicator: Optional[str]   # normalised 指标名称
    table: Optional[str]       # "2" or a normalised project name
    reason: str
    line: int
    column: int
    used: set = field(default_factory=set)

    def covers(self, code: str) -> Optional[str]:
        return next((c for c in self.codes if code.startswith(c)), None)


class SidecarError(ValueError):
    def __init__(self, line: int, column: int, zh: str, en: str):
        super().__init__(en)
        self.line, self.column, self.text = line, column, {"zh": zh, "en": en}


def path_for(form: str) -> str:
    return form + SUFFIX


def norm(text: str) -> str:
    """Names compared as the checks read them: full/half width, spaces ignored."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def parse(text: str) -> List[Entry]:
    """The entries of a sidecar's text; SidecarError (with its line) when the shape is wrong."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return _raise(line, (mark.column + 1) if mark else 1, "不是有效的 YAML", "not valid YAML")
    if node is None:
        return []
    if isinstance(node, yaml.MappingNode):
        top = {k.value: v for k, v in node.value}
        extra = [k for k in top if k != "exceptions"]
        if extra:
            k = next(kn for kn, _ in node.value if kn.value == extra[0])
            _raise(k.start_mark.line + 1, k.start_mark.column + 1, f"未知的键“{extra[0]}”（只有 exceptions）",
                   f"unknown key {extra[0]!r} (only exceptions)")
        node = top.get("exceptions")
        if node is None or (isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null")):
            return []
    if not isinstance(node, yaml.SequenceNode):
        _raise(node.start_mark.line + 1, node.start_mark.column + 1, "exceptions 应是一个列表（每项 code、cell 或 indicator、reason）",
               "exceptions must be a list (each with code, cell or indicator, reason)")
    return [_entry(item) for item in node.value]


def _raise(line, column, zh, en):
    raise SidecarError(line, column, zh, en)


def _entry(item) -> Entry:
    import yaml

    line, column = item.start_mark.line + 1, item.start_mark.column + 1
    if not isinstance(item, yaml.MappingNode):
        _raise(line, column, "每项应是一个映射：{code: …, cell: …, reason: …}", "each entry must be a mapping: {code: …, cell: …, reason: …}")
    values: Dict[str, object] = {}
    for k, v in item.value:
        if k.value not in KEYS:
            _raise(k.start_mark.line + 1, k.start_mark.column + 1,
                   f"未知的键“{k.value}”（可用：code、cell、indicator、table、reason）",
                   f"unknown key {k.value!r} (use code, cell, indicator, table, reason)")
        if isinstance(v, yaml.SequenceNode) and k.value in ("code", "codes"):
            values["code"] = [s.value for s in v.value if isinstance(s, yaml.ScalarNode)]
        elif isinstance(v, yaml.ScalarNode):
            values[k.value] = v.value
        else:
            _raise(v.start_mark.line + 1, v.start_mark.column + 1, f"“{k.value}”应是一个值", f"{k.value!r} must be a single value")
    raw = values.get("code", values.get("codes"))
    codes = raw if isinstance(raw, list) else str(raw or "").replace("，", ",").split(",")
    codes = tuple(c.strip().upper() for c in codes if str(c).strip())
    if not codes:
        _raise(line, column, "缺少 code（规则代码，如 LG201）", "code is missing (a rule code such as LG201)")
    bad = [c for c in codes if not (c[:2].isalpha() and c[2:].isdigit())]
    if bad:
        _raise(line, column, f"“{bad[0]}”不是规则代码（如 LG201 或 LG2）", f"{bad[0]!r} is not a rule code (LG201 or LG2)")
    cell = str(values.get("cell") or "").strip().upper().replace("$", "") or None
    name = values.get("indicator") or values.get("指标名称") or values.get("name")
    table = str(values.get("table") or "").strip().lstrip("#") or None
    reason = str(values.get("reason") or values.get("理由") or "").strip()
    return Entry(codes, cell, norm(str(name)) if name else None, norm(table) if table else None, reason, line, column)


def _table_of(f: Finding) -> str:
    head, sep, tail = f.file.rpartition("#")
    return tail if sep and tail.isdigit() else "1"


def apply(form: str, findings: Sequence[Finding], tables: Sequence, report: Dict[str, Tuple[str, Severity]],
          text: Optional[str] = None) -> List[Finding]:
    """The form's findings after its sidecar (`text`: the sidecar's content;
    read from beside `form` when not given). `tables`: the form's TableInfo
    records (row names and projects to match on)."""
    side = path_for(form)
    if text is None:
        try:
            with open(side, encoding="utf-8-sig") as fh:
                text = fh.read()
        except FileNotFoundError:
            return list(findings)
        except (OSError, UnicodeDecodeError) as exc:
            return list(findings) + _unreadable(side, 1, 1, {"zh": f"例外文件无法读取：{exc}", "en": f"exceptions file unreadable: {exc}"}, report)
    try:
        entries = parse(text)
    except SidecarError as exc:
        reason = {"zh": f"例外文件 {os.path.basename(side)} 第 {exc.line} 行：{exc.text['zh']}",
                  "en": f"exceptions file {os.path.basename(side)}, line {exc.line}: {exc.text['en']}"}
        return list(findings) + _unreadable(side, exc.line, exc.column, reason, report)
    if not entries:
        return list(findings)
    from .paths import shown

    shown_side = shown(side)
    info = {t.file: t for t in tables}
    valid = [e for e in entries if e.reason]
    kept = []
    for f in findings:
        if f.name == "internal-error" or f.code in (UNUSED, NO_REASON, UNREADABLE):
            kept.append(f)
            continue
        hit = False
        for e in valid:
            c = e.covers(f.code)
            if c and _matches(e, f, info.get(f.file)):
                e.used.add(c)
                hit = True
        if not hit:
            kept.append(f)
    for e in entries:
        loc = Location(e.line, e.column)
        if not e.reason and NO_REASON in report:
            name, sev = report[NO_REASON]
            kept.append(Finding(NO_REASON, name, sev, shown_side, "", loc, {"codes": ",".join(e.codes)}))
        elif e.reason and UNUSED in report:
            unused = [c for c in e.codes if c not in e.used]
            if unused:
                name, sev = report[UNUSED]
                kept.append(Finding(UNUSED, name, sev, shown_side, "", loc, {"codes": ",".join(unused)}))
    return sorted(kept, key=Finding.sort_key)


def _matches(e: Entry, f: Finding, table) -> bool:
    if e.table is not None:
        project = norm(table.project) if table is not None and table.project else None
        if e.table != _table_of(f) and e.table != project:
            return False
    if e.cell is not None and (f.location.cell or "").upper() != e.cell:
        return False
    if e.indicator is not None:
        return e.indicator == _row_name(f, table)
    return True


def _row_name(f: Finding, table) -> str:
    if table is None or not f.path.startswith("/indicators/"):
        return ""
    i = f.path[12:].split("/", 1)[0]
    if not i.isdigit():
        return ""
    return next((norm(n) for r, n in table.names if r == int(i)), "")


def _unreadable(side: str, line: int, column: int, reason, report) -> List[Finding]:
    from .paths import shown

    name, sev = report.get(UNREADABLE, ("unreadable-file", Severity.ERROR))
    return [Finding(UNREADABLE, name, sev, shown(side), "", Location(line, column), {"reason": reason})]


def with_sidecars(results, report_codes):
    """(file, (findings, tables)) as the runner yields them, each form's sidecar
    applied; `report_codes` is called once, only when a sidecar exists. One
    stat per form file, none for YAML."""
    from .load import FORM_SUFFIXES

    codes = None
    for p, (found, tables) in results:
        if p.lower().endswith(FORM_SUFFIXES) and os.path.exists(p + SUFFIX):
            codes = report_codes() if codes is None else codes
            found = apply(p, found, tables, codes)
        yield p, (found, tables)
