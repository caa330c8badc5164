"""YAML syntax errors in the user's words, at the line where the problem starts.

These tests pin the behaviour of a dependency: PyYAML and the libyaml it ships.
lintgoals recognises each kind of error by libyaml's problem/context strings;
a PyYAML release that rewords them, moves their marks or changes its nesting
limit fails a test here whose name says `pyyaml`.
"""
from __future__ import annotations

import json
import re

import pytest
import yaml

from lintgoals.load import load_bytes
from checks.input import _reason

CJK = re.compile(r"[\u4e00-\u9fff]")

# (kind, text, line where the problem starts, a word the Chinese message must hold)
CASES = [
    ("unclosed-quote", 'year: 2026\nproject: {name: "党员远教}\nindicators:\n  - {name: a, value: b}\n', 2, "引号"),
    ("unclosed-quote", "year: 2026\nproject:\n  name: '党员远教\nindicators: []\nz: 2\n", 3, "引号"),
    ("missing-colon", "year: 2026\nproject\n  name: x\nindicators: []\n", 2, "冒号"),
    ("missing-colon", "year: 2026\nproject:\n  name x\n  unit: y\n", 3, "冒号"),
    ("fullwidth-colon", "year: 2026\nproject：\n  name: x\n", 2, "中文冒号"),
    ("fullwidth-colon", "year: 2026\nproject:\n  name： 党员远教\n  unit: y\n", 3, "中文冒号"),
    ("two-colons", "year: 2026\ngoals:\n  annual: 目标: 完成\n", 3, "引号"),
    ("bad-indentation", "year: 2026\nproject:\n  name: x\n unit: y\n", 4, "缩进"),
    ("bad-indentation", "year: 2026\n project: x\nindicators: []\n", 2, "缩进"),
    ("key-too-long", "year: 2026\n" + "键" * 1500 + ": 1\n", 2, "1024"),
    ("text-after-value", 'year: 2026\nproject: {name: x}\ngoals:\n  annual: "完成" 全部\n', 4, "引号"),
    ("tab", "year: 2026\nproject:\n\tname: x\n", 3, "制表符"),
    ("duplicate-anchor", "a: &x 1\nb: &x 2\nc: *x\n", 2, "锚点"),
    ("undefined-alias", "year: 2026\nproject: *p\n", 2, "锚点"),
    ("bad-alias", "year: 2026\nindicators:\n  - {name: a, value: *}\n", 3, "引号"),
    ("unclosed-bracket", "year: 2026\nindicators: [{name: a, value: b}\n", 2, "]"),
    ("unclosed-bracket", "year: 2026\nproject: {name: x\nindicators: []\n", 2, "}"),
    ("list-mixed", "indicators:\n  - {name: a, value: b}\n  name: c\n", 3, "列表"),
    ("two-documents", "year: 2026\n---\nyear: 2025\n", 2, "一张表"),
    ("directive", "%表格\nyear: 2026\n", 1, "指令"),
    ("missing-value", "year: 2026\nindicators: [1,, 2]\n", 2, "缺少值"),
    ("bad-start", "year: 2026\nproject: {name: @党建}\n", 2, "引号"),
    ("bad-escape", 'year: 2026\nproject: {name: "a\\q"}\n', 2, "转义"),
    ("control-char", "year: 2026\nproject: {name: 党员\x07远教}\n", 2, "控制字符"),
    ("too-deep", "a: " + "[" * 2000 + "]" * 2000 + "\n", 1, "嵌套"),
    ("too-deep", "".join("  " * i + "k%d:\n" % i for i in range(1200)) + "  " * 1200 + "v\n", None, "嵌套"),
]


def _problem(text):
    doc = load_bytes(text.encode("utf-8"), "t.yaml")
    assert doc.problems, "expected a syntax error"
    return doc.problems[0]


@pytest.mark.parametrize("kind,text,line,word", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_pyyaml_error_explained_at_its_start(kind, text, line, word):
    p = _problem(text)
    assert p.args.get("kind", p.kind) == kind or p.kind == kind, (p.kind, p.args)
    if line is not None:
        assert p.location.line == line, (p.location, p.args)
    reason = _reason(p.kind, p.args)
    assert word in reason["zh"], reason["zh"]
    parser = p.args.get("parser", "")
    # the parser's English is kept for --verbose, never in the message
    assert not parser or parser not in reason["zh"]
    assert not re.search(r"\b(while|found|expected|scanning|parsing)\b", reason["zh"]), reason["zh"]
    assert not re.search(r"\b(while|found|scanning|parsing)\b", reason["en"]), reason["en"]
    # English stays English outside the examples it quotes
    assert not CJK.search(re.sub(r"(e\.g\.|例如).*", "", reason["en"])), reason["en"]


def test_pyyaml_nesting_limit_is_a_chinese_finding_whichever_pyyaml(tmp_path):
    """libyaml 0.2.5 in PyYAML ≥ 6.0.2 wheels stops at 1000 levels with its own
    error; older builds recurse until our own limit: both read the same."""
    from lintgoals.cli import main  # noqa: F401  (the CLI must import)
    p = _problem("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert p.kind == "too-deep"
    assert "嵌套超过" in _reason(p.kind, p.args)["zh"]


def test_pyyaml_problem_strings_we_key_on():
    """The strings lintgoals recognises, straight from PyYAML: a release that
    rewords them fails here (name the dependency in the fix)."""
    from lintgoals.load import _ComposeLoader

    def err(text):
        with pytest.raises(yaml.YAMLError) as info:
            yaml.compose(text, Loader=_ComposeLoader)
        e = info.value
        return f"{getattr(e, 'context', '')} | {getattr(e, 'problem', '')}"

    assert "quoted scalar" in err('a: "x\n')
    assert "simple key" in err("year: 2026\nproject\n  name: x\n")
    assert "mapping values are not allowed" in err("a: b: c\n")
    assert "did not find expected key" in err("a:\n  b: 1\n c: 2\n")
    assert "cannot start any token" in err("a:\n\tb: 1\n")
    assert "flow sequence" in err("a: [1, 2\n")
    assert "duplicate anchor" in err("a: &x 1\nb: &x 2\n")
    assert "undefined alias" in err("a: *y\n")


def test_syntax_error_through_the_cli_names_line_and_keeps_parser_text(tmp_path):
    from typer.testing import CliRunner

    from lintgoals.cli import app

    f = tmp_path / "t.yaml"
    f.write_text('year: 2026\nproject: {name: "党员远教}\nindicators: []\n', encoding="utf-8")
    r = CliRunner().invoke(app, ["check", str(f), "--format", "json", "--no-cache"])
    found = json.loads(r.stdout)["findings"]
    assert found[0]["code"] == "LG001" and found[0]["line"] == 2
    assert "引号没有闭合" in found[0]["message"]
    assert "scanning" not in found[0]["message"]


def test_verbose_shows_the_parser_text_on_stderr(tmp_path):
    from conftest import run_cli

    f = tmp_path / "t.yaml"
    f.write_text('year: 2026\nproject: {name: x\nindicators: []\n', encoding="utf-8")
    code, out, err = run_cli("check", "--verbose", "--no-cache", str(f))
    assert code == 1 and "解析器原文" in err and "flow mapping" in err
    assert "flow mapping" not in out  # the report itself stays Chinese
    code, out, err = run_cli("check", "--no-cache", str(f))
    assert "flow mapping" not in out + err
