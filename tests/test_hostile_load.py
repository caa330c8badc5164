"""Hostile inputs at the loader (issue 16): each is a finding with a Chinese
message at the offending place, never an internal error."""
from __future__ import annotations

import os

import pytest

from checks.input import _reason
from lintgoals.load import load_bytes

CASES = [
    ("json nested 900 deep", '{"year": 2026, "x": ' + "[" * 900 + "]" * 900 + "}", True, "too-deep", (1, 1), "嵌套"),
    ("yaml nested 5000 deep", "x: " + "[" * 5000 + "]" * 5000 + "\n", False, "too-deep", None, "嵌套"),
    ("json amount of 4400 digits", '{"year": 2026, "budget": {"total": ' + "9" * 4400 + "}}", True, "long-number", (1, 36), "4400 位"),
    ("yaml amount of 4400 digits", "year: 2026\nbudget: {total: " + "9" * 4400 + "}\n", False, "long-number", (2, 17), "4400 位"),
    ("yaml value of 4400 digits", "year: 2026\nindicators: [{name: a, value: " + "1" * 4400 + "}]\n", False, "long-number", (2, 31), "4400 位"),
    ("json lone high surrogate", '{"year": 2026, "project": {"name": "\\ud800"}}', True, "lone-surrogate", (1, 37), "\\ud800"),
    ("json lone low surrogate", '{"year": 2026,\n "project": {"name": "a\\uDC00b"}}', True, "lone-surrogate", (2, 24), "代理"),
]


@pytest.mark.parametrize("what,text,json_mode,kind,where,word", CASES, ids=[c[0] for c in CASES])
def test_hostile_input_is_a_finding(what, text, json_mode, kind, where, word):
    doc = load_bytes(text.encode("utf-8"), "t.json" if json_mode else "t.yaml", json_mode=json_mode)
    assert [p.kind for p in doc.problems] == [kind]
    p = doc.problems[0]
    if where:
        assert (p.location.line, p.location.column) == where
    assert word in _reason(p.kind, p.args)["zh"]


def test_a_real_surrogate_pair_and_an_escaped_backslash_are_text():
    ok = '{"year": 2026, "project": {"name": "\\ud83d\\ude00 \\\\ud800"}, "indicators": [{"name": "a", "value": "1"}]}'
    doc = load_bytes(ok.encode(), "t.json", json_mode=True)
    assert not doc.problems and doc.project["name"] == "😀 \\ud800"


def test_many_duplicate_keys_are_each_located():
    text = "year: 2026\n" + "k: 1\n" * 2000
    doc = load_bytes(text.encode(), "t.yaml")
    assert len(doc.duplicates) == 1999
    path, loc, first = doc.duplicates[-1]
    assert path == ("k",) and loc.line == 2001 and first == 2
    js = '{"year": 2026, ' + ", ".join('"k": 1' for _ in range(2000)) + "}"
    doc = load_bytes(js.encode(), "t.json", json_mode=True)
    assert len(doc.duplicates) == 1999 and doc.duplicates[-1][2] == 1


def test_thousands_of_shape_problems_are_capped_with_a_count():
    """A file with 300 unknown keys is one problem told 200 times and then
    counted, not 300 report lines (checks/input.py MAX_SHAPE_FINDINGS)."""
    from checks.input import MAX_SHAPE_FINDINGS
    from lintgoals.testing import run_case

    keys = "".join(f"  extra_{i}: 1\n" for i in range(300))
    doc = "year: 2026\nproject:\n  name: x\n" + keys + "indicators: [{level1: 产出指标, name: a, value: '=1(个)'}]\n"
    found = [f for f in run_case({"doc": doc}) if f.code == "LG002"]
    assert len(found) == MAX_SHAPE_FINDINGS + 1
    summary = [f for f in found if f.path == ""]
    listed = sorted(f.line for f in found if f.path)
    assert len(summary) == 1 and listed == list(range(4, 4 + MAX_SHAPE_FINDINGS))
    last = summary[0].args["reason"]
    assert "还有 100 处" in last["zh"] and "共 300 处" in last["zh"] and "100 more" in last["en"]


def test_big_tables_are_validated_row_by_row_with_the_same_errors():
    """Past ROWWISE_ROWS rows jsonschema sees only the rows the compiled
    predicate rejects: the errors are the same as one jsonschema pass."""
    from checks.input import _errors

    rows = [{"level1": "产出指标", "name": f"指标{i}", "value": "≥1(个)"} for i in range(80)]
    rows[3]["extra"] = 1            # unknown key
    del rows[40]["value"]           # missing key
    rows[77]["name"] = ["a"]        # wrong type
    doc = load_bytes(__import__("json").dumps({"project": {"name": "a", "bad": 1}, "indicators": rows},
                                              ensure_ascii=False).encode(), "t.json", json_mode=True)

    assert isinstance(doc.data["indicators"], list)  # the row-by-row path applies

    def seen(errors):
        return sorted((tuple(e.absolute_path), e.message) for e in errors)

    one_pass = seen(_errors(doc.data, rowwise_rows=10 ** 9))
    assert one_pass == seen(_errors(doc.data, rowwise_rows=0))
    assert {p[:2] for p, _ in one_pass if p and p[0] == "indicators"} == {("indicators", 3), ("indicators", 40), ("indicators", 77)}


def test_a_sheet_of_more_rows_than_any_form_is_refused_before_it_is_read(tmp_path):
    """issue 16: an xlsx of 100,000 rows took 35 s; past MAX_GRID_ROWS rows with
    text the sheet is LG001 naming the limit, without the layout recogniser."""
    import sys

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "benchmarks"))
    import hostile
    from lintgoals.importers import grid as grid_module
    from lintgoals.importers import load_form

    path = hostile.many_rows(str(tmp_path))  # the form's head, then 100,000 indicator rows
    docs = load_form(path, "rows.xlsx")
    assert [p.kind for d in docs for p in d.problems] == ["form-too-many-rows"]
    assert docs[0].problems[0].args["limit"] == grid_module.MAX_GRID_ROWS
    assert "超过每张工作表" in _reason("form-too-many-rows", docs[0].problems[0].args)["zh"]
