"""LG2 — indicator values: measurable, possible, pointing the right way.

Precedence is metadata the engine applies (`silences=`, `yields_to=`): a
value gets at most one of LG210 > LG202 > LG207 > LG201 (the ladder, declared
once below); LG204 on a value silences LG203, LG206 and LG211 there; LG209
is silent wherever a warning or error is on the value. No check here looks
at another's options or asks another's code whether to stay quiet.

Every suggestion comes from `_suggest` (shapes as data), so the findings on
one cell tell the user one thing.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from lintgoals import check
from lintgoals.check import ladder
from lintgoals.names import bare
from lintgoals.values import EQ, GE, GT, LE, LT, fold, format_number

from . import _suggest
from ._common import (PLACEHOLDERS, fold_words, has, is_cost, is_negative_event, is_output_quantity,
                      is_placeholder, is_satisfaction, quantity_dimension, unit_of)

VAGUE_TERMS = ["满足", "有效", "合理", "健全", "规范", "合规", "完备", "及时", "按时", "稳定", "正常", "增长",
               "提高", "提升", "改善", "明显", "显著", "领先", "先进", "一流", "良好", "较好", "优秀", "到位",
               "完善", "建立健全", "定期", "可持续", "应用", "基本", "逐步", "持续", "不断", "进一步", "大幅",
               "稳步", "积极", "加强", "推进", "促进", "保障", "确保", "符合", "高效", "减少", "降低", "严格",
               "应保尽保", "落实", "有序", "切实", "充分", "扎实"]
VERIFIABLE_STATES = ["合格", "达标", "通过", "验收合格", "完成", "已完成"]
_WORDS = {"type": "list", "schema": {"type": "string"}}
_MONEY = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "百万元": Decimal(1000000),
          "亿元": Decimal(100000000),
          # on a cost row a bare scale is money, as an amount cell reads it (`250万` is 250 万元)
          "万": Decimal(10000), "亿": Decimal(100000000)}
_SAVING = ("节约", "节省", "降低", "下降", "压减", "减少")  # 成本节约率 ≥5% is a floor, not a ceiling

# RULES.md: a value triggers at most one of these on the same path, in this order
LADDER = ladder("LG210", "LG202", "LG207", "LG201")


def _val(row):
    return f"/indicators/{row.index}/value"


def _impossible(row):
    """LG204's reason for a value, or None."""
    v = row.value
    n = v.number
    if n is None:
        return None
    if n > 0:  # the usual target: only a percentage above 100 can be impossible
        # in %: written so, or a rate or satisfaction without a unit (≥120 for 完整率)
        # (>100% too: it asks for more than 100%, as ≥120% does)
        if (n > 100 and v.op in (EQ, GE, GT) or n == 100 and v.op == GT) and _suggest.unit_for(row) == "%":
            return {"zh": "百分比目标超过 100%，不可能达到", "en": "a percentage above 100% cannot be reached"}
        return None
    if n < 0:
        return {"zh": f"目标是负数 {format_number(n)}", "en": f"the target is negative ({format_number(n)})"}
    if is_satisfaction(row):  # zero
        return {"zh": "满意度目标为 0，等于没有目标", "en": "a satisfaction target of 0 is no target"}
    if v.op == GE:
        return {"zh": "“≥0”任何结果都能达到，不构成目标", "en": "'≥0' is met by any result, so it is no target"}
    if _is_cost_row(row) and not is_negative_event(row) and v.op in (EQ, LE, LT):
        return {"zh": "成本目标为 0，等于说项目不花钱", "en": "a cost target of 0 says the project costs nothing"}
    return None


def _is_cost_row(row) -> bool:
    return quantity_dimension(row) == "成本" or is_cost(row)


def _right_op(row):
    """The operator a row's direction calls for when its own points the wrong
    way (LG205), or None. LG206's example asks it too, so the two agree."""
    v = row.value
    if v.number is None or v.op == EQ:
        return None
    if v.op in (GE, GT):
        if is_cost(row) and not any(w in row.key for w in _SAVING):
            return LE, {"zh": "成本是上限", "en": "a cost is a ceiling"}
        if is_negative_event(row):
            return LE, {"zh": "负面事件越少越好", "en": "fewer adverse events is better"}
        return None
    if is_satisfaction(row):  # ≤ or <
        return GE, {"zh": "满意度是下限", "en": "satisfaction is a floor"}
    if is_output_quantity(row) and not is_negative_event(row) and not is_cost(row):
        return GE, {"zh": "产出数量是要达到的下限", "en": "an output quantity is a floor to reach"}
    return None


# ------------------------------------------------------------------ LG201

@check(code="LG201", name="vague-value", severity="warning",
       messages={"zh": "指标“{name}”的值“{value}”含模糊词“{term}”，无法考核：{suggestion}",
                 "en": "indicator '{name}': value '{value}' holds the vague term '{term}' and cannot be assessed: {suggestion}"},
       options={"vague_terms": dict(_WORDS, default=VAGUE_TERMS),
                "extend_vague_terms": dict(_WORDS, default=[]),
                "verifiable_states": dict(_WORDS, default=VERIFIABLE_STATES),
                "extend_verifiable_states": dict(_WORDS, default=[])})
def vague_value(doc, ctx):
    """指标值是含模糊词的定性短语（满足、有效、及时、稳定、领先……）。

    [zh]
    指标值是定性的（没有数字）、不是长句，且含模糊词：满足 有效 合理 健全 规范 合规 完备 及时
    按时 稳定 正常 增长 提高 提升 改善 明显 显著 领先 先进 一流 良好 较好 优秀 到位 完善
    建立健全 定期 可持续 应用 基本 逐步 持续 不断 进一步 大幅 稳步 积极 加强 推进 促进 保障
    确保 符合 高效 减少 降低 严格 应保尽保 落实 有序 切实 充分 扎实。所以“按时完成”是模糊的。
    可验证的状态不含这些词，不算模糊：合格、达标、通过、验收合格、完成、已完成、等级（三级）、
    具名的成果（成果报告、课程库）。与 verifiable_states 完全相同的值永不报告。

    不报告 2018、2020 模板管理类（投入和管理目标、投入与管理）下的行：那是模板自带的共性管理
    指标（预算编制合理性、财务管理制度健全性……），其取值由模板本身分档（健全／基本健全／
    不健全），“健全”就是其中一档，不是模糊表述。

    建议按指标所在维度给出，并用该行自己的名称：时效写“…及时率 =100.00(%)”或时限，质量写
    “…合格率 ≥95.00(%)”或可验证的等级，效益写可衡量的效果或分级表述，满意度写“…满意度
    ≥90.00(%)”。同一指标值只报告 LG210、LG202、LG207、LG201 中的一个（按此顺序）。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标从数量、质量、
    成本和时效等方面细化，尽量定量表述，不能量化的采用定性的分级分档形式表述；“满足”
    “成效明显”事后无法判断是否达到。

    反例：

        - {level2: 时效指标, name: 故障响应及时性, value: 及时}

    正例：

        - {level2: 时效指标, name: 故障响应及时率, value: "=100.00(%)"}

    选项：vague_terms / extend_vague_terms、verifiable_states / extend_verifiable_states。
    长句（见 LG207 的 prose_min_chars）由 LG207 报告。

    [en]
    A qualitative value (no number) that is not prose and holds a vague term: 满足 有效 合理
    健全 规范 合规 完备 及时 按时 稳定 正常 增长 提高 提升 改善 明显 显著 领先 先进 一流 良好
    较好 优秀 到位 完善 建立健全 定期 可持续 应用 基本 逐步 持续 不断 进一步 大幅 稳步 积极
    加强 推进 促进 保障 确保 符合 高效 减少 降低 严格 应保尽保 落实 有序 切实 充分 扎实 — so
    按时完成 is vague. Verifiable states hold none of these and are not vague: 合格, 达标,
    通过, 验收合格, 完成, 已完成, a grade (三级), a named deliverable (成果报告, 课程库). A
    value equal to one of verifiable_states is never reported.

    Not reported for rows under the management category of the 2018 and 2020 templates
    (投入和管理目标, 投入与管理): those are the template's common management indicators
    (预算编制合理性, 财务管理制度健全性 …) whose values the template itself grades
    (健全 / 基本健全 / 不健全); 健全 is one of its grades, not a vague phrase.

    The suggestion fits the row's dimension and uses the row's own name: a 及时率 of
    =100.00(%) or a time limit for 时效, a 合格率 ≥95.00(%) or a verifiable grade for 质量,
    a measurable effect or graded levels for 效益, ≥90.00(%) for satisfaction. A value gets
    at most one of LG210, LG202, LG207, LG201, in that order.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks targets to be detailed by
    quantity, quality, cost and time, stated quantitatively where possible and otherwise
    as graded qualitative levels; 满足 or 成效明显 cannot be judged afterwards.

    Bad:

        - {level2: 时效指标, name: 故障响应及时性, value: 及时}

    Good:

        - {level2: 时效指标, name: 故障响应及时率, value: "=100.00(%)"}

    Options: vague_terms / extend_vague_terms, verifiable_states /
    extend_verifiable_states. Prose (LG207's prose_min_chars) is LG207's.
    """
    o = ctx.options
    terms, states = _vague_lists(tuple(o["vague_terms"]) + tuple(o["extend_vague_terms"]),
                                 tuple(o["verifiable_states"]) + tuple(o["extend_verifiable_states"]))
    management = None
    for r in doc.indicators:
        v = r.value
        if v.number is not None:
            continue
        folded = v.folded
        if folded in states:
            continue
        term = has(folded, terms)
        if not term:
            continue
        if management is None:
            management = _management(ctx, doc)
        if management and management(r.level1):
            continue
        yield ctx.finding(_val(r), name=r.name, value=v.text, term=term, suggestion=_suggest.target(r, doc))


def _management(ctx, doc):
    """A test for rows under the template's common management category, or False."""
    tpl = ctx.templates.get(doc.template) if ctx.templates else None
    cat = getattr(tpl, "management", "")
    if not cat:
        return False
    return lambda level1: tpl.category(level1) == cat


@lru_cache(maxsize=16)
def _vague_lists(terms: tuple, states: tuple):
    """The options as LG201 reads them, prepared once: longest term first, states folded."""
    return fold_words(sorted(terms, key=len, reverse=True)), frozenset(fold(x) for x in states)


# ------------------------------------------------------------------ LG202

@check(code="LG202", name="unquantified-indicator", severity="error", silences=LADDER["LG202"],
       messages={"zh": "“{name}”是{dimension}指标，但指标值“{value}”没有数字，{dimension}指标必须量化：{suggestion}",
                 "en": "'{name}' is a {dimension} indicator but its value '{value}' has no number, and {dimension} must be quantified: {suggestion}"})
def unquantified_indicator(doc, ctx):
    """数量或成本指标的值是定性的。

    [zh]
    在“数量”或“成本”下的指标（一级或二级指标含这两个词；没有二级指标的行看名称，如 2018
    模板的“成本目标：通过招邀标控制成本”），值却没有数字。社会成本、生态环境成本指标可以定性
    表述（财预〔2021〕101号），不报告。事件类数量“无”（安全事故：无）是真实目标，不报告。
    建议是数量“名称 ≥N(次)”这样带计量单位的下限，或单位成本“≤N(元/部)”（当年预算除以计划数量，见 LG108）。

    为什么：数量和成本天然可以计量。财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求
    从数量、质量、成本和时效等方面细化、尽量定量表述；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》要求定量为主、定性为辅。

    反例：

        - {level1: 产出目标, level2: 成本, name: 成本控制, value: 通过招邀标控制成本}

    正例：

        - {level1: 产出目标, level2: 成本, name: 课件单部制作成本, value: "≤20000(元/部)"}

    选项：无。

    [en]
    A row under 数量 (quantity) or 成本 (cost) — in level1 or level2, or, for a row
    without level2, in its name (2018: 成本目标: 通过招邀标控制成本) — whose value has no
    number. 社会成本 and 生态环境成本 rows may be qualitative (财预〔2021〕101号) and are
    not reported; 无 for an event count (安全事故: 无) is a real target. The suggestion is
    a quantity 'name ≥N(unit)' or a unit cost '≤N(元/unit)'.

    Why: quantities and costs can always be counted. 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks targets to be detailed by quantity, quality, cost and time and
    stated quantitatively; 财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》 puts quantitative indicators first.

    Bad:

        - {level1: 产出目标, level2: 成本, name: 成本控制, value: 通过招邀标控制成本}

    Good:

        - {level1: 产出目标, level2: 成本, name: 课件单部制作成本, value: "≤20000(元/部)"}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        if v.number is not None:
            continue
        dim = quantity_dimension(r)
        if dim is None or (v.folded == "无" and is_negative_event(r)):
            continue
        yield ctx.finding(_val(r), name=r.name, value=v.text, suggestion=_suggest.target(r, doc),
                          dimension={"zh": dim, "en": "quantity" if dim == "数量" else "cost"})


# ------------------------------------------------------------------ LG203

@check(code="LG203", name="low-satisfaction-target", severity="warning", silences=("LG206",),
       messages={"zh": "满意度指标“{name}”的目标“{value}”低于本检查设定的门槛（{minimum}%）：如无特别理由，可写“{example}”；本部门或本地财政另有标准的，请在配置中设置 satisfaction_min",
                 "en": "satisfaction indicator '{name}' targets '{value}', below the threshold set for this check ({minimum} %): unless there is a reason, write '{example}'; where your bureau sets its own threshold, set satisfaction_min"},
       options={"satisfaction_min": {"type": "number", "min": 0, "max": 100, "default": 85}})
def low_satisfaction_target(doc, ctx):
    """满意度目标低于本检查设定的门槛 satisfaction_min（默认 85%）。

    [zh]
    满意度指标（名称或分类含“满意”）的目标（单位为 % 或无单位）低于 satisfaction_min，
    默认 85%。国家层面没有统一的满意度门槛：消息说“低于本检查设定的门槛（85%）”，而不是
    “必须达到 85%”。目标为 0 等不可能的值由 LG204 报告，这里不重复；没有单位的目标，
    本条的示例已带上单位（LG206 不再重复）。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标合理可行，过低的目标
    等于没有要求；中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》把服务
    对象满意度列为绩效目标的内容，但没有规定门槛。请按本部门或本地财政的口径设置：

        # .lintgoals.yaml
        rules:
          LG203: {satisfaction_min: 90}

    satisfaction_min 取 0–100 的百分数；写成 0.9 是配置错误（应写 90）。

    反例：

        - {name: 在学人员满意度, value: "≥70.00%"}

    正例：

        - {name: 在学人员满意度, value: "≥90.00(%)"}

    选项：satisfaction_min（默认 85，0–100）。

    [en]
    A satisfaction row (name or category holds 满意) whose target, in % or without a unit,
    is below satisfaction_min (default 85). There is no national threshold: the message
    says "below the threshold set for this check (85 %)", not "must be 85 %". Impossible
    targets such as 0 are LG204's; for a target without a unit, this rule's example carries
    the unit (LG206 does not repeat it).

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for reasonable, feasible
    targets, and a low target asks for nothing; 中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》 makes service-user satisfaction part of the targets but sets no
    threshold. Set your bureau's own:

        # .lintgoals.yaml
        rules:
          LG203: {satisfaction_min: 90}

    satisfaction_min is a percentage in 0–100; 0.9 is a config error (write 90).

    Bad:

        - {name: 在学人员满意度, value: "≥70.00%"}

    Good:

        - {name: 在学人员满意度, value: "≥90.00(%)"}

    Options: satisfaction_min (default 85, 0–100).
    """
    minimum = Decimal(str(ctx.options["satisfaction_min"]))
    shown = format_number(minimum)
    for r in doc.indicators:
        v = r.value
        if v.number is None or v.op not in (EQ, GE, GT) or v.number >= minimum:
            continue
        if is_satisfaction(r) and unit_of(r) in ("%", ""):
            yield ctx.finding(_val(r), name=r.name, value=v.text, minimum=shown, example=f"≥{minimum:.2f}(%)")


# ------------------------------------------------------------------ LG204

@check(code="LG204", name="impossible-value", severity="error", silences=("LG203", "LG206", "LG211"),
       messages={"zh": "指标“{name}”的值“{value}”不可能或没有意义：{reason}；{suggestion}",
                 "en": "indicator '{name}': value '{value}' is impossible or meaningless: {reason}; {suggestion}"})
def impossible_value(doc, ctx):
    """不可能或无意义的目标：超过 100% 的百分比、负数、满意度为 0、≥0、成本为 0。

    [zh]
    目标不可能达到或没有意义：以 =、≥、> 给出超过 100 的百分比（“>100%”也要求超过 100%）；负数；满意度目标为 0；
    任何结果都能满足的目标（≥0）；成本目标为 0（=0万元、≤0(元)）。该值上的 LG203、LG206、
    LG211 不再重复报告，LG209 也不再提示写法：一个值只得到一个说法。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标合理可行；不可能或
    必然达成的目标无法用于考核。

    反例：

        - {name: 社会公众或服务对象满意值, value: "0"}

    正例：

        - {name: 社会公众或服务对象满意度, value: "≥90.00(%)"}

    选项：无。

    [en]
    A target that cannot be met or means nothing: a percentage above 100 with =, ≥ or >
    (">100%" asks for more than 100% too); a negative number; a satisfaction target of 0; a target any result meets (≥0); a cost
    target of 0 (=0万元, ≤0(元)). LG203, LG206 and LG211 stay silent on that value, and
    LG209 gives no spelling advice there: one value, one message.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 requires targets to be reasonable
    and feasible; an impossible or automatic target cannot be assessed.

    Bad:

        - {name: 社会公众或服务对象满意值, value: "0"}

    Good:

        - {name: 社会公众或服务对象满意度, value: "≥90.00(%)"}

    Options: none.
    """
    for r in doc.indicators:
        if r.value.number is None:
            continue
        reason = _impossible(r)
        if reason:
            if r.value.number > 100:
                suggestion = _suggest.fix_value(r._replace(value=r.value._replace(number=Decimal(100))), EQ)
            else:
                suggestion = _suggest.target(r, doc)
            yield ctx.finding(_val(r), name=r.name, value=r.value.text, reason=reason, suggestion=suggestion)


# ------------------------------------------------------------------ LG205
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
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标指向明确。
    示例保留原来的数字和单位；没有单位的，按名称推断单位（与 LG206 的示例一致）。
    名称含 节约、节省、降低 的成本行（成本节约率）是下限，不按成本报告。

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
    more failures, the better. 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for
    clearly directed targets. The example keeps the figure and unit; without a unit it
    names the one the name implies (as LG206's example does). A cost row whose name holds
    节约, 节省 or 降低 (成本节约率) is a floor and is not reported as a cost.

    Bad:

        - {level1: 产出目标, name: 在线学习招生人数, value: "≤150000"}

    Good:

        - {level1: 产出目标, name: 在线学习招生人数, value: "≥150000(人)"}

    Options: none.
    """
    for r in doc.indicators:
        right = _right_op(r)
        if right:
            op, reason = right
            yield ctx.finding(_val(r), name=r.name, value=r.value.text, reason=reason, op=op,
                              example=_suggest.corrected_value(r, op))


# ------------------------------------------------------------------ LG206

@check(code="LG206", name="missing-unit", severity="warning",
       messages={"zh": "指标“{name}”的值“{value}”没有计量单位：{suggestion}",
                 "en": "indicator '{name}': value '{value}' has no unit: {suggestion}"})
def missing_unit(doc, ctx):
    """定量的指标值没有单位（值里没有，计量单位栏也没有）。

    [zh]
    指标值有数字却没有单位，值里没有、计量单位栏（unit）也没有，如预算执行率写“≥90”、
    安全事故发生情况写“=0”。建议写出由名称推断的真实单位：…率 → %，…次数 → 次，…人数 → 人，
    …天数 → 天，…个数 → 个，满意度 → %，负面事件 → 次；推断不出时请用户写明是哪个单位，
    从不写“(单位)”。方向写反的值（LG205），示例用改正后的比较符，两条消息一致。
    LG204、LG203、LG213 已报告的值不再重复。

    为什么：没有单位，90 可以是 90%、90 次或 90 天，评审无法核对。财预〔2011〕285号
    《财政支出绩效评价管理暂行办法》要求目标具体细化、尽量定量表述。

    反例：

        - {name: 预算执行率, value: "≥90"}

    正例：

        - {name: 预算执行率, value: "≥90.00(%)"}

    选项：无。

    [en]
    A quantitative value with no unit, neither in the value nor in the `unit` column
    (`≥90` for 预算执行率, `=0` for 安全事故发生情况). The suggestion names a real unit
    inferred from the name (…率 → %, …次数 → 次, …人数 → 人, …天数 → 天, …个数 → 个,
    satisfaction → %, an adverse event → 次), or asks which unit is meant; never
    '(单位)'. Where the operator points the wrong way (LG205) the example uses the right
    one, so the two messages agree. Values LG204, LG203 or LG213 report are not reported
    again.

    Why: without a unit, 90 may be 90%, 90 times or 90 days; nobody can check it.
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for specific, quantified targets.

    Bad:

        - {name: 预算执行率, value: "≥90"}

    Good:

        - {name: 预算执行率, value: "≥90.00(%)"}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        if v.number is not None and not v.unit and not unit_of(r):
            right = _right_op(r)
            yield ctx.finding(_val(r), name=r.name, value=v.text,
                              suggestion=_suggest.fix_value(r, right[0] if right else None))


# ------------------------------------------------------------------ LG207

@check(code="LG207", name="prose-value", severity="warning", silences=LADDER["LG207"],
       messages={"zh": "指标“{name}”的值“{value}”是一段描述，不是目标：{suggestion}，说明文字放到指标解释或项目概况",
                 "en": "indicator '{name}': the value '{value}' is a description, not a target: {suggestion}, and move the text to the explanation or the overview"},
       options={"prose_min_chars": {"type": "integer", "min": 1, "default": 15}})
def prose_value(doc, ctx):
    """指标值是一句话或一段描述，不是目标。

    [zh]
    定性的指标值是“长句”：超过 prose_min_chars（默认 15）个字，或含句读（，。；;,）。
    例如“让党员干部受教育，让市民群众得实惠”。建议是按该行维度给出的目标，用该行的名称
    （数量写“名称 ≥N(次)”这样带计量单位的下限，时效写及时率或时限，效益写可衡量的效果或分级表述……）。
    该值上的 LG201 不再重复报告。

    为什么：目标值要能在年底对照考核。财预〔2011〕285号《财政支出绩效评价管理暂行办法》
    要求绩效目标指向明确、具体细化；描述性文字应放在指标解释、项目概况或立项依据里。

    反例：

        - {name: 保障节目制作流程正常, value: 让党员干部受教育，让市民群众得实惠}

    正例：

        - {name: 节目制作按期完成率, value: "=100.00(%)"}

    选项：prose_min_chars（默认 15）。

    [en]
    A qualitative value that is prose: longer than prose_min_chars (default 15) characters,
    or holding sentence punctuation (，。；;,), e.g. 让党员干部受教育，让市民群众得实惠.
    The suggestion is a target shaped for the row's dimension, with the row's name (a
    quantity 'name ≥N(unit)', a rate or a time limit for 时效, a measurable effect or
    graded levels for 效益 …). LG201 stays silent on that value.

    Why: a target must be checkable at year end. 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for clear and specific targets; descriptions belong in the explanation,
    the overview or the basis.

    Bad:

        - {name: 保障节目制作流程正常, value: 让党员干部受教育，让市民群众得实惠}

    Good:

        - {name: 节目制作按期完成率, value: "=100.00(%)"}

    Options: prose_min_chars (default 15).
    """
    n = ctx.options["prose_min_chars"]
    for r in doc.indicators:
        v = r.value
        if v.number is None and v.is_prose(n):
            text = v.text
            shown = text if len(text) <= 40 else text[:40] + "……"
            yield ctx.finding(_val(r), name=r.name, value=shown, suggestion=_suggest.target(r, doc))


# ------------------------------------------------------------------ LG208

@check(code="LG208", name="unit-mismatch", severity="warning",
       messages={"zh": "“{name}”是一个比率，但指标值“{value}”的单位是“{unit}”：比率请用 %，如“{example}”",
                 "en": "'{name}' is a rate but its value '{value}' is in '{unit}': write rates in %, e.g. '{example}'"})
def unit_mismatch(doc, ctx):
    """名称以“率”结尾，指标值（或计量单位栏）的单位却不是 %。

    [zh]
    指标名称以“率”结尾，指标值的单位（值里没有时看计量单位栏）却不是 %（‰ 也接受；
    “百分比”“％”就是 %）。没有单位的由 LG206 报告。

    为什么：比率的目标应是百分比；单位不符说明名称或目标写错了一个。财预〔2011〕285号
    《财政支出绩效评价管理暂行办法》要求目标具体细化。

    反例：

        - {name: 学员注册率, value: "≥8000(人)"}

    正例：

        - {name: 学员注册率, value: "≥80.00(%)"}

    选项：无。

    [en]
    A name ending in 率 (rate) whose value — or, where the value has none, the `unit`
    column — has a unit other than % (‰ is accepted; 百分比 and ％ are %). A missing unit
    is LG206's.

    Why: a rate's target is a percentage; a different unit means the name or the target is
    wrong. 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for specific targets.

    Bad:

        - {name: 学员注册率, value: "≥8000(人)"}

    Good:

        - {name: 学员注册率, value: "≥80.00(%)"}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        if v.number is None or not bare(r.name).endswith("率"):  # 完成率(%) is a rate too
            continue
        unit = unit_of(r)
        if unit and unit not in ("%", "‰"):
            n = f"{v.number:.2f}" if 0 <= v.number <= 100 else "N"
            yield ctx.finding(_val(r), name=r.name, value=v.text, unit=unit, example=f"{v.op}{n}(%)")


def standard_notation(value, notation: str = "form") -> str:
    """The standard spelling of a parsed quantitative value: `≥90.00(%)` (form) or `≥90%` (plain)."""
    op = value.op or EQ
    unit = value.unit
    number = value.number
    if notation == "plain":
        return f"{op}{format_number(number)}{unit}"
    text = f"{number:.2f}" if unit == "%" else format_number(number)
    return f"{op}{text}({unit})" if unit else f"{op}{text}"


@check(code="LG209", name="nonstandard-notation", severity="info", fixable=True, yields_to="warning",
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

    该值上有任何警告或错误时（如满意度目标 0 的 LG204），本条不提示、也不自动改写：写法
    建议不能和更重要的问题相矛盾（不会让人把不可能的 0 “规范”成 =0）。

    为什么：统一写法便于汇总和比较；申报系统使用 ≥、≤、= 与括号单位。财预〔2011〕285号
    《财政支出绩效评价管理暂行办法》要求目标具体细化、可衡量。

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

    Silent, and no fix, where any warning or error is on the same value (a satisfaction
    target of 0 gets LG204 alone): a spelling suggestion must not contradict the finding
    that matters.

    Why: one notation makes tables comparable and summable; the budget system writes ≥, ≤,
    = and a bracketed unit. 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for
    specific, measurable targets.

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



# ------------------------------------------------------------------ LG210

@check(code="LG210", name="empty-value", severity="error", silences=LADDER["LG210"],
       messages={"zh": "指标“{name}”没有目标值（{value}）：{suggestion}",
                 "en": "indicator '{name}' has no target ({value}): {suggestion}"},
       options={"placeholders": dict(_WORDS, default=PLACEHOLDERS)})
def empty_value(doc, ctx):
    """指标值为空、空白或占位符（待定、XX、/、同上……）。

    [zh]
    目标值为空、只有空白，或是占位符：待定 待填写 请填写 XX xxx * / 同上 …… ...。
    “无”是事件类指标的真实目标（如 安全事故：无），不报告。建议按该行维度给出，用该行的名称。
    该值上的 LG202、LG207、LG201 不再重复报告：一个值只得一条发现。

    为什么：空的目标无法审核。财预〔2015〕88号《中央部门预算绩效目标管理办法》要求审核绩效
    目标的完整性；财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标具体细化。

    反例：

        - {level2: 数量指标, name: 课件制作数量, value: 待定}

    正例：

        - {level2: 数量指标, name: 课件制作数量, value: "≥12(部)"}

    选项：placeholders（占位符词表）。

    [en]
    The target is empty, blank or a placeholder: 待定 待填写 请填写 XX xxx * / 同上 ……
    .... `无` (none) is a real target for event counts and is allowed. The suggestion fits
    the row's dimension and uses its name. LG202, LG207 and LG201 stay silent on that
    value: one value, one finding.

    Why: an empty target cannot be reviewed. 财预〔2015〕88号《中央部门预算绩效目标管理办法》 reviews targets for completeness; 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for specific targets.

    Bad:

        - {level2: 数量指标, name: 课件制作数量, value: 待定}

    Good:

        - {level2: 数量指标, name: 课件制作数量, value: "≥12(部)"}

    Options: placeholders (word list).
    """
    placeholders = ctx.options["placeholders"]
    for r in doc.indicators:
        if r.value.qualitative and is_placeholder(r.value.text, placeholders):
            shown = r.value.text or {"zh": "空", "en": "empty"}
            yield ctx.finding(_val(r), name=r.name, value=shown, suggestion=_suggest.target(r, doc))


# ------------------------------------------------------------------ LG211

@check(code="LG211", name="hundred-percent-floor", severity="warning",
       messages={"zh": "指标“{name}”的值“{value}”要求不低于 100%：只有恰好 100% 才能达到，请写“=100.00(%)”",
                 "en": "indicator '{name}': value '{value}' asks for at least 100%: only exactly 100% meets it, so write '=100.00(%)'"})
def hundred_percent_floor(doc, ctx):
    """“≥100%”：只有恰好 100% 才能达到，应写“=100.00(%)”。

    [zh]
    百分比目标写成不低于 100%：≥100%、不低于100%、>=100百分比（计量单位栏写 % 的也算）。
    比率最多是 100%，“≥100%”实际只有等于 100% 一种结果，写“=100.00(%)”才是本意。
    超过 100% 的目标由 LG204 报告。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标指向明确；“≥100%”
    看起来留有超额的余地，其实没有，评审会按写错退回。

    反例：

        - {name: 项目验收合格率, value: "≥100%"}

    正例：

        - {name: 项目验收合格率, value: "=100.00(%)"}

    选项：无。

    [en]
    A percentage target of at least 100%: ≥100%, 不低于100%, >=100百分比 (or a value in a
    row whose unit column says %). A rate is at most 100%, so '≥100%' has one possible
    result, exactly 100%: write '=100.00(%)'. Above 100% is LG204's.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for clearly stated targets;
    '≥100%' looks like room for more and is not, and reviewers return it as a mistake.

    Bad:

        - {name: 项目验收合格率, value: "≥100%"}

    Good:

        - {name: 项目验收合格率, value: "=100.00(%)"}

    Options: none.
    """
    hundred = Decimal(100)
    for r in doc.indicators:
        v = r.value
        if v.op == GE and v.number == hundred and unit_of(r) == "%":
            yield ctx.finding(_val(r), name=r.name, value=v.text)


# ------------------------------------------------------------------ LG212

@check(code="LG212", name="cost-equals-budget", severity="warning",
       messages={"zh": "成本指标“{name}”的目标“{value}”等于{which}（{amount}）：整笔预算不是成本目标，{suggestion}",
                 "en": "cost indicator '{name}' targets '{value}', the same as {which} ({amount}): the whole budget is no cost target; {suggestion}"},
       options={"amount_tolerance": {"type": "number", "min": 0, "default": 1}})
def cost_equals_budget(doc, ctx):
    """成本指标的目标金额等于项目的总预算或当年预算。

    [zh]
    成本行（一级、二级或名称含 成本/费用/单价）的目标金额等于本表的项目总预算（total）或
    当年预算（current_year），相差不超过 amount_tolerance（默认 1 元）；比较前按 元/万元 换算
    （预算单位见 budget.unit，目标里写的单位见指标值）。整笔预算不是成本目标，应写单位成本。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求绩效目标与预算资金量相匹配，
    成本指标说明钱花在每一项产出上是否合理；把总预算抄作成本上限，什么也没说明。
    财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》把成本指标
    列为一级指标，以单位成本等可比口径设置。

    反例（当年预算 4,818,000 元）：

        - {level1: 成本指标, level2: 经济成本指标, name: 项目总成本, value: "≤481.8(万元)"}

    正例：

        - {level1: 成本指标, level2: 经济成本指标, name: 课件单部制作成本, value: "≤20000(元/部)"}

    选项：amount_tolerance（默认 1 元）。

    [en]
    A cost row (成本/费用/单价 in level1, level2 or name) whose target amount equals the
    table's total or current_year within amount_tolerance (default 1 yuan), after
    converting 元/万元 (the budget's unit is budget.unit, the target's is in its value).
    The whole budget is no cost target: state a unit cost.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》 asks targets to match the funds;
    a cost indicator shows whether the money per unit of output is reasonable, and copying
    the budget says nothing. 财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》 makes cost a first-level indicator, set as unit costs and the like.

    Bad (current-year budget 4,818,000 yuan):

        - {level1: 成本指标, level2: 经济成本指标, name: 项目总成本, value: "≤481.8(万元)"}

    Good:

        - {level1: 成本指标, level2: 经济成本指标, name: 课件单部制作成本, value: "≤20000(元/部)"}

    Options: amount_tolerance (default 1 yuan).
    """
    figures = None
    tolerance = Decimal(str(ctx.options["amount_tolerance"]))
    for r in doc.indicators:
        v = r.value
        if v.number is None or v.number <= 0:
            continue
        unit = unit_of(r)
        # a bare figure reads in the budget's unit; a unit cost (元/部) or another unit is no total
        if unit and unit not in _MONEY or not _is_cost_row(r):
            continue
        if figures is None:
            figures = _budget_figures(doc)
            if not figures:
                return
        scale = _MONEY[unit] if unit else _MONEY.get(doc.money_unit, Decimal(1))
        target = v.number * scale
        for which, amount in figures:
            if abs(target - amount) <= tolerance:
                yield ctx.finding(_val(r), name=r.name, value=v.text, which=which, amount=doc.money(amount),
                                  suggestion=_suggest.target(r, doc))
                break


_WHICH = {"current_year": {"zh": "当年预算", "en": "the current-year budget"},
          "total": {"zh": "项目总预算", "en": "the project's total budget"}}


def _budget_figures(doc):
    """(label, amount in 元) of current_year and total, where they are filled."""
    out = []
    for key in ("current_year", "total"):
        p = doc.amounts.get(key)
        if p is not None and p.ok and p.value and p.value > 0:
            out.append((_WHICH[key], p.value))
    return tuple(out)
