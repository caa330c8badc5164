"""LG4 — schedule and contracts: cumulative fund use, dates in order,
contracts that cover the service they pay for (the findings of the 瑞华 2017
evaluation report of the remote-education network).

Dates may have month precision (`202001`): a start means the month's first
day, an end its last; a point in time (a signing, a milestone) is compared so
that a finding holds whatever day of the month was meant.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from lintgoals import check
from lintgoals.messages import fmt_amount
from lintgoals.values import MONTH, first_day, fold, format_number, last_day

from .budget import label as budget_label

# The advice of the 瑞华 2017 evaluation report (RULES.md "Official grounding"), in its own words.
_ADVICE = {
    "zh": "建议：预算下达后及时启动政府采购程序，尽早确定中标供应商并与之签订合同；适当延长合同中的服务期限，"
          "使运维服务期限与合同约定服务期限保持一致（写明新合同签订前由谁提供服务）",
    "en": "Once the budget is released, procure promptly and sign as early as possible; extend the contracted "
          "period to match the real service (say who serves until the new contract)",
}


def _d(p):
    return p.value if p.ok else None


def _one(d: _dt.date, month: bool) -> dict:
    """A date as the form shows it: 2017年8月7日 (2017年8月 for month precision)."""
    if month:
        return {"zh": f"{d.year}年{d.month}月", "en": f"{d.year}-{d.month:02d}"}
    return {"zh": f"{d.year}年{d.month}月{d.day}日", "en": d.isoformat()}


def when(p) -> dict:
    """A read date (values.Parsed) in the precision the user wrote it."""
    return _one(p.value, p.hint == MONTH)


def span(a: _dt.date, b: _dt.date, a_month: bool = False, b_month: bool = False) -> dict:
    """A period as forms write it: 2017年8月7日至12月31日 (the year once when both
    ends share it); 2017-08-07 to 2017-12-31 in English."""
    first, second = _one(a, a_month), _one(b, b_month)
    zh2 = second["zh"][len(f"{b.year}年"):] if a.year == b.year else second["zh"]
    return {"zh": f"{first['zh']}至{zh2}", "en": f"{first['en']} to {second['en']}"}


def _pct_steps(doc):
    return [(m, m.funds_pct.value) for m in doc.schedule if m.funds_pct.ok and m.funds_pct.value is not None]


@check(code="LG401", name="funds-pct-decrease", severity="error",
       messages={"zh": "实施计划“{task}”的累计资金使用 {pct}% 低于之前“{prev_task}”的 {prev_pct}%：累计比例只能持平或上升，请改为不低于 {prev_pct}%",
                 "en": "milestone '{task}' has cumulative fund use {pct}%, below the {prev_pct}% of the earlier '{prev_task}': cumulative use can only stay or rise; write at least {prev_pct}%"})
def funds_pct_decrease(doc, ctx):
    """累计资金使用比例从一个节点到后一个节点下降。

    [zh]
    实施计划中的累计资金使用比例（funds_pct）比之前某个节点低（按表中顺序比较，与之前的
    最高值比较）。

    为什么：累计比例只增不减；下降说明填成了当期比例或填错了。财预〔2011〕285号《财政支出
    绩效评价管理暂行办法》要求绩效目标合理可行，资金使用计划是其中的时效安排。

    反例：

        schedule:
          - {task: 项目合同签订, date: 2020-03-31, funds_pct: 90}
          - {task: 项目运维验收, date: 2020-11-30, funds_pct: 30}

    正例：

        schedule:
          - {task: 项目合同签订, date: 2020-03-31, funds_pct: 30}
          - {task: 项目运维验收, date: 2020-11-30, funds_pct: 90}

    选项：无。

    [en]
    Cumulative fund use (funds_pct) goes down from one milestone to a later one (form
    order, compared with the highest earlier value).

    Why: a cumulative share never falls; a drop means per-period shares or a typo.
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks targets to be 合理可行 (reasonable
    and feasible), and the fund-use plan is part of that.

    Bad:

        schedule:
          - {task: 项目合同签订, date: 2020-03-31, funds_pct: 90}
          - {task: 项目运维验收, date: 2020-11-30, funds_pct: 30}

    Good:

        schedule:
          - {task: 项目合同签订, date: 2020-03-31, funds_pct: 30}
          - {task: 项目运维验收, date: 2020-11-30, funds_pct: 90}

    Options: none.
    """
    best = None
    for m, pct in _pct_steps(doc):
        if best is not None and pct < best[1]:
            yield ctx.finding(f"/schedule/{m.index}/funds_pct", task=m.task, pct=format_number(pct),
                              prev_task=best[0].task, prev_pct=format_number(best[1]))
        if best is None or pct > best[1]:
            best = (m, pct)


@check(code="LG402", name="funds-pct-range", severity="error",
       messages={"zh": "实施计划“{task}”的资金使用比例 {pct}% 不在 0–100% 之间：请写 0 到 100 之间的累计比例",
                 "en": "milestone '{task}' has fund use {pct}%, outside 0–100%: write a cumulative share from 0 to 100"})
def funds_pct_range(doc, ctx):
    """资金使用比例小于 0 或大于 100。

    [zh]
    实施计划中的资金使用比例小于 0 或大于 100。

    为什么：累计使用比例不可能为负，也不会超过全部资金。

    反例：

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 110}]

    正例：

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 100}]

    选项：无。

    [en]
    A funds_pct below 0 or above 100.

    Why: cumulative use cannot be negative nor exceed all the funds.

    Bad:

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 110}]

    Good:

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 100}]

    Options: none.
    """
    for m, pct in _pct_steps(doc):
        if pct < 0 or pct > 100:
            yield ctx.finding(f"/schedule/{m.index}/funds_pct", task=m.task, pct=format_number(pct))


@check(code="LG403", name="contract-signed-late", severity="error",
       messages={"zh": "合同“{contract}”的签订日期{signed}晚于{start_label}{start}：{gap}的服务没有合同依据。{advice}",
                 "en": "contract '{contract}' was signed on {signed}, after the {start_label} {start}: the service {gap} ran without a contract. {advice}"})
def contract_signed_late(doc, ctx):
    """合同签订日期晚于服务开始日期（没有服务开始日期时晚于项目开始日期）。

    [zh]
    合同的签订日期晚于合同约定的服务开始日期；合同没有写服务开始日期时，与项目的计划
    开始日期比较。日期只写到月（如 2017年8月）时，只有无论哪一天都晚才报告。

    为什么：瑞华会计师事务所上海分所《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》（依据沪财绩〔2014〕22号开展的评价）因“合同签订日期晚于项目启动
    时间”扣分：运维合同 2017年8月7日签订，服务自 2017年1月1日起，签订前七个月的服务没有
    合同依据。报告的建议是：及时启动政府采购程序，尽早确定中标供应商并与之签订合同；适当
    延长合同中项目服务时间，使项目运维服务期限与合同约定服务期限保持一致。消息照此建议，
    不要求在预算下达前签订合同。

    反例：

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2017-08-07, service_start: 2017-01-01}

    正例：预算下达后尽早完成采购并签约；合同约定的服务期限如实覆盖签订前已提供的服务：

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2017-03-20, service_start: 2017-03-20}

    （经常性项目的服务期限另见 LG405。）

    选项：无。

    [en]
    A contract signed after the service start it states (or, with no service start, after
    the project's planned start). A date given to the month only (2017年8月) is reported
    only when it is late whatever day was meant.

    Why: The evaluation report of 瑞华会计师事务所上海分所, 《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》 (done under 沪财绩〔2014〕22号) deducted points for 合同签订日期晚于项目
    启动时间: the service contract was signed on 7 August 2017 for a service running from
    1 January, so seven months of service had no contract. Its advice: start the
    government procurement promptly, choose the supplier and sign as early as possible,
    and extend the contracted service period so that it matches the real service. The
    message gives that advice; it never asks for a contract before the budget is released.

    Bad:

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2017-08-07, service_start: 2017-01-01}

    Good: procurement finished soon after the budget is released, and a contracted period
    that covers the service actually given:

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2017-03-20, service_start: 2017-03-20}

    (The service period of recurring projects: see LG405.)

    Options: none.
    """
    for c in doc.contracts:
        signed = first_day(c.signed)
        if signed is None:
            continue
        start_p, lab = c.service_start, {"zh": "合同约定的服务开始日期", "en": "contracted service start"}
        if _d(start_p) is None:
            start_p, lab = doc.start, {"zh": "项目计划开始日期", "en": "project's planned start"}
        start = first_day(start_p)
        if start is not None and signed > start:
            gap_end = last_day(c.signed) - _dt.timedelta(days=1)
            yield ctx.finding(f"/contracts/{c.index}/signed", contract=c.label, signed=when(c.signed),
                              start=when(start_p), start_label=lab,
                              gap=span(start, max(gap_end, start), start_p.hint == MONTH, c.signed.hint == MONTH),
                              advice=_ADVICE)


@check(code="LG404", name="schedule-contract-late", severity="warning",
       messages={"zh": "经常性项目的实施计划把合同签订节点“{task}”排在{date}，晚于项目开始日期{start}：{gap}的服务将没有合同约定。{advice}",
                 "en": "recurring project: the schedule puts the contract milestone '{task}' on {date}, after the project start {start}: the service {gap} would run without a contract. {advice}"})
def schedule_contract_late(doc, ctx):
    """经常性项目：实施计划中的合同签订节点晚于项目开始日期。

    [zh]
    经常性项目（项目性质含“经常性”或项目名称含“运维”）的实施计划里，合同签订节点
    （任务含“合同”）的日期晚于项目开始日期——从开始到签订之间的服务没有合同约定。
    日期只写到月时，只有无论哪一天都晚才报告。

    为什么：瑞华会计师事务所上海分所《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》 指出“合同签订日期晚于项目启动时间，合同约定服务期限与实际服务期限
    不一致的情况依然存在”，并建议：及时启动政府采购程序，尽早确定中标供应商并与之签订
    合同；适当延长合同中项目服务时间，使项目运维服务期限与合同约定服务期限保持一致。消息
    给出的就是这条建议：预算下达后尽快采购、签约，并让合同约定的服务期限与实际服务一致
    （写明新合同签订前由谁提供服务），而不是要求在预算下达前签约。

    反例：

        project: {nature: 经常性专项业务费, start: 2020-01-01}
        schedule: [{task: 项目合同签订, date: 2020-03-31}]

    正例：服务由跨年度的服务合同覆盖（在以往预算下达后依法采购签订），本年实施计划中没有
    晚于项目开始的签约节点；确需重新采购的，预算下达后即启动，并在合同中如实约定覆盖全年的
    服务期限（写明新合同签订前由原服务商延续服务）：

        schedule: [{task: 项目启动（沿用2019年签订的三年期运维服务合同）, date: 2020-01-01}]

    选项：无。

    [en]
    A recurring project (nature holds 经常性 or the name holds 运维) whose schedule dates
    the contract-signing milestone (task holds 合同) after the project start: the service
    from the start to that date would run without a contract. A milestone given to the
    month only is reported only when it is late whatever day was meant.

    Why: The evaluation report of 瑞华会计师事务所上海分所, 《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》 found 合同签订日期晚于项目启动时间 and contracted periods that differ
    from the real service, two years running, and advised: start the government
    procurement promptly, choose the supplier and sign as early as possible; extend the
    contracted service period so that it matches the real service. The message gives that
    advice — procure and sign soon after the budget is released, and state a contract
    period that covers the real service (including who serves until the new contract) —
    never "sign before the budget is released".

    Bad:

        project: {nature: 经常性专项业务费, start: 2020-01-01}
        schedule: [{task: 项目合同签订, date: 2020-03-31}]

    Good: the service is covered by a multi-year service contract (procured and signed
    after an earlier budget was released), so this year's schedule has no signing after
    the start; where a new procurement is needed, it starts as soon as the budget is
    released and the contract states a period covering the whole year's service (the old
    supplier serving until the new contract):

        schedule: [{task: 项目启动（沿用2019年签订的三年期运维服务合同）, date: 2020-01-01}]

    Options: none.
    """
    start = first_day(doc.start)
    if not doc.recurring or start is None:
        return
    for m in doc.schedule:
        date = first_day(m.date)
        if "合同" in fold(m.task) and date is not None and date > start:
            gap_end = max(last_day(m.date) - _dt.timedelta(days=1), start)
            yield ctx.finding(f"/schedule/{m.index}/date", task=m.task, date=when(m.date), start=when(doc.start),
                              gap=span(start, gap_end, doc.start.hint == MONTH, m.date.hint == MONTH), advice=_ADVICE)


@check(code="LG405", name="contract-period-gap", severity="warning",
       messages={"zh": "经常性项目的合同“{contract}”约定的服务期限为{service}，未覆盖项目期间{period}：{gap}。合同约定服务期限应与实际服务期限一致：请适当延长合同中的服务期限，或写明这段时间由谁、依据什么提供服务",
                 "en": "recurring project: contract '{contract}' covers {service}, not the project period {period} ({gap}). The contracted period should match the real service: extend it, or state who serves in that time and on what basis"})
def contract_period_gap(doc, ctx):
    """经常性项目：合同服务期限晚于项目开始或早于项目结束。

    [zh]
    经常性项目中，合同约定的服务期限晚于项目开始日期开始，或早于项目完成日期结束
    （合同约定服务期限与实际服务期限不一致）。只写到月的开始日期按当月第一天、结束日期
    按当月最后一天理解。

    为什么：瑞华会计师事务所上海分所《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》 指出：运维合同约定服务期限“从合同签订之日起，至2017年12月31日”，
    而实际运维为全年，新合同签订前仍由原运维单位提供服务，“项目存在实际运维期限与合同约定
    服务期限不一致的情况”。报告建议“适当延长合同中项目服务时间，使项目运维服务期限与合同
    约定服务期限保持一致”。

    反例：

        project: {name: 远教网络体系运维, start: 2017-01-01, end: 2017-12-31}
        contracts: [{name: 运维服务合同, service_start: 2017-08-07, service_end: 2017-12-31}]

    正例：

        contracts: [{name: 运维服务合同, service_start: 2017-01-01, service_end: 2017-12-31}]

    选项：无。

    [en]
    Recurring project: a contract's service period starts after the project start or ends
    before the project end (合同约定服务期限与实际服务期限不一致). A start given to the month
    means its first day, an end its last.

    Why: The evaluation report of 瑞华会计师事务所上海分所, 《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》: the contract ran "from signing to 31 December 2017" while the
    service ran all year, the old supplier serving until the new contract; the report
    advised extending the contracted period so that it matches the real service.

    Bad:

        project: {name: 远教网络体系运维, start: 2017-01-01, end: 2017-12-31}
        contracts: [{name: 运维服务合同, service_start: 2017-08-07, service_end: 2017-12-31}]

    Good:

        contracts: [{name: 运维服务合同, service_start: 2017-01-01, service_end: 2017-12-31}]

    Options: none.
    """
    if not doc.recurring:
        return
    start, end = first_day(doc.start), last_day(doc.end)
    one_day = _dt.timedelta(days=1)
    for c in doc.contracts:
        s, e = first_day(c.service_start), last_day(c.service_end)
        gaps = []
        if s is not None and start is not None and s > start:
            gaps.append(span(start, s - one_day))
        if e is not None and end is not None and e < end:
            gaps.append(span(e + one_day, end))
        if gaps:
            gap = {"zh": "、".join(g["zh"] for g in gaps) + "没有合同约定的服务",
                   "en": "no contracted service " + " and ".join(g["en"] for g in gaps)}
            yield ctx.finding(f"/contracts/{c.index}", contract=c.label,
                              service=_period(c.service_start, c.service_end),
                              period=_period(doc.start, doc.end), gap=gap)


def _period(a, b) -> dict:
    """A period of two read dates, either possibly missing."""
    if _d(a) is not None and _d(b) is not None:
        return span(a.value, last_day(b), a.hint == MONTH, b.hint == MONTH)
    one = when(a) if _d(a) is not None else (when(b) if _d(b) is not None else {"zh": "?", "en": "?"})
    return {"zh": f"{one['zh']}起" if _d(a) is not None else f"至{one['zh']}",
            "en": f"from {one['en']}" if _d(a) is not None else f"until {one['en']}"}


@check(code="LG406", name="contract-undated", severity="error",
       messages={"zh": "合同“{contract}”没有签订日期：请写明合同的签订日期",
                 "en": "contract '{contract}' has no signing date: record the date it was signed"})
def contract_undated(doc, ctx):
    """合同没有签订日期。

    [zh]
    合同没有签订日期（缺失或为空）。写了但读不出来的日期由 LG003 报告。

    为什么：瑞华会计师事务所上海分所《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》 指出分包合同中“存在部分合同无签订日期”的情况，“合同签订不够
    规范”。没有签订日期，也无法判断合同是否晚于服务开始（LG403）。

    反例：

        contracts: [{name: 直播课堂支持服务合同, supplier: 上海教育软件发展有限公司}]

    正例：

        contracts: [{name: 直播课堂支持服务合同, supplier: 上海教育软件发展有限公司, signed: 2017-08-10}]

    选项：无。

    [en]
    A contract with no signing date (absent or empty). A date that cannot be read is
    LG003's.

    Why: The evaluation report of 瑞华会计师事务所上海分所, 《2017年度上海党员干部现代远程教育网络体系建设项目（运维）财政支出绩效评价报告》 found 部分合同无签订日期 (some sub-contracts undated): contract
    management was not up to standard, and an undated contract cannot be checked against
    its service start (LG403).

    Bad:

        contracts: [{name: 直播课堂支持服务合同, supplier: 上海教育软件发展有限公司}]

    Good:

        contracts: [{name: 直播课堂支持服务合同, supplier: 上海教育软件发展有限公司, signed: 2017-08-10}]

    Options: none.
    """
    for c in doc.contracts:
        if c.signed.ok and c.signed.value is None:
            yield ctx.finding(f"/contracts/{c.index}", contract=c.label)


@check(code="LG407", name="contracts-exceed-budget", severity="warning",
       messages={"zh": "合同金额合计 {sum}，超过{budget_label} {budget}（多 {diff}）：请核对合同金额或预算",
                 "en": "contracts add up to {sum}, above the {budget_label} of {budget} (by {diff}): check the contracts or the budget"})
def contracts_exceed_budget(doc, ctx):
    """合同金额合计超过当年预算。

    [zh]
    全部合同金额之和大于项目当年预算（年度资金申请总额）。合同金额以元计；预算以万元填写
    的表先换算为元再比较。

    为什么：合同是预算的执行；财预〔2015〕88号《中央部门预算绩效目标管理办法》要求目标
    与预算资金量相匹配，合同合计超过预算意味着超支风险或预算填报不实。

    反例：

        budget: {current_year: 1974983}
        contracts: [{name: 运维合同, amount: 1970000}, {name: 电路服务合同, amount: 358000}]

    正例：合同合计不超过 1974983 元。

    选项：无。

    [en]
    The contract amounts add up to more than the current-year budget. Contract amounts are
    in 元; a budget in 万元 is converted first.

    Why: contracts spend the budget; 财预〔2015〕88号《中央部门预算绩效目标管理办法》 asks
    targets to match the funds, and a larger contract total means an overspend risk or a
    budget that is not what will be spent.

    Bad:

        budget: {current_year: 1974983}
        contracts: [{name: 运维合同, amount: 1970000}, {name: 电路服务合同, amount: 358000}]

    Good: contracts that add up to at most 1974983.

    Options: none.
    """
    current = doc.amounts["current_year"]
    amounts = [c.amount.value for c in doc.contracts if c.amount.ok and c.amount.value is not None]
    if not amounts or not current.ok or current.value is None:
        return
    s = sum(amounts, Decimal(0))
    if s > current.value:
        yield ctx.finding("/contracts", sum=_yuan(s), budget=doc.money(current.value), diff=_yuan(s - current.value),
                          budget_label=budget_label(doc, "current_year"))


def _yuan(d: Decimal) -> dict:
    """Contract amounts are in 元 whatever the budget's unit."""
    return {"zh": f"{fmt_amount(d)} 元", "en": f"{fmt_amount(d)} yuan"}


@check(code="LG408", name="schedule-order", severity="warning",
       messages={"zh": "实施计划“{task}”的日期{date}{reason}：请按时间顺序填写，并落在项目期间内",
                 "en": "milestone '{task}' is dated {date}, {reason}: keep milestones in time order and inside the project period"})
def schedule_order(doc, ctx):
    """实施计划日期倒退，或落在项目开始至结束日期之外。

    [zh]
    实施计划的日期比前一个节点早（倒退），或在项目开始日期之前、完成日期之后。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求从时效等方面细化绩效目标；
    实施计划要能按时间执行和检查，倒退或越界的日期多是笔误。日期只写到月时，只有无论
    哪一天都倒退或越界才报告。

    反例：

        project: {start: 2020-01-01, end: 2020-12-31}
        schedule:
          - {task: 项目招标, date: 2020-03-31}
          - {task: 项目需求分析, date: 2020-01-31}

    正例：先需求分析（2020-01-31），后招标（2020-03-31）。

    选项：无。

    [en]
    A milestone dated before the previous one, or outside project start..end.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks targets to be detailed in time
    (时效) among others; the plan must be executable and checkable in time order, and such
    dates are typos. A date given to the month only is reported only when it is out of
    order whatever day was meant.

    Bad:

        project: {start: 2020-01-01, end: 2020-12-31}
        schedule:
          - {task: 项目招标, date: 2020-03-31}
          - {task: 项目需求分析, date: 2020-01-31}

    Good: 需求分析 (2020-01-31) before 招标 (2020-03-31).

    Options: none.
    """
    start, end = first_day(doc.start), last_day(doc.end)
    previous = None
    for m in doc.schedule:
        early, late = first_day(m.date), last_day(m.date)
        if early is None:
            continue
        reason = None
        if previous is not None and late < first_day(previous.date):
            reason = {"zh": f"早于前一个节点“{previous.task}”（{when(previous.date)['zh']}）",
                      "en": f"before the previous milestone '{previous.task}' ({when(previous.date)['en']})"}
        elif start is not None and late < start:
            reason = {"zh": f"早于项目开始日期{when(doc.start)['zh']}", "en": f"before the project start {when(doc.start)['en']}"}
        elif end is not None and early > end:
            reason = {"zh": f"晚于项目完成日期{when(doc.end)['zh']}", "en": f"after the project end {when(doc.end)['en']}"}
        if reason:
            yield ctx.finding(f"/schedule/{m.index}/date", task=m.task, date=when(m.date), reason=reason)
        if previous is None or early >= first_day(previous.date):
            previous = m


@check(code="LG409", name="funds-pct-incomplete", severity="warning",
       messages={"zh": "最后一个节点“{task}”的累计资金使用只有 {pct}%：项目结束时应达到 100%，或说明剩余资金的安排",
                 "en": "the last milestone '{task}' reaches only {pct}% cumulative fund use: plan 100% by the end, or explain the rest"})
def funds_pct_incomplete(doc, ctx):
    """最后一个节点的累计资金使用比例低于 100%。

    [zh]
    实施计划中最后一个填了资金使用比例的节点低于 100%。

    为什么：预算应在项目期内用完；计划不到 100% 意味着预算偏多或计划不全。财预〔2015〕88号
    《中央部门预算绩效目标管理办法》要求绩效目标与预算资金量相匹配。

    反例：

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 90}]

    正例：

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 100}]

    选项：无。

    [en]
    The last milestone with a funds_pct is below 100.

    Why: the budget should be used within the project; less than 100% means too much budget
    or an incomplete plan (财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets match the
    funds).

    Bad:

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 90}]

    Good:

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 100}]

    Options: none.
    """
    steps = _pct_steps(doc)
    if steps:
        m, pct = steps[-1]
        if pct < 100:
            yield ctx.finding(f"/schedule/{m.index}/funds_pct", task=m.task, pct=format_number(pct))


@check(code="LG410", name="period-invalid", severity="error",
       messages={"zh": "项目期间{period}有误：{reason}",
                 "en": "the project period {period} is wrong: {reason}"})
def period_invalid(doc, ctx):
    """项目开始日期晚于完成日期，或（年度表）开始、完成日期不在年度内。

    [zh]
    项目计划开始日期晚于计划完成日期；或年度表的开始、完成日期不在表的年度之内。年度表
    指没有跨年总预算的表：项目总预算缺失，或不大于当年预算。日期可以只写到月（202001、
    2023.07、2023年7月）：开始日期按当月第一天、完成日期按当月最后一天理解。

    为什么：年度绩效目标表申报的是一个预算年度的资金和目标（财预〔2015〕88号《中央部门
    预算绩效目标管理办法》：目标与预算资金量相匹配）；日期颠倒或跨出年度多为笔误。

    反例：

        year: 2021
        project: {start: "202001", end: "202012"}

    正例：

        year: 2021
        project: {start: "202101", end: "202112"}

    选项：无。

    [en]
    The project starts after it ends; or, on an annual table, the start or the end lies
    outside the table's year. A table is annual when it has no multi-year total: the
    project total is absent or not larger than the current-year budget. Dates may have
    month precision (202001, 2023.07, 2023年7月): a start is the month's first day, an end
    its last.

    Why: an annual target table requests one budget year's money and targets
    (财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets match the funds); reversed or
    out-of-year dates are typos.

    Bad:

        year: 2021
        project: {start: "202001", end: "202012"}

    Good:

        year: 2021
        project: {start: "202101", end: "202112"}

    Options: none.
    """
    start, end = first_day(doc.start), last_day(doc.end)
    if start is None and end is None:
        return
    period = _period(doc.start, doc.end)
    if start is not None and end is not None and start > end:
        yield ctx.finding("/project/start", period=period,
                          reason={"zh": "开始日期晚于完成日期，请检查是否写反", "en": "it starts after it ends; are the dates swapped?"})
        return
    total, current = doc.amounts["total"], doc.amounts["current_year"]
    multi_year = total.ok and current.ok and total.value is not None and current.value is not None and total.value > current.value
    if doc.year is None or multi_year:
        return
    for key, d in (("start", start), ("end", end)):
        if d is not None and d.year != doc.year:
            yield ctx.finding(f"/project/{key}", period=period,
                              reason={"zh": f"这是{doc.year}年度的表，计划开始和完成日期应在{doc.year}年内",
                                      "en": f"this is a {doc.year} table, so the planned start and end belong to {doc.year}"})
