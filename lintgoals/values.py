"""Pure parsers for what people write in target tables.

The one place that knows `≥`, `>=`, `＞＝` and `大于等于` are the same thing.
Every function here is total: bad input gives a "cannot read" result, never
an exception, so the engine can turn it into LG003.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from typing import NamedTuple, Optional, Tuple

from .names import simplified

GE, GT, EQ, LT, LE = "≥", ">", "=", "<", "≤"
OPERATORS = (GE, GT, EQ, LT, LE)

# Zero-width and bidi controls: invisible, so they must not change matching.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x200E, 0x200F,
     *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Width-fold (NFKC: `＞＝`→`>=`, `１００`→`100`, `（`→`(`), drop invisible
    characters, turn traditional characters simplified (`應保盡保` → `应保尽保`,
    RULES.md "How names are read" step 1) and trim. Used for matching, never for
    display. Cached: level names and common values repeat across every table of a run."""
    if text.isascii():  # NFKC and the invisible characters leave ASCII as it is
        return text.strip()
    return simplified(unicodedata.normalize("NFKC", text).translate(_INVISIBLE)).strip()


# Operator spellings, longest first so that 不超过 wins over 超过.
# (spelling, operator, standard?) — "standard" is how LG209 decides.
_OP_WORDS = [
    ("大于或等于", GE), ("大于等于", GE), ("不低于", GE), ("不少于", GE), ("不小于", GE),
    ("至少", GE), ("达到", GE), ("高于", GT), ("大于", GT), ("超过", GT), ("多于", GT),
    ("小于或等于", LE), ("小于等于", LE), ("不高于", LE), ("不超过", LE), ("不大于", LE),
    ("不多于", LE), ("至多", LE), ("低于", LT), ("小于", LT), ("少于", LT),
    ("等于", EQ),
]
_OP_SYMBOLS = [
    (">=", GE), ("=>", GE), ("≧", GE), ("⩾", GE), ("≥", GE),
    ("<=", LE), ("=<", LE), ("≦", LE), ("⩽", LE), ("≤", LE),
    ("==", EQ), (">", GT), ("<", LT), ("=", EQ),
]
_STANDARD_SYMBOLS = {"≥", "≤", "=", ">", "<"}

_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_RE = re.compile(_NUMBER)
_OP_ALTERNATION = "|".join(
    re.escape(s) for s, _ in sorted(_OP_WORDS + _OP_SYMBOLS, key=lambda p: -len(p[0]))
)
# operator (optional), spaces, number
_QUANT_RE = re.compile(rf"(?P<op>{_OP_ALTERNATION}|达)?\s*(?P<num>{_NUMBER})")
_OP_LOOKUP = dict(_OP_WORDS + _OP_SYMBOLS + [("达", GE)])
# words after the number that turn "=" into a bound: 90%以上 → ≥
_SUFFIX_OPS = [("及以上", GE), ("以上", GE), ("及以下", LE), ("以下", LE), ("以内", LE), ("之内", LE)]
_UNIT_RE = re.compile(r"[^\s，。；;,、:：()\[\]【】]*")
_BRACKETED_UNIT_RE = re.compile(r"\(\s*([^()]*?)\s*\)")


class Value(NamedTuple):
    """An indicator value, parsed once (a tuple: made for every distinct value
    of a run, and read by most checks).

    `op` and `number` are None for a qualitative value. `text` is the value
    as written (invisible characters removed, trimmed), for messages.
    """

    raw: object
    text: str
    op: Optional[str] = None
    number: Optional[Decimal] = None
    unit: str = ""
    op_text: str = ""          # the operator as written ("" when implicit)
    bare: bool = False         # the value is only a number and a unit
    prefix: str = ""           # text written before the operator/number

    @property
    def quantitative(self) -> bool:
        return self.number is not None

    @property
    def qualitative(self) -> bool:
        return self.number is None

    @property
    def empty(self) -> bool:
        return self.text == ""

    @property
    def op_standard(self) -> bool:
        """True when the operator is written the standard way (≥ ≤ = > <)."""
        return self.op_text in _STANDARD_SYMBOLS

    @property
    def folded(self) -> str:
        return fold(self.text)

    def is_prose(self, min_chars: int = 15) -> bool:
        """A qualitative value that reads as a sentence, not a target."""
        if self.number is not None:
            return False
        t = fold(self.text)
        return len(t) > min_chars or any(c in t for c in "，。；;,")


def parse_value(raw: object) -> Value:
    """Indicator value → Value(op, number, unit, text)."""
    if type(raw) is str:
        return _parse_value_text(raw)
    return _parse_value(raw)


@lru_cache(maxsize=4096)
def _parse_value_text(raw: str) -> Value:
    """Values repeat across a run (=100.00(%), ≥90.00(%)): each is parsed once."""
    return _parse_value(raw)


def _parse_value(raw: object) -> Value:
    if raw is None:
        return Value(raw=raw, text="")
    if isinstance(raw, bool):
        text = "是" if raw else "否"
        return Value(raw=raw, text=text)
    if isinstance(raw, (int, float, Decimal)):
        if isinstance(raw, float) and raw != raw:  # NaN has no number
            return Value(raw=raw, text=str(raw))
        number = _decimal(str(raw))
        return Value(raw=raw, text=str(raw), op=EQ, number=number, bare=number is not None)
    if not isinstance(raw, str):
        return Value(raw=raw, text=str(raw))
    text = raw.translate(_INVISIBLE).strip()
    work = unicodedata.normalize("NFKC", text)
    m = _QUANT_RE.search(work)
    if m is None:
        return Value(raw=raw, text=text)
    number = _decimal(m.group("num").replace(",", ""))
    if number is None:
        return Value(raw=raw, text=text)
    op_text = m.group("op") or ""
    # An ASCII "-" after a number-less operator is a sign; "90-95" is a range.
    prefix = work[: m.start()].strip()
    rest = work[m.end():].strip()
    op = _OP_LOOKUP.get(op_text) if op_text else None
    if op_text == "达" or op_text == "达到":
        # 达…以上 is the same bound; 达 alone reads as "reach" (≥)
        op = GE
    suffix_op, rest = _strip_suffix_op(rest)
    if op is None and suffix_op is not None:
        op, op_text = suffix_op, _suffix_word(work[m.end():])
    unit = _unit(rest)
    only_unit = _unit_alone(rest, unit)
    unit = _UNIT_ALIASES.get(unit, unit)  # >=100百分比 is in %
    # a long "unit" is really trailing text (2018年年内完成), not a bare number
    bare = prefix == "" and op_text == "" and only_unit and len(unit) <= 4
    if op is None:
        op = EQ
    if op_text:  # the operator as the user typed it (NFKC folded ＝ into =)
        op_text = _original_op(text, op_text)
    return Value(raw=raw, text=text, op=op, number=number, unit=unit, op_text=op_text,
                 bare=bare, prefix=prefix)


def _original_op(text: str, folded_op: str) -> str:
    """Return the operator as the user typed it (＝ folds to =, so check the raw text)."""
    if folded_op in text:
        return folded_op
    for spelling in ("＞＝", "＜＝", "＝＞", "＝＜", "＞=", "＜=", "＝＝", "＝", "＞", "＜"):
        if spelling in text and unicodedata.normalize("NFKC", spelling) == folded_op:
            return spelling
    return folded_op


def _strip_suffix_op(rest: str) -> Tuple[Optional[str], str]:
    for word, op in _SUFFIX_OPS:
        i = rest.find(word)
        if i >= 0:
            return op, (rest[:i] + rest[i + len(word):]).strip()
    return None, rest


def _suffix_word(rest: str) -> str:
    for word, _ in _SUFFIX_OPS:
        if word in rest:
            return word
    return ""


def _unit(rest: str) -> str:
    """What follows the number, brackets stripped: `(%)`→`%`, ` 课时`→`课时`."""
    rest = rest.strip()
    if not rest:
        return ""
    m = _BRACKETED_UNIT_RE.match(rest)
    if m:
        return m.group(1).strip()
    m = _UNIT_RE.match(rest)
    return m.group(0) if m else ""


# spellings of a unit that mean another (NFKC already made ％ into %)
_UNIT_ALIASES = {"百分比": "%", "百分率": "%"}


@lru_cache(maxsize=1024)
def unit_text(raw: str) -> str:
    """A `unit` column (度量单位 / 计量单位) as a unit: folded, brackets
    stripped, `百分比` → `%`; "" for a blank or a number (a number is no unit:
    LG213/LG214 report it)."""
    t = fold(raw or "")
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    if not t or _NUMBER_RE.fullmatch(t.replace(" ", "")):
        return ""
    return _UNIT_ALIASES.get(t, t)


def _unit_alone(rest: str, unit: str) -> bool:
    """`rest` is the unit and nothing else, bracketed or not: `(%)`, `%`, `( % )`
    (a unit never holds a bracket; string operations, not a pattern per value)."""
    r = rest[1:] if rest.startswith("(") else rest
    r = r[:-1] if r.endswith(")") else r
    return r.strip() == unit


def _decimal(text: str) -> Optional[Decimal]:
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def format_number(d: Decimal) -> str:
    """Decimal → plain text without exponent or trailing noise: 1139000, 0.5, 1E+28 → 1000…0."""
    if d == d.to_integral_value():
        return format(d.to_integral_value(), "f")
    return format(d.normalize(), "f")


# ---------------------------------------------------------------- amounts

_AMOUNT_RE = re.compile(rf"^{_NUMBER}$")
_WAN_RE = re.compile(rf"^({_NUMBER})万元?$")
_ABSENT = {"", "N/A", "n/a"}
# RULES.md: a bare dash, slash or 无 in an amount slot is the form's way of writing
# "none": 0, marked NONE so that a view can tell it from a typed 0 (LG307).
_NONE_MARKS = {"无", "-", "—", "－", "/", "--", "——", "－－", "―"}
NONE, MONTH = "none", "month"  # Parsed.hint of a none mark / of a month-precision date


class Parsed(NamedTuple):
    """Result of reading an amount, date or percentage (a tuple: made for
    every amount and date of every table, so it must be cheap).

    `ok` False means the text was present but could not be read (LG003);
    `value` None with ok True means "absent". `hint`: for an unreadable
    amount written in 万, the figure in 元; NONE for an amount written as a
    none mark (value 0); MONTH for a date of month precision (value: the
    month's first day; see first_day/last_day)."""

    ok: bool
    value: object = None
    hint: str = ""


_PRESENT_NOTHING, _UNREADABLE = Parsed(True), Parsed(False)  # shared: the commonest results
_NONE_AMOUNT = Parsed(True, Decimal(0), NONE)


def parse_amount(raw: object) -> Parsed:
    return _parse_amount_text(raw) if type(raw) is str else _parse_amount(raw)


def _parse_amount(raw: object) -> Parsed:
    """Amount in 元: numbers, `"1,139,000.00"`, `"1 139 000"`, full-width digits, a trailing 元."""
    if raw is None:
        return _PRESENT_NOTHING
    if isinstance(raw, bool):
        return _UNREADABLE
    if type(raw) is int:  # the usual amount: exact, no text round trip
        return Parsed(True, Decimal(raw))
    if isinstance(raw, (int, float)):
        d = _decimal(repr(raw) if isinstance(raw, float) else str(raw))
        return Parsed(d is not None, d)
    if not isinstance(raw, str):
        return _UNREADABLE
    t = fold(raw)
    if t in _ABSENT:
        return _PRESENT_NOTHING
    if t in _NONE_MARKS:
        return _NONE_AMOUNT
    t = t.replace("，", ",").replace(" ", "").replace("\u3000", "")
    if t.endswith("元") and not t.endswith("万元"):
        t = t[:-1]
    if _AMOUNT_RE.match(t):
        d = _decimal(t.replace(",", ""))
        return Parsed(d is not None, d)
    m = _WAN_RE.match(t)
    if m:  # readable to a human, but the format says 元: ask for the figure
        d = _decimal(m.group(1).replace(",", ""))
        if d is not None:
            return Parsed(False, None, format_number(d * 10000))
    return _UNREADABLE


def parse_points(raw: object) -> Parsed:
    """A weight or score (分值, 得分, 权重): a number, `10`, `"10分"`, `"9.5 分"`,
    `"10%"` (a 权重 column in percent of the 100 points)."""
    if type(raw) is str:
        t = fold(raw)
        if t.endswith(("分", "%")):
            raw = t[:-1]
    return parse_amount(raw)


# ---------------------------------------------------------------- dates

_DATE_RE = re.compile(
    r"^(\d{4})\s*(?:[-/.年]\s*)(\d{1,2})\s*(?:[-/.月]\s*)(\d{1,2})\s*日?"
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# month precision, as real forms write a period: 202001, 2023.07, 2023-7, 2023年7月
_MONTH_RE = re.compile(r"^(\d{4})\s*(?:[-/.年]\s*)(\d{1,2})\s*月?$|^(\d{4})(\d{2})$")


def parse_date(raw: object) -> Parsed:
    return _parse_date_text(raw) if type(raw) is str else _parse_date(raw)


def _parse_date(raw: object) -> Parsed:
    """`2018/1/1`, `2018. 1. 1`, `2018年1月1日`, `2018-01-01`, YAML dates."""
    if raw is None:
        return _PRESENT_NOTHING
    if isinstance(raw, _dt.datetime):
        return Parsed(True, raw.date())
    if isinstance(raw, _dt.date):
        return Parsed(True, raw)
    if not isinstance(raw, str):
        return _UNREADABLE
    t = fold(raw)
    if t in _ABSENT:
        return _PRESENT_NOTHING
    m = _DATE_RE.match(t) or _COMPACT_DATE_RE.match(t)
    if not m:
        m = _MONTH_RE.match(t)
        if m is None:
            return _UNREADABLE
        year, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        try:
            return Parsed(True, _dt.date(int(year), int(month), 1), MONTH)
        except ValueError:
            return _UNREADABLE
    try:
        return Parsed(True, _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        return _UNREADABLE


def first_day(p: Parsed) -> Optional[_dt.date]:
    """The earliest day a read date can mean: the date, or its month's first day."""
    return p.value if p.ok else None


def last_day(p: Parsed) -> Optional[_dt.date]:
    """The latest day a read date can mean: the date, or its month's last day
    (a period that ends in 202012 ends on 31 December)."""
    d = p.value if p.ok else None
    if d is None or p.hint != MONTH:
        return d
    nxt = _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return nxt - _dt.timedelta(days=1)


# ---------------------------------------------------------------- percentages

_PCT_RE = re.compile(rf"^(?:资金使用)?\s*({_NUMBER})\s*%?$")


def parse_pct(raw: object) -> Parsed:
    return _parse_pct_text(raw) if type(raw) is str else _parse_pct(raw)


def _parse_pct(raw: object) -> Parsed:
    """Cumulative fund use: `30`, `"30%"`, `"30 ％"`, `0.3` stays 0.3 (no guessing)."""
    if raw is None:
        return _PRESENT_NOTHING
    if isinstance(raw, bool):
        return _UNREADABLE
    if isinstance(raw, (int, float)):
        d = _decimal(repr(raw) if isinstance(raw, float) else str(raw))
        return Parsed(d is not None, d)
    if not isinstance(raw, str):
        return _UNREADABLE
    t = fold(raw)
    if t == "":
        return _PRESENT_NOTHING
    m = _PCT_RE.match(t)
    if not m:
        return _UNREADABLE
    d = _decimal(m.group(1).replace(",", ""))
    return Parsed(d is not None, d)


# small caches: the common spellings repeat, the rest is cheap to parse again,
# and memory must not grow with the number of files
_parse_amount_text = lru_cache(maxsize=2048)(_parse_amount)
_parse_date_text = lru_cache(maxsize=2048)(_parse_date)
_parse_pct_text = lru_cache(maxsize=1024)(_parse_pct)
