"""One coherent suggestion per cell (RULES.md "What a finding suggests").

The shapes are data (`lintgoals/data/suggestions.yaml`); this module fits
them to a row: its dimension (level2, or the name where the category says
nothing), its name, its stem and its unit. Every LG2 message that tells the
user what to write asks here, so two findings on one cell never disagree.
Only findings ask, so nothing here runs for a clean row.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Callable, Mapping, Optional, Union

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
    if level2:
        for word, dim in s.by_level:
            if word in level2:
                return dim
        if "成本" in level1:  # 成本指标 → 经济成本指标 (word 成本 in level1 only)
            return "成本"
    # RULES.md: the dimension is the level2, or the name's where level2 is absent
    # (2018 `投入和管理目标: 定期现场设备软硬件健康巡检` is a 巡检 row, not a management one)
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


def _render(shape: str, **fields) -> Text:
    """A shape in each language; a field may itself be per language ({"zh": …, "en": …})."""
    texts = shapes().shapes[shape]
    return {lang: text.format(**{k: (v[lang] if isinstance(v, dict) else v) for k, v in fields.items()})
            for lang, text in texts.items()}


def _per_unit(row: Row) -> str:
    """The thing a unit cost is counted per, from the row's own unit: 万元/人 → 人."""
    u = unit_of(row)
    if "/" in u:
        head, _, per = u.partition("/")
        if head.endswith("元") and per:
            return per
    return ""


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
        named = ("单" in name or "每" in name or "人均" in name) and ("成本" in name or "价" in name or "标准" in name)
        if named:  # already a unit cost: keep its name and its own unit (元/人), else the table's count unit
            unit = _per_unit(row) or count_unit(doc)
            return _render("成本_named" if unit else "成本_named_ask", unit=unit, **fields)
        example = unit_cost(doc)  # LG108's derivation: the budget over the first counted quantity
        if example is not None:
            return _render("成本_derived", example=example, **fields)
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


# ------------------------------------------------------------- unit costs (LG108's derivation)

# units that count things (a unit cost is 元 per one of them); not %, money or time
COUNT_UNITS = frozenset("次 个 部 人 人次 场 场次 项 件 台 套 期 门 课时 学时 家 户 所 篇 份 册 本 批 处 条 名 辆 座 "
                        "栋 间 亩 公顷 公里 千米 米 平方米 立方米 吨 株 棵 头 只 课 节 集 张 块 根 组 类 种 个次 户次 "
                        "家次 班 班次 期次 人天 床 盏 口 眼 处次 所次 篇次 单 笔 宗 例 台次 架次 座次".split())
_MEASURES = frozenset("米 亩 吨".split())  # 每米, not 单米: a length, area or weight is no single item
_STEM_ENDS = ("总数量", "数量", "总数", "次数", "个数", "人数", "场次", "数", "量")


def unit_cost(doc, is_quantity: Optional[Callable] = None) -> Optional[Union[str, Text]]:
    """RULES.md LG108: a unit cost built from the table — the current-year
    budget (else the project's) over the first quantity row counted in things:
    `课件单部制作成本 ≤150000(元/部)`; None when no row counts things."""
    if doc is None:
        return None
    quantity = is_quantity or (lambda r: dimension(r) == "数量")
    amounts = getattr(doc, "amounts", None) or {}
    budget = None
    for key in ("current_year", "total"):  # a form with one budget figure: the project's
        p = amounts.get(key) if hasattr(amounts, "get") else None
        if p is not None and getattr(p, "value", None) is not None:
            budget = p.value
            break
    for r in getattr(doc, "indicators", ()):
        v = r.value
        unit = v.unit or r.unit.strip()
        if v.number is None or v.number <= 1 or unit not in COUNT_UNITS or not quantity(r):
            continue  # a single item (=1(项)) would make the whole budget the "unit" cost
        s = _quantity_stem(r.name)
        name = f"{s}单{unit}成本" if len(unit) == 1 and unit not in _MEASURES else f"{s}每{unit}成本"
        if budget is None or budget <= 0:
            return {"zh": f"{name} ≤（年度预算 ÷ {format_number(v.number)}）(元/{unit})",
                    "en": f"{name} ≤ (annual budget ÷ {format_number(v.number)})(元/{unit})"}
        return f"{name} ≤{_round(budget / v.number)}(元/{unit})"
    return None


def _quantity_stem(name: str) -> str:
    s = name.strip()
    for e in _STEM_ENDS:
        if s.endswith(e) and len(s) > len(e):
            s = s[:-len(e)]
            break
    for p in ("完成", "新增", "累计"):
        if s.startswith(p) and len(s) > len(p) + 1:
            s = s[len(p):]
            break
    if s.endswith("完成") and len(s) > 3:  # 年度运维报告完成数 → 年度运维报告
        s = s[:-2]
    return s


def _round(x: Decimal) -> str:
    """A unit cost as a planner writes it: whole 元 from 100 up, else two decimals."""
    if x >= 100:
        return format_number(x.quantize(Decimal(1)))
    return format_number(x.quantize(Decimal("0.01")))
