"""LG2 — indicator values: measurable, possible, pointing the right way.

A value gets at most one of LG210 > LG202 > LG207 > LG201 (the ladder in
_common.py), and LG204 on a value silences LG203 and LG206 there.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from lintgoals import check
from lintgoals.values import EQ, GE, GT, fold, format_number

from ._common import (PLACEHOLDERS, PROSE, UNQUANTIFIED, fold_words, has, is_cost, is_negative_event,
                      is_output_quantity, is_placeholder, is_satisfaction, ladder_placeholders, percent_example,
                      quantity_dimension, rung)

VAGUE_TERMS = ["满足", "有效", "合理", "健全", "规范", "合规", "完备", "及时", "按时", "稳定", "正常", "增长",
               "提高", "提升", "改善", "明显", "显著", "领先", "先进", "一流", "良好", "较好", "优秀", "到位",
               "完善", "建立健全", "定期", "可持续", "应用", "基本", "逐步", "持续", "不断", "进一步", "大幅",
               "稳步", "积极", "加强", "推进", "促进", "保障", "确保", "符合", "高效"]
VERIFIABLE_STATES = ["合格", "达标", "通过", "验收合格", "完成", "已完成"]
_PROSE_OPT = {"prose_min_chars": {"type": "integer", "min": 1, "default": 15}}
_WORDS = {"type": "list", "schema": {"type": "string"}}


def _val(path_row):
    return f"/indicators/{path_row.index}/value"


def _impossible(row):
    """LG204's reason for a value, or None."""
    v = row.value
    n = v.number
    if n is None:
        return None
    if n > 0:  # the usual target: only a percentage above 100 can be impossible
        if v.unit == "%" and n > 100 and v.op in (EQ, GE, GT):
            return {"zh": "百分比目标超过 100%，不可能达到", "en": "a percentage above 100% cannot be reached"}
        return None
    if n < 0:
        return {"zh": f"目标是负数 {format_number(n)}", "en": f"the target is negative ({format_number(n)})"}
    if is_satisfaction(row):  # zero
        return {"zh": "满意度目标为 0，等于没有目标", "en": "a satisfaction target of 0 is no target"}
    if v.op == GE:
        return {"zh": "“≥0”任何结果都能达到，不构成目标", "en": "'≥0' is met by any result, so it is no target"}
    return None


@check(code="LG201", name="vague-value", severity="warning",
       messages={"zh": "指标“{name}”的值“{value}”含模糊词“{term}”，无法考核：请写可衡量的标准，如“{example}”",
                 "en": "indicator '{name}': value '{value}' holds the vague term '{term}' and cannot be assessed: state a measurable standard such as '{example}'"},
       options={"vague_terms": dict(_WORDS, default=VAGUE_TERMS),
                "extend_vague_terms": dict(_WORDS, default=[]),
                "verifiable_states": dict(_WORDS, default=VERIFIABLE_STATES),
                "extend_verifiable_states": dict(_WORDS, default=[]),
                **_PROSE_OPT})
def vague_value(doc, ctx):
    """指标值是含模糊词的定性短语（满足、有效、及时、稳定、领先……）。

    [zh]
    指标值是定性的（没有数字）、不是长句，且含模糊词：满足 有效 合理 健全 规范 合规 完备 及时
    按时 稳定 正常 增长 提高 提升 改善 明显 显著 领先 先进 一流 良好 较好 优秀 到位 完善
    建立健全 定期 可持续 应用 基本 逐步 持续 不断 进一步 大幅 稳步 积极 加强 推进 促进 保障
    确保 符合 高效。所以“按时完成”是模糊的。
    可验证的状态不含这些词，不算模糊：合格、达标、通过、验收合格、完成、已完成、等级（三级）、
    具名的成果（成果报告、课程库）。与 verifiable_states 完全相同的值永不报告。
    同一指标值只报告 LG210、LG202、LG207、LG201 中的一个（按此顺序）。

    为什么：财预〔2011〕285号 要求尽量定量表述，不能量化的采用定性的分级分档形式表述；
    “满足”“成效明显”事后无法判断是否达到。

    反例：

        - {name: 各项工作完成及时性, value: 及时}

    正例：

        - {name: 各项工作完成及时率, value: "=100.00(%)"}

    选项：vague_terms / extend_vague_terms、verifiable_states / extend_verifiable_states、
    prose_min_chars（默认 15）。

    [en]
    A qualitative value (no number) that is not prose and holds a vague term: 满足 有效 合理
    健全 规范 合规 完备 及时 按时 稳定 正常 增长 提高 提升 改善 明显 显著 领先 先进 一流 良好
    较好 优秀 到位 完善 建立健全 定期 可持续 应用 基本 逐步 持续 不断 进一步 大幅 稳步 积极
    加强 推进 促进 保障 确保 符合 高效 — so 按时完成 is vague. Verifiable states hold none
    of these and are not vague: 合格, 达标, 通过, 验收合格, 完成, 已完成, a grade (三级), a
    named deliverable (成果报告, 课程库). A value equal to one of verifiable_states is never
    reported. A value gets at most one of LG210, LG202, LG207, LG201, in that order.

    Why: 财预〔2011〕285号: state targets quantitatively where possible, otherwise as graded
    qualitative levels; 满足 or 成效明显 cannot be judged afterwards.

    Bad:

        - {name: 各项工作完成及时性, value: 及时}

    Good:

        - {name: 各项工作完成及时率, value: "=100.00(%)"}

    Options: vague_terms / extend_vague_terms, verifiable_states /
    extend_verifiable_states, prose_min_chars (default 15).
    """
    o = ctx.options
    terms, states = _vague_lists(tuple(o["vague_terms"]) + tuple(o["extend_vague_terms"]),
                                 tuple(o["verifiable_states"]) + tuple(o["extend_verifiable_states"]))
    n, empty = o["prose_min_chars"], ladder_placeholders(ctx)
    for r in doc.indicators:
        v = r.value
        if v.number is not None or rung(r, n, empty) is not None:
            continue
        if v.folded in states:
            continue
        term = has(v.folded, terms)
        if term:
            yield ctx.finding(_val(r), name=r.name, value=v.text, term=term, example=_vague_example(r, term))


@lru_cache(maxsize=16)
def _vague_lists(terms: tuple, states: tuple):
    """The options as LG201 reads them, prepared once: longest term first, states folded."""
    return fold_words(sorted(terms, key=len, reverse=True)), frozenset(fold(x) for x in states)


def _vague_example(row, term) -> str:
    if term in ("及时", "按时", "定期"):
        return "完成及时率 =100.00(%)"
    if term in ("稳定", "正常"):
        return "平台稳定运行率 ≥99.00(%)"
    if term in ("增长", "提高", "提升", "改善", "大幅", "稳步", "逐步", "进一步", "不断"):
        return "比上年增长 ≥10.00(%)"
    if term in ("领先", "先进", "一流", "优秀", "良好", "较好", "明显", "显著"):
        return "全国排名 ≤3(名)"
    return f"{row.name} {percent_example(row)}"


@check(code="LG202", name="unquantified-indicator", severity="error",
       messages={"zh": "“{name}”是{dimension}指标，但指标值“{value}”没有数字：{dimension}指标必须量化，如“{example}”",
                 "en": "'{name}' is a {dimension} indicator but its value '{value}' has no number: it must be quantified, e.g. '{example}'"})
def unquantified_indicator(doc, ctx):
    """数量或成本指标的值是定性的。

    [zh]
    在“数量”或“成本”下（一级或二级指标含这两个词）的指标，值却没有数字。

    为什么：数量和成本天然可以计量，财预〔2011〕285号 要求尽量定量表述，财预〔2021〕101号
    要求指标“量化易评”。

    反例：

        - {level1: 产出目标, level2: 成本, name: 成本控制, value: 通过招邀标控制成本}

    正例：

        - {level1: 产出目标, level2: 成本, name: 成本控制率, value: "≤100.00(%)"}

    选项：无。

    [en]
    A row under 数量 (quantity) or 成本 (cost) — in level1 or level2 — whose value has no
    number.

    Why: quantities and costs can always be counted; 财预〔2011〕285号 asks for quantitative
    targets and 财预〔2021〕101号 for indicators that are 量化易评 (quantified, easy to assess).

    Bad:

        - {level1: 产出目标, level2: 成本, name: 成本控制, value: 通过招邀标控制成本}

    Good:

        - {level1: 产出目标, level2: 成本, name: 成本控制率, value: "≤100.00(%)"}

    Options: none.
    """
    empty = ladder_placeholders(ctx)
    for r in doc.indicators:
        if rung(r, placeholders=empty) == UNQUANTIFIED:
            dim = quantity_dimension(r)
            example = "≤100.00(%)" if dim == "成本" else "≥50(次)"
            yield ctx.finding(_val(r), name=r.name, value=r.value.text, example=example,
                              dimension={"zh": dim, "en": "quantity" if dim == "数量" else "cost"})


@check(code="LG203", name="low-satisfaction-target", severity="warning",
       messages={"zh": "满意度指标“{name}”的目标 {value} 低于 {minimum}%：请定为不低于 {minimum}%，如“≥{minimum}.00(%)”；若本部门另有标准，在配置中设置 satisfaction_min",
                 "en": "satisfaction indicator '{name}' targets {value}, below {minimum}%: set at least {minimum}%, e.g. ≥{minimum}.00(%); if your bureau has its own threshold, set satisfaction_min"},
       options={"satisfaction_min": {"type": "number", "min": 0, "max": 100, "default": 85}})
def low_satisfaction_target(doc, ctx):
    """满意度目标低于 satisfaction_min（默认 85%）。

    [zh]
    满意度指标（名称或分类含“满意”）的目标（单位为 % 或无单位）低于 satisfaction_min，
    默认 85%。目标为 0 等不可能的值由 LG204 报告，这里不重复。

    为什么：国家层面没有统一的满意度门槛；85% 是常见的评审尺度，过低的目标等于没有要求。
    请按本部门或本地财政局的口径设置：

        # .lintgoals.yaml
        satisfaction_min: 90

    反例：

        - {name: 在学人员满意度, value: "≥70.00%"}

    正例：

        - {name: 在学人员满意度, value: "≥90.00(%)"}

    选项：satisfaction_min（默认 85）。

    [en]
    A satisfaction row (name or category holds 满意) whose target, in % or without a unit,
    is below satisfaction_min (default 85). Impossible targets such as 0 are LG204's.

    Why: there is no national threshold; 85% is a common reviewers' yardstick and a lower
    target asks for nothing. Set your bureau's own:

        # .lintgoals.yaml
        satisfaction_min: 90

    Bad:

        - {name: 在学人员满意度, value: "≥70.00%"}

    Good:

        - {name: 在学人员满意度, value: "≥90.00(%)"}

    Options: satisfaction_min (default 85).
    """
    minimum = Decimal(str(ctx.options["satisfaction_min"]))
    for r in doc.indicators:
        v = r.value
        if not (is_satisfaction(r) and v.quantitative and v.unit in ("%", "")) or _impossible(r):
            continue
        if v.op in (EQ, GE, GT) and v.number < minimum:
            yield ctx.finding(_val(r), name=r.name, value=v.text, minimum=format_number(minimum))


@check(code="LG204", name="impossible-value", severity="error",
       messages={"zh": "指标“{name}”的值“{value}”不可能或没有意义：{reason}。请改为实际可考核的目标，如“{example}”",
                 "en": "indicator '{name}': value '{value}' is impossible or meaningless: {reason}. Write a target that can be assessed, e.g. '{example}'"})
def impossible_value(doc, ctx):
    """不可能或无意义的目标：超过 100% 的百分比、负数、满意度为 0、≥0。

    [zh]
    目标不可能达到或没有意义：以 =、≥、> 给出超过 100 的百分比；负数；满意度目标为 0；
    任何结果都能满足的目标（≥0）。该值上的 LG203、LG206 不再重复报告。

    为什么：财预〔2011〕285号 要求目标合理可行；不可能或必然达成的目标无法用于考核。

    反例：

        - {name: 社会公众或服务对象满意值, value: "0"}

    正例：

        - {name: 社会公众或服务对象满意度, value: "≥90.00(%)"}

    选项：无。

    [en]
    A target that cannot be met or means nothing: a percentage above 100 with =, ≥ or >; a
    negative number; a satisfaction target of 0; a target any result meets (≥0). LG203 and
    LG206 stay silent on that value.

    Why: 财预〔2011〕285号 requires targets to be reasonable and feasible; an impossible or
    automatic target cannot be assessed.

    Bad:

        - {name: 社会公众或服务对象满意值, value: "0"}

    Good:

        - {name: 社会公众或服务对象满意度, value: "≥90.00(%)"}

    Options: none.
    """
    for r in doc.indicators:
        reason = _impossible(r)
        if reason:
            yield ctx.finding(_val(r), name=r.name, value=r.value.text, reason=reason, example=percent_example(r))


@check(code="LG205", name="wrong-direction", severity="warning",
       messages={"zh": "指标“{name}”的值“{value}”方向不对：{reason}，应写“{op}”，如“{example}”",
                 "en": "indicator '{name}': value '{value}' points the wrong way: {reason}, so write '{op}', e.g. '{example}'"})
def wrong_direction(doc, ctx):
    """比较符方向错误：成本用 ≥、负面事件用 ≥、产出数量用 ≤、满意度用 ≤。

    [zh]
    比较符方向与指标性质相反：
    - 成本行（一级、二级或名称含 成本/费用/单价）用了 ≥ 或 >；
    - 负面事件行（名称含 故障 事故 投诉 差错 安全事件 违规 超支，且含“发生”或“次数”、
      或以“数”结尾、或该词紧接“率”如 故障率、投诉率；故障处置率是正向指标）用了 ≥ 或 >；
    - 产出数量行（二级指标含“数量”；没有二级指标时一级含“产出”且单位不是 %）用了 ≤ 或 <，
      如 招生人数 ≤150000；
    - 满意度行用了 ≤ 或 <。
    负面事件行和成本行写在“数量”下时用 ≤ 是对的（差错次数 ≤1(次)），不按产出数量报告。

    为什么：方向反了，目标就变成了上限或下限的反面——成本越高越“达标”，故障越多越“达标”。
    财预〔2011〕285号 要求目标指向明确。

    反例：

        - {level1: 产出目标, name: 在线学习招生人数, value: "≤150000"}

    正例：

        - {level1: 产出目标, name: 在线学习招生人数, value: "≥150000(人)"}

    选项：无。

    [en]
    The operator points the wrong way:
    - a cost row (成本/费用/单价 in level1, level2 or name) with ≥ or >;
    - a negative-event row (name holds 故障 事故 投诉 差错 安全事件 违规 超支 and also 发生 or
      次数, or ends in 数, or has the word right before 率 as in 故障率; 故障处置率 is a
      positive rate) with ≥ or >;
    - an output-quantity row (level2 holds 数量; without level2, level1 holds 产出 and the
      unit is not %) with ≤ or <, e.g. 招生人数 ≤150000;
    - a satisfaction row with ≤ or <.
    A negative-event or cost row under 数量 is right to use ≤ (差错次数 ≤1(次)) and is not
    reported as an output quantity.

    Why: the wrong direction turns a target into its opposite — the higher the cost or the
    more failures, the better. 财预〔2011〕285号 asks for clearly directed targets.

    Bad:

        - {level1: 产出目标, name: 在线学习招生人数, value: "≤150000"}

    Good:

        - {level1: 产出目标, name: 在线学习招生人数, value: "≥150000(人)"}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        if v.number is None or v.op == EQ:  # no direction to get wrong
            continue
        reason = None
        if v.op in (GE, GT):
            if is_cost(r):
                reason, op = {"zh": "成本是上限", "en": "a cost is a ceiling"}, "≤"
            elif is_negative_event(r):
                reason, op = {"zh": "负面事件越少越好", "en": "fewer adverse events is better"}, "≤"
        elif is_satisfaction(r):  # ≤ or <
            reason, op = {"zh": "满意度是下限", "en": "satisfaction is a floor"}, "≥"
        elif is_output_quantity(r) and not is_negative_event(r) and not is_cost(r):
            reason, op = {"zh": "产出数量是要达到的下限", "en": "an output quantity is a floor to reach"}, "≥"
        if reason:
            n = format_number(v.number) + (f"({v.unit})" if v.unit else "")
            yield ctx.finding(_val(r), name=r.name, value=v.text, reason=reason, op=op, example=f"{op}{n}")


@check(code="LG206", name="missing-unit", severity="warning",
       messages={"zh": "指标“{name}”的值“{value}”没有计量单位：请写明单位，如“{example}”",
                 "en": "indicator '{name}': value '{value}' has no unit: state it, e.g. '{example}'"})
def missing_unit(doc, ctx):
    """定量的指标值没有单位。

    [zh]
    指标值有数字却没有单位，如预算执行率写“≥90”、安全事故发生情况写“=0”。
    LG204 已报告的值不再重复。

    为什么：没有单位，90 可以是 90%、90 次或 90 天；评审无法核对（财预〔2011〕285号 具体细化）。

    反例：

        - {name: 预算执行率, value: "≥90"}

    正例：

        - {name: 预算执行率, value: "≥90.00(%)"}

    选项：无。

    [en]
    A quantitative value with no unit (`≥90` for 预算执行率, `=0` for 安全事故发生情况).
    Values LG204 reports are not reported again.

    Why: without a unit, 90 may be 90%, 90 times or 90 days; nobody can check it
    (财预〔2011〕285号, specific targets).

    Bad:

        - {name: 预算执行率, value: "≥90"}

    Good:

        - {name: 预算执行率, value: "≥90.00(%)"}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        if v.quantitative and not v.unit and not _impossible(r):
            yield ctx.finding(_val(r), name=r.name, value=v.text, example=_with_unit(r))


def _with_unit(row) -> str:
    v = row.value
    n = format_number(v.number)
    name = row.key
    if name.endswith("率") or is_satisfaction(row) or name.endswith("度"):
        unit = "%"
        n = f"{v.number:.2f}"
    elif is_negative_event(row) or "次数" in name or "发生" in name:
        unit = "次"
    elif "天" in name:
        unit = "天"
    elif "人数" in name or "人次" in name:
        unit = "人"
    else:
        unit = "单位"
    return f"{v.op}{n}({unit})"


@check(code="LG207", name="prose-value", severity="warning",
       messages={"zh": "指标“{name}”的值是一段描述，不是目标：“{value}”。请写可考核的目标值，如“{example}”，说明文字放到项目概况",
                 "en": "indicator '{name}': the value is a description, not a target: '{value}'. Write a target such as '{example}' and move the text to the overview"},
       options=dict(_PROSE_OPT))
def prose_value(doc, ctx):
    """指标值是一句话或一段描述，不是目标。

    [zh]
    定性的指标值是“长句”：超过 prose_min_chars（默认 15）个字，或含句读（，。；;,）。
    例如“让党员干部受教育，让市民群众得实惠”。

    为什么：目标值要能在年底对照考核（财预〔2011〕285号 指向明确、具体细化）；
    描述性文字应放在项目概况或立项依据里。

    反例：

        - {name: 保障节目制作流程正常, value: 让党员干部受教育，让市民群众得实惠}

    正例：

        - {name: 节目制作按期完成率, value: "=100.00(%)"}

    选项：prose_min_chars（默认 15）。

    [en]
    A qualitative value that is prose: longer than prose_min_chars (default 15) characters,
    or holding sentence punctuation (，。；;,), e.g. 让党员干部受教育，让市民群众得实惠.

    Why: a target must be checkable at year end (财预〔2011〕285号: clear and specific);
    descriptions belong in the overview or the basis.

    Bad:

        - {name: 保障节目制作流程正常, value: 让党员干部受教育，让市民群众得实惠}

    Good:

        - {name: 节目制作按期完成率, value: "=100.00(%)"}

    Options: prose_min_chars (default 15).
    """
    n, empty = ctx.options["prose_min_chars"], ladder_placeholders(ctx)
    for r in doc.indicators:
        if rung(r, n, empty) == PROSE:
            text = r.value.text
            shown = text if len(text) <= 40 else text[:40] + "……"
            yield ctx.finding(_val(r), name=r.name, value=shown, example=percent_example(r))


@check(code="LG208", name="unit-mismatch", severity="warning",
       messages={"zh": "“{name}”是一个比率，但指标值“{value}”的单位是“{unit}”：比率请用 %，如“{example}”",
                 "en": "'{name}' is a rate but its value '{value}' is in '{unit}': write rates in %, e.g. '{example}'"})
def unit_mismatch(doc, ctx):
    """名称以“率”结尾，指标值的单位却不是 %。

    [zh]
    指标名称以“率”结尾，指标值的单位却不是 %（‰ 也接受）。没有单位的由 LG206 报告。

    为什么：比率的目标应是百分比；单位不符说明名称或目标写错了一个（财预〔2011〕285号 具体细化）。

    反例：

        - {name: 学员注册率, value: "≥8000(人)"}

    正例：

        - {name: 学员注册率, value: "≥80.00(%)"}

    选项：无。

    [en]
    A name ending in 率 (rate) whose value has a unit other than % (‰ is accepted too).
    A missing unit is LG206's.

    Why: a rate's target is a percentage; a different unit means the name or the target is
    wrong (财预〔2011〕285号).

    Bad:

        - {name: 学员注册率, value: "≥8000(人)"}

    Good:

        - {name: 学员注册率, value: "≥80.00(%)"}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        if r.key.endswith("率") and v.quantitative and v.unit and v.unit not in ("%", "‰"):
            yield ctx.finding(_val(r), name=r.name, value=v.text, unit=v.unit, example=f"{v.op}95.00(%)")


def standard_notation(value, notation: str = "form") -> str:
    """The standard spelling of a parsed quantitative value: `≥90.00(%)` (form) or `≥90%` (plain)."""
    op = value.op or EQ
    unit = value.unit
    number = value.number
    if notation == "plain":
        return f"{op}{format_number(number)}{unit}"
    text = f"{number:.2f}" if unit == "%" else format_number(number)
    return f"{op}{text}({unit})" if unit else f"{op}{text}"


@check(code="LG209", name="nonstandard-notation", severity="info", fixable=True,
       messages={"zh": "指标“{name}”的值“{value}”写法不规范（{reason}）：请写“{standard}”",
                 "en": "indicator '{name}': value '{value}' is not in standard notation ({reason}): write '{standard}'"},
       options={"notation": {"type": "string", "allowed": ["form", "plain"], "default": "form"}})
def nonstandard_notation(doc, ctx):
    """比较符写法不规范（>=、＞＝、大于等于、达…以上）或只有数字没有比较符（100%）。

    [zh]
    比较符用了 ASCII 或全角写法（>=、＞＝、＝）、中文词（大于等于、不低于、达…以上），
    或只有数字没有比较符（100%）。修复（lintgoals fix）改写为标准写法：notation: form 为
    申报系统的“≥90.00(%)”式，plain 为“≥90%”式。数字前还有文字的值（用户满意度达90%）
    只报告、不自动改写，以免丢掉文字。

    为什么：统一写法便于汇总和比较；申报系统使用 ≥、≤、= 与括号单位。

    反例：

        - {name: 平台使用满意度, value: ">=90%"}

    正例：

        - {name: 平台使用满意度, value: "≥90.00(%)"}

    选项：notation（form 或 plain，默认 form）。可自动修复。

    [en]
    An ASCII or full-width operator (>=, ＞＝, ＝), a Chinese operator word (大于等于, 不低于,
    达…以上), or a number with no operator (100%). The fix (lintgoals fix) writes the
    standard spelling: notation form gives the budget system's ≥90.00(%), plain gives ≥90%.
    A value with words before the number (用户满意度达90%) is reported but not rewritten,
    so that no words are lost.

    Why: one notation makes tables comparable and summable; the budget system writes ≥, ≤,
    = and a bracketed unit.

    Bad:

        - {name: 平台使用满意度, value: ">=90%"}

    Good:

        - {name: 平台使用满意度, value: "≥90.00(%)"}

    Options: notation (form or plain, default form). Fixable.
    """
    for r in doc.indicators:
        v = r.value
        if not v.quantitative:
            continue
        if v.op_text and not v.op_standard:
            reason = {"zh": f"比较符写作“{v.op_text}”", "en": f"operator written as '{v.op_text}'"}
        elif not v.op_text and v.bare:
            reason = {"zh": "没有比较符", "en": "no operator"}
        else:
            continue
        standard = standard_notation(v, ctx.options["notation"])
        if v.prefix:  # 用户满意度达90%: words before the number; no automatic rewrite that would drop them
            yield ctx.finding(_val(r), name=r.name, value=v.text, reason=reason, standard=standard)
        else:
            yield ctx.finding(_val(r), name=r.name, value=v.text, reason=reason, standard=standard,
                              replacement=standard)


@check(code="LG210", name="empty-value", severity="error",
       messages={"zh": "指标“{name}”没有目标值（{value}）：请填写可考核的目标，如“{example}”",
                 "en": "indicator '{name}' has no target ({value}): fill in a target that can be assessed, e.g. '{example}'"},
       options={"placeholders": dict(_WORDS, default=PLACEHOLDERS)})
def empty_value(doc, ctx):
    """指标值为空、空白或占位符（待定、XX、/、同上……）。

    [zh]
    目标值为空、只有空白，或是占位符：待定 待填写 请填写 XX xxx * / 同上。
    “无”是事件类指标的真实目标（如 安全事故：无），不报告。

    为什么：空的目标无法审核，也是最常见的退回原因之一（财预〔2015〕88号 完整性）。

    反例：

        - {name: 课件制作数量, value: 待定}

    正例：

        - {name: 课件制作数量, value: "≥12(部)"}

    选项：placeholders（占位符词表）。LG202、LG207、LG201 按同一词表把这些值留给本规则，
    一个值只得一条发现；`rules: {LG210: {placeholders: …}}` 或全局键 `placeholders` 都对四条规则一起生效。

    [en]
    The target is empty, blank or a placeholder: 待定 待填写 请填写 XX xxx * / 同上. `无`
    (none) is a real target for event counts and is allowed.

    Why: an empty target cannot be reviewed (财预〔2015〕88号, completeness).

    Bad:

        - {name: 课件制作数量, value: 待定}

    Good:

        - {name: 课件制作数量, value: "≥12(部)"}

    Options: placeholders (word list). LG202, LG207 and LG201 leave the same values to
    this rule, so a value gets one finding: `rules: {LG210: {placeholders: …}}` or the
    global key `placeholders` applies to all four.
    """
    placeholders = ctx.options["placeholders"]
    for r in doc.indicators:
        if r.value.qualitative and is_placeholder(r.value.text, placeholders):
            shown = r.value.text or {"zh": "空", "en": "empty"}
            yield ctx.finding(_val(r), name=r.name, value=shown, example=percent_example(r))
