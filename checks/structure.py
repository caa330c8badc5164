"""LG1 — indicator structure: the categories a table must have, and rows in
the right place. The taxonomy comes from the template (ctx.templates); names
are matched as lintgoals reads them (lintgoals.names: width, simplified
characters, ordinals, notes, 指标/目标 suffix, aliases)."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

from lintgoals import check
from lintgoals.names import read
from lintgoals.values import fold, format_number

from . import _suggest
from ._common import fold_words, has, is_placeholder_name

TIME_WORDS = ["及时", "时间", "时限", "期限", "按时", "按期", "计划", "当年", "期内", "截止", "之前", "底前",
              "进度", "日", "天", "小时", "工作日", "月", "年底", "年内", "季度", "周"]
ENV_WORDS = ["生态", "环境", "节能", "减排", "排放", "能耗", "绿色", "碳", "污染", "水", "空气", "垃圾",
             "扬尘", "噪声", "绿化"]
ECONOMIC_WORDS = ["经济", "收入", "收益", "增收", "产值", "产量", "增产", "利润", "税", "节约", "节省", "成本",
                  "费用", "资金", "元", "投资", "销售", "价格", "就业", "创收", "带动"]
INPUT_TERMS = ["预算执行率", "资金到位率", "预算编制", "财务管理制度", "资金使用规范"]
MONEY_WORDS = ["资金", "预算", "经费", "财政", "拨款", "支出"]
ACTION_WORDS = ["到位", "下达", "拨付", "支付", "执行", "使用", "安排", "编制", "支出"]
COMPLIANCE_WORDS = ["合规性"]
COUNT_UNITS = _suggest.COUNT_UNITS  # units that count things (defined with the suggestions)


def _template(doc, ctx):
    return ctx.templates.get(doc.template)


def _satisfaction_home(t) -> str:
    """Where a template puts satisfaction: its level1 (and level2) naming 满意."""
    for l1, l2s in t.level1.items():
        if "满意" in l1:
            return l1 + (f" / {l2s[0]}" if l2s else "")
    for l1, l2s in t.level1.items():
        for l2 in l2s or ():
            if "满意" in l2:
                return f"{l1} / {l2}"
    return list(t.level1)[-1] if t.level1 else "满意度指标"


# ---------------------------------------------------------------- LG101

@check(code="LG101", name="missing-satisfaction", severity="error",
       messages={"zh": "没有满意度指标{detail}：请在“{where}”下增加一行，如“服务对象满意度 ≥90.00(%)”",
                 "en": "no satisfaction indicator{detail}: add a row under '{where}', e.g. 服务对象满意度 ≥90.00(%)"})
def missing_satisfaction(doc, ctx):
    """没有满意度指标：没有任何一行的指标名称含“满意”。

    [zh]
    表中没有满意度指标：没有任何一行的三级指标名称含“满意”。只有分类（一级或二级指标）叫
    “满意度指标”而其下的指标衡量的是别的东西（如“群众幸福感”“获得感”），不算满意度指标，
    提示会指出这一行。

    为什么：中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》要求绩效目标
    涵盖“服务对象满意度”；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值
    指引（试行）》把满意度指标列为一级指标。评审常因此退回表格。

    反例：

        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 群众幸福感, value: 明显提升}

    正例：

        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, value: "≥90.00(%)"}

    选项：无。

    [en]
    The table has no satisfaction indicator: no row whose name (三级指标) contains 满意. A
    category named 满意度指标 whose rows measure something else (群众幸福感, happiness;
    获得感) does not count; the message then names that row.

    Why: 中发〔2018〕34号《中共中央 国务院关于全面实施预算绩效管理的意见》 requires targets
    to cover 服务对象满意度 (satisfaction of those served); 财预〔2021〕101号《中央部门项目支出
    核心绩效目标和指标设置及取值指引（试行）》 makes 满意度指标 a first-level indicator.
    Reviewers send tables back for this.

    Bad:

        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 群众幸福感, value: 明显提升}

    Good:

        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, value: "≥90.00(%)"}

    Options: none.
    """
    rows = doc.indicators
    if not rows:
        return  # no indicators at all is LG002's finding
    for r in reversed(rows):  # forms put satisfaction last: found at once
        if "满意" in read(r.name):
            return
    t = _template(doc, ctx)
    where = _satisfaction_home(t) if t else "满意度指标 / 服务对象满意度指标"
    block = next((r for r in rows if "满意" in r.levels), None)
    if block is None:
        yield ctx.finding("/indicators", where=where, detail="")
        return
    level = " / ".join(x.strip() for x in (block.level1, block.level2) if x.strip())
    yield ctx.finding(f"/indicators/{block.index}/name", where=level,
                      detail={"zh": f"（“{level}”下的“{block.name.strip()}”衡量的不是满意度）",
                              "en": f" ('{block.name.strip()}' under '{level}' measures something else)"})


# ---------------------------------------------------------------- LG102

@check(code="LG102", name="missing-category", severity="error",
       messages={"zh": "一级指标“{category}”{state}（{template} 模板要求）：请在该类下填写指标，如“{example}”",
                 "en": "first-level category '{category}' {state} (required by the {template} template): add rows under it, e.g. {example}"})
def missing_category(doc, ctx):
    """缺少模板要求的一级指标。

    [zh]
    缺少模板要求的一级指标。2026 与 2015 模板：产出指标、效益指标；2020：投入与管理、产出目标、
    效果目标、影响力目标；2018：投入和管理目标、产出目标、效果目标、影响力目标。满意度由
    LG101 负责，成本指标由 LG108 负责。名称按读取规则比较：带不带“指标/目标”后缀、序号
    （“一、”）、括注（“(50分)”）和别名（“项目完成指标”即产出指标）都算。表上有该分类但其下
    一条指标也没有时（导入时记在 form.empty_categories），提示会说明“有分类、无指标”。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》审核绩效目标看完整性；
    财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》规定了
    一级指标的构成。

    反例（2026）：只有产出指标和满意度指标。

    正例（2026）：再加一行

        - {level1: 效益指标, level2: 社会效益指标, name: 受益群众覆盖率, value: "≥90.00(%)"}

    选项：templates（配置可增加或覆盖模板的分类）、aliases（分类名称的别名）。

    [en]
    A first-level category that the template requires is absent. 2026 and 2015: 产出指标,
    效益指标; 2020: 投入与管理, 产出目标, 效果目标, 影响力目标; 2018: 投入和管理目标, 产出目标,
    效果目标, 影响力目标. Satisfaction is LG101's, cost is LG108's. Names are compared as read:
    with and without the 指标/目标 suffix, ordinals (一、), notes ((50分)) and aliases
    (项目完成指标 is 产出指标). When the form has the category but nothing in it (the importer
    records it in form.empty_categories), the message says so.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》 reviews targets for completeness;
    财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》 sets the
    first-level categories.

    Bad (2026): only 产出指标 and 满意度指标 rows.

    Good (2026): add

        - {level1: 效益指标, level2: 社会效益指标, name: 受益群众覆盖率, value: "≥90.00(%)"}

    Options: templates (a config can add or override a template's taxonomy), aliases
    (other names of a category).
    """
    rows = doc.indicators
    t = _template(doc, ctx)
    if not rows or t is None:
        return
    present = {t.key(r.level1) for r in rows}
    empty = {}
    for i, (l1, _) in enumerate(doc.empty_categories):
        empty.setdefault(t.key(l1), i)
    cost = t.key(t.cost) if t.cost else None
    for cat in t.required:
        k = t.key(cat)
        if "满意" in cat or k == cost or k in present:
            continue
        example = t.examples.get(cat) or cat
        if k in empty:
            yield ctx.finding(f"/form/empty_categories/{empty[k]}", category=cat, template=t.name, example=example,
                              state={"zh": "表上有，但其下没有任何指标", "en": "is on the form but holds no indicator"})
        else:
            yield ctx.finding("/indicators", category=cat, template=t.name, example=example,
                              state={"zh": "缺失", "en": "is missing"})


# ---------------------------------------------------------------- LG103

@check(code="LG103", name="missing-output-dimension", severity="warning",
       messages={"zh": "产出类“{category}”{state}：请增加一行{dimension}指标，如“{example}”",
                 "en": "output category '{category}' {state}: add a {dimension} row, e.g. {example}"})
def missing_output_dimension(doc, ctx):
    """产出指标缺少数量、质量或时效维度（每缺一个一条）。

    [zh]
    产出类一级指标下缺少数量、质量或时效二级指标（2026、2020 与 2015 模板），每缺一个维度一条
    发现。产出类整类缺失时由 LG102 报告，这里不重复。表上有该二级分类但其下没有指标时，提示
    会说明“有分类、无指标”。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标“具体细化”，从
    数量、质量、成本和时效等方面细化。

    反例（2026）：产出指标下只有数量指标和质量指标。

    正例：再加

        - {level1: 产出指标, level2: 时效指标, name: 课题按期完成率, value: "=100.00(%)"}

    选项：templates（模板的 output_dimensions）。

    [en]
    The output category lacks a 数量 (quantity), 质量 (quality) or 时效 (timeliness) row
    (2026, 2020 and 2015 templates), one finding per missing dimension. A missing output
    category is LG102's finding. When the form has the second-level category but nothing in
    it, the message says so.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for targets broken down
    (具体细化) by quantity, quality, cost and time.

    Bad (2026): 产出指标 has only 数量指标 and 质量指标 rows.

    Good: add

        - {level1: 产出指标, level2: 时效指标, name: 课题按期完成率, value: "=100.00(%)"}

    Options: templates (a template's output_dimensions).
    """
    t = _template(doc, ctx)
    if t is None or not t.output or not t.output_dimensions:
        return
    out_rows = [r for r in doc.indicators if t.category(r.level1) == t.output]
    if not out_rows:
        return
    levels2 = [t.key(r.level2, r.level1) for r in out_rows]
    empty = [(i, t.key(l2, l1)) for i, (l1, l2) in enumerate(doc.empty_categories) if t.category(l1) == t.output]
    written = out_rows[0].level1.strip()  # the output category as the form names it
    for dim in t.output_dimensions:
        if any(dim in l2 for l2 in levels2):
            continue
        example = t.examples.get(dim) or dim
        hollow = next((i for i, l2 in empty if dim in l2), None)
        if hollow is not None:
            yield ctx.finding(f"/form/empty_categories/{hollow}", category=written, dimension=dim, example=example,
                              state={"zh": f"的“{dim}”维度表上有，但其下没有任何指标",
                                     "en": f"has a '{dim}' category on the form with no row in it"})
        else:
            yield ctx.finding(f"/indicators/{out_rows[0].index}/level1", category=written, dimension=dim,
                              example=example, state={"zh": f"缺少“{dim}”维度", "en": f"has no '{dim}' row"})


# ---------------------------------------------------------------- LG104

@check(code="LG104", name="unknown-subcategory", severity="warning",
       messages={"zh": "“{given}”不是 {template} 模板{where}的{level}：应为 {allowed}",
                 "en": "'{given}' is not a {level} of the {template} template{where}: use one of {allowed}"})
def unknown_subcategory(doc, ctx):
    """二级指标不属于模板中该一级指标之下；一级指标不属于模板（每表每名一条）。

    [zh]
    二级指标不在模板为该一级指标规定的范围内（每行一条），或一级指标不属于该模板（每张表、
    每个名称只报一条，在它第一次出现的行）。2018 表的二级指标不限，整条规则不适用。没有填写
    二级指标的行不报告。名称按读取规则比较：带不带“指标/目标”后缀、序号（“一、”“（一）”）、
    括注（“(50分)”“（必填硬性指标）”）、繁简体和别名（“项目完成指标”即产出指标）都算。

    各模板的分类：
    - 2026（财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》）：
      成本指标（经济成本、社会成本、生态环境成本指标），产出指标（数量、质量、时效指标；
      成本指标也接受），效益指标（经济效益、社会效益、生态效益、可持续影响指标），满意度指标
      （服务对象满意度指标）；
    - 2015（财预〔2015〕88号《中央部门预算绩效目标管理办法》）：产出指标（数量、质量、时效、
      成本指标），效益指标（经济效益、社会效益、生态效益、可持续影响、服务对象满意度指标），
      满意度指标（服务对象满意度指标）；
    - 2020：投入与管理、产出目标、效果目标、影响力目标及其二级指标。

    为什么：上述文件规定了指标体系；放错分类的指标会被评审认为不相关或不完整。

    反例（2026）：

        - {level1: 效益指标, level2: 质量指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    正例：

        - {level1: 效益指标, level2: 社会效益指标, name: 平台稳定运行率, value: "≥99.00(%)"}
        - {level1: 一、产出指标(50分), level2: （一）数量指标（必填硬性指标）, name: 培训人数, value: "≥500(人)"}

    选项：templates（配置可为模板增加允许的二级指标）、aliases（分类名称的别名，如
    `aliases: {完成指标: 产出指标}`）。

    [en]
    A level2 that the template does not allow under its level1 (one finding per row), or a
    level1 the template does not have (one finding per table and name, at its first row).
    2018 forms have a free second level and are exempt. Rows without a level2 are not
    reported. Names are compared as read: with and without the 指标/目标 suffix, ordinals
    (一、, （一）), notes ((50分), （必填硬性指标）), traditional characters and aliases
    (项目完成指标 is 产出指标).

    The taxonomies: 2026 (财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引
    （试行）》): 成本指标, 产出指标, 效益指标, 满意度指标 with their second levels; 2015
    (财预〔2015〕88号《中央部门预算绩效目标管理办法》): 产出指标 (数量, 质量, 时效, 成本),
    效益指标 (经济, 社会, 生态效益, 可持续影响, 服务对象满意度), 满意度指标; 2020: 投入与管理,
    产出目标, 效果目标, 影响力目标.

    Why: these documents fix the indicator system; a row in the wrong category reads as
    irrelevant or incomplete.

    Bad (2026):

        - {level1: 效益指标, level2: 质量指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    Good:

        - {level1: 效益指标, level2: 社会效益指标, name: 平台稳定运行率, value: "≥99.00(%)"}

    Options: templates (a config can allow more level2 names), aliases (other names of a
    category, e.g. `aliases: {完成指标: 产出指标}`).
    """
    t = _template(doc, ctx)
    if t is None or not t.level1 or t.free:
        return  # 2018 forms: a free second level, exempt
    reported = set()
    for r in doc.indicators:
        cat, level2_ok = t.placement(r.level1, r.level2)
        if level2_ok:  # the usual row
            continue
        if cat is None:
            k = t.key(r.level1)
            if not k or k in reported:
                continue
            reported.add(k)
            yield ctx.finding(f"/indicators/{r.index}/level1", given=r.level1.strip(), template=t.name,
                              where="", level={"zh": "一级指标", "en": "level1"}, allowed="、".join(t.level1))
            continue
        allowed = t.level1[cat]
        if allowed is not None and r.level2.strip():
            yield ctx.finding(f"/indicators/{r.index}/level2", given=r.level2.strip(), template=t.name,
                              where={"zh": f"“{cat}”下", "en": f" under '{cat}'"},
                              level={"zh": "二级指标", "en": "level2"}, allowed="、".join(allowed))


# ---------------------------------------------------------------- LG105

@check(code="LG105", name="misplaced-indicator", severity="warning",
       messages={"zh": "指标“{name}”（{value}）放在“{level}”下，但{reason}：请移到合适的分类，或改写指标使其符合该分类",
                 "en": "indicator '{name}' ({value}) sits under '{level}' but {reason}: move it, or reword it to fit"},
       options={"time_words": {"type": "list", "schema": {"type": "string"}, "default": TIME_WORDS},
                "environment_words": {"type": "list", "schema": {"type": "string"}, "default": ENV_WORDS},
                "economic_words": {"type": "list", "schema": {"type": "string"}, "default": ECONOMIC_WORDS}})
def misplaced_indicator(doc, ctx):
    """指标内容与其二级指标不符（时效无时间词、生态效益无环境词、经济效益无经济词、满意度行放错位置）。

    [zh]
    指标的内容（名称和指标值）与所在的二级指标矛盾：
    - 在“时效”下，却没有任何时间词（及时 时间 时限 期限 按时 按期 计划 当年 期内 截止 之前
      底前 进度 日 天 小时 工作日 月 年底 年内 季度 周）——所以“按期完成率”“按计划完成率”
      放在时效下没有问题；
    - 在“生态效益/环境效益”下，却没有任何环境词（生态 环境 节能 减排 排放 能耗 绿色 碳 污染
      水 空气 垃圾 扬尘 噪声 绿化）；
    - 在“经济效益”下，却没有任何经济词（经济 收入 收益 增收 产值 产量 增产 利润 税 节约
      节省 成本 费用 资金 元 投资 销售 价格 就业 创收 带动）；
    - 指标名称含“满意”，但一级和二级指标都不含“满意”（2015、2020 与 2026 模板）。
    比较前名称和指标值都先做全半角、繁简转换。

    为什么：财预〔2015〕88号《中央部门预算绩效目标管理办法》审核绩效目标看相关性；
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求从数量、质量、成本和时效等方面
    细化——放错分类的指标说明不了该维度的目标。

    反例：

        - {level1: 效益指标, level2: 经济效益指标, name: 群众知晓率, value: "≥80.00(%)"}

    正例：

        - {level1: 效益指标, level2: 社会效益指标, name: 群众知晓率, value: "≥80.00(%)"}
        - {level1: 效益指标, level2: 经济效益指标, name: 带动农户增收, value: "≥2000(元/户)"}

    选项：time_words、environment_words、economic_words（词表）。

    [en]
    The row's content (name and value) contradicts its level2:
    - under 时效 (timeliness) with no time word (及时 时间 时限 期限 按时 按期 计划 当年 期内
      截止 之前 底前 进度 日 天 小时 工作日 月 年底 年内 季度 周) — so 按期完成率 and 按计划完成率
      are fine there;
    - under 生态效益/环境效益 with no environment word (生态 环境 节能 减排 排放 能耗 绿色 碳
      污染 水 空气 垃圾 扬尘 噪声 绿化);
    - under 经济效益 with no economic word (经济 收入 收益 增收 产值 产量 增产 利润 税 节约
      节省 成本 费用 资金 元 投资 销售 价格 就业 创收 带动);
    - a name holding 满意 whose level1 and level2 hold no 满意 (2015, 2020 and 2026 templates).
    Names and values are width-folded and simplified before the words are looked for.

    Why: 财预〔2015〕88号《中央部门预算绩效目标管理办法》 reviews targets for relevance;
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for targets broken down by
    quantity, quality, cost and time — a row in the wrong category says nothing about it.

    Bad:

        - {level1: 效益指标, level2: 经济效益指标, name: 群众知晓率, value: "≥80.00(%)"}

    Good:

        - {level1: 效益指标, level2: 社会效益指标, name: 群众知晓率, value: "≥80.00(%)"}

    Options: time_words, environment_words, economic_words (word lists).
    """
    t = _template(doc, ctx)
    opts = ctx.options
    time_words, env_words = fold_words(opts["time_words"]), fold_words(opts["environment_words"])
    econ_words = fold_words(opts["economic_words"])
    placement = t is not None and t.satisfaction_placement
    for r in doc.indicators:
        l2 = r.levels.partition("\n")[2]
        name = read(r.name)  # the name as read: width, simplified, no spaces
        reason = None
        if l2:
            if "时效" in l2:
                if not has(name + "\n" + r.value.folded, time_words):
                    reason = {"zh": "名称和指标值里没有时间要求（如期限、天数、及时率）",
                              "en": "neither its name nor its value states a time (a deadline, days, an on-time rate)"}
            elif "生态效益" in l2 or "环境效益" in l2:
                if not has(name + "\n" + r.value.folded, env_words):
                    reason = {"zh": "名称和指标值与生态环境无关",
                              "en": "neither its name nor its value concerns the environment"}
            elif "经济效益" in l2:
                if not has(name + "\n" + r.value.folded, econ_words):
                    reason = {"zh": "名称和指标值与经济效益无关（没有收入、产值、节约、就业等）",
                              "en": "neither its name nor its value concerns an economic effect (income, output value, savings, jobs)"}
        if reason is None and placement and "满意" in name and "满意" not in r.levels:
            reason = {"zh": f"满意度指标应放在“{_satisfaction_home(t)}”下",
                      "en": f"a satisfaction indicator belongs under '{_satisfaction_home(t)}'"}
        if reason:
            level = " / ".join(x.strip() for x in (r.level1, r.level2) if x.strip())
            yield ctx.finding(f"/indicators/{r.index}", name=r.name.strip(), value=r.value.text, level=level, reason=reason)


# ---------------------------------------------------------------- LG106

@check(code="LG106", name="duplicate-indicator", severity="warning",
       messages={"zh": "指标“{name}”重复（第 {first} 行已有同名指标）：请删除一行，或把两行写成不同的指标",
                 "en": "indicator '{name}' appears twice (first in row {first}): remove one or make them different indicators"})
def duplicate_indicator(doc, ctx):
    """同一张表中同名指标出现两次（按读取规则比较：全半角、繁简、空格）。

    [zh]
    同一张表里同一个三级指标名称出现两次。名称按读取规则比较：全角半角折叠、繁体转简体、
    去掉空格（“平台 稳定运行率”与“平台稳定运行率”相同）。留有模板占位符或写成分类名的名称
    （见 LG109）不参与比较：那是没填完，不是重复。

    为什么：重复的指标不增加信息，还会让评审怀疑复制粘贴；财预〔2015〕88号《中央部门预算
    绩效目标管理办法》审核绩效目标看适当性。

    反例：

        - {level2: 可持续影响指标, name: 持续示范平台目标, value: ……}
        - {level2: 可持续影响指标, name: 持续示范平台目标, value: ……}

    正例：只保留一行，或改成两个不同的指标。

    选项：无。

    [en]
    The same indicator name twice in one table, compared as read: width-folded, traditional
    characters simplified, spaces dropped. Names with a template placeholder left in them or
    written as a category name (see LG109) are not compared: they are unfinished, not
    repeated.

    Why: a repeated row adds nothing and reads as copy-and-paste; 财预〔2015〕88号《中央部门
    预算绩效目标管理办法》 reviews targets for appropriateness.

    Bad: two rows named 持续示范平台目标.

    Good: keep one row, or make them two different indicators.

    Options: none.
    """
    seen = {}
    templates = ctx.templates
    for r in doc.indicators:
        k = read(r.name)
        if not k:
            continue
        first = seen.get(k)
        if first is None:
            seen[k] = r.index
        elif not is_placeholder_name(r.name, templates):
            yield ctx.finding(f"/indicators/{r.index}/name", name=r.name.strip(), first=first + 1)


# ---------------------------------------------------------------- LG107

@check(code="LG107", name="input-as-target", severity="warning",
       messages={"zh": "“{name}”是投入或管理事项，不是绩效目标（{template} 模板没有投入类指标）：{advice}",
                 "en": "'{name}' is an input or management item, not a target (the {template} template has no input category): {advice}"},
       options={"input_terms": {"type": "list", "schema": {"type": "string"}, "default": INPUT_TERMS},
                "money_words": {"type": "list", "schema": {"type": "string"}, "default": MONEY_WORDS},
                "action_words": {"type": "list", "schema": {"type": "string"}, "default": ACTION_WORDS},
                "compliance_words": {"type": "list", "schema": {"type": "string"}, "default": COMPLIANCE_WORDS}})
def input_as_target(doc, ctx):
    """2026 与 2015 模板：把投入/管理事项（预算执行率、资金到位率、资金支出率……）当作绩效目标。

    [zh]
    2026 与 2015 模板中，把投入或管理事项当作绩效目标：
    - 名称含词表中的事项：预算执行率、资金到位率、预算编制、财务管理制度、资金使用规范；
    - 或名称同时含资金词（资金 预算 经费 财政 拨款 支出）和动作词（到位 下达 拨付 支付 执行
      使用 安排 编制 支出），两者是不同的字（“资金支出率”“预算资金当年下达率”“财政资金到位
      及时支付率”“业务工作支出安排金额”都算；“人均医疗支出”只有一个“支出”，不算）；
    - 或名称含“合规性”。

    为什么：投入不是绩效。财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值
    指引（试行）》的四类一级指标（成本、产出、效益、满意度）和财预〔2015〕88号《中央部门预算
    绩效目标管理办法》的表式（产出、效益、满意度）都没有投入类；预算执行率在自评时单独计分
    （财预〔2020〕10号《项目支出绩效评价管理办法》：原则上预算执行率 10 分）。2018 与 2020
    年表式设有“投入和管理目标 / 投入与管理”，不查。

    反例：

        - {level1: 产出指标, level2: 时效指标, name: 预算资金当年下达率, value: "=100%"}

    正例：删除该行，或写资金带来的产出：

        - {level1: 产出指标, level2: 时效指标, name: 设备按期安装完成率, value: "=100.00(%)"}

    选项：input_terms、money_words、action_words、compliance_words（词表）。

    [en]
    On the 2026 and 2015 templates, an input or management item used as a target:
    - a name holding an item of the list: 预算执行率, 资金到位率, 预算编制, 财务管理制度,
      资金使用规范;
    - or a name holding a money word (资金 预算 经费 财政 拨款 支出) and, elsewhere in it, an
      action word (到位 下达 拨付 支付 执行 使用 安排 编制 支出): 资金支出率, 预算资金当年下达率,
      财政资金到位及时支付率, 业务工作支出安排金额 (but 人均医疗支出 has one 支出 only);
    - or a name holding 合规性.

    Why: inputs are not performance. The four categories of 财预〔2021〕101号《中央部门项目
    支出核心绩效目标和指标设置及取值指引（试行）》 (cost, output, benefit, satisfaction) and
    the form of 财预〔2015〕88号《中央部门预算绩效目标管理办法》 have no input category; the
    budget execution rate is scored on its own in a self-evaluation (财预〔2020〕10号《项目支出
    绩效评价管理办法》: 预算执行率 10 points). The 2018 and 2020 forms have an input category
    and are not checked.

    Bad:

        - {level1: 产出指标, level2: 时效指标, name: 预算资金当年下达率, value: "=100%"}

    Good: drop the row, or state what the money delivers:

        - {level1: 产出指标, level2: 时效指标, name: 设备按期安装完成率, value: "=100.00(%)"}

    Options: input_terms, money_words, action_words, compliance_words (word lists).
    """
    t = _template(doc, ctx)
    if t is None or not t.no_input_category:
        return
    opts = ctx.options
    terms, comply = fold_words(opts["input_terms"]), fold_words(opts["compliance_words"])
    money, action = fold_words(opts["money_words"]), fold_words(opts["action_words"])
    for r in doc.indicators:
        k = read(r.name)
        if _is_input(k, terms, comply, money, action):
            execution = "执行" in k and ("预算" in k or "资金" in k)
            advice = ({"zh": "预算执行率在自评时单独计分，请删除该行，改写为资金带来的产出或效益（数量、质量、时效或效益指标）",
                       "en": "the budget execution rate is scored on its own in the self-evaluation: drop the row and state what the money delivers (a quantity, quality, time or benefit indicator)"}
                      if execution else
                      {"zh": "请改写为资金带来的产出或效益（数量、质量、时效或效益指标），不写资金本身的到位、拨付或使用",
                       "en": "state what the money delivers (a quantity, quality, time or benefit indicator), not how the money itself arrives, is paid or used"})
            yield ctx.finding(f"/indicators/{r.index}/name", name=r.name, template=t.name, advice=advice)


@lru_cache(maxsize=8192)
def _is_input(k: str, terms: tuple, comply: tuple, money: tuple, action: tuple) -> bool:
    """Cached per name and word lists: names repeat across the tables of a run."""
    return bool(has(k, terms) or has(k, comply) or _money_and_action(k, money, action))


def _money_and_action(text: str, money: tuple, action: tuple) -> bool:
    """A money word and an action word at different places of the name
    (资金支出率: 资金 + 支出; 人均医疗支出: one 支出, not both)."""
    spans = []
    for _, w in money:
        i = text.find(w)
        while i >= 0:
            spans.append((i, i + len(w)))
            i = text.find(w, i + 1)
    if not spans:
        return False
    for _, w in action:
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            if any(j <= a or i >= b for a, b in spans):
                return True
            i = text.find(w, i + 1)
    return False


# ---------------------------------------------------------------- LG108

@check(code="LG108", name="missing-cost-indicator", severity="warning",
       messages={"zh": "没有成本指标{detail}：请增加“{where}”一行，写单位成本（年度预算 ÷ 产出数量），如“{example}”",
                 "en": "no cost indicator{detail}: add a row under '{where}' stating a unit cost (the annual budget ÷ the quantity delivered), e.g. {example}"})
def missing_cost_indicator(doc, ctx):
    """2026 模板：表中没有任何成本指标。

    [zh]
    2026 模板中没有任何成本指标：既没有“成本指标”一级指标，也没有名为成本的二级指标（产出
    指标下的“成本指标”——2021 年以前的放法——也算有）。建议写单位成本：用当年预算除以表中
    第一个带计数单位的数量指标，如当年预算 180 万元、课件 12 部，写“课件单部制作成本
    ≤150000(元/部)”。不要把整个项目预算写成成本目标（那是 LG212）。没有写 template 的表，
    只有一级指标里有成本指标（或表上有空的成本分类）才按 2026 模板；只有产出、效益、满意度
    一级指标的表按财预〔2015〕88号《中央部门预算绩效目标管理办法》的表式，不要求成本一级指标。

    为什么：《上海市市级部门项目支出核心绩效目标和指标设置及取值指引（试行）》（2025）要求
    原则上每一项目均应设置成本指标；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标
    设置及取值指引（试行）》把成本列为一级指标。单独编码，便于上海以外的单位放宽（severity
    或 ignore）。

    反例：只有产出、效益、满意度指标。

    正例：

        - {level1: 成本指标, level2: 经济成本指标, name: 课件单部制作成本, value: "≤150000(元/部)"}

    选项：无（模板的 cost 键决定成本类名称）。

    [en]
    On the 2026 template, no cost row at all: neither a 成本指标 first level nor a second level
    named 成本 (a 成本指标 under 产出指标, the placement before 2021, counts). The suggestion
    is a unit cost: the current-year budget divided by the first quantity row with a count
    unit — a budget of 1.8 million yuan for 12 courseware units gives 课件单部制作成本
    ≤150000(元/部). Never the whole budget as a cost target (that is LG212). A table without
    `template` follows 2026 only when a first level is 成本指标 (or the form has an empty cost
    category); one with only 产出, 效益 and 满意度 first levels follows the form of
    财预〔2015〕88号《中央部门预算绩效目标管理办法》, which asks for no cost category.

    Why: Shanghai's 《上海市市级部门项目支出核心绩效目标和指标设置及取值指引（试行）》 (2025):
    原则上每一项目均应设置成本指标 (every project should in principle have a cost indicator);
    财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》 makes cost a
    first-level indicator. A separate code so that units outside Shanghai can relax it.

    Bad: output, benefit and satisfaction rows only.

    Good:

        - {level1: 成本指标, level2: 经济成本指标, name: 课件单部制作成本, value: "≤150000(元/部)"}

    Options: none (the template's cost key names the category).
    """
    t = _template(doc, ctx)
    rows = doc.indicators
    if t is None or not t.cost or not rows:
        return
    cost = t.key(t.cost)
    for r in rows:
        if t.key(r.level1) == cost or "成本" in t.key(r.level2, r.level1):
            return
    l2s = t.level1.get(t.category(t.cost) or "", None) or ()
    where = t.cost + (f" / {l2s[0]}" if l2s else "")
    hollow = any(t.key(l1) == cost or "成本" in t.key(l2, l1) for l1, l2 in doc.empty_categories)
    detail = ({"zh": "（表上有成本分类，但其下没有任何指标）", "en": " (the form has the cost category, but nothing is in it)"}
              if hollow else "")
    yield ctx.finding("/indicators", where=where, detail=detail, example=_unit_cost(doc, t))


def _unit_cost(doc, t) -> object:
    """`课件单部制作成本 ≤150000(元/部)`: the current-year budget over the first
    quantity row counted in things (`_suggest.unit_cost`, which every cost
    suggestion uses too); without one, the shape in words."""
    found = _suggest.unit_cost(doc, lambda r: "数量" in t.key(r.level2, r.level1))
    if found is not None:
        return found
    return {"zh": "单位产出成本 ≤N(元/人、元/次或元/件)", "en": "单位产出成本 ≤N(元/人, 元/次 or 元/件)"}
