"""LG1 — indicator structure: the categories a table must have, and rows in
the right place. The taxonomy comes from the template (ctx.templates)."""
from __future__ import annotations

from lintgoals import check
from lintgoals.taxonomy import norm
from lintgoals.values import fold

from ._common import fold_words, has, is_satisfaction

TIME_WORDS = ["及时", "时间", "时限", "期限", "按时", "进度", "日", "天", "小时", "工作日", "月", "年底", "年内", "季度", "周"]
ENV_WORDS = ["生态", "环境", "节能", "减排", "排放", "能耗", "绿色", "碳", "污染", "水", "空气", "垃圾"]
INPUT_TERMS = ["预算执行率", "资金到位率", "预算编制", "财务管理制度", "资金使用规范"]


def _template(doc, ctx):
    return ctx.templates.get(doc.template)


def _satisfaction_home(t) -> str:
    """Where a template puts satisfaction: its level1 (and level2) naming 满意."""
    for l1, l2s in t.level1.items():
        if "满意" in l1:
            return l1 + (f" / {l2s[0]}" if l2s else "")
        for l2 in l2s or ():
            if "满意" in l2:
                return f"{l1} / {l2}"
    return list(t.level1)[-1] if t.level1 else "满意度指标"


@check(code="LG101", name="missing-satisfaction", severity="error",
       messages={"zh": "没有满意度指标：请在“{where}”下增加一行，如“服务对象满意度 ≥90.00(%)”",
                 "en": "no satisfaction indicator: add a row under '{where}', e.g. 服务对象满意度 ≥90.00(%)"})
def missing_satisfaction(doc, ctx):
    """没有满意度指标：没有任何一行的一级、二级指标或指标名称含“满意”。

    [zh]
    表中没有满意度指标：没有任何一行的一级指标、二级指标或三级指标名称含“满意”。

    为什么：中发〔2018〕34号要求绩效目标涵盖“服务对象满意度”；2026 模板把满意度指标列为
    一级指标（财预〔2021〕101号）。评审最常因此退回表格。

    反例：只有产出指标和效益指标，没有满意度一行。

    正例：

        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, value: "≥90.00(%)"}

    选项：无。

    [en]
    The table has no satisfaction indicator: no row whose level1, level2 or name contains 满意.

    Why: 中发〔2018〕34号 requires targets to cover 服务对象满意度 (satisfaction of those
    served); the 2026 template makes 满意度指标 a first-level indicator (财预〔2021〕101号).
    Reviewers send tables back for this more than anything.

    Bad: output and benefit rows only, no satisfaction row.

    Good:

        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, value: "≥90.00(%)"}

    Options: none.
    """
    rows = doc.indicators
    if not rows:
        return  # no indicators at all is LG002's finding
    for r in reversed(rows):  # forms put satisfaction last: found at once
        if is_satisfaction(r):
            return
    t = _template(doc, ctx)
    yield ctx.finding("/indicators", where=_satisfaction_home(t) if t else "满意度指标 / 服务对象满意度指标")


@check(code="LG102", name="missing-category", severity="error",
       messages={"zh": "缺少一级指标“{category}”（{template} 模板要求）：请增加该类指标，如{example}",
                 "en": "first-level category '{category}' is missing (required by the {template} template): add rows such as {example}"})
def missing_category(doc, ctx):
    """缺少模板要求的一级指标。

    [zh]
    缺少模板要求的一级指标。2026：产出指标、效益指标；2020：投入与管理、产出目标、效果目标、
    影响力目标；2018：投入和管理目标、产出目标、效果目标、影响力目标。满意度由 LG101 负责，
    成本指标由 LG108 负责。名称带不带“指标/目标”后缀都算（产出 = 产出指标）。

    为什么：财预〔2015〕88号 审核看完整性；财预〔2021〕101号 规定了一级指标的构成。

    反例（2026）：只有产出指标和满意度指标。

    正例（2026）：再加一行

        - {level1: 效益指标, level2: 社会效益指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    选项：templates（配置可增加或覆盖模板的分类）。

    [en]
    A first-level category that the template requires is absent. 2026: 产出指标, 效益指标;
    2020: 投入与管理, 产出目标, 效果目标, 影响力目标; 2018: 投入和管理目标, 产出目标, 效果目标,
    影响力目标. Satisfaction is LG101's, cost is LG108's. Names match with and without the
    指标/目标 suffix.

    Why: 财预〔2015〕88号 reviews targets for completeness; 财预〔2021〕101号 sets the
    first-level categories.

    Bad (2026): only 产出指标 and 满意度指标 rows.

    Good (2026): add

        - {level1: 效益指标, level2: 社会效益指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    Options: templates (a config can add or override a template's taxonomy).
    """
    rows = doc.indicators
    t = _template(doc, ctx)
    if not rows or t is None:
        return
    present = {norm(r.level1) for r in rows}
    for cat in t.required:
        if "满意" in cat or (t.cost and norm(cat) == norm(t.cost)):
            continue
        if norm(cat) not in present:
            example = _example_row(t, cat)
            yield ctx.finding("/indicators", category=cat, template=t.name, example=example)


def _example_row(t, cat) -> str:
    l2s = t.level1.get(cat) or ()
    l2 = l2s[0] if l2s else ""
    return f"“{cat}{' / ' + l2 if l2 else ''} / …… ≥95.00(%)”"


@check(code="LG103", name="missing-output-dimension", severity="warning",
       messages={"zh": "产出类“{category}”缺少“{dimension}”维度：请增加一行{dimension}指标，如{example}",
                 "en": "output category '{category}' has no '{dimension}' row: add one, e.g. {example}"})
def missing_output_dimension(doc, ctx):
    """产出指标缺少数量、质量或时效维度（每缺一个一条）。

    [zh]
    产出类一级指标下缺少数量、质量或时效二级指标（2026 与 2020 模板），每缺一个维度一条发现。
    产出类整类缺失时由 LG102 报告，这里不重复。

    为什么：财预〔2011〕285号 要求绩效目标“具体细化”，从数量、质量、成本和时效等方面细化。

    反例（2026）：产出指标下只有数量指标和质量指标。

    正例：再加

        - {level1: 产出指标, level2: 时效指标, name: 课题完成及时率, value: "=100.00(%)"}

    选项：templates（模板的 output_dimensions）。

    [en]
    The output category lacks a 数量 (quantity), 质量 (quality) or 时效 (timeliness) row
    (2026 and 2020 templates), one finding per missing dimension. A missing output category
    is LG102's finding.

    Why: 财预〔2011〕285号 asks for targets broken down by quantity, quality, cost and time.

    Bad (2026): 产出指标 has only 数量指标 and 质量指标 rows.

    Good: add

        - {level1: 产出指标, level2: 时效指标, name: 课题完成及时率, value: "=100.00(%)"}

    Options: templates (a template's output_dimensions).
    """
    t = _template(doc, ctx)
    if t is None or not t.output or not t.output_dimensions:
        return
    output = norm(t.output)
    out_rows = [r for r in doc.indicators if norm(r.level1) == output]
    if not out_rows:
        return
    levels2 = [fold(r.level2) for r in out_rows]
    for dim in t.output_dimensions:
        if not any(dim in l2 for l2 in levels2):
            yield ctx.finding(f"/indicators/{out_rows[0].index}/level1", category=t.output, dimension=dim,
                              example=_DIMENSION_EXAMPLES.get(dim, f"“{dim} / …… ≥95.00(%)”"))


_DIMENSION_EXAMPLES = {"数量": "“数量指标 / 完成课件数 ≥12(部)”", "质量": "“质量指标 / 验收合格率 =100.00(%)”",
                       "时效": "“时效指标 / 按期完成率 =100.00(%)”"}


@check(code="LG104", name="unknown-subcategory", severity="warning",
       messages={"zh": "“{given}”不是 {template} 模板{where}允许的{level}：应为 {allowed}",
                 "en": "'{given}' is not a {level} that the {template} template allows{where}: use one of {allowed}"})
def unknown_subcategory(doc, ctx):
    """二级指标不属于模板中该一级指标之下（2018 表的二级指标不限）。

    [zh]
    二级指标不在模板为该一级指标规定的范围内（分类见 RULES.md），或一级指标不属于该模板。
    2018 表的二级指标不限，整条规则不适用。没有填写二级指标的行不报告。
    名称带不带“指标/目标”后缀都算。

    为什么：财预〔2021〕101号 与上海《核心绩效目标和指标设置及取值指引》规定了指标体系；
    放错分类的指标会被评审认为不相关或不完整。

    反例（2026）：

        - {level1: 效益指标, level2: 质量指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    正例：

        - {level1: 效益指标, level2: 社会效益指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    选项：templates（配置可为模板增加允许的二级指标）。

    [en]
    A level2 that the template does not allow under its level1 (taxonomy in RULES.md), or a
    level1 the template does not have. 2018 forms have a free second level and are exempt.
    Rows without a level2 are not reported. Names match with and without the 指标/目标
    suffix.

    Why: 财预〔2021〕101号 and Shanghai's indicator guide fix the indicator system; a row
    in the wrong category reads as irrelevant or incomplete.

    Bad (2026):

        - {level1: 效益指标, level2: 质量指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    Good:

        - {level1: 效益指标, level2: 社会效益指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    Options: templates (a config can allow more level2 names).
    """
    t = _template(doc, ctx)
    if t is None or not t.level1 or all(v is None for v in t.level1.values()):
        return  # 2018 forms: a free second level, exempt
    for r in doc.indicators:
        cat, level2_ok = t.placement(r.level1, r.level2)
        if level2_ok:  # the usual row
            continue
        if cat is None:
            if not fold(r.level1):
                continue
            yield ctx.finding(f"/indicators/{r.index}/level1", given=fold(r.level1), template=t.name,
                              where="", level={"zh": "一级指标", "en": "level1"}, allowed="、".join(t.level1))
            continue
        allowed = t.level1[cat]
        if allowed is not None and fold(r.level2):
            yield ctx.finding(f"/indicators/{r.index}/level2", given=fold(r.level2), template=t.name,
                              where={"zh": f"在“{cat}”下", "en": f" under '{cat}'"},
                              level={"zh": "二级指标", "en": "level2"}, allowed="、".join(allowed))


@check(code="LG105", name="misplaced-indicator", severity="warning",
       messages={"zh": "指标“{name}”（{value}）放在“{level}”下，但{reason}：请移到合适的分类，或改写指标使其符合该分类",
                 "en": "indicator '{name}' ({value}) sits under '{level}' but {reason}: move it, or reword it to fit"},
       options={"time_words": {"type": "list", "schema": {"type": "string"}, "default": TIME_WORDS},
                "environment_words": {"type": "list", "schema": {"type": "string"}, "default": ENV_WORDS}})
def misplaced_indicator(doc, ctx):
    """指标内容与其二级指标不符（时效无时间词、生态效益无环境词、满意度行放错位置）。

    [zh]
    指标的内容（名称和指标值）与所在的二级指标矛盾：
    - 在“时效”下，却没有任何时间词（及时 时间 时限 期限 按时 进度 日 天 小时 工作日 月
      年底 年内 季度 周）；
    - 在“生态效益/环境效益”下，却没有任何环境词（生态 环境 节能 减排 排放 能耗 绿色 碳
      污染 水 空气 垃圾）；
    - 指标名称含“满意”，但一级和二级指标都不含“满意”（2020 与 2026 模板）。

    为什么：财预〔2015〕88号 审核看相关性；放错分类的指标无法说明该维度的目标。

    反例：

        - {level1: 效益指标, level2: 生态效益指标, name: 安全测试达标, value: 合格}

    正例：

        - {level1: 产出指标, level2: 质量指标, name: 安全测试达标, value: 合格}

    选项：time_words、environment_words（词表）。

    [en]
    The row's content (name and value) contradicts its level2:
    - under 时效 (timeliness) with no time word (及时 时间 时限 期限 按时 进度 日 天 小时
      工作日 月 年底 年内 季度 周);
    - under 生态效益/环境效益 with no environment word (生态 环境 节能 减排 排放 能耗 绿色 碳
      污染 水 空气 垃圾);
    - a name holding 满意 whose level1 and level2 hold no 满意 (2020 and 2026 templates).

    Why: 财预〔2015〕88号 reviews relevance; a row in the wrong category says nothing about
    that dimension.

    Bad:

        - {level1: 效益指标, level2: 生态效益指标, name: 安全测试达标, value: 合格}

    Good:

        - {level1: 产出指标, level2: 质量指标, name: 安全测试达标, value: 合格}

    Options: time_words, environment_words (word lists).
    """
    t = _template(doc, ctx)
    time_words, env_words = fold_words(ctx.options["time_words"]), fold_words(ctx.options["environment_words"])
    for r in doc.indicators:
        l2 = fold(r.level2)
        reason = None
        if "时效" in l2 and not has(r.key + " " + r.value.folded, time_words):
            reason = {"zh": "名称和指标值里没有时间要求（如期限、天数、及时率）",
                      "en": "neither its name nor its value states a time (a deadline, days, an on-time rate)"}
        elif ("生态效益" in l2 or "环境效益" in l2) and not has(r.key + " " + r.value.folded, env_words):
            reason = {"zh": "名称和指标值与生态环境无关", "en": "neither its name nor its value concerns the environment"}
        elif t is not None and t.satisfaction_placement and "满意" in r.key and "满意" not in r.levels:
            reason = {"zh": "满意度指标应放在满意度分类下", "en": "a satisfaction indicator belongs under the satisfaction category"}
        if reason:
            level = " / ".join(x for x in (fold(r.level1), l2) if x)
            yield ctx.finding(f"/indicators/{r.index}", name=r.name, value=r.value.text, level=level, reason=reason)


@check(code="LG106", name="duplicate-indicator", severity="warning",
       messages={"zh": "指标“{name}”重复（第 {first} 行已有同名指标）：请删除一行，或把两行写成不同的指标",
                 "en": "indicator '{name}' appears twice (first in row {first}): remove one or make them different indicators"})
def duplicate_indicator(doc, ctx):
    """同一张表中同名指标出现两次（去空白、全半角折叠后比较）。

    [zh]
    同一张表里同一个三级指标名称出现两次（去掉首尾空白、全角半角折叠后比较）。

    为什么：重复的指标不增加信息，还会让评审怀疑复制粘贴（财预〔2015〕88号 适当性）。

    反例：

        - {level2: 可持续影响指标, name: 持续示范平台目标, value: ……}
        - {level2: 可持续影响指标, name: 持续示范平台目标, value: ……}

    正例：只保留一行，或改成两个不同的指标。

    选项：无。

    [en]
    The same indicator name twice in one table (compared after trimming and width-folding).

    Why: a repeated row adds nothing and reads as copy-and-paste (财预〔2015〕88号,
    appropriateness).

    Bad: two rows named 持续示范平台目标.

    Good: keep one row, or make them two different indicators.

    Options: none.
    """
    seen = {}
    for r in doc.indicators:
        if not r.key:
            continue
        if r.key in seen:
            yield ctx.finding(f"/indicators/{r.index}/name", name=r.name, first=seen[r.key] + 1)
        else:
            seen[r.key] = r.index


@check(code="LG107", name="input-as-target", severity="warning",
       messages={"zh": "“{name}”是投入或管理事项，不是绩效目标（{template} 模板没有投入类指标）：请改写为该项目的产出或效益，如“{example}”",
                 "en": "'{name}' is an input or management item, not a target (the {template} template has no input category): state an output or benefit instead, e.g. {example}"},
       options={"input_terms": {"type": "list", "schema": {"type": "string"}, "default": INPUT_TERMS}})
def input_as_target(doc, ctx):
    """2026 模板：把投入/管理事项（预算执行率、资金到位率……）当作绩效目标。

    [zh]
    2026 模板中，把投入或管理事项当作绩效目标：预算执行率、资金到位率、预算编制、
    财务管理制度、资金使用规范。

    为什么：投入不能作为绩效目标；财预〔2021〕101号 的四类一级指标（成本、产出、效益、
    满意度）中没有投入类。2020 年以前的模板有“投入与管理”，因此只查 2026 模板。

    反例：

        - {level1: 产出指标, level2: 质量指标, name: 预算执行率, value: "=100%"}

    正例：

        - {level1: 产出指标, level2: 质量指标, name: 课件验收合格率, value: "=100.00(%)"}

    选项：input_terms（词表）。

    [en]
    On the 2026 template, an input or management item used as a target: 预算执行率, 资金到位率,
    预算编制, 财务管理制度, 资金使用规范.

    Why: inputs are not performance targets; the four categories of 财预〔2021〕101号 (cost,
    output, benefit, satisfaction) have no input category. Earlier templates had 投入与管理,
    so only the 2026 template is checked.

    Bad:

        - {level1: 产出指标, level2: 质量指标, name: 预算执行率, value: "=100%"}

    Good:

        - {level1: 产出指标, level2: 质量指标, name: 课件验收合格率, value: "=100.00(%)"}

    Options: input_terms (word list).
    """
    t = _template(doc, ctx)
    if t is None or not t.no_input_category:
        return
    terms = fold_words(ctx.options["input_terms"])
    for r in doc.indicators:
        if has(r.key, terms):
            yield ctx.finding(f"/indicators/{r.index}/name", name=r.name, template=t.name,
                              example="课件验收合格率 =100.00(%)")


@check(code="LG108", name="missing-cost-indicator", severity="warning",
       messages={"zh": "没有成本指标：请增加一级指标“{category}”，如“{category} / 经济成本指标 / 单位运维成本 ≤{example}”",
                 "en": "no cost indicator: add the first-level category '{category}', e.g. {category} / 经济成本指标 / 单位运维成本 ≤{example}"})
def missing_cost_indicator(doc, ctx):
    """2026 模板：没有成本指标。

    [zh]
    2026 模板中没有“成本指标”一级指标。

    为什么：上海《市级部门项目支出核心绩效目标和指标设置及取值指引（试行）》（2025）要求
    原则上每一项目均应设置成本指标；财预〔2021〕101号 把成本列为一级指标。单独编码，
    便于上海以外的单位放宽（severity 或 ignore）。

    反例：只有产出、效益、满意度指标。

    正例：

        - {level1: 成本指标, level2: 经济成本指标, name: 项目成本控制额, value: "≤4818000(元)"}

    选项：无（模板的 cost 键决定成本类名称）。

    [en]
    On the 2026 template, no 成本指标 (cost) category.

    Why: Shanghai's indicator guide (2025): 原则上每一项目均应设置成本指标 (every project
    should in principle have a cost indicator); 财预〔2021〕101号 makes cost a first-level
    indicator. A separate code so that units outside Shanghai can relax it.

    Bad: output, benefit and satisfaction rows only.

    Good:

        - {level1: 成本指标, level2: 经济成本指标, name: 项目成本控制额, value: "≤4818000(元)"}

    Options: none (the template's cost key names the category).
    """
    t = _template(doc, ctx)
    if t is None or not t.cost or not doc.indicators:
        return
    if any(norm(r.level1) == norm(t.cost) for r in doc.indicators):
        return
    budget = doc.amounts["current_year"].value or doc.amounts["total"].value
    example = f"{budget:f}".split(".")[0] + "(元)" if budget else "……(元)"
    yield ctx.finding("/indicators", category=t.cost, example=example)
