"""LG3 — budget: sums that must add up, amounts that must make sense.

The annual figure (current_year) and the project total (possibly multi-year)
are different things and are compared only where RULES.md says so.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from lintgoals import check

_TOL = {"amount_tolerance": {"type": "number", "min": 0, "default": 1}}


@lru_cache(maxsize=16)
def _tolerance(option) -> Decimal:
    return Decimal(str(option))


def _amount(doc, key):
    p = doc.amounts[key]
    return p.value if p.ok else None


@check(code="LG301", name="budget-items-sum", severity="error",
       messages={"zh": "子项目金额合计 {sum} 元，与{base_label} {budget} 元相差 {diff} 元{hint}：请核对子项目金额，使其合计等于{base_label}",
                 "en": "sub-items add up to {sum} yuan but the {base_label} is {budget} (off by {diff}){hint}: correct the sub-item amounts so that they add up"},
       options=dict(_TOL))
def budget_items_sum(doc, ctx):
    """子项目金额之和不等于当年预算（没有当年预算时与总预算比较）。

    [zh]
    项目当年投入资金构成（budget.items）的金额之和不等于当年预算 current_year；没有当年预算
    时与项目总预算 total 比较。差额不超过 amount_tolerance（默认 1 元）不报告。两者之比
    恰好为 10000 时，提示可能把元和万元混写了。任何子项目金额读不出来时（LG003）不计算。

    为什么：财预〔2015〕88号 要求目标与预算资金量相匹配；子项目是预算的构成，合计对不上，
    评审无法判断钱用在哪里。

    反例：

        budget:
          current_year: 2880000
          items: [{name: 数字互动电视平台运维, amount: 1070000}, {name: IPTV平台运维, amount: 1100000}]

    正例：再列出其余子项目（高清平台云服务 710000），使合计为 2880000。

    选项：amount_tolerance（元，默认 1）。

    [en]
    The amounts of budget.items do not add up to current_year (or to total when there is
    no current_year), beyond amount_tolerance (default 1 yuan). When the ratio is exactly
    10,000 the message says 元 and 万元 look mixed. Not computed when an item amount
    cannot be read (LG003).

    Why: 财预〔2015〕88号: targets must match the funds; sub-items are the breakdown of the
    budget, and a breakdown that does not add up says nothing about where the money goes.

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
    label = {"zh": "当年预算", "en": "current-year budget"} if base_key == "current_year" else \
        {"zh": "项目总预算", "en": "project total"}
    yield ctx.finding("/budget/items", sum=total, budget=base, diff=abs(diff), base_label=label, hint=hint)


@check(code="LG302", name="funding-sources-sum", severity="error",
       messages={"zh": "{left} 合计 {sum} 元，不等于{right} {expected} 元（相差 {diff} 元）：请核对资金来源",
                 "en": "{left} add up to {sum} yuan, not the {right} of {expected} (off by {diff}): check the funding sources"},
       options=dict(_TOL))
def funding_sources_sum(doc, ctx):
    """资金来源之和不等于总额：财政资金+其他资金≠总预算，或当年拨款+上年结转+其他资金≠当年预算。

    [zh]
    资金来源与总额对不上：fiscal + other ≠ total，或 appropriation + carryover + other ≠
    current_year。只在这些项都填写时检查；差额不超过 amount_tolerance（默认 1 元）不报告。

    为什么：资金来源是预算的另一种分解，两者必须一致（财预〔2015〕88号 目标与预算资金量相匹配）。

    反例：

        budget: {current_year: 1139000, appropriation: 1000000, carryover: 0, other: 0}

    正例：

        budget: {current_year: 1139000, appropriation: 1139000, carryover: 0, other: 0}

    选项：amount_tolerance（元，默认 1）。

    [en]
    The funding sources do not add up: fiscal + other ≠ total, or appropriation + carryover
    + other ≠ current_year, where all the terms are present; differences up to
    amount_tolerance (default 1 yuan) are ignored.

    Why: the sources are a second breakdown of the same budget and must agree with it
    (财预〔2015〕88号).

    Bad:

        budget: {current_year: 1139000, appropriation: 1000000, carryover: 0, other: 0}

    Good:

        budget: {current_year: 1139000, appropriation: 1139000, carryover: 0, other: 0}

    Options: amount_tolerance (yuan, default 1).
    """
    tol = _tolerance(ctx.options["amount_tolerance"])
    a = {k: _amount(doc, k) for k in doc.amounts}
    for target, parts, left, right in _SUMS:
        if a[target] is None or any(a[p] is None for p in parts):
            continue
        s = sum((a[p] for p in parts), Decimal(0))
        if abs(s - a[target]) > tol:
            yield ctx.finding(f"/budget/{target}", left=left, sum=s, right=right, expected=a[target],
                              diff=abs(s - a[target]))


_SUMS = [
    ("total", ("fiscal", "other"), {"zh": "财政资金 + 其他资金", "en": "fiscal + other funds"},
     {"zh": "项目总预算", "en": "project total"}),
    ("current_year", ("appropriation", "carryover", "other"),
     {"zh": "当年财政拨款 + 上年结转资金 + 其他资金", "en": "appropriation + carry-over + other funds"},
     {"zh": "当年预算", "en": "current-year budget"}),
]


@check(code="LG303", name="annual-exceeds-total", severity="error",
       messages={"zh": "当年预算 {current} 元超过项目总预算 {total} 元：当年预算是总预算的一部分，请核对两者",
                 "en": "the current-year budget of {current} yuan exceeds the project total of {total}: the year is part of the total; check both"})
def annual_exceeds_total(doc, ctx):
    """当年预算大于项目总预算。

    [zh]
    当年预算 current_year 大于项目总预算 total。总预算可以跨年，但当年部分不会超过总额。

    为什么：财预〔2015〕88号 要求预算资金量与目标相匹配；当年超过总额说明其中一个数填错了。

    反例：

        budget: {total: 1000000, current_year: 1200000}

    正例：

        budget: {total: 3600000, current_year: 1200000}

    选项：无。

    [en]
    current_year is larger than total. The total may span years, but one year's share never
    exceeds it.

    Why: 财预〔2015〕88号; one of the two figures is wrong.

    Bad:

        budget: {total: 1000000, current_year: 1200000}

    Good:

        budget: {total: 3600000, current_year: 1200000}

    Options: none.
    """
    total, current = _amount(doc, "total"), _amount(doc, "current_year")
    if total is not None and current is not None and current > total:
        yield ctx.finding("/budget/current_year", current=current, total=total)


@check(code="LG304", name="non-positive-amount", severity="error",
       messages={"zh": "{field}为 {amount} 元：预算金额必须大于 0；若该项不需要资金，请删除这一项",
                 "en": "{field} is {amount} yuan: budget amounts must be above 0; remove the entry if it needs no money"})
def non_positive_amount(doc, ctx):
    """总预算、当年预算或子项目金额 ≤ 0。

    [zh]
    项目总预算、当年预算或某个子项目金额小于或等于 0（上年结转资金和其他资金可以为 0）。

    为什么：没有资金的项目或子项目不需要申报；0 或负数多半是漏填或符号错误。

    反例：

        budget: {items: [{name: 高清平台云服务, amount: 0}]}

    正例：

        budget: {items: [{name: 高清平台云服务, amount: 710000}]}

    选项：无。

    [en]
    total, current_year or a sub-item amount is ≤ 0 (carryover and other may be 0).

    Why: a project or sub-item without money needs no request; 0 or a negative figure is
    usually a blank or a sign error.

    Bad:

        budget: {items: [{name: 高清平台云服务, amount: 0}]}

    Good:

        budget: {items: [{name: 高清平台云服务, amount: 710000}]}

    Options: none.
    """
    for key, zh, en in (("total", "项目总预算", "the project total"), ("current_year", "当年预算", "the current-year budget")):
        v = _amount(doc, key)
        if v is not None and v <= 0:
            yield ctx.finding(f"/budget/{key}", field={"zh": zh, "en": en}, amount=v)
    for it in doc.items:
        v = it.amount.value if it.amount.ok else None
        if v is not None and v <= 0:
            yield ctx.finding(f"/budget/items/{it.index}/amount",
                              field={"zh": f"子项目“{it.name}”的金额", "en": f"sub-item '{it.name}'"}, amount=v)


@check(code="LG305", name="previous-overspent", severity="warning",
       messages={"zh": "同名项目上年执行数 {executed} 元超过上年预算 {budget} 元：执行数不应超过预算，请核对",
                 "en": "last year's execution of {executed} yuan exceeds last year's budget of {budget}: check both figures"})
def previous_overspent(doc, ctx):
    """同名项目上年预算执行数大于上年预算额。

    [zh]
    同名项目上年预算执行数 previous.executed 大于上年预算额 previous.budget。

    为什么：执行数超过预算意味着超支或填报错误，评审会追问（财预〔2015〕88号）。

    反例：

        budget: {previous: {budget: 2000000, executed: 2100000}}

    正例：

        budget: {previous: {budget: 2000000, executed: 1995000}}

    选项：无。

    [en]
    previous.executed is larger than previous.budget.

    Why: spending above the budget is an overspend or a typo; reviewers will ask.

    Bad:

        budget: {previous: {budget: 2000000, executed: 2100000}}

    Good:

        budget: {previous: {budget: 2000000, executed: 1995000}}

    Options: none.
    """
    b, e = doc.previous["budget"], doc.previous["executed"]
    if b.ok and e.ok and b.value is not None and e.value is not None and e.value > b.value:
        yield ctx.finding("/budget/previous/executed", executed=e.value, budget=b.value)


@check(code="LG306", name="budget-jump", severity="info",
       messages={"zh": "当年预算 {current} 元比上年预算 {previous} 元{direction} {pct}%（超过 {limit}%）：请在项目概况中说明变化原因",
                 "en": "the current-year budget of {current} yuan is {pct}% {direction} last year's {previous} (more than {limit}%): explain the change in the overview"},
       options={"budget_jump_pct": {"type": "number", "min": 0, "default": 30}})
def budget_jump(doc, ctx):
    """当年预算与上年预算相差超过 budget_jump_pct（默认 30%）。

    [zh]
    当年预算与同名项目上年预算额相差超过 budget_jump_pct（默认 30%），按上年预算计算比例。

    为什么：预算大幅变化需要说明理由（财预〔2015〕88号 合理可行）；这是提示，不是错误。

    反例：

        budget: {current_year: 1759973, previous: {budget: 2880000}}

    正例：在项目概况中说明减少的原因，或在配置中调整 budget_jump_pct。

    选项：budget_jump_pct（默认 30）。

    [en]
    current_year differs from previous.budget by more than budget_jump_pct (default 30%),
    relative to last year.

    Why: a large change needs a reason (财预〔2015〕88号); this is a note, not an error.

    Bad:

        budget: {current_year: 1759973, previous: {budget: 2880000}}

    Good: explain the change in the overview, or set budget_jump_pct.

    Options: budget_jump_pct (default 30).
    """
    current, prev = _amount(doc, "current_year"), doc.previous["budget"]
    if current is None or not prev.ok or not prev.value:
        return
    change = (current - prev.value) / prev.value * 100
    limit = Decimal(str(ctx.options["budget_jump_pct"]))
    if abs(change) > limit:
        up = change > 0
        yield ctx.finding("/budget/current_year", current=current, previous=prev.value,
                          direction={"zh": "增加" if up else "减少", "en": "above" if up else "below"},
                          pct=f"{abs(change):.1f}", limit=f"{limit.normalize():f}")
