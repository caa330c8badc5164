"""LG6 — across years, LG7 — across the projects of one unit.

Run checks (`scope="run"`): they see the tables' summaries, never a document
(lintgoals.run_scope). Last year's table of a project is `run.previous(t)`;
every LG6 finding sits at this year's row and names last year's table, file
and value (and carries last year's place as a related location).
"""
from __future__ import annotations

from decimal import Decimal

from lintgoals import check
from lintgoals.run_scope import SATISFACTION, location_text, similarity, table_text

from .budget import _FORM_LABELS, _REASON_PLACE

_RATIO = {"project_match_ratio": {"type": "number", "min": 0, "max": 1, "default": 0.8}}
_PAIR = {"indicator_match_ratio": {"type": "number", "min": 0, "max": 1, "default": 0.6}}
_TOL = {"amount_tolerance": {"type": "number", "min": 0, "default": 1}}

_GOALS_LABEL = {"2018": "年度绩效目标", "2020": "年度绩效目标", "2026": "年度总体目标", "2015": "年度目标"}
_UP = frozenset("≥>=")
_DOWN = frozenset("≤<")


def _pairs(run, ctx):
    """(this year's table, last year's) for every checked table that has one."""
    return run.pairs(float(ctx.options.get("project_match_ratio", 0.8)))


def _last(prev, path):
    """The message arguments that name last year's table and place."""
    return {"previous_table": table_text(prev), "where": location_text(prev, prev.place(path))}


def _place(t):
    return _REASON_PLACE.get(t.template, _REASON_PLACE["2026"])


def _by_key(rows):
    out = {}
    for r in rows:
        if r.key:
            out.setdefault(r.key, r)
    return out


def lowered(before, now) -> bool:
    """A less ambitious target of the same unit: ≥/= a smaller number, ≤ a larger one."""
    if before.number is None or now.number is None or before.unit != now.unit or not before.op or not now.op:
        return False
    if before.op in _DOWN and now.op in _DOWN | {"="}:
        return now.number > before.number
    if before.op in _UP and now.op in _UP:
        return now.number < before.number
    if before.op == "=" and now.op in _DOWN:
        return now.number > before.number
    return False


_LOWERED = {"zh": "降为", "en": "lowered"}
_RELAXED = {"zh": "放宽为", "en": "relaxed"}  # a ceiling (≤) raised: a cost allowed to grow
_LAST = "（上年：{previous_table}，{where}）"
_LAST_EN = " (last year: {previous_table}, {where})"


@check(code="LG601", name="target-lowered", severity="warning", scope="run",
       messages={"zh": "指标“{name}”目标由上年 {before} {verb} {now}" + _LAST + "：目标应不低于上年；确需下调的，请在{place}中说明原因",
                 "en": "indicator “{name}”: the target is {verb} from last year's {before} to {now}" + _LAST_EN +
                       ": keep a target at least as ambitious as last year's, or give the reason for lowering it in {place}"},
       options=dict(_RATIO))
def target_lowered(run, ctx):
    """同名指标的目标比上年低。

    [zh]
    与上年同一项目的表相比，同名指标（按“名称的读法”比较）设定了更低的目标：≥ 或 = 一个
    更小的数，≤ 一个更大的数；计量单位须相同（次 与 场 不比较）。上年的表是同一单位、同名
    项目（去掉括号中的注释）最近一个较早年度的表；名称改过的项目按相似度
    project_match_ratio（默认 0.8）配对。上年的表可以在同一次检查的文件中，也可以用
    `--previous 路径` 提供。报告在今年的指标行上，并写明上年的表、文件和目标值。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求绩效目标与任务数、预算资金量
    相匹配，审核看适当性与可行性；经常性项目的目标比上年降低而没有说明，评审会追问原因。
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标合理可行。

    反例（上年 ≥50(次)）：

        - {level1: 产出指标, level2: 数量指标, name: 各类直播等录制次数, value: "≥30(次)"}

    正例：保持 ≥50(次)，或在年度总体目标（2018、2020 年的表：项目概况）中说明录制减少的原因。

    选项：project_match_ratio（默认 0.8）。

    [en]
    Compared with last year's table of the same project, an indicator of the same name
    (names compared after folding width, traditional characters, ordinals and bracketed notes) sets a less ambitious target: ≥ or = a smaller number,
    ≤ a larger one, in the same unit (次 and 场 are not compared). Last year's table is
    the table of the same unit and the same project name (bracketed notes dropped) with
    the latest earlier year; renamed projects pair by similarity, project_match_ratio
    (default 0.8). It may be among the checked files or given with `--previous PATH`.
    The finding sits at this year's row and names last year's table, file and value.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets must match the tasks and
    the funds, and review looks at appropriateness and feasibility; a recurring project
    that lowers a target without a reason will be questioned. 财预〔2011〕285号
    《财政支出绩效评价管理暂行办法》 asks for targets that are reasonable and feasible.

    Bad (last year ≥50(次)):

        - {level1: 产出指标, level2: 数量指标, name: 各类直播等录制次数, value: "≥30(次)"}

    Good: keep ≥50(次), or give the reason in the annual goal (2018 and 2020 forms: the
    project overview).

    Options: project_match_ratio (default 0.8).
    """
    for t, prev in _pairs(run, ctx):
        before_rows = _by_key(prev.indicators)
        for r in t.indicators:
            b = before_rows.get(r.key)
            if b is not None and lowered(b, r):
                path = f"/indicators/{b.index}/value"
                yield ctx.finding(t, f"/indicators/{r.index}/value", related=[(prev, path)],
                                  name=r.name, before=b.value, now=r.value, place=_place(t),
                                  verb=_RELAXED if r.op in _DOWN or b.op in _DOWN else _LOWERED, **_last(prev, path))


@check(code="LG602", name="previous-budget-mismatch", severity="warning", scope="run",
       messages={"zh": "填写的上年预算 {stated}，与上年表的{label} {actual}不一致" + _LAST + "：请核对，按上年表的预算填写",
                 "en": "last year's budget is given as {stated}, but last year's table states a {label} of {actual}" + _LAST_EN +
                       ": check it and write last year's budget as that table states it"},
       options=dict(_RATIO, **_TOL))
def previous_budget_mismatch(run, ctx):
    """填写的上年预算与上年表的当年预算不一致。

    [zh]
    本表的上年预算（budget.previous.budget）与上年同一项目的表的当年预算（2018、2020 年的
    表：项目当年预算；2026 年：年度资金申请总额）不一致，差额超过 amount_tolerance（默认 1 元）。
    只在上年的表正是 year − 1 年的表时比较；金额按元比较，以本表的单位（元或万元）显示。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》要求绩效目标与预算资金量相匹配，
    审核看适当性；上年预算填错，预算变化（LG306）和目标是否相称都无从判断。

    反例（上年表的当年预算为 4,818,000 元）：

        budget: {previous: {budget: 3000000}}

    正例：

        budget: {previous: {budget: 4818000}}

    选项：project_match_ratio（默认 0.8），amount_tolerance（默认 1）。

    [en]
    This table's last-year budget (budget.previous.budget) differs from the current-year
    budget of last year's table of the same project (2018/2020 forms: 项目当年预算; 2026:
    年度资金申请总额) by more than amount_tolerance (default 1 yuan). Compared only when
    last year's table is for year − 1; amounts are compared in yuan and shown in this
    table's unit.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: targets must match the funds, and
    review looks at appropriateness; with a wrong last-year budget neither the change of
    budget (LG306) nor the fit of the targets can be judged.

    Bad (last year's table states 4,818,000 yuan):

        budget: {previous: {budget: 3000000}}

    Good:

        budget: {previous: {budget: 4818000}}

    Options: project_match_ratio (default 0.8), amount_tolerance (default 1).
    """
    tol = Decimal(str(ctx.options.get("amount_tolerance", 1)))
    for t, prev in _pairs(run, ctx):
        if t.previous_budget is None or prev.current_year is None or prev.year != t.year - 1:
            continue
        if abs(t.previous_budget - prev.current_year) > tol:
            labels = _FORM_LABELS.get(prev.template, _FORM_LABELS["2026"])
            yield ctx.finding(t, "/budget/previous/budget", related=[(prev, "/budget/current_year")],
                              stated=t.money(t.previous_budget), actual=t.money(prev.current_year),
                              label={"zh": labels["current_year"], "en": "current-year budget"},
                              **_last(prev, "/budget/current_year"))


@check(code="LG603", name="copied-goals", severity="info", scope="run",
       messages={"zh": "{label}与上年表的完全相同" + _LAST + "：请按本年度的任务和预算重新写{label}",
                 "en": "the {label} is word for word last year's" + _LAST_EN + ": write this year's tasks and effects for this year's budget"},
       options=dict(_RATIO))
def copied_goals(run, ctx):
    """年度目标与上年表的完全相同。

    [zh]
    本表的年度目标（2026 年的表：年度总体目标；2018、2020 年：年度绩效目标）与上年同一项目
    的表逐字相同（按“名称的读法”折叠全角、繁体和空格后比较；不足 10 个字的目标不比较，
    空目标由 LG501 报告）。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》的审核看相关性：年度目标应反映
    本年度的任务和预算；照抄上年，说明目标没有随任务和资金更新。这是提示。

    反例：2026 年与 2025 年都写“全年完成直播录制50次以上、课件12部以上。”，而今年的预算
    和任务已变。

    正例：写今年要完成的任务和要达到的效果，与今年的指标对应。

    选项：project_match_ratio（默认 0.8）。

    [en]
    This table's annual goal (2026 form: 年度总体目标; 2018/2020: 年度绩效目标) is word for
    word that of last year's table of the same project (compared after folding width,
    traditional characters and spaces; goals under 10 characters are not compared, an
    empty one is LG501's).

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: review looks at relevance; the
    annual goal states this year's tasks for this year's funds, and a copy shows it was
    not brought up to date. This is a note.

    Bad: the 2026 and the 2025 tables both say “全年完成直播录制50次以上、课件12部以上。”
    while this year's budget and tasks changed.

    Good: state this year's tasks and effects, matching this year's indicators.

    Options: project_match_ratio (default 0.8).
    """
    for t, prev in _pairs(run, ctx):
        if t.goals_hash and t.goals_hash == prev.goals_hash:
            label = _GOALS_LABEL.get(t.template, _GOALS_LABEL["2026"])
            yield ctx.finding(t, "/goals/annual", related=[(prev, "/goals/annual")],
                              label={"zh": label, "en": f"annual goal ({label})"}, **_last(prev, "/goals/annual"))


def pair_rows(prev, t, ratio: float):
    """Last year's rows → this year's counterpart: same name first, then, for the
    rows left on both sides, the same level2 and the most similar name (≥ ratio)."""
    now = _by_key(t.indicators)
    pairs, used = {}, set()
    for b in prev.indicators:
        r = now.get(b.key)
        if r is not None:
            pairs[b.index] = r
            used.add(r.index)
    previous_keys = {b.key for b in prev.indicators}
    left = [r for r in t.indicators if r.index not in used and r.key not in previous_keys]
    for b in prev.indicators:
        if b.index in pairs or not b.level2:
            continue
        best, score = None, ratio
        for r in left:
            if r.index in used or r.level2 != b.level2:
                continue
            s = similarity(b.key, r.key)
            if s >= score:
                best, score = r, s
        if best is not None:
            pairs[b.index] = best
            used.add(best.index)
    # satisfaction rows left on both sides are each other's counterparts, in
    # order (使用人员满意度测评 → 系统使用人员满意度: the same survey, renamed)
    now_left = [r for r in left if r.index not in used and r.level2 == SATISFACTION]
    for b in prev.indicators:
        if not now_left:
            break
        if b.index not in pairs and b.level2 == SATISFACTION:
            pairs[b.index] = now_left.pop(0)
    return pairs


@check(code="LG604", name="target-turned-vague", severity="warning", scope="run",
       messages={"zh": "指标“{name}”上年为定量目标（“{before_name}” {before}），今年改为定性的“{now}”" + _LAST + "：请写可衡量的目标值，如 {before}",
                 "en": "indicator “{name}” had a quantitative target last year (“{before_name}” {before}) and is qualitative now (“{now}”)" + _LAST_EN +
                       ": write a measurable target, such as {before}"},
       options=dict(_RATIO, **_PAIR))
def target_turned_vague(run, ctx):
    """上年的定量指标今年改成了定性表述。

    [zh]
    上年同一项目的表中有数值目标的指标，今年对应的指标只写了定性的词（如“及时”“良好”）。
    对应关系：先按指标名称（“名称的读法”）配对；名称不同的，再在同一个二级指标（如 时效）
    下按名称相似度 indicator_match_ratio（默认 0.6，按字计算的重合度）配对，如 2020 年
    “故障处理修复及时性 =100%”与 2026 年“故障响应及时性 及时”。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标具体细化，尽量定量
    表述；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》要求
    定量为主、定性为辅。上年能量化的目标今年改成定性，完成与否无法衡量。

    反例（上年 =100%）：

        - {level1: 产出指标, level2: 时效指标, name: 故障响应及时性, value: 及时}

    正例：

        - {level1: 产出指标, level2: 时效指标, name: 故障响应及时率, value: "≥98.00(%)"}

    选项：project_match_ratio（默认 0.8），indicator_match_ratio（默认 0.6）。

    [en]
    An indicator with a number as its target in last year's table of the same project
    has only a qualitative word (及时, 良好) as its target now. Rows pair by name first
    (names compared after folding width, traditional characters, ordinals and bracketed notes); rows left pair within the same level2 (时效) by name
    similarity, indicator_match_ratio (default 0.6, the share of common characters): 2020
    “故障处理修复及时性 =100%” pairs with 2026 “故障响应及时性 及时”.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for specific targets, stated
    quantitatively wherever possible; 财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置
    及取值指引（试行）》: quantitative first, qualitative as a supplement. A target that was
    measurable last year and is vague now cannot be checked.

    Bad (last year =100%):

        - {level1: 产出指标, level2: 时效指标, name: 故障响应及时性, value: 及时}

    Good:

        - {level1: 产出指标, level2: 时效指标, name: 故障响应及时率, value: "≥98.00(%)"}

    Options: project_match_ratio (default 0.8), indicator_match_ratio (default 0.6).
    """
    ratio = float(ctx.options.get("indicator_match_ratio", 0.6))
    for t, prev in _pairs(run, ctx):
        pairs = pair_rows(prev, t, ratio)
        for b in prev.indicators:
            r = pairs.get(b.index)
            if r is not None and b.quantitative and not r.quantitative and r.value:
                path = f"/indicators/{b.index}/value"
                yield ctx.finding(t, f"/indicators/{r.index}/value", related=[(prev, path)], name=r.name,
                                  before_name=b.name, before=b.value, now=r.value, **_last(prev, path))


@check(code="LG605", name="indicator-dropped", severity="info", scope="run",
       messages={"zh": "上年的定量指标“{before_name}” {before} 今年没有对应的指标" + _LAST + "：该项工作仍在做的，请保留这一指标；不再做的，请在{place}中说明",
                 "en": "last year's quantitative indicator “{before_name}” {before} has no counterpart this year" + _LAST_EN +
                       ": keep it if the work goes on, or say in {place} why it was dropped"},
       options=dict(_RATIO, **_PAIR))
def indicator_dropped(run, ctx):
    """上年的定量指标今年没有对应指标。

    [zh]
    上年同一项目的表中有数值目标的指标，今年既没有同名指标，也没有同一二级指标下名称相近的
    指标（与 LG604 的配对相同）。上年表格式中的共性管理指标（2018、2020 年的“投入和管理目标”
    “投入与管理”），在今年换用不设该类别的表格式时不报告。报告在今年的指标表上。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》的审核看完整性：经常性项目的
    主要产出和效果应年年可比；上年的量化指标消失，评审会问这项工作是否还在做。这是提示。

    反例：上年有“年度运维报告完成数 =2(次)”，今年的表里没有这一项，也没有说明。

    正例：保留该指标，或在年度总体目标（2018、2020 年的表：项目概况）中说明不再做的原因。

    选项：project_match_ratio（默认 0.8），indicator_match_ratio（默认 0.6）。

    [en]
    An indicator with a number as its target in last year's table of the same project
    has no counterpart this year: no row of the same name and none of a similar name
    under the same level2 (the pairing of LG604). Last year's common management rows
    (2018/2020: 投入和管理目标, 投入与管理) are not reported when this year's form has no
    such category. The finding sits at this year's indicator list.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》: review looks at completeness; a
    recurring project's main outputs and effects should be comparable year on year, and a
    measured target that disappears raises the question whether the work still goes on.
    This is a note.

    Bad: last year had “年度运维报告完成数 =2(次)”; this year's table has no such row and
    gives no reason.

    Good: keep the indicator, or say in the annual goal (2018/2020 forms: the project
    overview) why it was dropped.

    Options: project_match_ratio (default 0.8), indicator_match_ratio (default 0.6).
    """
    ratio = float(ctx.options.get("indicator_match_ratio", 0.6))
    for t, prev in _pairs(run, ctx):
        pairs = pair_rows(prev, t, ratio)
        same_form = prev.template == t.template
        for b in prev.indicators:
            if b.index in pairs or not b.quantitative or (b.managed and not same_form):
                continue
            path = f"/indicators/{b.index}/value"
            yield ctx.finding(t, "/indicators", related=[(prev, path)], key=b.name or b.value,
                              before_name=b.name, before=b.value, place=_place(t), **_last(prev, path))


@check(code="LG701", name="goals-shared-across-projects", severity="info", scope="run",
       messages={"zh": "{label}与同一单位另一项目“{other}”的完全相同（{where}）：请按本项目的任务和预算写{label}",
                 "en": "the {label} is word for word that of another project of the same unit, “{other}” ({where}): write this project's own tasks and effects"},
       options=dict(_RATIO))
def goals_shared_across_projects(run, ctx):
    """同一单位两个不同项目的年度目标完全相同。

    [zh]
    同一单位、同一年度的两个不同项目（不是同一项目的两年；项目按 LG6 的规则判断：同名，
    或名称相似度达到 project_match_ratio）的年度目标逐字相同（折叠全角、繁体和空格后比较；
    不足 10 个字的目标不比较）。每张表报告一次，写明另一个项目和它的文件。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标指向明确；财预〔2015〕
    88号《中央部门预算绩效目标管理办法》的审核看相关性：年度目标应是本项目的任务和效果。两个
    项目的目标一字不差，多半是表与表之间复制粘贴。这是提示。

    反例：“信息化建设项目”和“信息化运维项目”都写“保障平台稳定运行，完成年度任务。”

    正例：分别写明建设项目要交付的系统和运维项目要保障的服务。

    选项：project_match_ratio（默认 0.8）。

    [en]
    Two different projects of the same unit and year (not one project in two years:
    projects are the same as LG6 decides, by name or by similarity project_match_ratio)
    have word-for-word the same annual goal (after folding width, traditional characters
    and spaces; goals under 10 characters are not compared). Each table is reported
    once, naming the other project and its file.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for targets that point
    clearly at the project; 财预〔2015〕88号《中央部门预算绩效目标管理办法》: review looks at
    relevance. Two projects with the same goal were most likely copied from one table to
    the other. This is a note.

    Bad: “信息化建设项目” and “信息化运维项目” both say “保障平台稳定运行，完成年度任务。”

    Good: the construction project states the system it delivers, the maintenance
    project the service it keeps running.

    Options: project_match_ratio (default 0.8).
    """
    ratio = float(ctx.options.get("project_match_ratio", 0.8))
    for group in run.same_goals():  # one unit, one year, one goal, two project keys or more
        for t in group:
            if not run.checked(t):
                continue
            # the first other project (a renamed copy of this one, ≥ ratio alike, is not another project)
            others = [o for o in group if o.project_key != t.project_key
                      and similarity(o.project_key, t.project_key) < ratio]
            if not others:
                continue
            o = others[0]
            label = _GOALS_LABEL.get(t.template, _GOALS_LABEL["2026"])
            yield ctx.finding(t, "/goals/annual", related=[(x, "/goals/annual") for x in others],
                              key=o.project, other=o.project, label={"zh": label, "en": f"annual goal ({label})"},
                              where=location_text(o, o.place("/goals/annual")))
