"""What a finding suggests (RULES.md "What a finding suggests"), held honest on
every indicator of every fixture table and on hand-made rows that provoke
several rules on one cell:

- the suggestion of every row renders in both languages and never holds the
  placeholder unit `(单位)`, an unfilled `{field}` or a doubled full stop;
- no message names a format-1 key or has a doubled full stop;
- findings on one cell do not contradict each other (LG209 is silent where a
  warning or error is; the values two messages suggest agree on the operator);
- `fix` never rewrites a value that has a warning or error.
"""
import glob
import os
import re

import pytest

from lintgoals.checks import _suggest
from lintgoals.config import Config
from lintgoals.fix import edits_for
from lintgoals.load import load_bytes, load_file
from lintgoals.messages import render
from lintgoals.model import Severity
from lintgoals.registry import load_registry
from lintgoals.runner import Plan, lint_document
from lintgoals.testing import build_table

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
REGISTRY = load_registry()
ENGINE = Plan().engine(REGISTRY)

# rows that make several rules speak on one cell
PROVOKING = [
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "社会公众或服务对象满意值", "value": "0"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学员满意度", "value": "≥70"},
    {"level1": "产出指标", "level2": "数量指标", "name": "在线学习招生人数", "value": "<=150000"},
    {"level1": "产出指标", "level2": "质量指标", "name": "验收合格率", "value": ">=100%"},
    {"level1": "产出指标", "level2": "质量指标", "name": "资料完整率", "value": "≥120"},
    {"level1": "产出指标", "level2": "时效指标", "name": "项目完成时间", "value": "44561", "unit": "44561"},
    {"level1": "成本指标", "level2": "经济成本指标", "name": "办公费总成本", "value": "=0万元", "direction": "反向"},
    {"level1": "成本指标", "level2": "经济成本指标", "name": "课件制作费用", "value": ">=15000"},
    {"level1": "成本指标", "level2": "经济成本指标", "name": "项目总成本", "value": "≤4818000元"},
    {"level1": "产出指标", "level2": "数量指标", "name": "培训场次", "value": "≥0"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "安全事故发生情况", "value": "=0"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "故障率", "value": ">=1%"},
    {"level1": "产出指标", "level2": "时效指标", "name": "故障响应及时性", "value": "及时"},
    {"level1": "产出指标", "level2": "数量指标", "name": "课件制作", "value": "待定"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "学员注册率", "value": "≥8000(人)"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "信息共享", "value": ">=90"},
]

# format-1 keys a message must never show (it names the form's labels instead)
KEYS = re.compile(r"(?<![A-Za-z_])(current_year|appropriation|carryover|funds_pct|service_start|service_end|"
                  r"signed|goals\.annual|goals\.overall|budget\.|project\.(?:name|unit|start|end)|level1|level2)"
                  r"(?![A-Za-z_])")
DOUBLED = re.compile(r"[。.．]\s*[。．]|。\.|\.。|；。|，。|：。|。[”’」』）)]\s*[。．]")  # 。”。 reads as two stops too
PLACEHOLDER_UNIT = re.compile(r"[（(]\s*(?:单位|元/…|元/\.\.\.|…|\.\.\.)\s*[)）]")  # (单位), (元/…): a unit nobody can write
VALUE = re.compile(r"[“'‘]([^“”'’]*?)([≥≤=<>])\s*(?:\d|N)")  # an operator a quoted suggestion starts a value with


def _documents():
    docs = []
    for path in sorted(glob.glob(os.path.join(FIXTURES, "**", "*.yaml"), recursive=True)
                       + glob.glob(os.path.join(FIXTURES, "**", "*.json"), recursive=True)):
        docs.append(load_file(path, os.path.relpath(path, ROOT)))
    from lintgoals.importers import load_form

    for path in sorted(glob.glob(os.path.join(FIXTURES, "forms", "*"))):
        if path.lower().endswith((".xlsx", ".docx", ".txt")):
            docs.extend(load_form(path, os.path.relpath(path, ROOT)))
    data = build_table({}, "2026", PROVOKING)
    docs.append(load_bytes(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode(), "provoking.yaml"))
    return [d for d in docs if d.is_table]


DOCS = _documents()
FINDINGS = {id(d): lint_document(ENGINE, Config(), d) for d in DOCS}


def test_fixtures_are_read():
    assert len(DOCS) >= 20
    assert sum(len(d.indicators) for d in DOCS) > 200


def _texts(suggestion):
    return [suggestion[lang] for lang in ("zh", "en")]


@pytest.mark.parametrize("doc", DOCS, ids=[d.file for d in DOCS])
def test_every_row_gets_a_clean_suggestion(doc):
    for row in doc.indicators:
        shown = _texts(_suggest.target(row, doc))
        if row.value.number is not None:
            shown += _texts(_suggest.fix_value(row))
        for text in shown:
            assert text.strip(), f"{row.name}: an empty suggestion"
            assert not PLACEHOLDER_UNIT.search(text), f"{row.name}: placeholder unit in {text!r}"
            assert not re.search(r"\{\w*\}", text), f"{row.name}: an unfilled field in {text!r}"
            assert not DOUBLED.search(text) and not text.endswith(("。", ".")), f"{row.name}: {text!r}"


@pytest.mark.parametrize("doc", DOCS, ids=[d.file for d in DOCS])
def test_messages_have_no_placeholder_unit_key_or_doubled_stop(doc):
    for f in FINDINGS[id(doc)]:  # every rule's message, not only LG2's
        for lang in ("zh", "en"):
            text = render(f, REGISTRY.get(f.code), lang)
            assert not PLACEHOLDER_UNIT.search(text), f"{f.code} {f.path}: {text}"
            assert not DOUBLED.search(text), f"{f.code} {f.path}: doubled full stop in {text}"
            keys = KEYS.findall(text)
            if lang == "en":  # "the date it was signed", "the appropriation" are English, not the keys
                keys = [k for k in keys if k not in ("signed", "appropriation", "carryover")]
            assert not keys, f"{f.code} {f.path}: a format-1 key in {text}"


def _by_path(findings):
    out = {}
    for f in findings:
        out.setdefault(f.path, []).append(f)
    return out


@pytest.mark.parametrize("doc", DOCS, ids=[d.file for d in DOCS])
def test_findings_on_one_cell_agree(doc):
    for path, found in _by_path(FINDINGS[id(doc)]).items():
        serious = [f for f in found if f.severity >= Severity.WARNING]
        if serious:  # LG209's spelling advice never sits beside the finding that matters
            assert not [f for f in found if f.code == "LG209"], f"{path}: LG209 beside {[f.code for f in serious]}"
        ops = {}
        for f in found:
            text = render(f, REGISTRY.get(f.code), "zh")
            m = VALUE.search(text[text.find("：") + 1:] if "：" in text else text)
            if m and f.code in ("LG204", "LG205", "LG206", "LG208", "LG211", "LG203", "LG212"):
                ops[f.code] = m.group(2)
        assert len(set(ops.values())) <= 1, f"{path}: the suggested values disagree: {ops}"


@pytest.mark.parametrize("doc", DOCS, ids=[d.file for d in DOCS])
def test_fix_never_rewrites_a_value_with_a_warning_or_error(doc):
    found = FINDINGS[id(doc)]
    for f in found:
        if f.fixable and f.path.endswith("/value"):  # an indicator value (a fix of its own warning is no rewrite of another's)
            others = [g.code for g in found if g.path == f.path and g.code != f.code and g.severity >= Severity.WARNING]
            assert not others, f"{f.code} would rewrite {f.path}, which has {others}"
    if doc.text is not None:
        fixed = {e.code for e in edits_for(doc, found)}
        assert fixed <= {f.code for f in found if f.fixable}


def test_the_provoking_rows_speak_once_per_cell():
    doc = DOCS[-1]
    assert doc.file == "provoking.yaml"
    codes = {}
    for f in FINDINGS[id(doc)]:
        codes.setdefault(f.path, set()).add(f.code)
    first = 6  # the base table's rows come first
    assert codes[f"/indicators/{first}/value"] == {"LG204"}  # satisfaction 0: no LG203, LG206, LG209
    assert codes[f"/indicators/{first + 1}/value"] == {"LG203"}  # its example carries the unit
    assert codes[f"/indicators/{first + 3}/value"] == {"LG211"}
    assert codes[f"/indicators/{first + 4}/value"] == {"LG204"}  # ≥120 without unit: a rate above 100
    assert {"LG213"} == codes[f"/indicators/{first + 5}/value"]
    assert f"/indicators/{first + 5}/unit" not in codes
