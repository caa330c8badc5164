"""Row predicates shared by several checks (RULES.md definitions, in one place)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from lintgoals.document import Row
from lintgoals.names import bare as bare_name, key as category_key
from lintgoals.values import fold, unit_text

PLACEHOLDERS = ["待定", "待填写", "请填写", "XX", "xxx", "*", "/", "同上", "……", "..."]
NEGATIVE_EVENTS = ["故障", "事故", "投诉", "差错", "安全事件", "违规", "超支"]
_DEFAULT_PLACEHOLDERS = tuple(PLACEHOLDERS)
_XX = re.compile(r"x{2,}")
_NEGATIVE = re.compile("|".join(NEGATIVE_EVENTS))
_COST = re.compile("成本|费用|单价")


def fold_words(words: Iterable[str]) -> tuple:
    """A word list as (word, folded word) pairs for `has`: a check folds its
    list once per table, not once per row (and lists repeat: cached)."""
    return _folded(tuple(words))


def has(folded_text: str, words: tuple) -> Optional[str]:
    """The first word of `words` (from fold_words) found in an already folded text, or None."""
    for w, fw in words:
        if fw in folded_text:
            return w
    return None


@lru_cache(maxsize=256)
def _folded(words: tuple) -> tuple:
    return tuple((w, fold(w)) for w in words if w and fold(w))


def is_placeholder(text: str, placeholders: Optional[Iterable[str]] = None) -> bool:
    """`placeholders` defaults to PLACEHOLDERS."""
    if placeholders is None:
        return _is_default_placeholder(text)
    return _is_placeholder(text, _placeholder_set(tuple(placeholders)))


@lru_cache(maxsize=4096)
def _is_default_placeholder(text: str) -> bool:
    """Cached: values repeat across the rows of a run."""
    return _is_placeholder(text, _placeholder_set(_DEFAULT_PLACEHOLDERS))


def _is_placeholder(text: str, placeholders: frozenset) -> bool:
    t = fold(text).lower()
    return t == "" or t in placeholders or _XX.fullmatch(t) is not None


@lru_cache(maxsize=64)
def _placeholder_set(placeholders: tuple) -> frozenset:
    return frozenset(fold(p).lower() for p in placeholders)


def is_satisfaction(row: Row) -> bool:
    """RULES.md LG101: level1, level2 or name contains 满意."""
    return "满意" in row.levels or "满意" in row.key


def is_cost(row: Row) -> bool:
    return _COST.search(row.levels) is not None or _COST.search(row.key) is not None


def is_negative_event(row: Row) -> bool:
    """故障/事故/投诉/... plus 发生 or 次数, or a name ending in 数, or the
    event word right before 率 (故障率; but 故障处置率 is a positive rate)."""
    name = row.key
    if _NEGATIVE.search(name) is None:  # most rows: one scan
        return False
    for e in NEGATIVE_EVENTS:
        if e in name and ("发生" in name or "次数" in name or name.endswith("数") or e + "率" in name):
            return True
    return False


def is_output_quantity(row: Row) -> bool:
    """level2 holds 数量; on rows without level2, level1 holds 产出 and the unit is not %."""
    l2 = fold(row.level2)
    if l2:
        return "数量" in l2
    return "产出" in fold(row.level1) and row.value.unit != "%"


def unit_of(row: Row) -> str:
    """The unit a value is written in: its own, else the row's `unit` column
    (RULES.md: a unit column supplies the unit of a value with none)."""
    return row.value.unit or (unit_text(row.unit) if row.unit else "")


def quantity_dimension(row: Row) -> Optional[str]:
    """数量 or 成本 when the row sits under one (level1 or level2, or — for a
    row without level2 — its name: 2018 `成本目标: 通过招邀标控制成本`);
    None for 社会成本 and 生态环境成本, which may be qualitative (101号)."""
    levels = row.levels
    if row.level2.strip():
        where = levels
    else:
        where = levels + "\n" + row.key
    for w in ("数量", "成本"):
        if w in where:
            if w == "成本" and ("社会成本" in where or "生态环境成本" in where or "环境成本" in where):
                return None
            return w
    return None


# --- placeholder names (RULES.md LG109; LG106 does not compare them) ----------

PLACEHOLDER_MARKS = ["**", "XX", "xxx", "……", "...", "请填写"]
_XX_WORD = re.compile(r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])")  # XX区, xxx项目; not an English word
_BARE_DIMENSIONS = frozenset(["数量", "质量", "时效", "成本"])



def placeholder_mark(name: str, marks: Optional[Iterable[str]] = None) -> Optional[str]:
    """The template placeholder left in an indicator name (`成活率(≥**%)` → `**`), or None."""
    return _placeholder_mark(name, _DEFAULT_MARKS if marks is None else tuple(marks))


@lru_cache(maxsize=8192)
def _placeholder_mark(name: str, marks: tuple) -> Optional[str]:
    """Cached per name: names repeat across the tables of a run."""
    t = fold(name)
    for m, fm in _folded_marks(marks):
        if fm in ("xx", "xxx"):
            if _XX_WORD.search(t):
                return m
        elif fm in t:
            return m
    return None


@lru_cache(maxsize=16)
def _folded_marks(marks: tuple) -> tuple:
    out = []
    for m in marks:
        fm = fold(m)
        if fm:
            out.append((m, fm.lower() if fm.lower() in ("xx", "xxx") else fm))
    return tuple(out)


_DEFAULT_MARKS = tuple(PLACEHOLDER_MARKS)


def category_names(templates) -> frozenset:
    """The category keys of every template (level1 and level2) and of the
    aliases: an indicator named like one of them names nothing. Made once per
    run (ctx.templates is one mapping for the whole run)."""
    hit = _CATEGORY_NAMES.get(id(templates))
    if hit is not None and hit[0] is templates:
        return hit[1]
    out = set()
    for t in templates.values():
        for l1, l2s in t.level1.items():
            out.add(t.key(l1))
            out.update(t.key(x) for x in l2s or ())
        out.update(t.aliases.anywhere)
        out.update(k for _, k in t.aliases.under)
    if len(_CATEGORY_NAMES) > 8:
        _CATEGORY_NAMES.clear()
    _CATEGORY_NAMES[id(templates)] = (templates, frozenset(out))
    return _CATEGORY_NAMES[id(templates)][1]


_CATEGORY_NAMES: dict = {}


def category_as_name(name: str, templates) -> bool:
    """A category name written as the indicator: `质量目标`, `时效指标`,
    `社会成本指标` (a name ending in 指标/目标 that is a category of any template),
    or a bare 数量/质量/时效/成本. `服务对象满意度` measures something: it is not."""
    b = bare_name(name)
    if b in _BARE_DIMENSIONS:
        return True
    return b.endswith(("指标", "目标")) and category_key(name) in category_names(templates)


def is_placeholder_name(name: str, templates) -> bool:
    return placeholder_mark(name) is not None or category_as_name(name, templates)
