"""LG216 — weights: where rows carry 分值/权重, they share 100 points.

财预〔2020〕10号 scores a project on 100 points (原则上 预算执行率 10、产出 50、
效益 30、满意度 10). A target table that leaves 预算执行率 out gives its rows the
other 90; a category note such as `产出指标(50分)` declares a block's share.
"""
from __future__ import annotations

from decimal import Decimal

from lintgoals import check
from lintgoals.messages import fmt_amount
from lintgoals.names import key as category_key
from lintgoals.names import note_weight

_HUNDRED, _NINETY = Decimal(100), Decimal(90)
_TOLERANCE = Decimal("0.01")  # weights are written to two decimals at most


def _points(d: Decimal) -> str:
    return fmt_amount(d)


def _weighted(doc):
    """(row, weight value or None when unreadable / not positive) for each row that has a weight."""
    return [(r, r.weight.value if r.weight.ok and r.weight.value is not None and r.weight.value > 0 else None)
            for r in doc.indicators if r.weight is not None and not (r.weight.ok and r.weight.value is None)]


@check(code="LG216", name="weights-sum", severity="error",
       messages={"zh": "分值有误：{what}。{fix}",
                 "en": "weights: {what}. {fix}"})
def weights_sum(doc, ctx):
    """各指标的分值（权重）不是正数、合计不是 100 分，或与类别标注的分值不符。

    [zh]
    表中指标带有分值（分值/权重一栏）时检查三件事：
    1. 每个分值都是大于 0 的数（“10”“10分”都可以）；预算执行情况的分值也一样。
    2. 各指标分值加上预算执行率的分值合计为 100 分；目标表没有列预算执行情况时，预算
       执行率按惯例占 10 分，各指标合计 90 分也可以。自评表必须合计 100 分。
    3. 类别名称中标注了分值（如“产出指标(50分)”“效益指标（30%）”）时，这一类下各指标的
       分值合计等于标注的分值（一级、二级类别都检查）。
    有分值读不出来时不计算合计，只报告那一个分值。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》及其项目支出绩效自评表按 100 分
    评价项目：原则上预算执行率 10 分、产出指标 50 分、效益指标 30 分、服务对象满意度 10 分。
    分值合计不是 100 分，自评得分就无法与其他项目比较，评审会退回重填。

    反例：

        indicators:
          - {level1: 产出指标(50分), level2: 数量指标, name: 检测样本数, value: "≥500份", weight: 20}
          - {level1: 产出指标(50分), level2: 质量指标, name: 检测合格率, value: "≥95%", weight: 20}
          - {level1: 效益指标(30分), level2: 社会效益指标, name: 群众知晓率, value: "≥90%", weight: 30}
          - {level1: 满意度指标(10分), level2: 服务对象满意度指标, name: 群众满意度, value: "≥90%", weight: 10}

    （产出指标合计 40 分，不是标注的 50 分；全表合计 80 分。）

    正例：两项产出指标各 25 分，全表合计 90 分，预算执行率另占 10 分。

    选项：无。

    [en]
    Where the rows carry a weight (分值 / 权重), three things are checked:
    1. Every weight is a number above 0 (`10` and `10分` both read); the budget
       execution's weight too.
    2. The rows' weights plus the budget execution's add up to 100; on a target table
       without a budget-execution block, where 预算执行率 keeps its usual 10 points, 90 is
       accepted too. A self-evaluation must reach 100.
    3. Where a category name declares a weight (`产出指标(50分)`, `效益指标（30%）`), the
       rows of that block (level1 or level2) add up to it.
    When a weight cannot be read, no sum is computed: that weight alone is reported.

    Why: 财预〔2020〕10号《项目支出绩效评价管理办法》 and its self-evaluation form score a
    project on 100 points, in principle 10 for the budget execution rate, 50 for outputs,
    30 for effects and 10 for satisfaction. Weights that do not add up to 100 make the
    score meaningless, and the table is sent back.

    Bad:

        indicators:
          - {level1: 产出指标(50分), level2: 数量指标, name: 检测样本数, value: "≥500份", weight: 20}
          - {level1: 产出指标(50分), level2: 质量指标, name: 检测合格率, value: "≥95%", weight: 20}
          - {level1: 效益指标(30分), level2: 社会效益指标, name: 群众知晓率, value: "≥90%", weight: 30}
          - {level1: 满意度指标(10分), level2: 服务对象满意度指标, name: 群众满意度, value: "≥90%", weight: 10}

    (The outputs add up to 40, not the declared 50; the table to 80.)

    Good: 25 points for each output row, 90 for the rows, 10 for the budget execution rate.

    Options: none.
    """
    rows = _weighted(doc)
    execution = doc.execution
    ew = execution.weight if execution is not None else None
    exec_weight = None
    if ew is not None and not (ew.ok and ew.value is None):
        if ew.ok and ew.value > 0:
            exec_weight = ew.value
        else:
            yield ctx.finding("/budget/execution/weight", what={
                "zh": f"预算执行情况的分值“{_raw(doc.budget_data.get('execution'), 'weight')}”不是大于 0 的数",
                "en": f"the budget execution's weight '{_raw(doc.budget_data.get('execution'), 'weight')}' is not a number above 0"},
                fix={"zh": "请写大于 0 的分值，原则上为 10 分", "en": "Write a weight above 0, in principle 10"})
    if not rows:
        return
    bad = [r for r, w in rows if w is None]
    for r in bad:
        raw = _raw(doc.root["indicators"][r.index], "weight")
        yield ctx.finding(f"{r.path}/weight", what={
            "zh": f"指标“{r.name}”的分值“{raw}”不是大于 0 的数", "en": f"the weight '{raw}' of indicator '{r.name}' is not a number above 0"},
            fix={"zh": "请写大于 0 的分值；不计分的指标请删去这一行", "en": "Write a weight above 0; remove a row that scores nothing"})
    if bad or (ew is not None and exec_weight is None and not (ew.ok and ew.value is None)):
        return  # a sum over unreadable weights says nothing
    yield from _total(doc, ctx, rows, exec_weight)
    yield from _blocks(doc, ctx, rows)


def _raw(mapping, key) -> str:
    v = mapping.get(key) if isinstance(mapping, dict) else None
    return "" if v is None else str(v)


def _total(doc, ctx, rows, exec_weight):
    total = sum((w for _, w in rows), Decimal(0)) + (exec_weight or 0)
    allow_ninety = doc.kind == "target" and doc.execution is None
    if abs(total - _HUNDRED) <= _TOLERANCE or (allow_ninety and abs(total - _NINETY) <= _TOLERANCE):
        return
    unweighted = sum(1 for r in doc.indicators if r.weight is None or (r.weight.ok and r.weight.value is None))
    parts_zh, parts_en = [], []
    if exec_weight is not None:
        parts_zh.append(f"含预算执行率 {_points(exec_weight)} 分")
        parts_en.append(f"with {_points(exec_weight)} for the budget execution rate")
    elif doc.execution is not None:
        parts_zh.append("预算执行情况没有填写分值")
        parts_en.append("the budget execution has no weight")
    if unweighted:
        parts_zh.append(f"另有 {unweighted} 个指标没有填写分值")
        parts_en.append(f"{unweighted} more indicator(s) have no weight")
    note_zh = f"（{'，'.join(parts_zh)}）" if parts_zh else ""
    note_en = f" ({'; '.join(parts_en)})" if parts_en else ""
    if allow_ninety:
        want_zh, want_en = "应为 100 分（预算执行率未列入本表时，各指标合计 90 分，预算执行率另占 10 分）", \
            "they should add up to 100 (or 90 when the budget execution rate keeps its 10 points outside this table)"
    else:
        want_zh, want_en = "应为 100 分", "they should add up to 100"
    yield ctx.finding("/indicators", what={
        "zh": f"各指标分值合计 {_points(total)} 分{note_zh}，{want_zh}",
        "en": f"the weights add up to {_points(total)}{note_en}; {want_en}"},
        fix={"zh": "请调整各指标的分值", "en": "Adjust the weights"})


def _blocks(doc, ctx, rows):
    """Blocks whose name declares a weight (`产出指标(50分)`), level1 and level2."""
    for level in ("level1", "level2"):
        blocks = {}  # block key → [declared weight, first row, label as written, sum]
        for r, w in rows:
            name = getattr(r, level)
            k = category_key(r.level1) if level == "level1" else (category_key(r.level1), category_key(r.level2))
            if level == "level2" and not r.level2:
                continue
            b = blocks.setdefault(k, [None, r, name, Decimal(0)])
            declared = note_weight(name) if name else None
            if declared is not None and b[0] is None:
                b[0], b[2] = declared, name
            b[3] += w
        for declared, first, name, got in blocks.values():
            if declared is None or abs(got - declared) <= _TOLERANCE:
                continue
            yield ctx.finding(f"{first.path}/{level}", what={
                "zh": f"“{name}”下各指标的分值合计 {_points(got)} 分，与标注的 {_points(declared)} 分不一致",
                "en": f"the rows under '{name}' add up to {_points(got)}, not the {_points(declared)} its name declares"},
                fix={"zh": f"请调整这一类指标的分值，使合计为 {_points(declared)} 分，或改正类别名称中的分值",
                     "en": f"Adjust the weights of this block to add up to {_points(declared)}, or correct the weight in its name"})
