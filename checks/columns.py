"""LG213–LG215 — the columns of national forms (度量单位, 指标方向/指标性质) and
the spreadsheet dates that leak into values. Most Shanghai tables have no
such column: each check asks the row's column first and moves on."""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from lintgoals import check
from lintgoals.values import EQ, GE, GT, LE, LT, fold, format_number, parse_value, unit_text

from . import _suggest

_EPOCH = _dt.date(1899, 12, 30)  # day 0 of spreadsheet date serials (Excel, WPS, LibreOffice)
_LOW, _HIGH = Decimal(20000), Decimal(80000)  # 1954-10-03 … 2119-01-10
_SCALES = ("百万", "万", "千", "百", "十", "亿")  # 万元 and 元, 万人次 and 人次 are one unit


def _serial_date(number) -> str:
    """44561 → 2021年12月31日 (the date a spreadsheet serial stands for)."""
    d = _EPOCH + _dt.timedelta(days=int(number))
    return f"{d.year}年{d.month}月{d.day}日"


@check(code="LG213", name="spreadsheet-date-number", severity="warning",
       silences={"LG206": "path", "LG214": "row"},
       messages={"zh": "指标“{name}”的{where}“{value}”像是表格软件的日期序号（{serial} 即 {date}），日期从日期格漏成了数字：{suggestion}",
                 "en": "indicator '{name}': the {where} '{value}' looks like a spreadsheet date serial ({serial} is {date}) that leaked out of a date cell: {suggestion}"})
def spreadsheet_date_number(doc, ctx):
    """指标值或计量单位栏是 20000–80000 之间的纯数字：表格的日期序号（44561 = 2021-12-31）。

    [zh]
    时效行的指标值是 20000 到 80000 之间的纯数字（可带“=”），或计量单位栏是这样的数字：
    这是电子表格把日期格存成序号后漏出来的（44561 即 2021年12月31日）。消息写出它代表的
    日期。一个漏出的日期只报告一次：指标值上的本条不再让同一行的计量单位栏重复报告
    本条或 LG214，也不再报告 LG206（缺单位）。日期字段（开始、结束日期）里的同样数字由
    LG003 报告。

    为什么：财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标具体细化；一个五位数
    的“时效目标”无法考核，评审只能退回。

    反例：

        - {level2: 时效指标, name: 项目完成时间, value: "=44561"}

    正例：

        - {level2: 时效指标, name: 项目完成时间, value: 2021年12月31日前完成}

    选项：无。

    [en]
    A 时效 (time) row whose value is a bare number between 20000 and 80000 (with or without
    '='), or a unit column holding such a number: a spreadsheet date serial that leaked out
    of a date cell (44561 is 2021-12-31). The message names the date. One leaked date is one
    finding: this rule at the value keeps the same row's unit column from reporting it again
    (LG213 or LG214) and LG206 (missing unit) from reporting the value. The same number in a
    date field (start, end) is LG003's.

    Why: 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for specific targets; a
    five-digit 'time target' cannot be assessed and gets the table returned.

    Bad:

        - {level2: 时效指标, name: 项目完成时间, value: "=44561"}

    Good:

        - {level2: 时效指标, name: 项目完成时间, value: 2021年12月31日前完成}

    Options: none.
    """
    for r in doc.indicators:
        v = r.value
        n = v.number
        if n is not None and _LOW <= n <= _HIGH and v.op == EQ and not v.unit and not v.prefix \
                and (v.bare or v.op_text in ("=", "＝")) and _suggest.dimension(r) == "时效":
            date = _serial_date(n)
            yield ctx.finding(f"/indicators/{r.index}/value", name=r.name, value=v.text, date=date,
                              serial=format_number(n),
                              where={"zh": "指标值", "en": "value"},
                              suggestion={"zh": f"请写成日期，如“{date}前完成”",
                                          "en": f"write the date, e.g. '{date}前完成'"})
            continue  # its unit column is this date's too: one finding
        if r.unit:
            u = _column_number(r.unit)
            if u is not None and _LOW <= u <= _HIGH:
                yield ctx.finding(f"/indicators/{r.index}/unit", name=r.name, value=r.unit.strip(),
                                  date=_serial_date(u), serial=format_number(u), where={"zh": "计量单位栏", "en": "unit column"},
                                  suggestion={"zh": "请在计量单位栏写单位（%、次、人……），日期写进指标值",
                                              "en": "write a unit in the unit column (%, 次, 人 …) and the date in the value"})


def _column_number(text: str):
    """The number a unit column holds instead of a unit, or None."""
    t = fold(text).strip("()")
    v = parse_value(t)
    if v.number is not None and v.bare and not v.unit:
        return v.number
    return None


@check(code="LG214", name="unit-column-mismatch", severity="warning",
       messages={"zh": "指标“{name}”的计量单位栏写“{column}”，{problem}：{suggestion}",
                 "en": "indicator '{name}': the unit column says '{column}', {problem}: {suggestion}"})
def unit_column_mismatch(doc, ctx):
    """计量单位栏与指标值自带的单位不一致，或计量单位栏是一个数字。

    [zh]
    计量单位栏（度量单位、计量单位）与指标值自己写的单位不同（“28.8万元”而单位栏写“%”），
    或单位栏里是一个数字。“百分比”“％”就是 %；万元与元、万人次与人次只差数量级，不算不一致。
    单位栏是日期序号的，由 LG213 报告。

    为什么：同一个目标有两个单位，评审不知道按哪个考核。财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标具体细化、可衡量。

    反例：

        - {name: 项目支出, value: "28.8万元", unit: "%"}

    正例：

        - {name: 项目支出, value: "28.8万元", unit: 万元}

    选项：无。

    [en]
    The unit column (度量单位 / 计量单位) disagrees with the unit written in the value
    ('28.8万元' with unit '%'), or holds a number. 百分比 and ％ are %; 万元 and 元, 万人次 and
    人次 differ only in scale and agree. A date serial in the column is LG213's.

    Why: one target with two units cannot be assessed. 财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for specific, measurable targets.

    Bad:

        - {name: 项目支出, value: "28.8万元", unit: "%"}

    Good:

        - {name: 项目支出, value: "28.8万元", unit: 万元}

    Options: none.
    """
    for r in doc.indicators:
        if not r.unit or not r.unit.strip():
            continue
        column = unit_text(r.unit)
        path = f"/indicators/{r.index}/unit"
        if not column:  # a number
            yield ctx.finding(path, name=r.name, column=r.unit.strip(),
                              problem={"zh": "这是一个数字，不是单位", "en": "which is a number, not a unit"},
                              suggestion={"zh": "请写单位（%、次、人……），数字写进指标值",
                                          "en": "write a unit (%, 次, 人 …) and put the figure in the value"})
            continue
        own = r.value.unit
        if r.value.number is None or not own or _same_unit(own, column):
            continue
        yield ctx.finding(path, name=r.name, column=r.unit.strip(),
                          problem={"zh": f"指标值“{r.value.text}”却以“{own}”计", "en": f"but the value '{r.value.text}' is in '{own}'"},
                          suggestion={"zh": "请把两处改成同一个单位", "en": "make the two units the same"})


def _same_unit(a: str, b: str) -> bool:
    if a == b:
        return True
    for s in _SCALES:
        a2 = a[len(s):] if a.startswith(s) and len(a) > len(s) else a
        b2 = b[len(s):] if b.startswith(s) and len(b) > len(s) else b
        if a2 == b2:
            return True
    return False


_POSITIVE, _NEGATIVE, _QUANT, _QUAL = "正向", "反向", "定量", "定性"


@check(code="LG215", name="direction-mismatch", severity="warning",
       messages={"zh": "指标“{name}”的指标方向栏写“{direction}”，但指标值“{value}”{problem}：请改正其中一处，{suggestion}",
                 "en": "indicator '{name}': the direction column says '{direction}' but the value '{value}' {problem}: correct one of them, {suggestion}"})
def direction_mismatch(doc, ctx):
    """指标方向栏（正向、反向、定量、定性）与指标值矛盾。

    [zh]
    指标方向或指标性质栏与指标值矛盾：正向却用 ≤ 或 <；反向却用 ≥、> 或 =；定量却没有数字；
    定性却写了数字和单位。空的值由 LG210 报告。

    为什么：方向栏决定自评时怎样算“达到”（正向越大越好、反向越小越好），与值矛盾时目标就
    没有确定的含义。财预〔2011〕285号《财政支出绩效评价管理暂行办法》要求目标指向明确。

    反例：

        - {name: 安全事故发生次数, value: "≥0次", direction: 反向}

    正例：

        - {name: 安全事故发生次数, value: "≤1(次)", direction: 反向}

    选项：无。

    [en]
    The direction or nature column contradicts the value: 正向 (higher is better) with ≤
    or <; 反向 (lower is better) with ≥, > or =; 定量 (quantitative) with no number; 定性
    (qualitative) with a number and a unit. An empty value is LG210's.

    Why: the direction decides how a self-evaluation scores "met" (正向: more is better,
    反向: less is better); contradicting the value leaves the target without a meaning.
    财预〔2011〕285号《财政支出绩效评价管理暂行办法》 asks for clearly directed targets.

    Bad:

        - {name: 安全事故发生次数, value: "≥0次", direction: 反向}

    Good:

        - {name: 安全事故发生次数, value: "≤1(次)", direction: 反向}

    Options: none.
    """
    for r in doc.indicators:
        if not r.direction:
            continue
        d = fold(r.direction)
        v = r.value
        problem = suggestion = None
        if _POSITIVE in d and v.op in (LE, LT):
            problem = {"zh": "是上限（≤）", "en": "is a ceiling (≤)"}
            suggestion = {"zh": "正向指标写“≥”", "en": "a 正向 indicator takes '≥'"}
        elif _NEGATIVE in d and v.op in (GE, GT, EQ):
            problem = {"zh": f"用了“{v.op_text or v.op}”", "en": f"uses '{v.op_text or v.op}'"}
            suggestion = {"zh": "反向指标写“≤”", "en": "a 反向 indicator takes '≤'"}
        elif _QUANT in d and v.number is None and v.text:
            problem = {"zh": "没有数字", "en": "has no number"}
            suggestion = {"zh": "定量指标写数字和单位", "en": "a 定量 indicator takes a figure and a unit"}
        elif _QUAL in d and v.number is not None and (v.unit or r.unit):
            problem = {"zh": "写了数字和单位", "en": "has a figure and a unit"}
            suggestion = {"zh": "定性指标把方向栏改为定量，或写分级表述", "en": "mark it 定量, or write graded levels"}
        if problem:
            yield ctx.finding(f"/indicators/{r.index}/value", name=r.name, direction=r.direction.strip(),
                              value=v.text, problem=problem, suggestion=suggestion)
