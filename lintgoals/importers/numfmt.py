"""A spreadsheet number as the text a person sees in the cell.

Excel stores a typed `100%` as `1` with the format `0%`, a date as a day
serial (44561) with a date format, and `1,139,000.00` as 1139000 with
`#,##0.00`. Reading the bare number would make a value the user never wrote
(`=1.00(%)`), so every number is rendered through its cell's format code.
Each code is compiled once into a small renderer (codes repeat on every cell).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Callable

# ECMA-376 Part 1 §18.8.30: the built-in formats (ids absent from styles.xml).
# 14-22 and the CJK ids 27-36, 50-58 are dates; the zh-CN locale shows them as dates too.
BUILTIN = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00",
    12: "# ?/?", 13: "# ??/??", 14: "yyyy-mm-dd", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy-mm-dd h:mm", 37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss",
    46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
BUILTIN.update({i: "yyyy-mm-dd" for i in list(range(27, 37)) + list(range(50, 59))})

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_TOKENS = re.compile(r"[ymdhs]", re.I)


def code_for(num_fmt_id: int, custom: dict) -> str:
    return custom.get(num_fmt_id) or BUILTIN.get(num_fmt_id, "General")


def general(x: float) -> str:
    """Excel's General: an integer without a point, else up to 15 significant digits
    (the float noise of 0.1+0.2 is not shown)."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return format(x, ".15g")


@lru_cache(maxsize=512)
def renderer(code: str, date1904: bool = False) -> Callable[[float], str]:
    """format code → function(number) → displayed text."""
    if not code or code.lower() == "general" or code == "@":
        return general
    sections = _split_sections(code)
    fns = [_section(s, date1904) for s in sections]
    if len(fns) == 1:
        return fns[0]
    pos, neg = fns[0], fns[1]
    zero = fns[2] if len(fns) > 2 else pos

    def pick(x: float) -> str:
        if x > 0:
            return pos(x)
        if x < 0:  # the negative section shows the magnitude; its own text says minus or ()
            return neg(-x)
        return zero(x)
    return pick


def _split_sections(code: str):
    out, cur, i = [], [], 0
    while i < len(code):
        ch = code[i]
        if ch == '"':
            j = code.find('"', i + 1)
            j = len(code) - 1 if j < 0 else j
            cur.append(code[i:j + 1])
            i = j + 1
            continue
        if ch == "\\" and i + 1 < len(code):
            cur.append(code[i:i + 2])
            i += 2
            continue
        if ch == ";":
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out[:3]


def _literal(piece: str) -> str:
    """The text a format prints as is: "万元", \\%, and plain characters."""
    if piece.startswith('"'):
        return piece[1:-1]
    if piece.startswith("\\"):
        return piece[1:]
    if piece.startswith(("_", "*")):  # padding and fill: a space at most
        return ""
    if piece.startswith("["):
        return ""  # [Red], [$-804], conditions
    return piece


def _section(code: str, date1904: bool) -> Callable[[float], str]:
    bare = _QUOTED.sub("", code)
    if _DATE_TOKENS.search(bare) and not re.search(r"[0#?]", bare):
        return _date(code, date1904)
    if "E+" in bare.upper() or "E-" in bare.upper():
        return lambda x: _sci(x, bare)
    if "/" in bare and "?" in bare:
        return general  # fractions: rare on forms, shown as the number
    # split into the number part (digits, #, 0, ?, ., ,) and literal text around it
    tokens = []
    for m in re.finditer(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|[0#?.,]+|%|.', code):
        tokens.append(m.group(0))
    num_idx = [i for i, t in enumerate(tokens) if re.fullmatch(r"[0#?.,]+", t) and re.search(r"[0#?]", t)]
    if not num_idx:  # a text-only section ("-" for zero)
        text = "".join(_literal(t) for t in tokens)
        return lambda x: text
    first, last = num_idx[0], num_idx[-1]
    pattern = "".join(tokens[first:last + 1]).replace('"', "")
    pattern = re.sub(r"[^0#?.,]", "", pattern)
    percent = tokens.count("%")
    prefix = "".join(_literal(t) for t in tokens[:first])
    suffix = "".join(_literal(t) for t in tokens[last + 1:])
    intpart, _, frac = pattern.partition(".")
    scale = 0
    while intpart.endswith(","):  # a trailing comma divides by 1,000
        intpart = intpart[:-1]
        scale += 1
    thousands = "," in intpart
    decimals = len(re.sub(r"[^0#?]", "", frac))
    min_frac = len(re.sub(r"[^0?]", "", frac))
    min_int = len(re.sub(r"[^0?]", "", intpart))
    factor = Decimal(100) ** percent / (Decimal(1000) ** scale)
    quantum = Decimal(1).scaleb(-decimals)

    def render(x: float) -> str:
        try:
            d = (Decimal(repr(x)) * factor).quantize(quantum, rounding=ROUND_HALF_UP)
        except InvalidOperation:
            return general(x)
        neg = d < 0
        s = format(abs(d), f"{',' if thousands else ''}.{decimals}f")
        whole, _, f = s.partition(".")
        if f and min_frac < decimals:  # '#' decimals: trailing zeros dropped
            f = f.rstrip("0")
            if len(f) < min_frac:
                f = f + "0" * (min_frac - len(f))
        if whole in ("0", "") and min_int == 0:
            whole = ""
        text = whole + ("." + f if f or (decimals and min_frac) else "")
        if not text:
            text = "0"
        return ("-" if neg else "") + prefix + text + suffix
    return render


def _sci(x: float, bare: str) -> str:
    m = re.search(r"\.([0#]+)E", bare, re.I)
    digits = len(m.group(1)) if m else 0
    return format(x, f".{digits}E")


_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


def serial_to_datetime(x: float, date1904: bool = False) -> dt.datetime:
    base = _EPOCH_1904 if date1904 else _EPOCH
    return base + dt.timedelta(days=x)


def _date(code: str, date1904: bool) -> Callable[[float], str]:
    """A date as ISO 2021-12-31 (with the time when the cell has one), the way
    format 1 writes it; a time-only format shows the time."""
    bare = _QUOTED.sub("", code).lower()
    has_date = bool(re.search(r"[yd]", bare)) or ("m" in bare and "h" not in bare and "s" not in bare)
    has_time = bool(re.search(r"[hs]", bare))

    def render(x: float) -> str:
        try:
            when = serial_to_datetime(x, date1904)
        except (OverflowError, ValueError):
            return general(x)
        when = (when + dt.timedelta(microseconds=500_000)).replace(microsecond=0) if has_time else when
        if has_date and has_time:
            return when.strftime("%Y-%m-%d %H:%M:%S" if "s" in bare else "%Y-%m-%d %H:%M")
        if has_time:
            return when.strftime("%H:%M:%S" if "s" in bare else "%H:%M")
        return when.date().isoformat()
    return render
