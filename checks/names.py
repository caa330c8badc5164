"""LG109/LG110 — indicator names that name nothing: a template placeholder or
a category name left as the name, or a sentence instead of a measure."""
from __future__ import annotations

import re

from lintgoals import check
from lintgoals.names import read

from ._common import PLACEHOLDER_MARKS, category_as_name, placeholder_mark

SENTENCE_MARKS = "，。；;"
# a name is read width-folded, so an ASCII comma is the Chinese one — except
# between digits, where it separates thousands (1,000)
_SENTENCE = re.compile(f"[{SENTENCE_MARKS}]|(?<![0-9]),|,(?![0-9])")


@check(code="LG109", name="placeholder-name", severity="warning",
       messages={"zh": "指标名称“{name}”{problem}：{advice}",
                 "en": "indicator name '{name}' {problem}: {advice}"},
       options={"placeholder_marks": {"type": "list", "schema": {"type": "string"}, "default": PLACEHOLDER_MARKS}})
def placeholder_name(doc, ctx):
    """指标名称没有指明衡量什么：留着模板占位符，或把分类名写成了指标名。

    [zh]
    三级指标名称什么也没指明：
    - 留着模板占位符（** XX xxx …… ... 请填写），如“成活率(≥**%)”；
    - 或把分类名当成了指标名：以“指标”或“目标”结尾、且与任一模板的一级或二级指标同名
      （质量目标、时效指标、社会成本指标），或只写“数量 / 质量 / 时效 / 成本”。
    真正衡量某物的名称（服务对象满意度、成本控制率）不是分类名，不报告。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标“指向明确”、
    “具体细化”；财预〔2015〕88号《中央部门预算绩效目标管理办法》审核看完整性——名称没填完，
    目标就无从评价。

    反例：

        - {level1: 效益指标, level2: 生态效益指标, name: 成活率(≥**%), value: "≥**%"}
        - {level1: 产出指标, level2: 质量指标, name: 质量指标, value: "=100.00(%)"}

    正例：

        - {level1: 效益指标, level2: 生态效益指标, name: 苗木成活率, value: "≥90.00(%)"}
        - {level1: 产出指标, level2: 质量指标, name: 设备验收合格率, value: "=100.00(%)"}

    选项：placeholder_marks（占位符词表）。

    [en]
    An indicator name that names nothing:
    - a template placeholder left in it (** XX xxx …… ... 请填写), e.g. 成活率(≥**%);
    - or a category name written as the indicator: a name ending in 指标 or 目标 that equals a
      level1 or level2 name of any template (质量目标, 时效指标, 社会成本指标), or a bare
      数量 / 质量 / 时效 / 成本.
    A name that measures something (服务对象满意度, 成本控制率) is never a category name.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks that targets be specific
    (指向明确, 具体细化); 财预〔2015〕88号《中央部门预算绩效目标管理办法》 reviews them for
    completeness — an unfinished name cannot be evaluated.

    Bad:

        - {level1: 效益指标, level2: 生态效益指标, name: 成活率(≥**%), value: "≥**%"}
        - {level1: 产出指标, level2: 质量指标, name: 质量指标, value: "=100.00(%)"}

    Good:

        - {level1: 效益指标, level2: 生态效益指标, name: 苗木成活率, value: "≥90.00(%)"}
        - {level1: 产出指标, level2: 质量指标, name: 设备验收合格率, value: "=100.00(%)"}

    Options: placeholder_marks (the placeholder list).
    """
    marks = tuple(ctx.options["placeholder_marks"])
    templates = ctx.templates
    for r in doc.indicators:
        if not r.key:
            continue  # an empty name is the schema's (a required key)
        mark = placeholder_mark(r.name, marks)
        if mark is not None:
            stem = _without_prompt(r.name.strip(), mark)
            advice = ({"zh": f"请把名称改为“{stem}”，目标值只写在指标值里",
                       "en": f"name it {stem} and put the target in the value only"} if stem else
                      {"zh": "请写出实际衡量的对象，并把数值填进指标值",
                       "en": "write what is actually measured, and put the figure in the value"})
            yield ctx.finding(f"/indicators/{r.index}/name", name=r.name.strip(),
                              problem={"zh": f"里还留着模板占位符“{mark}”", "en": f"still holds the template placeholder '{mark}'"},
                              advice=advice)
        elif category_as_name(r.name, templates):
            zh, en = _measures(r.key)
            yield ctx.finding(f"/indicators/{r.index}/name", name=r.name.strip(),
                              problem={"zh": "是分类名，不是指标", "en": "is a category name, not an indicator"},
                              advice={"zh": f"请写出具体衡量什么，如{zh}，把数值写进指标值",
                                      "en": f"name what is measured, e.g. {en}, and put the figure in the value"})


# the template's prompt after a name: `(≥**%)`, `( ≥**个 )`, `≥**人`
_PROMPT = re.compile(r"\s*(?:[(（][^()（）]*[)）]|[≥≤=<>＞＜＝≧≦].*)$")


def _without_prompt(name: str, mark: str) -> str:
    """`成活率(≥**%)` → `成活率`: the name without the template's target prompt
    that holds the placeholder; "" when the placeholder is the name itself."""
    m = _PROMPT.search(name)
    if m is None or mark not in name[m.start():] or mark in name[:m.start()]:
        return ""
    return name[:m.start()].strip()


# what a category's indicators are named like (first word of the name that matches)
_MEASURES = (
    ("满意", "“用户满意度”", "用户满意度 (user satisfaction)"),
    ("数量", "“培训人数”“完成课件数”", "培训人数 or 完成课件数 (a count)"),
    ("质量", "“验收合格率”“系统可用率”", "验收合格率 or 系统可用率 (a pass or availability rate)"),
    ("时效", "“按期完成率”“故障响应时间”", "按期完成率 or 故障响应时间 (an on-time rate or a time limit)"),
    ("成本", "“单位运维成本”“人均培训成本”", "单位运维成本 or 人均培训成本 (a unit cost)"),
    ("效益", "“受益人数”“覆盖率”", "受益人数 or 覆盖率 (people reached, coverage)"),
    ("效果", "“受益人数”“覆盖率”", "受益人数 or 覆盖率 (people reached, coverage)"),
    ("影响", "“受益人数”“覆盖率”", "受益人数 or 覆盖率 (people reached, coverage)"),
    ("可持续", "“平台持续运行年限”", "平台持续运行年限 (years in service)"),
)


def _measures(key: str):
    for word, zh, en in _MEASURES:
        if word in key:
            return zh, en
    return "一个可计数或可算比率的名称", "a rate or a count"


@check(code="LG110", name="prose-name", severity="warning",
       messages={"zh": "指标名称“{name}”是一句话，不是衡量项{why}：名称只写被计量的对象（一个比率、数量或时间），理由和做法写进“指标解释”",
                 "en": "indicator name '{name}' is a sentence, not a measure{why}: name what is counted (a rate, a count, a time) and put the reasoning in 指标解释 (the explanation)"},
       options={"prose_name_min_chars": {"type": "integer", "min": 1, "default": 25}})
def prose_name(doc, ctx):
    """指标名称是一句话而不是衡量项（长于 25 字或含句读）。

    [zh]
    三级指标名称是一句话，不是衡量项：去掉空格后长于 prose_name_min_chars（默认 25）个字，
    或含句读（，。；;；半角逗号也算，数字里的千位分隔符如 1,000 除外），如“通过注射疫苗,
    可以有效降低疫苗针对传染病的发生 40%”。名称只写
    被计量的对象，理由、做法写进“指标解释”。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求绩效目标“指向明确”、
    “具体细化”、尽量定量；财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值
    指引（试行）》要求指标简明、可衡量——一句话的名称既量不出来，也难以比对。

    反例：

        - {level2: 社会效益指标, name: 通过注射疫苗，可以有效降低疫苗针对传染病的发生, value: "≥40%"}

    正例：

        - {level2: 社会效益指标, name: 疫苗针对传染病发病率下降幅度, value: "≥40.00(%)", explanation: 通过注射疫苗降低发病}

    选项：prose_name_min_chars（多长算一句话，默认 25）。

    [en]
    The name is a sentence, not a measure: longer than prose_name_min_chars (default 25)
    characters without spaces, or holding sentence punctuation (，。；; — a half-width comma
    counts too, except as a thousands separator such as 1,000), e.g.
    通过注射疫苗,可以有效降低疫苗针对传染病的发生 40%. Name what is counted; the reasoning goes
    in 指标解释 (the explanation column).

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks that targets be specific and
    quantified where possible (指向明确, 具体细化); 财预〔2021〕101号《中央部门项目支出核心
    绩效目标和指标设置及取值指引（试行）》 asks for short, measurable indicators — a sentence
    can neither be measured nor compared.

    Bad:

        - {level2: 社会效益指标, name: 通过注射疫苗，可以有效降低疫苗针对传染病的发生, value: "≥40%"}

    Good:

        - {level2: 社会效益指标, name: 疫苗针对传染病发病率下降幅度, value: "≥40.00(%)", explanation: 通过注射疫苗降低发病}

    Options: prose_name_min_chars (how long a name is a sentence; default 25).
    """
    limit = ctx.options["prose_name_min_chars"]
    for r in doc.indicators:
        name = r.name
        found = _SENTENCE.search(name)
        if found is None and len(name) <= limit:
            continue  # most names: two cheap tests
        mark = found.group(0) if found else None
        n = len(read(name))
        if mark is None and n <= limit:
            continue
        why = ({"zh": f"（含“{mark}”）", "en": f" (it holds '{mark}')"} if mark is not None else
               {"zh": f"（{n} 个字，超过 {limit} 个）", "en": f" ({n} characters, more than {limit})"})
        yield ctx.finding(f"/indicators/{r.index}/name", name=name.strip(), why=why)
