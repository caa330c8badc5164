"""LG4 — schedule and contracts: cumulative fund use, dates in order,
contracts signed before the service they cover (seeds/004's findings)."""
from __future__ import annotations

from decimal import Decimal

from lintgoals import check
from lintgoals.values import fold, format_number


def _d(p):
    return p.value if p.ok else None


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

    为什么：累计比例只增不减；下降说明填成了当期比例或填错了（财预〔2015〕88号 合理可行）。

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
       messages={"zh": "合同“{contract}”签订日期 {signed} 晚于{start_label} {start}：签订前的 {days} 天服务没有合同依据。请在服务开始前签订合同，或如实约定服务期限",
                 "en": "contract '{contract}' was signed on {signed}, after the {start_label} {start}: {days} days of service ran without a contract. Sign before the service starts, or state the real service period"})
def contract_signed_late(doc, ctx):
    """合同签订日期晚于服务开始日期（没有服务开始日期时晚于项目开始日期）。

    [zh]
    合同签订日期 signed 晚于其服务开始日期 service_start；没有 service_start 时与项目开始
    日期 project.start 比较。

    为什么：seeds/004 的 2017 年绩效评价报告（瑞华）因“合同签订日期晚于项目启动时间”扣分：
    合同 2017-08-07 签订，服务自 2017-01-01 起，签订前的服务没有合同依据。

    反例：

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2017-08-07, service_start: 2017-01-01}

    正例：

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2016-12-20, service_start: 2017-01-01}

    选项：无。

    [en]
    A contract signed after its service_start (or, with no service_start, after the project
    start).

    Why: the 2017 evaluation report in seeds/004 deducted points for 合同签订日期晚于项目启动
    时间: signed 2017-08-07 for a service running from 2017-01-01, so seven months of service
    had no contract.

    Bad:

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2017-08-07, service_start: 2017-01-01}

    Good:

        contracts:
          - {name: 远教网络体系运维服务合同, signed: 2016-12-20, service_start: 2017-01-01}

    Options: none.
    """
    project_start = _d(doc.start)
    for c in doc.contracts:
        signed = _d(c.signed)
        if signed is None:
            continue
        start, label = _d(c.service_start), {"zh": "服务开始日期", "en": "service start"}
        if start is None:
            start, label = project_start, {"zh": "项目开始日期", "en": "project start"}
        if start is not None and signed > start:
            yield ctx.finding(f"/contracts/{c.index}/signed", contract=c.label, signed=signed.isoformat(),
                              start=start.isoformat(), start_label=label, days=(signed - start).days)


@check(code="LG404", name="schedule-contract-late", severity="warning",
       messages={"zh": "经常性项目的合同签订节点“{task}”（{date}）晚于项目开始日期 {start}：{start} 至 {date} 之间的服务没有合同。请提前启动采购，在项目开始前签订合同",
                 "en": "recurring project: the contract milestone '{task}' ({date}) comes after the project start {start}: the service from {start} to {date} runs without a contract. Start procurement earlier and sign before the start"})
def schedule_contract_late(doc, ctx):
    """经常性项目：实施计划中的合同签订节点晚于项目开始日期。

    [zh]
    经常性项目（项目性质含“经常性”或名称含“运维”）的实施计划里，合同签订节点（任务含
    “合同”）的日期晚于项目开始日期——从开始到签订之间的服务没有合同。

    为什么：seeds/004 的评价报告：“合同签订日期晚于项目启动时间”连续两年被指出，建议
    “及时启动政府采购程序，尽早确定中标供应商并与之签订合同”。

    反例：

        project: {nature: 经常性专项业务费, start: 2020-01-01}
        schedule: [{task: 项目合同签订, date: 2020-03-31}]

    正例：上年末完成采购，合同在 2019-12 签订，或把项目开始日期与服务期限对齐。

    选项：无。

    [en]
    A recurring project (nature holds 经常性 or name holds 运维) whose contract-signing
    milestone (task holds 合同) is dated after the project start: the service would run
    without a contract until then.

    Why: seeds/004 reported 合同签订日期晚于项目启动时间 two years running and advised
    starting procurement early so the contract is signed in time.

    Bad:

        project: {nature: 经常性专项业务费, start: 2020-01-01}
        schedule: [{task: 项目合同签订, date: 2020-03-31}]

    Good: finish procurement the year before and sign in 2019-12, or align the project start
    with the service period.

    Options: none.
    """
    start = _d(doc.start)
    if not doc.recurring or start is None:
        return
    for m in doc.schedule:
        date = _d(m.date)
        if "合同" in fold(m.task) and date is not None and date > start:
            yield ctx.finding(f"/schedule/{m.index}/date", task=m.task, date=date.isoformat(), start=start.isoformat())


@check(code="LG405", name="contract-period-gap", severity="warning",
       messages={"zh": "经常性项目的合同“{contract}”服务期限 {service} 未覆盖项目期间 {period}（{gap}）：合同约定服务期限应与实际服务期限一致",
                 "en": "recurring project: contract '{contract}' covers {service}, not the project period {period} ({gap}): the contracted period should match the real service period"})
def contract_period_gap(doc, ctx):
    """经常性项目：合同服务期限晚于项目开始或早于项目结束。

    [zh]
    经常性项目中，合同的服务期限晚于项目开始日期开始，或早于项目结束日期结束
    （合同约定服务期限与实际服务期限不一致）。

    为什么：seeds/004 的评价报告：合同服务期限“从合同签订之日起至 2017年12月31日”，实际
    运维为全年，“项目存在实际运维期限与合同约定服务期限不一致的情况”。

    反例：

        project: {name: 远教网络体系运维, start: 2017-01-01, end: 2017-12-31}
        contracts: [{name: 运维服务合同, service_start: 2017-08-07, service_end: 2017-12-31}]

    正例：

        contracts: [{name: 运维服务合同, service_start: 2017-01-01, service_end: 2017-12-31}]

    选项：无。

    [en]
    Recurring project: a contract's service period starts after the project start or ends
    before the project end (合同约定服务期限与实际服务期限不一致).

    Why: seeds/004: the contract ran "from signing to 2017-12-31" while the service ran all
    year.

    Bad:

        project: {name: 远教网络体系运维, start: 2017-01-01, end: 2017-12-31}
        contracts: [{name: 运维服务合同, service_start: 2017-08-07, service_end: 2017-12-31}]

    Good:

        contracts: [{name: 运维服务合同, service_start: 2017-01-01, service_end: 2017-12-31}]

    Options: none.
    """
    if not doc.recurring:
        return
    start, end = _d(doc.start), _d(doc.end)
    for c in doc.contracts:
        s, e = _d(c.service_start), _d(c.service_end)
        gaps = []
        if s is not None and start is not None and s > start:
            gaps.append(({"zh": f"{start.isoformat()} 至 {s.isoformat()} 无合同", "en": f"no contract from {start.isoformat()} to {s.isoformat()}"}))
        if e is not None and end is not None and e < end:
            gaps.append(({"zh": f"{e.isoformat()} 之后无合同", "en": f"no contract after {e.isoformat()}"}))
        if gaps:
            gap = {lang: "；".join(g[lang] for g in gaps) if lang == "zh" else "; ".join(g[lang] for g in gaps)
                   for lang in ("zh", "en")}
            yield ctx.finding(f"/contracts/{c.index}", contract=c.label,
                              service=f"{s.isoformat() if s else '?'}–{e.isoformat() if e else '?'}",
                              period=f"{start.isoformat() if start else '?'}–{end.isoformat() if end else '?'}", gap=gap)


@check(code="LG406", name="contract-undated", severity="error",
       messages={"zh": "合同“{contract}”没有签订日期：请写明签订日期（signed）",
                 "en": "contract '{contract}' has no signing date: record it (signed)"})
def contract_undated(doc, ctx):
    """合同没有签订日期。

    [zh]
    合同没有签订日期（signed 缺失或为空）。写了但读不出来的日期由 LG003 报告。

    为什么：seeds/004 的评价报告指出“部分合同无签订日期”，合同签订不够规范。

    反例：

        contracts: [{name: 直播课堂支持服务合同, supplier: 上海教育软件发展有限公司}]

    正例：

        contracts: [{name: 直播课堂支持服务合同, supplier: 上海教育软件发展有限公司, signed: 2017-08-10}]

    选项：无。

    [en]
    A contract with no signed date (absent or empty). A date that cannot be read is LG003's.

    Why: seeds/004 found 部分合同无签订日期 (some contracts undated).

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
       messages={"zh": "合同金额合计 {sum} 元超过当年预算 {budget} 元（多 {diff} 元）：请核对合同金额或预算",
                 "en": "contracts add up to {sum} yuan, above the current-year budget of {budget} (by {diff}): check the contracts or the budget"})
def contracts_exceed_budget(doc, ctx):
    """合同金额合计超过当年预算。

    [zh]
    全部合同金额之和大于当年预算 current_year。

    为什么：合同是预算的执行，合计超过预算意味着超支风险（财预〔2015〕88号）。

    反例：

        budget: {current_year: 1974983}
        contracts: [{name: 运维合同, amount: 1970000}, {name: 电路服务合同, amount: 358000}]

    正例：合同合计不超过 1974983 元。

    选项：无。

    [en]
    The contract amounts add up to more than current_year.

    Why: contracts spend the budget; a larger total means an overspend risk.

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
        yield ctx.finding("/contracts", sum=s, budget=current.value, diff=s - current.value)


@check(code="LG408", name="schedule-order", severity="warning",
       messages={"zh": "实施计划“{task}”的日期 {date} {reason}：请按时间顺序填写，并落在项目期间内",
                 "en": "milestone '{task}' is dated {date}, {reason}: keep milestones in time order and inside the project period"})
def schedule_order(doc, ctx):
    """实施计划日期倒退，或落在项目开始至结束日期之外。

    [zh]
    实施计划的日期比前一个节点早（倒退），或在项目开始日期之前、完成日期之后。

    为什么：实施计划要能按时间执行和检查（财预〔2011〕285号 时效）；倒退或越界的日期多是笔误。

    反例：

        project: {start: 2020-01-01, end: 2020-12-31}
        schedule:
          - {task: 项目招标, date: 2020-03-31}
          - {task: 项目需求分析, date: 2020-01-31}

    正例：先需求分析（2020-01-31），后招标（2020-03-31）。

    选项：无。

    [en]
    A milestone dated before the previous one, or outside project start..end.

    Why: the plan must be executable and checkable in time order; such dates are typos.

    Bad:

        project: {start: 2020-01-01, end: 2020-12-31}
        schedule:
          - {task: 项目招标, date: 2020-03-31}
          - {task: 项目需求分析, date: 2020-01-31}

    Good: 需求分析 (2020-01-31) before 招标 (2020-03-31).

    Options: none.
    """
    start, end = _d(doc.start), _d(doc.end)
    previous = None
    for m in doc.schedule:
        date = _d(m.date)
        if date is None:
            continue
        reason = None
        if previous is not None and date < previous[1]:
            reason = {"zh": f"早于前一个节点“{previous[0].task}”（{previous[1].isoformat()}）",
                      "en": f"before the previous milestone '{previous[0].task}' ({previous[1].isoformat()})"}
        elif start is not None and date < start:
            reason = {"zh": f"早于项目开始日期 {start.isoformat()}", "en": f"before the project start {start.isoformat()}"}
        elif end is not None and date > end:
            reason = {"zh": f"晚于项目完成日期 {end.isoformat()}", "en": f"after the project end {end.isoformat()}"}
        if reason:
            yield ctx.finding(f"/schedule/{m.index}/date", task=m.task, date=date.isoformat(), reason=reason)
        if previous is None or date >= previous[1]:
            previous = (m, date)


@check(code="LG409", name="funds-pct-incomplete", severity="warning",
       messages={"zh": "最后一个节点“{task}”的累计资金使用只有 {pct}%：项目结束时应达到 100%，或说明剩余资金的安排",
                 "en": "the last milestone '{task}' reaches only {pct}% cumulative fund use: plan 100% by the end, or explain the rest"})
def funds_pct_incomplete(doc, ctx):
    """最后一个节点的累计资金使用比例低于 100%。

    [zh]
    实施计划中最后一个填了资金使用比例的节点低于 100%。

    为什么：预算应在项目期内用完；计划不到 100% 意味着预算偏多或计划不全（财预〔2015〕88号）。

    反例：

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 90}]

    正例：

        schedule: [{task: 项目收尾, date: 2020-12-31, funds_pct: 100}]

    选项：无。

    [en]
    The last milestone with a funds_pct is below 100.

    Why: the budget should be used within the project; less than 100% means too much budget
    or an incomplete plan.

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
       messages={"zh": "项目期间 {start} 至 {end} 有误：{reason}",
                 "en": "the project period {start} to {end} is wrong: {reason}"})
def period_invalid(doc, ctx):
    """项目开始日期晚于完成日期，或（年度表）开始、完成日期不在年度内。

    [zh]
    项目开始日期晚于完成日期；或年度表的开始、完成日期不在 year 年度之内。年度表指没有
    跨年总预算的表：total 缺失，或 total 不大于 current_year。

    为什么：年度目标表申报的是一个预算年度的资金和目标（财预〔2015〕88号）；日期颠倒或
    跨出年度多为笔误。

    反例：

        year: 2026
        project: {start: 2026-12-31, end: 2026-01-01}

    正例：

        year: 2026
        project: {start: 2026-01-01, end: 2026-12-31}

    选项：无。

    [en]
    The project starts after it ends; or, on an annual table, start or end lies outside
    `year`. A table is annual when it has no multi-year total: total is absent or not larger
    than current_year.

    Why: an annual table requests one budget year's money and targets; reversed or
    out-of-year dates are typos.

    Bad:

        year: 2026
        project: {start: 2026-12-31, end: 2026-01-01}

    Good:

        year: 2026
        project: {start: 2026-01-01, end: 2026-12-31}

    Options: none.
    """
    start, end = _d(doc.start), _d(doc.end)
    if start is None and end is None:
        return
    s_txt = start.isoformat() if start else "?"
    e_txt = end.isoformat() if end else "?"
    if start is not None and end is not None and start > end:
        yield ctx.finding("/project/start", start=s_txt, end=e_txt,
                          reason={"zh": "开始日期晚于完成日期，请检查是否写反", "en": "it starts after it ends; are the dates swapped?"})
        return
    total, current = doc.amounts["total"], doc.amounts["current_year"]
    multi_year = total.ok and current.ok and total.value is not None and current.value is not None and total.value > current.value
    if doc.year is None or multi_year:
        return
    for key, d in (("start", start), ("end", end)):
        if d is not None and d.year != doc.year:
            yield ctx.finding(f"/project/{key}", start=s_txt, end=e_txt,
                              reason={"zh": f"这是 {doc.year} 年度的表，日期应在 {doc.year} 年内",
                                      "en": f"this is a {doc.year} table, so the dates belong to {doc.year}"})
