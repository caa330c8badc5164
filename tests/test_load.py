"""The loader resolves implicit tags itself (see load._ComposeLoader): it must
read every value exactly as PyYAML's SafeLoader does, dates excepted (kept as
the text the user wrote)."""
import datetime as dt

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lintgoals.load import load_bytes

SCALARS = [
    "", "~", "null", "Null", "NULL", "true", "True", "false", "FALSE", "yes", "no", "on", "off",
    "0", "-0", "+12", "012", "0o17", "0x1F", "0b101", "1_000", "190:20:30", "3.14", "-.5", ".inf", "-.INF",
    ".nan", "1e3", "1.0e+3", "6.8523015e+5", "2026-01-01", "2026-1-1", "2026-01-01 10:00:00",
    "2001-12-14t21:59:43.10-05:00", "≥90.00(%)", "满意度", "100万元", "'quoted'", '"1"', "'true'",
    "<<", "=", "a: b", "[1, 2]", "{a: 1}", "- x", "! 12", "!!str 12", "!!int '12'", "!!float 1",
    "&a 1", "1 # comment", "|\n  block\n  text", ">\n  folded\n  text",
]


def ours(text: str):
    doc = load_bytes(("v: " + text + "\n").encode("utf-8"), "t.yaml")
    return doc.problems, (doc.data or {}).get("v") if isinstance(doc.data, dict) else None


def expected(text: str):
    value = yaml.safe_load("v: " + text + "\n")["v"]
    if isinstance(value, (dt.date, dt.datetime)):  # lintgoals keeps dates as written
        node = yaml.compose("v: " + text + "\n").value[0][1]
        return node.value
    return value


def same(a, b) -> bool:
    """Equal and of the same kind (True is not 1; a read-only list is a list)."""
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True  # nan
    for kind in (list, dict):
        if isinstance(a, kind):
            return isinstance(b, kind) and a == b
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("text", SCALARS)
def test_values_read_as_safeloader_reads_them(text):
    problems, value = ours(text)
    try:
        want = expected(text)
    except yaml.YAMLError:
        assert problems and problems[0].kind in ("yaml-syntax", "unsafe-tag")
        return
    assert not problems, (text, problems)
    assert same(value, want), (text, value, want)


_PLAIN = st.text(alphabet="0123456789+-._:eExXoObBtTfFnNyYaAlLsSuU~ 满%", min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(_PLAIN)
def test_generated_plain_scalars_read_as_safeloader_reads_them(text):
    test_values_read_as_safeloader_reads_them(text)


def test_complex_key_is_named_readably():
    doc = load_bytes(b"? [a, 1]\n: x\n? [a, 1]\n: y\n", "t.yaml")
    assert doc.duplicates and "a" in doc.duplicates[0][0][-1]
