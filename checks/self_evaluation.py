"""LG8 — self-evaluation tables (绩效自评表, `kind: self-evaluation`).

A self-evaluation repeats the targets and adds, per row, the actual result,
the weight, the score and the reason for a deviation; and the budget
execution (年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分). Source:
财预〔2020〕10号《项目支出绩效评价管理办法》 and its 项目支出绩效自评表.

Whether an actual result meets its target (`outcome`) is read the way a
reviewer reads it: a number against the target's operator, number and unit;
a text against a qualitative target by equal text or a verifiable state
(完成, 达标, 合格 …); anything else is not judged.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from lintgoals import check
from lintgoals.document import Row
from lintgoals.messages import fmt_amount
from lintgoals.values import EQ, GE, GT, LE, LT, fold, unit_text

from ._common import fold_words, has, is_cost, is_negative_event, is_placeholder

MET, MISSED = "met", "missed"  # None: not judged

# An actual that says the target was missed (checked before the states below:
# 未完成 holds 完成). 基本完成 is not 完成.
MISS_WORDS = ["未完成", "未达到", "未达标", "未实现", "未通过", "未按期", "未按时", "未验收", "不合格", "不达标",
              "没有完成", "没完成", "尚未", "部分完成", "基本完成", "基本达到", "基本实现", "基本达标", "基本满足",
              "滞后", "延期", "推迟", "未达成", "未达预期"]
# An actual that states a verifiable result (RULES.md LG201's verifiable states and their past forms).
MET_STATES = ["已完成", "全部完成", "完成", "达标", "合格", "验收合格", "通过", "已通过", "达到", "已达到", "实现",
              "已实现", "达成", "达成预期", "达到预期"]
DEVIATION_PLACEHOLDERS = ["无", "略", "待定", "待填写", "请填写", "XX", "xxx", "*", "/", "-", "—", "同上"]
ACTUAL_PLACEHOLDERS = ["待定", "待填写", "请填写", "XX", "xxx", "*", "/", "-", "—", "同上"]
_PUNCT = "。，,；;！!、 \u3000"
_POINTS_TOLERANCE = Decimal("0.05")  # a score written to one decimal place
_RATE_TOLERANCE = Decimal("0.1")     # RULES.md LG805: to 0.1 %
_MISS, _MET = fold_words(MISS_WORDS), fold_words(MET_STATES)


def _self_evaluation(doc) -> bool:
    return doc.kind == "self-evaluation"


def _num(p) -> Optional[Decimal]:
    return p.value if p is not None and p.ok and p.value is not None else None


def _lower_is_better(row: Row) -> bool:
    d = fold(row.direction)
    if "反向" in d:
        return True
    if "正向" in d:
        return False
    return is_cost(row) or is_negative_event(row)


def outcome(row: Row) -> Optional[str]:
    """MET, MISSED, or None when the actual cannot be judged against the target."""
    target, actual = row.value, row.actual
    if actual is None or actual.empty:
        return None
    text = fold(actual.text).strip(_PUNCT)
    if target.number is None:  # a qualitative target
        if actual.number is not None:
            return None
        if has(text, _MISS):
            return MISSED
        if text == fold(target.text).strip(_PUNCT) or has(text, _MET):
            return MET
        return None
    if actual.number is None:  # a number was asked for, a word given
        return MISSED if has(text, _MISS) else None
    column = unit_text(row.unit)
    tu, au = unit_text(target.unit) or column, unit_text(actual.unit) or column
    if tu and au and tu != au:
        return None  # 万元 against 元, 次 against %: not compared
    a, t, op = actual.number, target.number, target.op
    if op == GE:
        return MET if a >= t else MISSED
    if op == GT:
        return MET if a > t else MISSED
    if op == LE:
        return MET if a <= t else MISSED
    if op == LT:
        return MET if a < t else MISSED
    if op == EQ and a != t:  # beyond the target on its good side is met (over-fulfilled)
        return MET if (a < t) == _lower_is_better(row) else MISSED
    return MET


def _pts(d: Decimal) -> str:
    return fmt_amount(d.quantize(Decimal("0.01")).normalize()) if d != d.to_integral_value() else fmt_amount(d)


@check(code="LG801", name="score-exceeds-weight", severity="error", silences=("LG805",),
       messages={"zh": "{what}得分 {score} 分，超过分值 {weight} 分：得分不能高于分值，请改为不超过 {weight} 分的得分",
                 "en": "{what} scores {score}, above its weight of {weight}: a score cannot exceed the weight; write at most {weight}"})
def score_exceeds_weight(doc, ctx):
    """自评表：某项得分高于它的分值。

    [zh]
    自评表中，某个指标（或预算执行情况）的得分高于它的分值。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》的项目支出绩效自评表按 100 分计分，
    每一项最多得到它的分值；超额完成也不加分。得分超过分值，总分就会超过 100 分。

    反例：

        - {name: 检测样本数, value: "≥500份", actual: "620份", weight: 10, score: 12}

    正例：

        - {name: 检测样本数, value: "≥500份", actual: "620份", weight: 10, score: 10}

    选项：无。

    [en]
    In a self-evaluation, an indicator's (or the budget execution's) score is above its
    weight.

    Why: the self-evaluation form of 财预〔2020〕10号《项目支出绩效评价管理办法》 scores on
    100 points and each item earns at most its weight; over-fulfilment earns nothing extra.
    A score above the weight takes the total beyond 100.

    Bad:

        - {name: 检测样本数, value: "≥500份", actual: "620份", weight: 10, score: 12}

    Good:

        - {name: 检测样本数, value: "≥500份", actual: "620份", weight: 10, score: 10}

    Options: none.
    """
    if not _self_evaluation(doc):
        return
    e = doc.execution
    if e is not None:
        w, s = _num(e.weight), _num(e.score)
        if w is not None and s is not None and s > w:
            yield ctx.finding("/budget/execution/score", what={"zh": "预算执行率", "en": "the budget execution rate"},
                              score=_pts(s), weight=_pts(w))
    for r in doc.indicators:
        w, s = _num(r.weight), _num(r.score)
        if w is not None and s is not None and s > w:
            yield ctx.finding(f"{r.path}/score", what={"zh": f"指标“{r.name}”", "en": f"indicator '{r.name}'"},
                              score=_pts(s), weight=_pts(w))


@check(code="LG802", name="full-score-target-missed", severity="warning",
       messages={"zh": "指标“{name}”的实际完成值“{actual}”未达到年度指标值“{target}”，却得了满分 {weight} 分：请按完成程度扣分，并写明偏差原因及改进措施",
                 "en": "indicator '{name}' reached '{actual}', short of its target '{target}', yet scores the full {weight}: deduct for the shortfall and give the reason and the remedy"})
def full_score_target_missed(doc, ctx):
    """自评表：实际完成值没有达到目标，却得了满分。

    [zh]
    自评表中，某个指标的得分等于分值（满分），但实际完成值没有达到年度指标值。

    怎样判断“达到”：实际完成值是数字时，按指标值的符号、数字和单位比较（≥、>、≤、< 照字面；
    = 时等于目标算达到，超出目标而方向有利——正向指标更大、反向指标（成本、事故、投诉等）
    更小——也算达到）；单位不同（如 万元 与 元、次 与 %）不比较。指标值是文字时，实际完成值
    与之相同，或写明了可以核实的结果（完成、已完成、达标、合格、验收合格、通过、达到、实现、
    达成预期），算达到；写着“未完成”“未达到”“部分完成”“基本完成”“滞后”“延期”等，算未达到；
    其余不作判断、不报告。指标值是数字而实际完成值只写文字时，只有写明未达到才算未达到。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》：自评按指标完成程度计分，未完成
    目标的要说明偏差原因。没完成却给满分，自评结果失真。

    反例：

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 10}

    正例：

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 8.4,
           deviation: 两个乡镇采样点停用，下半年已增设替代点。}

    选项：无。

    [en]
    In a self-evaluation, an indicator has full marks (score equal to its weight) though its
    actual result does not meet the target.

    How "meets" is read: a numeric actual is compared with the target's operator, number
    and unit (≥ > ≤ < literally; with = the target itself meets it, and so does a result
    beyond it on the good side — larger for a positive indicator, smaller for a negative
    one: cost, accidents, complaints); different units (万元 against 元, 次 against %) are
    not compared. Against a qualitative target, an actual that is the same text or states
    a verifiable result (完成, 已完成, 达标, 合格, 验收合格, 通过, 达到, 实现, 达成预期)
    meets it; one that says 未完成, 未达到, 部分完成, 基本完成, 滞后, 延期 … misses it; anything
    else is not judged. A numeric target with a text actual is missed only when the text
    says so.

    Why: 财预〔2020〕10号《项目支出绩效评价管理办法》 scores each indicator by how far it was
    reached and asks for the reason of any deviation; full marks for a missed target make
    the evaluation untrue.

    Bad:

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 10}

    Good:

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 8.4,
           deviation: 两个乡镇采样点停用，下半年已增设替代点。}

    Options: none.
    """
    if not _self_evaluation(doc):
        return
    for r in doc.indicators:
        w, s = _num(r.weight), _num(r.score)
        if w is not None and s is not None and w > 0 and s == w and outcome(r) == MISSED:
            yield ctx.finding(f"{r.path}/score", name=r.name, actual=r.actual.text, target=r.value.text, weight=_pts(w))


@check(code="LG803", name="deviation-unexplained", severity="warning",
       messages={"zh": "指标“{name}”{why}，但没有填写偏差原因分析及改进措施：请写明未完成（或扣分）的原因和改进措施",
                 "en": "indicator '{name}' {why}, but no reason for the deviation is given: state why, and what will be done about it"})
def deviation_unexplained(doc, ctx):
    """自评表：没有达到目标或被扣分的指标，没有写偏差原因及改进措施。

    [zh]
    自评表中，某个指标的实际完成值没有达到年度指标值（判断方法见 LG802），或得分低于分值，
    而“偏差原因分析及改进措施”一栏是空的或只写了占位符（无 略 / - 等）。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》及其项目支出绩效自评表要求对未完成
    的目标说明偏差原因并提出改进措施。

    反例：

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 8.4}

    正例：

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 8.4,
           deviation: 两个乡镇采样点停用，下半年已增设替代点。}

    选项：无。

    [en]
    In a self-evaluation, an indicator misses its target (read as LG802 says) or scores
    below its weight, and the reason-and-remedy column (偏差原因分析及改进措施) is empty or a
    placeholder (无 略 / - …).

    Why: 财预〔2020〕10号《项目支出绩效评价管理办法》 and its self-evaluation form ask for the
    reason of every unmet target and the measures to improve.

    Bad:

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 8.4}

    Good:

        - {name: 检测样本数, value: "≥500份", actual: "420份", weight: 10, score: 8.4,
           deviation: 两个乡镇采样点停用，下半年已增设替代点。}

    Options: none.
    """
    if not _self_evaluation(doc):
        return
    for r in doc.indicators:
        if r.deviation and not is_placeholder(r.deviation, DEVIATION_PLACEHOLDERS):
            continue
        w, s = _num(r.weight), _num(r.score)
        if outcome(r) == MISSED:
            why = {"zh": f"的实际完成值“{r.actual.text}”未达到年度指标值“{r.value.text}”",
                   "en": f"reached '{r.actual.text}', short of its target '{r.value.text}'"}
        elif w is not None and s is not None and s < w:
            why = {"zh": f"得分 {_pts(s)} 分，低于分值 {_pts(w)} 分", "en": f"scores {_pts(s)} of {_pts(w)}"}
        else:
            continue
        raw = doc.root["indicators"][r.index]
        yield ctx.finding(f"{r.path}/deviation" if "deviation" in raw else r.path, name=r.name, why=why)


@check(code="LG804", name="actual-missing", severity="warning",
       messages={"zh": "指标“{name}”没有填写实际完成值：请按年度指标值“{target}”的口径填写实际完成值",
                 "en": "indicator '{name}' has no actual result: write what was reached, in the terms of its target '{target}'"})
def actual_missing(doc, ctx):
    """自评表：指标没有填写实际完成值。

    [zh]
    自评表中，某个指标没有实际完成值（缺失、为空或只写了占位符，如 待填写 / - *）。“无”是
    事故、投诉类指标的真实结果，不算缺失。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》的自评以实际完成值对照年度指标值
    计分；没有实际完成值，得分没有依据。

    反例：

        - {name: 检测样本数, value: "≥500份", actual: "", weight: 10, score: 10}

    正例：

        - {name: 检测样本数, value: "≥500份", actual: "520份", weight: 10, score: 10}

    选项：无。

    [en]
    In a self-evaluation, an indicator has no actual result (absent, empty or a
    placeholder such as 待填写 / - *). 无 is a real result for accident and complaint
    counts and is not missing.

    Why: the self-evaluation of 财预〔2020〕10号《项目支出绩效评价管理办法》 scores the actual
    result against the target; without it the score rests on nothing.

    Bad:

        - {name: 检测样本数, value: "≥500份", actual: "", weight: 10, score: 10}

    Good:

        - {name: 检测样本数, value: "≥500份", actual: "520份", weight: 10, score: 10}

    Options: none.
    """
    if not _self_evaluation(doc):
        return
    for r in doc.indicators:
        if r.actual is None or is_placeholder(r.actual.text, ACTUAL_PLACEHOLDERS):
            raw = doc.root["indicators"][r.index]
            yield ctx.finding(f"{r.path}/actual" if "actual" in raw else r.path, name=r.name, target=r.value.text)


@check(code="LG805", name="execution-rate-mismatch", severity="warning",
       messages={"zh": "预算执行情况：{what}：请改为 {expected}",
                 "en": "budget execution: {what}: write {expected}"})
def execution_rate_mismatch(doc, ctx):
    """自评表：预算执行率不等于全年执行数 ÷ 全年预算数，或其得分不等于执行率 × 分值。

    [zh]
    自评表的预算执行情况中：填写的执行率与 全年执行数 ÷ 全年预算数 相差 0.1 个百分点或更多
    （写成 0.9875 这样的小数、按百分数理解相符的也算相符）；或得分与 执行率 × 分值 相差超过
    0.05 分（执行率超过 100% 时得分以分值为限）。得分按计算出的执行率核对；没有全年预算数或
    全年执行数时按填写的执行率核对。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》的项目支出绩效自评表中，预算执行率
    = 全年执行数 ÷ 全年预算数，原则上占 10 分，得分 = 执行率 × 分值。

    反例：

        budget:
          execution: {planned: 120, adjusted: 120, executed: 110, rate: "98.75%", weight: 10, score: 10}

    正例：

        budget:
          execution: {planned: 120, adjusted: 120, executed: 110, rate: "91.67%", weight: 10, score: 9.17}

    选项：无。

    [en]
    In a self-evaluation's budget execution, the stated rate differs from executed ÷
    adjusted budget (全年执行数 ÷ 全年预算数) by 0.1 percentage point or more (a fraction
    such as 0.9875 that matches as a percentage counts as matching); or the score differs
    from rate × weight by more than 0.05 (capped at the weight when the rate is above
    100 %). The score is checked against the computed rate, or against the stated one when
    the budget or the executed amount is missing.

    Why: in the self-evaluation form of 财预〔2020〕10号《项目支出绩效评价管理办法》 the
    execution rate is executed ÷ adjusted budget, in principle worth 10 points, and its
    score is rate × weight.

    Bad:

        budget:
          execution: {planned: 120, adjusted: 120, executed: 110, rate: "98.75%", weight: 10, score: 10}

    Good:

        budget:
          execution: {planned: 120, adjusted: 120, executed: 110, rate: "91.67%", weight: 10, score: 9.17}

    Options: none.
    """
    e = doc.execution
    if not _self_evaluation(doc) or e is None:
        return
    adjusted, executed, stated = _num(e.adjusted), _num(e.executed), _num(e.rate)
    computed = executed / adjusted * 100 if adjusted and executed is not None else None
    if computed is not None and stated is not None and not _same_rate(stated, computed, doc):
        yield ctx.finding("/budget/execution/rate", what={
            "zh": f"执行率写的是“{_raw(doc)}”，按全年执行数 {doc.money(executed)['zh']} ÷ 全年预算数 "
                  f"{doc.money(adjusted)['zh']} 计算应为 {_pct(computed)}%",
            "en": f"the rate reads '{_raw(doc)}', but executed {doc.money(executed)['en']} ÷ adjusted budget "
                  f"{doc.money(adjusted)['en']} is {_pct(computed)}%"},
            expected=f"{_pct(computed)}%")
    rate = computed if computed is not None else (stated * 100 if stated is not None and _fraction(stated, doc) else stated)
    weight, score = _num(e.weight), _num(e.score)
    if rate is None or weight is None or score is None:
        return
    expected = min(rate / 100 * weight, weight)
    if abs(score - expected) > _POINTS_TOLERANCE:
        yield ctx.finding("/budget/execution/score", what={
            "zh": f"得分 {_pts(score)} 分，按执行率 {_pct(rate)}% × 分值 {_pts(weight)} 分应为 {_pts(expected)} 分",
            "en": f"the score is {_pts(score)}, but rate {_pct(rate)}% × weight {_pts(weight)} is {_pts(expected)}"},
            expected={"zh": f"{_pts(expected)} 分", "en": _pts(expected)})


def _fraction(stated: Decimal, doc) -> bool:
    """A rate written as a bare fraction (0.9875, as a percent-formatted cell holds
    it): a number, or a text without %, no larger than 1.5."""
    return stated <= Decimal("1.5") and "%" not in fold(_raw(doc))


def _same_rate(stated: Decimal, computed: Decimal, doc) -> bool:
    if abs(stated - computed) < _RATE_TOLERANCE:
        return True
    return _fraction(stated, doc) and abs(stated * 100 - computed) < _RATE_TOLERANCE


def _raw(doc) -> str:
    e = doc.budget_data.get("execution")
    v = e.get("rate") if isinstance(e, dict) else None
    return "" if v is None else str(v)


def _pct(d: Decimal) -> str:
    return format(d.quantize(Decimal("0.01")).normalize(), "f")
