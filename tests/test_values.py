"""values.py: every spelling RULES.md and FORMAT.md list, and properties."""
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintgoals.values import (EQ, GE, GT, LE, LT, parse_amount, parse_date, parse_pct, parse_value)

SPELLINGS = [
    ("≥90.00(%)", GE, "90.00", "%"), ("=100%", EQ, "100", "%"), (">=90%", GE, "90", "%"),
    ("<=100%", LE, "100", "%"), ("=365(天)", EQ, "365", "天"), ("=190 课时", EQ, "190", "课时"),
    ("大于等于10000kb", GE, "10000", "kb"), ("≤150000", LE, "150000", ""), ("＞＝９０％", GE, "90", "%"),
    ("≧95%", GE, "95", "%"), ("≦5(次)", LE, "5", "次"), ("不低于85%", GE, "85", "%"), ("不少于12部", GE, "12", "部"),
    ("不高于3次", LE, "3", "次"), ("不超过100万元", LE, "100", "万元"), ("小于等于2小时", LE, "2", "小时"),
    ("达到95%", GE, "95", "%"), ("达90%以上", GE, "90", "%"), ("30天以内", LE, "30", "天"), ("5次以下", LE, "5", "次"),
    ("100%", EQ, "100", "%"), ("0", EQ, "0", ""), ("＝１００.００（％）", EQ, "100.00", "%"), ("≥1,500(人次)", GE, "1500", "人次"),
    (">20 万人", GT, "20", "万人"), ("<2(小时)", LT, "2", "小时"), ("≥ 90 %", GE, "90", "%"),
]


@pytest.mark.parametrize("text,op,number,unit", SPELLINGS)
def test_spellings(text, op, number, unit):
    v = parse_value(text)
    assert (v.op, v.number, v.unit) == (op, Decimal(number), unit), v
    assert v.quantitative


@pytest.mark.parametrize("text", ["及时", "全国领先", "合格", "三级", "课程库、学员库", "", "  ", "让党员干部受教育，让市民群众得实惠"])
def test_qualitative(text):
    v = parse_value(text)
    assert v.qualitative and v.op is None and v.number is None


def test_yaml_number_reads_as_equals():
    v = parse_value(100)
    assert (v.op, v.number, v.bare) == (EQ, Decimal(100), True)


def test_operator_spelling_is_kept_for_lg209():
    assert parse_value(">=90%").op_text == ">=" and not parse_value(">=90%").op_standard
    assert parse_value("＞＝90%").op_text == "＞＝"
    assert parse_value("≥90%").op_standard and parse_value("=1(次)").op_standard
    assert parse_value("100%").bare and parse_value("100%").op_text == ""


def test_prose():
    assert parse_value("让党员干部受教育，让市民群众得实惠").is_prose()
    assert parse_value("力争将上海远程教育平台建设成为全国示范平台").is_prose()
    assert not parse_value("符合相关规定要求").is_prose()
    assert not parse_value("≥90%，且逐年提高").is_prose()  # quantitative is never prose


@pytest.mark.parametrize("raw,value", [
    ("1,139,000.00", "1139000.00"), (2880000, "2880000"), ("０.００", "0.00"), ("4 818 000", "4818000"),
    ("1139000元", "1139000"), (1.5, "1.5"), ("", None), (None, None), ("无", "0"), ("-", "0"), ("—", "0"), ("/", "0")])
def test_amounts(raw, value):
    p = parse_amount(raw)
    assert p.ok and p.value == (Decimal(value) if value else None)


@pytest.mark.parametrize("raw,first,last", [
    ("202001", dt.date(2020, 1, 1), dt.date(2020, 1, 31)), ("2023.07", dt.date(2023, 7, 1), dt.date(2023, 7, 31)),
    ("2023年7月", dt.date(2023, 7, 1), dt.date(2023, 7, 31)), ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023/12", dt.date(2023, 12, 1), dt.date(2023, 12, 31)), ("2018-01-01", dt.date(2018, 1, 1), dt.date(2018, 1, 1))])
def test_month_precision_dates(raw, first, last):
    from lintgoals.values import first_day, last_day

    p = parse_date(raw)
    assert (first_day(p), last_day(p)) == (first, last)


@pytest.mark.parametrize("raw", ["约100万", "一百万", "100万元左右", True, [1]])
def test_unreadable_amounts(raw):
    assert not parse_amount(raw).ok


def test_wan_gives_the_yuan_figure():
    assert parse_amount("481.8万").hint == "4818000"


@pytest.mark.parametrize("raw", ["2018/1/1", "2018. 1. 1", "2018年1月1日", "2018-01-01", "2018.01.01", "20180101",
                                 "２０１８－０１－０１", dt.date(2018, 1, 1), "2018-01-01 00:00:00"])
def test_dates(raw):
    assert parse_date(raw).value == dt.date(2018, 1, 1)


@pytest.mark.parametrize("raw", ["2018年底", "2018-02-30", "明年", "2018", 20180101, "202013", "2023年13月"])
def test_unreadable_dates(raw):
    assert not parse_date(raw).ok


@pytest.mark.parametrize("raw,value", [(30, 30), ("30%", 30), ("30 ％", 30), ("资金使用30%", 30), (99.5, "99.5")])
def test_percentages(raw, value):
    assert parse_pct(raw).value == Decimal(str(value))


@pytest.mark.parametrize("raw", ["三成", "30-40%", "约30%"])
def test_unreadable_percentages(raw):
    assert not parse_pct(raw).ok


# ---- properties: never raise; standard spellings round-trip ----

ANY = st.one_of(st.text(max_size=60), st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(),
                st.lists(st.integers(), max_size=3), st.dates())


@settings(max_examples=400, deadline=None)
@given(ANY)
def test_parsers_never_raise(raw):
    parse_value(raw)
    parse_amount(raw)
    parse_date(raw)
    parse_pct(raw)


OPS = {GE: ["≥", ">=", "＞＝", "大于等于", "不低于", "不少于", "达到"], LE: ["≤", "<=", "＜＝", "小于等于", "不高于", "不超过"],
       EQ: ["=", "＝", ""], GT: [">", "＞"], LT: ["<", "＜"]}


@settings(max_examples=300, deadline=None)
@given(op=st.sampled_from(sorted(OPS)), data=st.data(),
       number=st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       unit=st.sampled_from(["%", "次", "天", "课时", "人次", "万人", "部", ""]),
       bracket=st.booleans(), space=st.booleans())
def test_standard_spellings_round_trip(op, data, number, unit, bracket, space):
    spelling = data.draw(st.sampled_from(OPS[op]))
    text = f"{spelling}{' ' if space else ''}{number}" + (f"({unit})" if bracket and unit else unit)
    v = parse_value(text)
    assert (v.op, v.number, v.unit) == (op, number, unit), text


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_date_spellings_round_trip(d):
    for text in (d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}. {d.month}. {d.day}",
                 f"{d.year}年{d.month}月{d.day}日"):
        assert parse_date(text).value == d, text


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.sampled_from([0, 2]))
def test_amount_spellings_round_trip(n, places):
    text = f"{n:,.{places}f}"
    assert parse_amount(text).value == Decimal(n)
