"""One coherent suggestion per cell (RULES.md "What a finding suggests").

The shapes are data (`lintgoals/data/suggestions.yaml`); this module fits
them to a row: its dimension (level2, or the name where the category says
nothing), its name, its stem and its unit. Every LG2 message that tells the
user what to write asks here, so two findings on one cell never disagree.
Only findings ask, so nothing here runs for a clean row.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Optional

from lintgoals.document import Row
from lintgoals.names import bare
from lintgoals.suggestions import shapes
from lintgoals.values import format_number

from ._common import is_negative_event, is_satisfaction, unit_of

Text = Mapping[str, str]


@lru_cache(maxsize=2048)
def _dimension(levels: str, key: str) -> str:
    s = shapes()
    level1, _, level2 = levels.partition("\n")
    telling = level2 or level1
    for word, dim in s.by_level:
        if word in telling:
            return dim
    if level2 and "成本" in level1:  # 成本指标 → 经济成本指标 (word 成本 in level1 only)
        return "成本"
    for word, dim in s.by_name:
        if word in key:
            return dim
    for word, dim in s.by_level:  # a level1 that tells more than a free level2 (2018)
        if word in level1:
            return dim
    return "产出" if "产出" in level1 else "效益"


def dimension(row: Row) -> str:
    """数量 质量 时效 成本 定性成本 效益 满意度 管理: the shape family of a row."""
    return _dimension(row.levels, row.key)


@lru_cache(maxsize=4096)
def implied_unit(name: str) -> str:
    """The unit a name implies (…率 → %, …次数 → 次, …人数 → 人); "" when it implies none."""
    s = shapes()
    for word, unit in s.units:
        if name.endswith(word):
            return unit
    for word, unit in s.units:
        if len(word) > 1 and word in name:
            return unit
    return ""


def unit_for(row: Row) -> str:
    """The unit a value of this row is in: its own, its `unit` column, the
    name's, a negative-event count's 次; "" when nothing says."""
    u = unit_of(row) or implied_unit(bare(row.name))
    if not u and is_negative_event(row):
        u = shapes().negative_unit
    if not u and is_satisfaction(row):
        u = "%"
    return u


@lru_cache(maxsize=4096)
def stem(name: str) -> str:
    """The name without its measure word: 故障响应及时性 → 故障响应."""
    for suffix in shapes().stem_suffixes:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[:-len(suffix)]
            break
    # a category name written as the indicator (时效目标, LG109) has no stem of its own
    return "" if name in _DIMENSION_WORDS else name


def _who(row: Row) -> str:
    i = row.key.find("满意")
    who = row.key[:i] if i > 0 else ""
    return who or shapes().default_who


def _render(shape: str, **fields: str) -> Text:
    texts = shapes().shapes[shape]
    return {lang: text.format(**fields) for lang, text in texts.items()}


_WEAK = ("效益", "管理", "产出")  # categories that say little about the shape a target takes
_STRONG = ("数量", "成本", "时效", "满意度", "定性成本")  # categories that decide it
_DIMENSION_WORDS = ("数量", "质量", "时效", "成本", "效益", "满意度")


def target(row: Row, doc=None) -> Text:
    """What to write instead of a value that is no target (vague, prose,
    empty, impossible): a target shaped for the row's dimension, with its name."""
    s = shapes()
    name = bare(row.name) or row.name.strip()
    dim = dimension(row)
    year = str(getattr(doc, "year", None) or "本")
    fields = dict(name=name, stem=stem(name), year=year)
    if is_satisfaction(row) or dim == "满意度":
        return _render("满意度", who=_who(row))
    if is_negative_event(row):
        if name.endswith("率"):
            return _render("negative_rate", **fields)
        return _render("negative_count", unit=unit_for(row) or s.negative_unit, **fields)
    if dim == "成本":
        unit = count_unit(doc)
        named = ("单" in name or "每" in name) and ("成本" in name or "价" in name)
        if unit:
            return _render("成本_named" if named else "成本", unit=unit, **_cost_fields(fields, name))
        return _render("成本_ask", **_cost_fields(fields, name))
    if dim == "定性成本":
        return _render("定性成本", **fields)
    if name.endswith("率"):
        return _render({"质量": "quality_rate", "时效": "time_rate"}.get(dim, "rate"), **fields)
    if dim not in _STRONG:  # the name (then, for a weak category, the value) may say more
        refined = _refine(name, row.value.folded if dim in _WEAK else "")
        if refined:
            dim = refined
            if dim not in ("时效", "频次"):
                return _render(dim, **fields)
    if dim == "数量":
        unit = unit_for(row)
        if unit and unit != "%":
            return _render("数量", unit=unit, **fields)
        return _render("数量_ask", **fields)
    if dim == "时效":
        respond = any(w in name for w in s.response_words)
        return _render("时效_response" if respond else "时效", **fields)
    if dim in ("质量", "管理", "频次", "产出"):
        return _render(dim, **fields)
    return _render("效益", **fields)


def _refine(name: str, value: str) -> str:
    s = shapes()
    for word, shape in s.refine_name:
        if word in name:
            return shape
    for word, shape in s.refine_value:
        if value and word in value:
            return shape
    return ""


def _cost_fields(fields: dict, key: str) -> dict:
    """A cost row's stem: 成本控制 → "" (the shape then reads 单位成本)."""
    s = key
    for w in ("成本控制", "总成本", "成本", "控制", "费用", "情况", "目标", "指标"):
        s = s.replace(w, "")
    return dict(fields, stem=s)


def count_unit(doc) -> str:
    """The count unit of the table's first quantity row (元/{unit} of a unit cost)."""
    for r in getattr(doc, "indicators", ()):
        if dimension(r) == "数量" and not is_negative_event(r):
            u = unit_for(r)
            if u and u != "%" and not u.endswith("元"):
                return u
    return ""


def corrected_value(row: Row, op: Optional[str] = None, unit: Optional[str] = None) -> str:
    """The row's own figure in the standard form, with `op` (or its own) and
    `unit` (or the one it is in): `≥150000(人)`; without a unit `≥150000`."""
    v = row.value
    u = unit_for(row) if unit is None else unit
    number = f"{v.number:.2f}" if u == "%" else format_number(v.number)
    return f"{op or v.op}{number}({u})" if u else f"{op or v.op}{number}"


def fix_value(row: Row, op: Optional[str] = None) -> Text:
    """What to write for a value that only needs its operator or unit put
    right: the corrected value, or — where nothing says the unit — a question."""
    if unit_for(row):
        return _render("corrected", value=corrected_value(row, op))
    money = any(w in row.key for w in shapes().money_words)
    return _render("unit_ask_money" if money else "unit_ask", value=corrected_value(row, op, ""))
