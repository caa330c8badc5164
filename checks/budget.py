"""LG3 — budget: sums that must add up, amounts that must make sense.

The annual figure (current_year) and the project total (possibly multi-year)
are different things and are compared only where RULES.md says so. The
document's views hold every amount in 元 (budget.unit 万元 converted once);
messages show amounts with doc.money, in the unit the user wrote, and name
each figure by its label on the user's form.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from lintgoals import check

_TOL = {"amount_tolerance": {"type": "number", "min": 0, "default": 1}}

# The budget figures as each form generation labels them (2018/2020: Shanghai's
# 项目总预算/项目当年预算; 2026: 项目资金总额/年度资金申请总额; 2015: the national
# form of 财预〔2015〕88号, 中期资金总额/年度资金总额, 其中：财政拨款).
_SHANGHAI_OLD = {"total": "项目总预算", "current_year": "项目当年预算", "fiscal": "财政资金",
                 "appropriation": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
_FORM_LABELS = {
    "2018": _SHANGHAI_OLD, "2020": _SHANGHAI_OLD,
    "2026": {"total": "项目资金总额", "current_year": "年度资金申请总额", "fiscal": "财政资金",
             "appropriation": "当年财政拨款", "carryover": "上年结转资金", "other": "其他资金"},
    "2015": {"total": "中期资金总额", "current_year": "年度资金总额", "fiscal": "财政资金",
             "appropriation": "财政拨款", "carryover": "上年结转资金", "other": "其他资金"},
}
_EN_LABELS = {"total": "project total", "current_year": "current-year budget", "fiscal": "fiscal funds",
              "appropriation": "appropriation", "carryover": "carry-over", "other": "other funds"}


def label(doc, key: str) -> dict:
    """A budget figure by the label of the user's form, in both languages."""
    zh = _FORM_LABELS.get(doc.template, _FORM_LABELS["2026"])[key]
    return {"zh": zh, "en": _EN_LABELS[key]}


@lru_cache(maxsize=16)
def _tolerance(option) -> Decimal:
    return Decimal(str(option))


def _amount(doc, key):
    p = doc.amounts[key]
    return p.value if p.ok else None


@check(code="LG301", name="budget-items-sum", severity="error",
       messages={"zh": "子项目金额合计 {sum}，与{base_label} {budget}相差 {diff}{hint}：请核对子项目金额，使其合计等于{base_label}",
                 "en": "sub-items add up to {sum} but the {base_label} is {budget} (off by {diff}){hint}: correct the sub-item amounts so that they add up"},
       options=dict(_TOL))
def budget_items_sum(doc, ctx):
    """子项目金额之和不等于当年预算（没有当年预算时与总预算比较）。

    [zh]
    项目当年投入资金构成（各子项目的预算金额）之和不等于项目当年预算（年度资金申请总额）；
    没有当年预算时与项目总预算比较。差额不超过 amount_tolerance（默认 1 元）不报告。
    两者之比恰好为 10000 时，提示可能把元和万元混写了。金额以万元填写的表（预算单位为
    万元）先换算为元再比较，消息仍以万元显示。任何子项目金额读不出来时（LG003）不计算。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求绩效目标与任务数、预算
    资金量相匹配；子项目是预算的构成，合计对不上，评审无法判断钱用在哪里。

    反例：

        budget:
          current_year: 2880000
          items: [{name: 数字互动电视平台运维, amount: 1070000}, {name: IPTV平台运维, amount: 1100000}]

    正例：再列出其余子项目（高清平台云服务 710000），使合计为 2880000。

    选项：amount_tolerance（元，默认 1）。

    [en]
    The sub-item amounts (项目当年投入资金构成) do not add up to the current-year budget
    (or to the project total when there is no current-year figure), beyond
    amount_tolerance (default 1 yuan). When the ratio is exactly 10,000 the message says
    元 and 万元 look mixed. A table in 万元 is compared in 元 and reported in 万元. Not
    computed when an item amount cannot be read (LG003).

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets must match the tasks
    and the funds; sub-items are the breakdown of the budget, and a breakdown that does
    not add up says nothing about where the money goes.

    Bad:

        budget:
          current_year: 2880000
          items: [{name: 数字互动电视平台运维, amount: 1070000}, {name: IPTV平台运维, amount: 1100000}]

    Good: list the remaining sub-item (高清平台云服务 710000) so they add up to 2880000.

    Options: amount_tolerance (yuan, default 1).
    """
    items = doc.items
    if not items or any(not it.amount.ok or it.amount.value is None for it in items):
        return
    base_key = "current_year" if _amount(doc, "current_year") is not None else "total"
    base = _amount(doc, base_key)
    if base is None:
        return
    total = sum((it.amount.value for it in items), Decimal(0))
    diff = total - base
    if abs(diff) <= _tolerance(ctx.options["amount_tolerance"]):
        return
    hint = ""
    if base and total and (total / base in (Decimal(10000), Decimal("0.0001"))):
        hint = {"zh": "（相差恰好一万倍，元和万元似乎混写了）", "en": " (exactly 10,000 times: 元 and 万元 look mixed)"}
    yield ctx.finding("/budget/items", sum=doc.money(total), budget=doc.money(base), diff=doc.money(abs(diff)),
                      base_label=label(doc, base_key), hint=hint)


@check(code="LG302", name="funding-sources-sum", severity="error",
       messages={"zh": "{left}合计 {sum}，不等于{right} {expected}（相差 {diff}）：请核对资金来源",
                 "en": "{left} add up to {sum}, not the {right} of {expected} (off by {diff}): check the funding sources"},
       options=dict(_TOL))
def funding_sources_sum(doc, ctx):
    """资金来源之和不等于总额：财政资金+其他资金≠总预算，或当年拨款+上年结转+其他资金≠当年预算。

    [zh]
    资金来源与总额对不上：财政资金 + 其他资金 ≠ 项目资金总额，或当年财政拨款 + 上年结转
    资金 + 其他资金 ≠ 年度资金申请总额。只在这些项都填写时检查；写成“-”“—”“/”“无”的
    资金来源按 0 计。全国通用（2015）的表没有“上年结转资金”一栏：年度资金总额 = 财政拨款
    + 其他资金。差额不超过 amount_tolerance（默认 1 元）不报告。

    为什么：资金来源是预算的另一种分解，两者必须一致（财预〔2015〕88号《中央部门预算
    绩效目标管理办法》：目标与预算资金量相匹配）。

    反例：

        budget: {current_year: 1139000, appropriation: 1000000, carryover: 0, other: 0}

    正例：

        budget: {current_year: 1139000, appropriation: 1139000, carryover: "-", other: "-"}

    选项：amount_tolerance（元，默认 1）。

    [en]
    The funding sources do not add up: fiscal + other ≠ total, or appropriation + carryover
    + other ≠ current_year, where all the terms are present; a source written `-`, `—`,
    `/` or `无` counts as 0. The national (2015) form has no carry-over row: there the
    annual figure is appropriation + other funds. Differences up to amount_tolerance
    (default 1 yuan) are ignored.

    Why: the sources are a second breakdown of the same budget and must agree with it
    (财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets match the funds).

    Bad:

        budget: {current_year: 1139000, appropriation: 1000000, carryover: 0, other: 0}

    Good:

        budget: {current_year: 1139000, appropriation: 1139000, carryover: "-", other: "-"}

    Options: amount_tolerance (yuan, default 1).
    """
    tol = _tolerance(ctx.options["amount_tolerance"])
    a = {k: _amount(doc, k) for k in doc.amounts}
    for target, parts in _SUMS:
        if a["carryover"] is None and target == "current_year" and doc.template == "2015":
            parts = ("appropriation", "other")  # the national form has no 上年结转 row
        if a[target] is None or any(a[p] is None for p in parts):
            continue
        s = sum((a[p] for p in parts), Decimal(0))
        if abs(s - a[target]) > tol:
            left = {lang: " + ".join(label(doc, p)[lang] for p in parts) for lang in ("zh", "en")}
            yield ctx.finding(f"/budget/{target}", left=left, sum=doc.money(s), right=label(doc, target),
                              expected=doc.money(a[target]), diff=doc.money(abs(s - a[target])))


_SUMS = [("total", ("fiscal", "other")), ("current_year", ("appropriation", "carryover", "other"))]


@check(code="LG303", name="annual-exceeds-total", severity="error",
       messages={"zh": "{current_label} {current}超过{total_label} {total}：当年预算是项目总预算的一部分，请核对两者",
                 "en": "the {current_label} of {current} exceeds the {total_label} of {total}: the year is part of the total; check both"})
def annual_exceeds_total(doc, ctx):
    """当年预算大于项目总预算。

    [zh]
    项目当年预算（年度资金申请总额）大于项目总预算（项目资金总额）。总预算可以跨年，但
    当年部分不会超过总额。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求目标与预算资金量相匹配；
    当年超过总额说明其中一个数填错了。

    反例：

        budget: {total: 1000000, current_year: 1200000}

    正例：

        budget: {total: 3600000, current_year: 1200000}

    选项：无。

    [en]
    The current-year budget is larger than the project total. The total may span years,
    but one year's share never exceeds it.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》 (targets match the funds); one of
    the two figures is wrong.

    Bad:

        budget: {total: 1000000, current_year: 1200000}

    Good:

        budget: {total: 3600000, current_year: 1200000}

    Options: none.
    """
    total, current = _amount(doc, "total"), _amount(doc, "current_year")
    if total is not None and current is not None and current > total:
        yield ctx.finding("/budget/current_year", current=doc.money(current), total=doc.money(total),
                          current_label=label(doc, "current_year"), total_label=label(doc, "total"))


@check(code="LG304", name="non-positive-amount", severity="error",
       messages={"zh": "{field}为 {amount}：预算金额必须大于 0；{fix}",
                 "en": "{field} is {amount}: budget amounts must be above 0; {fix}"})
def non_positive_amount(doc, ctx):
    """总预算、当年预算或子项目金额 ≤ 0。

    [zh]
    项目总预算、当年预算或某个子项目金额小于或等于 0（上年结转资金和其他资金可以为 0）。
    总预算或当年预算写成“-”“无”视为没有填写（见 LG307），不按 0 报告。

    为什么：没有资金的项目或子项目不需要申报；0 或负数多半是漏填或符号错误。

    反例：

        budget: {items: [{name: 高清平台云服务, amount: 0}]}

    正例：

        budget: {items: [{name: 高清平台云服务, amount: 710000}]}

    选项：无。

    [en]
    The project total, the current-year budget or a sub-item amount is ≤ 0 (carry-over and
    other funds may be 0). A total written `-` or `无` is blank (see LG307), not 0.

    Why: a project or sub-item without money needs no request; 0 or a negative figure is
    usually a blank or a sign error.

    Bad:

        budget: {items: [{name: 高清平台云服务, amount: 0}]}

    Good:

        budget: {items: [{name: 高清平台云服务, amount: 710000}]}

    Options: none.
    """
    for key in ("total", "current_year"):
        v = _amount(doc, key)
        if v is not None and v <= 0:
            lab = label(doc, key)
            yield ctx.finding(f"/budget/{key}", field={"zh": lab["zh"], "en": "the " + lab["en"]}, amount=doc.money(v), fix={
                "zh": "请填写申请的金额（多为漏填或符号错误）", "en": "write the amount requested (usually a blank or a sign error)"})
    for it in doc.items:
        v = it.amount.value if it.amount.ok else None
        if v is not None and v <= 0:
            yield ctx.finding(f"/budget/items/{it.index}/amount",
                              field={"zh": f"子项目“{it.name}”的金额", "en": f"the amount of sub-item '{it.name}'"}, amount=doc.money(v),
                              fix={"zh": "若该子项目不需要资金，请删除这一项", "en": "remove the sub-item if it needs no money"})


@check(code="LG305", name="previous-overspent", severity="warning",
       messages={"zh": "同名项目上年预算执行数 {executed}超过上年预算额 {budget}：执行数不应超过预算，请核对",
                 "en": "last year's execution of {executed} exceeds last year's budget of {budget}: check both figures"})
def previous_overspent(doc, ctx):
    """同名项目上年预算执行数大于上年预算额。

    [zh]
    同名项目上年预算执行数大于上年预算额。

    为什么：财预〔2020〕10号《项目支出绩效评价管理办法》以预算执行率（执行数 ÷ 预算数）
    评价资金使用；执行数超过预算意味着超支或填报错误，评审会追问。

    反例：

        budget: {previous: {budget: 2000000, executed: 2100000}}

    正例：

        budget: {previous: {budget: 2000000, executed: 1995000}}

    选项：无。

    [en]
    Last year's executed amount is larger than last year's budget.

    Why: 财预〔2020〕10号《项目支出绩效评价管理办法》 judges fund use by the execution rate
    (executed ÷ budget); spending above the budget is an overspend or a typo, and
    reviewers will ask.

    Bad:

        budget: {previous: {budget: 2000000, executed: 2100000}}

    Good:

        budget: {previous: {budget: 2000000, executed: 1995000}}

    Options: none.
    """
    b, e = doc.previous["budget"], doc.previous["executed"]
    if b.ok and e.ok and b.value is not None and e.value is not None and e.value > b.value:
        yield ctx.finding("/budget/previous/executed", executed=doc.money(e.value), budget=doc.money(b.value))


# Where each form has room for the reason of a budget change (RULES.md LG306).
_REASON_PLACE = {
    "2018": {"zh": "项目概况", "en": "the project overview (项目概况)"},
    "2020": {"zh": "项目概况", "en": "the project overview (项目概况)"},
    "2026": {"zh": "年度总体目标或附注", "en": "the annual goal (年度总体目标) or an attached note"},
    "2015": {"zh": "年度目标或附注", "en": "the annual goal (年度目标) or an attached note"},
}


@check(code="LG306", name="budget-jump", severity="info",
       messages={"zh": "{current_label} {current}比同名项目上年预算额 {previous}{direction} {pct}%（超过 {limit}%）：请在{place}中说明预算变化的原因",
                 "en": "the {current_label} of {current} is {pct}% {direction} last year's budget of {previous} (more than {limit}%): give the reason for the change in {place}"},
       options={"budget_jump_pct": {"type": "number", "min": 0, "default": 30}})
def budget_jump(doc, ctx):
    """当年预算与上年预算相差超过 budget_jump_pct（默认 30%）。

    [zh]
    项目当年预算与同名项目上年预算额相差超过 budget_jump_pct（默认 30%），按上年预算
    计算比例。消息请在表上有位置的地方说明原因：2018、2020 年的表在“项目概况”中，
    2026 年和全国通用（2015）的表在“年度总体目标”（“年度目标”）或附注中。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求绩效目标与预算资金量
    相匹配，审核看适当性：预算大幅变化而目标不变，或没有说明理由，评审会追问。这是提示，
    不是错误。

    反例：

        budget: {current_year: 1759973, previous: {budget: 2880000}}

    正例：在项目概况中写明减少的原因（如“四项子项目改由信息化项目列支”），或在配置中
    调整 budget_jump_pct。

    选项：budget_jump_pct（默认 30）。

    [en]
    The current-year budget differs from last year's budget of the same project by more
    than budget_jump_pct (default 30%), relative to last year. The message asks for the
    reason where the form has room for it: the project overview (项目概况) on 2018 and 2020
    forms, the annual goal (年度总体目标 / 年度目标) or an attached note on 2026 and national
    (2015) forms.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets must match the funds,
    and review looks at appropriateness; a large change without a reason will be
    questioned. This is a note, not an error.

    Bad:

        budget: {current_year: 1759973, previous: {budget: 2880000}}

    Good: give the reason in the overview (for instance, four sub-items moved to an IT
    project), or set budget_jump_pct.

    Options: budget_jump_pct (default 30).
    """
    current, prev = _amount(doc, "current_year"), doc.previous["budget"]
    if current is None or not prev.ok or not prev.value:
        return
    change = (current - prev.value) / prev.value * 100
    limit = Decimal(str(ctx.options["budget_jump_pct"]))
    if abs(change) > limit:
        up = change > 0
        yield ctx.finding("/budget/current_year", current=doc.money(current), previous=doc.money(prev.value),
                          current_label=label(doc, "current_year"),
                          direction={"zh": "增加" if up else "减少", "en": "above" if up else "below"},
                          pct=f"{abs(change):.1f}", limit=f"{limit.normalize():f}",
                          place=_REASON_PLACE.get(doc.template, _REASON_PLACE["2026"]))


@check(code="LG307", name="budget-figures-missing", severity="warning",
       messages={"zh": "已填写资金来源（{sources}），但{current_label}和{total_label}都没有填写：请填写{current_label}（跨年项目另填{total_label}），否则无法核对预算与绩效目标是否匹配",
                 "en": "the funding sources are filled ({sources}) but neither the {current_label} nor the {total_label} is: fill in the {current_label} (and the {total_label} for a multi-year project), or the budget cannot be checked against the targets"})
def budget_figures_missing(doc, ctx):
    """填写了资金来源，却没有填写当年预算和项目总预算。

    [zh]
    资金来源（财政资金、当年财政拨款、其他资金）填写了金额，但项目当年预算（年度资金
    申请总额）和项目总预算（项目资金总额）都缺失或为空（写成“-”“—”“/”“无”也算未填）。
    只写了 0 或“-”的资金来源不算填写；读不出来的金额由 LG003 报告。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求绩效目标与任务数、预算
    资金量相匹配；没有预算总额，评审无法判断目标与资金是否匹配，资金来源之和（LG302）
    也无从核对。

    反例：

        budget: {appropriation: 1139000, other: "-"}

    正例：

        budget: {current_year: 1139000, appropriation: 1139000, other: "-"}

    选项：无。

    [en]
    Funding sources (fiscal funds, appropriation, other funds) hold an amount, but both the
    current-year budget and the project total are absent or blank (`-`, `—`, `/` or `无`
    count as blank). A source of 0 or `-` is not "filled"; an amount that cannot be read is
    LG003's.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets must match the tasks and
    the funds; without the budget figure a reviewer cannot judge that, and the sources
    (LG302) cannot be checked either.

    Bad:

        budget: {appropriation: 1139000, other: "-"}

    Good:

        budget: {current_year: 1139000, appropriation: 1139000, other: "-"}

    Options: none.
    """
    a = doc.amounts
    if any(not a[k].ok or a[k].value is not None for k in ("total", "current_year")):
        return  # a figure is there (or unreadable: LG003)
    filled = [k for k in ("fiscal", "appropriation", "other") if a[k].ok and a[k].value]
    if not filled:
        return
    sources = {lang: ("，" if lang == "zh" else ", ").join(
        f"{label(doc, k)[lang]} {doc.money(a[k].value)[lang]}" for k in filled) for lang in ("zh", "en")}
    yield ctx.finding("/budget/current_year", sources=sources, current_label=label(doc, "current_year"),
                      total_label=label(doc, "total"))
