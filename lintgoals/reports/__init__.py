"""The reviewer's batch report (HTML, xlsx) and the clerk's annotated form.

Leaves over the runner's results, like the formatters: `collect` turns
(file, findings, TableInfo records) into a `Cycle` — one record per table
with its findings as a reader sees them (指标, 原值, 问题, 建议, 依据, cell) and
its verdict — and html.py / xlsx.py / annotate.py only lay it out. No check
runs here and no input file is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ..messages import localize, render
from ..model import Finding, Severity

# --------------------------------------------------------------------------
# Words of the reports and of the two commands' --help: key → (zh, en)
TEXTS = {
    "report": ("评审报告：把一批目标表（整个预算周期）写成一份 report.html（单个文件，离线打开，可打印）"
               "或 report.xlsx（按后缀）：总览、图表、表格清单、每张表的问题与审核意见。",
               "The reviewer's batch report of a cycle: report.html (one self-contained file, opens offline, prints) "
               "or report.xlsx (by suffix): overview, charts, table list, each table's findings and draft review comments."),
    "annotate": ("批注表格：生成 xlsx（或 docx）表格的副本，每个问题所在单元格按级别着色并加批注（问题、建议、依据），"
                 "另加“问题清单”链接到各单元格；原文件不会被修改。",
                 "A copy of an xlsx (or docx) form with every finding at its cell: fill by severity, a comment with "
                 "message, suggestion and basis, and a 问题清单 sheet linking to the cells; the input is never touched."),
    "opt.report_output": ("报告文件：以 .html 或 .xlsx 结尾。", "The report file: ending in .html or .xlsx."),
    "opt.annotate_output": ("批注副本的文件名（与原表格同类型，不能是原文件）。",
                            "The annotated copy (same type as the form; never the form itself)."),
    "arg.form": ("要批注的表格（.xlsx 或 .docx）。", "The form to annotate (.xlsx or .docx)."),
    "opt.return_on": ("“退回”的级别：有该级别或更高级别的问题达到 --return-count 处即退回（默认 error）。",
                      "Verdict 退回 (send back) when findings at or above this severity reach --return-count (default error)."),
    "opt.return_count": ("“退回”所需的问题数（默认 1）。", "How many such findings make 退回 (default 1)."),
    "opt.revise_on": ("“修改后通过”的级别（默认 warning）；其余为“通过”。",
                      "Verdict 修改后通过 (pass after changes) at or above this severity (default warning); otherwise 通过."),
    "opt.revise_count": ("“修改后通过”所需的问题数（默认 1）。", "How many such findings make 修改后通过 (default 1)."),
    "err.report_suffix": ("报告文件须以 .html 或 .xlsx 结尾：{path}", "the report file must end in .html or .xlsx: {path}"),
    "err.annotate_kind": ("只能批注 .xlsx 或 .docx 表格：{path}", "only .xlsx or .docx forms can be annotated: {path}"),
    "err.annotate_same": ("输出不能是原表格本身：{path}", "the output cannot be the form itself: {path}"),
    "err.annotate_suffix": ("输出须与原表格同类型（{suffix}）：{path}", "the output must be the same type as the form ({suffix}): {path}"),
    "wrote": ("已写入 {path}（{tables} 张表，{findings} 个问题）", "wrote {path} ({tables} tables, {findings} findings)"),
    "wrote_annotated": ("已写入 {path}（{n} 个问题已标在单元格上，{m} 个无单元格，列在问题清单中）",
                        "wrote {path} ({n} findings marked at their cells, {m} without a cell, listed in 问题清单)"),
}


def tr(key: str, lang: str, **args) -> str:
    zh, en = TEXTS[key]
    text = en if lang == "en" else zh
    return text.format(**args) if args else text


def h(key: str) -> str:
    """A help text in this process's language (as lintgoals.i18n.h)."""
    from ..i18n import LANG

    return tr(key, LANG)


# --------------------------------------------------------------------------
# Verdicts: from the highest severity and a count (configurable on the command line)

PASS, REVISE, RETURN = "pass", "revise", "return"
VERDICT_WORDS = {PASS: ("通过", "pass"), REVISE: ("修改后通过", "pass after changes"), RETURN: ("退回", "send back")}


@dataclass(frozen=True)
class VerdictRule:
    """退回 when at least `return_count` findings are at or above `return_on`;
    else 修改后通过 when at least `revise_count` are at or above `revise_on`;
    else 通过. Defaults: any error → 退回; warnings only → 修改后通过; infos only → 通过."""

    return_on: Severity = Severity.ERROR
    return_count: int = 1
    revise_on: Severity = Severity.WARNING
    revise_count: int = 1

    def __call__(self, counts: Mapping[Severity, int]) -> str:
        def at_least(sev: Severity) -> int:
            return sum(n for s, n in counts.items() if s >= sev)

        if at_least(self.return_on) >= max(1, self.return_count):
            return RETURN
        if at_least(self.revise_on) >= max(1, self.revise_count):
            return REVISE
        return PASS

    def describe(self, lang: str) -> str:
        sev = {Severity.ERROR: ("错误", "error"), Severity.WARNING: ("警告", "warning"), Severity.INFO: ("提示", "info")}
        i = lang == "en"
        if i:
            return (f"send back: {self.return_count}+ findings at {sev[self.return_on][1]} or above; "
                    f"pass after changes: {self.revise_count}+ at {sev[self.revise_on][1]} or above; otherwise pass")
        return (f"退回：{sev[self.return_on][0]}及以上的问题 ≥{self.return_count} 处；"
                f"修改后通过：{sev[self.revise_on][0]}及以上的问题 ≥{self.revise_count} 处；其余为通过")


def verdict_word(v: str, lang: str) -> str:
    return VERDICT_WORDS[v][lang == "en"]


SEV_WORDS = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}


def sev_word(sev: str, lang: str) -> str:
    return SEV_WORDS[sev][lang == "en"]


# --------------------------------------------------------------------------
# One finding as a reader sees it

@dataclass
class Row:
    code: str
    rule: str          # the rule's short name in the report's language
    severity: str      # "error" | "warning" | "info"
    indicator: str     # 指标名称 of the row, or ""
    value: str         # the value the user wrote (原值), or ""
    problem: str
    suggestion: str
    basis: str         # the documents the rule's explain page cites
    cell: str          # "E20", or "第42行" for a YAML file
    file: str
    related: str = ""  # last year's file (LG6)


@dataclass
class TableRecord:
    file: str
    project: str
    unit: str
    department: str
    year: Optional[int]
    template: str
    amount: str        # 当年预算, as the report shows it ("4,818,000 元")
    amount_value: float
    rows: List[Row] = field(default_factory=list)
    verdict: str = PASS

    def count(self, sev: str) -> int:
        return sum(1 for r in self.rows if r.severity == sev)


@dataclass
class Cycle:
    tables: List[TableRecord]
    lang: str
    rule: VerdictRule
    specs: Mapping
    title: str = ""

    @property
    def rows(self) -> Iterable[Row]:
        for t in self.tables:
            yield from t.rows

    def units(self) -> List[str]:
        return sorted({t.unit for t in self.tables if t.unit})

    def totals(self) -> Dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for r in self.rows:
            out[r.severity] += 1
        return out

    def verdicts(self) -> Dict[str, int]:
        out = {RETURN: 0, REVISE: 0, PASS: 0}
        for t in self.tables:
            out[t.verdict] += 1
        return out

    def has_lg6(self) -> bool:
        return any(r.code.startswith("LG6") for r in self.rows)


SUGGESTION_ARGS = ("suggestion", "example", "advice", "fix", "replacement", "hint")
_EN_ADVICE = re.compile(r"[:;]\s+(?=(?:write|add|remove|use|fill|give|state|change|split|replace|correct|enter|set|"
                        r"name|delete|make|put|move|list|say|keep|raise|lower|check|sign|extend|spell|explain|"
                        r"describe|record|reduce|increase|attach|include|rename|merge|start|drop|either|compare|"
                        r"save|import|score|recompute|see)\b)")
_CITATION = re.compile(r"(?:中发|国发|国办发|财预|财绩|财办|财库|沪财绩|沪财预|沪财)〔\d{4}〕\d+号《[^》]{2,60}》"
                       r"|《上海市[^》]{2,60}》|《[^》]{2,60}绩效评价报告》")


def split_message(message: str, lang: str) -> Tuple[str, str]:
    """(问题, 建议): a message says what is wrong, then what to write instead."""
    if lang == "en":
        m = _EN_ADVICE.search(message)
        if m:
            return message[:m.start()], message[m.end():]
        return message, ""
    i = message.find("：请")
    if i < 0:
        i = message.find("，请")
    if i >= 0:
        return message[:i], message[i + 1:]
    return message, ""


_BASES: Dict[Tuple[str, str], str] = {}


def _basis(spec, lang: str) -> str:
    if spec is None:
        return ""
    key = (spec.code, lang)
    if key not in _BASES:
        _BASES[key] = _find_basis(spec, lang)
    return _BASES[key]


def _find_basis(spec, lang: str) -> str:
    page = spec.explain(lang) or spec.explain("zh")
    found: List[str] = []
    for m in _CITATION.finditer(" ".join(page.split())):
        if m.group() not in found:
            found.append(m.group())
    return "；".join(found[:2]) if lang != "en" else "; ".join(found[:2])


def basis(spec, lang: str) -> str:
    """The documents a rule rests on, as its explain page cites them."""
    return _basis(spec, lang)


def short_rule(spec, code: str, lang: str) -> str:
    if spec is None:
        return code
    try:
        return spec.short_name(lang)
    except Exception:  # a plugin's spec without a short name
        return spec.name


def _value_of(f: Finding, lang: str) -> str:
    for key in ("value", "text", "amount"):
        if key in f.args:
            v = localize(f.args[key], lang)
            return "" if v is None else str(v)
    return ""


def to_row(f: Finding, spec, lang: str, names: Mapping[int, str]) -> Row:
    message = render(f, spec, lang)
    problem, suggestion = split_message(message, lang)
    if not suggestion:
        for key in SUGGESTION_ARGS:
            if f.args.get(key):
                suggestion = str(localize(f.args[key], lang))
                break
    indicator = ""
    if f.path.startswith("/indicators/"):
        i = f.path[12:].split("/", 1)[0]
        if i.isdigit():
            indicator = names.get(int(i), "")
    if not indicator and isinstance(f.args.get("name"), str):
        indicator = f.args["name"]
    if f.location.cell:
        cell = f.location.cell
    elif f.location.line:
        cell = f"line {f.location.line}" if lang == "en" else f"第{f.location.line}行"
    else:
        cell = ""
    related = f.related[0][0] if f.related else ""
    return Row(f.code, short_rule(spec, f.code, lang), str(f.severity), indicator, _value_of(f, lang),
               problem, suggestion, basis(spec, lang), cell, f.file, related)


def _amount(info) -> Tuple[str, float]:
    s = getattr(info, "summary", None)
    if s is None:
        return "", 0.0
    try:
        t = s.load()
        d = t.current_year
    except Exception:  # an old cache entry's summary: no amount, never a failure
        return "", 0.0
    if d is None:
        return "", 0.0
    from ..messages import fmt_amount

    return f"{fmt_amount(d)} 元", float(d)


def collect(results: Iterable[Tuple], specs: Mapping, lang: str = "zh",
            rule: Optional[VerdictRule] = None) -> Cycle:
    """A Cycle from `runner.run(..., tables=True)` results (run checks merged)."""
    rule = rule or VerdictRule()
    tables: List[TableRecord] = []
    for p, found, infos in results:
        by_file: Dict[str, TableRecord] = {}
        names_of: Dict[str, Dict[int, str]] = {}
        first = None
        for info in infos:
            amount, value = _amount(info)
            rec = TableRecord(info.file, info.project or _base(info.file), info.unit, info.department, info.year,
                              info.template or "", amount, value)
            by_file[info.file] = rec
            names_of[info.file] = dict(info.names)
            first = first or rec
            tables.append(rec)
        for f in found:
            rec = by_file.get(f.file) or first
            if rec is None:  # a file with findings and no table record (cannot happen today)
                rec = first = TableRecord(f.file, _base(f.file), "", "", None, "", "", 0.0)
                by_file[f.file] = rec
                tables.append(rec)
            rec.rows.append(to_row(f, specs.get(f.code), lang, names_of.get(f.file, {})))
    for t in tables:
        counts: Dict[Severity, int] = {}
        for r in t.rows:
            s = Severity.parse(r.severity)
            counts[s] = counts.get(s, 0) + 1
        t.verdict = rule(counts)
    return Cycle(tables, lang, rule, specs)


def _base(file: str) -> str:
    import os

    return os.path.basename(file)


def family(code: str) -> str:
    """LG201 → LG2 (the catalogue's families); a plugin's code → its letters."""
    m = re.match(r"([A-Z]+)(\d)", code)
    return m.group(1) + m.group(2) if m else code


FAMILY_NAMES = {
    "LG0": ("输入", "input"), "LG1": ("指标结构", "indicator structure"), "LG2": ("指标值", "indicator values"),
    "LG3": ("预算", "budget"), "LG4": ("进度与合同", "schedule and contracts"), "LG5": ("文字", "text"),
    "LG6": ("跨年度", "across years"), "LG7": ("跨项目", "across projects"), "LG8": ("自评表", "self-evaluation"),
}


def family_name(fam: str, lang: str) -> str:
    names = FAMILY_NAMES.get(fam)
    return names[lang == "en"] if names else fam
